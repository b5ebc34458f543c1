/** The engine's options: which kinds of finding a check lists. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentChecker, checkDocument } from '../../src/diagnostics/engine';
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

describe('engine: the findings of a run so far (CheckRun.partial)', () => {
  const CONFLICT = 'Amazon invested $35 billion in Anthropic.';
  const UNKNOWN = 'Apple bought Beats for $3 billion.';
  /** Each case: its name, the draft, and the line the checked blocks reach after each step. */
  const cases: [string, string, number[]][] = [
    ['plain paragraphs', [CONFLICT, UNKNOWN, CONFLICT, CONFLICT].join('\n\n'), [2, 4, 6, Infinity]],
    ['a disable comment silences only what follows it', [CONFLICT, '<!-- dealcheck-disable -->', CONFLICT, '<!-- dealcheck-enable -->', CONFLICT].join('\n\n'), [2, 4, 6, 8, Infinity]],
    ['a disable-next-line comment', [CONFLICT, '<!-- dealcheck-disable-next-line -->', CONFLICT, CONFLICT].join('\n\n'), [2, 4, 6, Infinity]],
  ];
  for (const [name, text, steps] of cases)
    it(`${name}: after each block, the whole result's findings up to there`, () => {
      const options = { includeSupported: true, includeUnverified: true, withFixes: false };
      const whole = new DocumentChecker(kb).check(text, options).findings;
      const run = new DocumentChecker(kb).begin(text, options);
      const seen: number[] = [];
      for (let result = run.advance(0); ; result = run.advance(0)) {
        const upTo = run.checkedLines;
        seen.push(upTo);
        assert.deepEqual(run.partial(), whole.filter((f) => f.range.start.line < upTo), `up to line ${upTo}`);
        if (result) break;
      }
      assert.deepEqual(seen, steps);
      assert.ok(whole.some((f) => f.kind === 'conflict'));
    });
});
