/** The engine's options: which kinds of finding a check lists. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../src/diagnostics/engine';
import { knowledgeBaseFromTexts } from '../../src/knowledge/knowledge-base';

const { kb } = knowledgeBaseFromTexts([
  { file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../fixtures/matching.dealkb.json'), 'utf8') },
]);

const DRAFT = 'Apple bought Beats for $3 billion.\n\nAmazon invested $35 billion in Anthropic.\n';

describe('engine: kinds of finding', () => {
  const cases: { options: Parameters<typeof checkDocument>[2]; expected: [string, string, number][] }[] = [
    { options: {}, expected: [['conflict', '$35 billion', 2]] },
    { options: { includeUnverified: true }, expected: [['unverified', '$3 billion', 0], ['conflict', '$35 billion', 2]] },
  ];
  for (const { options, expected } of cases) {
    it(`lists ${expected.map(([k]) => k).join(', ')} with ${JSON.stringify(options)}`, () => {
      const { findings } = checkDocument(DRAFT, kb, options);
      assert.deepEqual(findings.map((f) => [f.kind, f.text, f.range.start.line]), expected);
    });
  }

  it('an unverified figure has its code, a hint severity, no fact and no fixes', () => {
    const unverified = checkDocument(DRAFT, kb, { includeUnverified: true }).findings.find((f) => f.kind === 'unverified')!;
    assert.deepEqual(
      { code: unverified.code, severity: unverified.severity, fact: unverified.fact, fixes: unverified.fixes, range: unverified.range },
      { code: 'money-unverified', severity: 'hint', fact: undefined, fixes: [], range: { start: { line: 0, character: 23 }, end: { line: 0, character: 33 } } },
    );
  });
});
