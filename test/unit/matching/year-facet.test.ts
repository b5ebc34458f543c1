/** A year said with a figure of a fact of that year is cited on that fact (src/diagnostics/matching/year-facet.ts). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../../src/diagnostics/engine';
import { knowledgeBaseFromTexts } from '../../../src/knowledge/knowledge-base';

const { kb } = knowledgeBaseFromTexts([{ file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../../fixtures/matching.dealkb.json'), 'utf8') }]);

type Row = [draft: string, expected: [text: string, kind: string, fact: string, sourceValue: string, message: string][]];
const rows: Row[] = [
  // The year shows the fact's year, without the source's hedge on its amount ("an estimated").
  ['AWS booked about $45 billion of AI revenue in 2024.', [
    ['$45 billion', 'supported', 'amazon-ai-revenue-2024', 'an estimated $45 billion', "$45 billion is supported by source s1 on AWS's AI revenue in 2024."],
    ['2024', 'supported', 'amazon-ai-revenue-2024', '2024', "2024 is supported by source s1 on AWS's AI revenue in 2024."],
  ]],
  // Beside a wrong amount, the year is still the fact's own.
  ['Inference serving could reach $300 billion by 2028.', [
    ['$300 billion', 'conflict', 'inference-serving-2028', '$210 billion', '$300 billion conflicts with the source on the size of the AI inference serving market in 2028: $210 billion.'],
    ['2028', 'supported', 'inference-serving-2028', '2028', '2028 is supported by source s1 on the size of the AI inference serving market in 2028.'],
  ]],
  // More than five words away, the year dates something else.
  ['Inference serving was a $28 billion market, as a survey that came out in 2024 found.', [
    ['$28 billion', 'supported', 'inference-serving-2024', '$28 billion', '$28 billion is supported by source s1 on the size of the AI inference serving market in 2024.'],
  ]],
];

describe('year facet', () => {
  for (const [draft, expected] of rows) {
    it(draft, () => {
      const { findings } = checkDocument(draft, kb, { includeSupported: true });
      assert.equal(findings.length, expected.length, findings.map((f) => f.message).join('\n'));
      findings.forEach((f, i) => {
        const [text, kind, fact, value, message] = expected[i];
        assert.deepEqual([f.text, f.kind, f.fact, f.evidence[0].value, f.message], [text, kind, fact, value, message]);
      });
    });
  }
});
