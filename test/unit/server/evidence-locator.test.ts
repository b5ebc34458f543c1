/**
 * Where related information points (src/server/knowledge-host.ts, EvidenceLocator): a quote's line
 * in its source text, else its fact's entry in the knowledge base file. The locator keeps line
 * numbers, not the files' texts; each row is checked against a search of the texts themselves,
 * as the locator did when it kept them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentText } from '../../../src/diagnostics/engine';
import type { Finding } from '../../../src/diagnostics/finding';
import { knowledgeBaseFromTexts } from '../../../src/knowledge/knowledge-base';
import { EvidenceLocator } from '../../../src/server/knowledge-host';

type Evidence = Finding['evidence'][number];

/** The search over whole texts: the first file with an `id` field of the fact's id, then the quote's opening after it. */
function searchTexts(texts: readonly { uri: string; text: string }[], fact: string | undefined, quote: string): { uri: string; line: number } | undefined {
  for (const { uri, text } of texts) {
    const ids = new Map<string, number>();
    for (const m of text.matchAll(/["']?id["']?\s*:\s*["']?([a-z0-9][a-z0-9._-]*)/g)) if (!ids.has(m[1])) ids.set(m[1], m.index);
    const at = fact === undefined ? -1 : (ids.get(fact) ?? -1);
    if (at < 0) continue;
    const q = text.indexOf(JSON.stringify(quote).slice(1, 40), at);
    return { uri, line: documentText(text).positionAt(q >= 0 ? q : at).line };
  }
  return undefined;
}

const bundledText = readFileSync(join(__dirname, '../../../src/knowledge/bundled/dealcheck.dealkb.json'), 'utf8');
// A second file: the bundled facts again, written otherwise (one line each), and one fact of its own.
const bundled = JSON.parse(bundledText);
const own = { ...bundled.facts[0], id: 'own-fact', assertions: [{ ...bundled.facts[0].assertions[0], quote: 'A quote of its "own", with \\ escapes — and more than forty characters.' }] };
const secondText = `{\n${Object.entries({ ...bundled, facts: [...bundled.facts, own] }).map(([k, v]) => `"${k}": ${JSON.stringify(v)}`).join(',\n')}\n}\n`;
const texts = [
  { uri: 'file:///first.dealkb.json', text: bundledText },
  { uri: 'file:///second.dealkb.json', text: secondText },
];
const { kb, problems } = knowledgeBaseFromTexts([{ file: 'second.dealkb.json', text: secondText }]);

const finding = (fact: string | undefined): Finding => ({ fact }) as Finding;
const evidence = (quote: string, file = 'nowhere.txt'): Evidence => ({ source: 'x', quote, file }) as Evidence;

describe('EvidenceLocator', () => {
  const locator = new EvidenceLocator();
  locator.use(new Map([['article.txt', { uri: 'file:///article.txt', text: 'First line.\nSecond line, "quoted" here.\n' }]]), texts, kb.facts);

  it('the test knowledge base loads cleanly', () => assert.deepEqual(problems, []));

  it('every quote of every fact: the line a search of the texts finds', () => {
    let n = 0;
    for (const f of kb.facts)
      for (const a of f.assertions) {
        assert.deepEqual(locator.locate(finding(f.fact.id), evidence(a.assertion.quote)), searchTexts(texts, f.fact.id, a.assertion.quote), `${f.fact.id}: ${a.assertion.quote}`);
        n++;
      }
    assert.ok(n > 80, `only ${n} quotes`);
  });

  const rows: [name: string, fact: string | undefined, ev: Evidence, expected: { uri: string; line: number } | undefined][] = [
    ['a fact in both files is placed in the first', bundled.facts[3].id, evidence(bundled.facts[3].assertions[0].quote), searchTexts(texts, bundled.facts[3].id, bundled.facts[3].assertions[0].quote)],
    ['a fact of the second file alone, its quote escaped as JSON writes it', 'own-fact', evidence(own.assertions[0].quote), searchTexts(texts, 'own-fact', own.assertions[0].quote)],
    ['a quote the fact does not have: the fact\'s line', 'own-fact', evidence('not a quote of this fact'), searchTexts(texts, 'own-fact', 'not a quote of this fact')],
    ['a fact no file has', 'no-such-fact', evidence('anything'), undefined],
    ['a finding without a fact', undefined, evidence('anything'), undefined],
    ['a quote in its source text: that line', 'own-fact', evidence('"quoted" here', 'article.txt'), { uri: 'file:///article.txt', line: 1 }],
  ];
  for (const [name, fact, ev, expected] of rows) it(name, () => assert.deepEqual(locator.locate(finding(fact), ev), expected));

  it('the own fact sits on the second file\'s facts line', () => assert.deepEqual(locator.locate(finding('own-fact'), evidence(own.assertions[0].quote)), { uri: texts[1].uri, line: secondText.split('\n').findIndex((l) => l.startsWith('"facts"')) }));
});
