/** What `dealcheck explain` says a figure's verdict is, a check reports, on every draft of the project's corpora. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../src/diagnostics/engine';
import { explainDocument } from '../../src/diagnostics/explain';
import { loadKnowledgeBase } from '../../src/knowledge';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const corpora = ['test/corpus', 'test/corpus-varied'].map((d) => join(__dirname, '../..', d));

describe('explain agrees with the check', () => {
  for (const dir of corpora) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      it(`${dir.split('/').pop()}/${name}`, () => {
        const text = readFileSync(join(dir, name), 'utf8');
        const checked = checkDocument(text, kb, { includeSupported: true, withFixes: false }).findings.map((f) => [
          f.range.start.line, f.range.start.character, f.kind, f.fact,
        ]);
        const explained = explainDocument(text, kb)
          .filter((e) => e.verdict !== 'silent')
          .map((e) => [e.range.start.line, e.range.start.character, e.verdict, e.fact]);
        assert.deepEqual(explained, checked);
      });
    }
  }
});

describe('explain says why a figure stayed silent', () => {
  const rows: [draft: string, figure: string, why: RegExp][] = [
    // No candidate fact at all.
    ['The weather held at 45% humidity.', '45%', /^silent: the sentence names no party and says no word of any percent fact/],
    // The best reading is no plausible mistake: 84 months against a gap of two.
    ['- **November 2025:** OpenAI signs a seven-year, $38 billion contract with AWS.', 'seven-year', /^silent: the best reading, openai-to-anthropic-deal-gap, is no plausible mistake: seven-year differs by more than 10 times/],

    // A figure of another kind in the clause reads as the same deal's other side, far from its value: another deal.
    ['Anthropic committed $12 million over seven years to AWS.', 'seven years', /^silent: \$12 million in its clause speaks of another deal than anthropic-aws-commitment-term$/],
    // A figure the writer denies is no claim.
    ['Amazon invested $8 billion in Anthropic, not $35 billion.', '$35 billion', /^silent: the writer denies it/],
    // "became" alone says no appointment: the knowledge base's became-ceo words are "became CEO", "took the helm"…
    ['Matt Garman is a company man. He arrived as an intern, before AWS launched its first services in 2006, and became a product manager.', '2006', /^silent/],
  ];
  for (const [draft, figure, why] of rows)
    it(`${figure} in ${JSON.stringify(draft)}`, () => assert.match(explainDocument(draft, kb).find((e) => e.text === figure)!.why, why));
});

describe('explain says why a year is cited on a fact it holds no value of', () => {
  const rows: [draft: string, figure: string, why: RegExp][] = [
    ['AI inference serving was a $28 billion market in 2024.', '2024', /^supported: the year of ai-inference-serving-size-2024, the fact a figure of its clause is read as$/],
    // Beside a wrong value too: the year is the fact's own.
    ['AI training compute was a $52 billion market in 2024.', '2024', /^supported: the year of ai-training-compute-size-2024/],
  ];
  for (const [draft, figure, why] of rows)
    it(`${figure} in ${JSON.stringify(draft)}`, () => assert.match(explainDocument(draft, kb).find((e) => e.text === figure)!.why, why));
});

describe('a sentence that names a party and says no measure takes the measure of the sentence before', () => {
  const rows: [draft: string, figure: string, why: RegExp][] = [
    // "cloud" of "Google Cloud" is a name's word, not a measure said.
    ["AWS's AI revenue reached $45 billion in 2024. Google Cloud sits at about $26 billion.", '$26 billion', /^conflict: agrees with no source on google-ai-revenue-2024$/],
  ];
  for (const [draft, figure, why] of rows)
    it(`${figure} in ${JSON.stringify(draft)}`, () => assert.match(explainDocument(draft, kb).find((e) => e.text === figure)!.why, why));
});

describe('a conflict is on the best reading whose parties and relation the sentence says', () => {
  const rows: [draft: string, figure: string, why: RegExp][] = [
    // A Microsoft forecast whose own words ("take its") the sentence echoes scores higher, but names nobody of it.
    [
      'Amazon seems to have bet big.\n\nProbably. One forecast has it adding $10–15 billion more to Anthropic within 12 months, which would take its total to $30–35 billion.',
      '$30–35 billion',
      /^conflict: agrees with no source on amazon-anthropic-total-prediction$/,
    ],
  ];
  for (const [draft, figure, why] of rows)
    it(`${figure} in ${JSON.stringify(draft)}`, () => assert.match(explainDocument(draft, kb).find((e) => e.text === figure)!.why, why));
});
