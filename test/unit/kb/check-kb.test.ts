/** kb check's source checks: where a quote stops matching its source, and whether it writes its value. */
import assert from 'node:assert/strict';
import { formatValue, quoteMismatch, quoteWritesValue } from '../../../src/cli/kb/check-kb';
import { type Assertion, Fact } from '../../../src/knowledge/schema';

const SOURCE = 'Amazon’s board approved it. Amazon committed up to 4 billion dollars to Anthropic — its largest bet.\n| Latency (ms) | 45 | 38 |';

describe('kb check: quotes', () => {
  const cases: [string, string | undefined][] = [
    ['Amazon committed up to 4 billion dollars to Anthropic', undefined],
    ['| Latency (ms) | 45 | 38 |', undefined],
    ["Amazon's board approved it.", 'the quote is not verbatim in the source text: after "Amazon" the source writes "’", the quote "\'" (copy quotes and dashes as the source has them)'],
    ['to Anthropic - its largest bet.', 'the quote is not verbatim in the source text: after "to Anthropic " the source writes "—", the quote "-" (copy quotes and dashes as the source has them)'],
    ['Amazon committed up to 5 billion dollars', 'the quote is not verbatim in the source text: after "Amazon committed up to " the quote has "5 billion dollars", the source "4 billion dollars to Ant"'],
    ['Google invested $2 billion.', 'the quote is not in the source text'],
  ];
  for (const [quote, expected] of cases) it(`${JSON.stringify(quote)}: ${expected ?? 'verbatim'}`, () => assert.equal(quoteMismatch(SOURCE, quote), expected));
});

describe('kb check: values in their quote', () => {
  const fact = (type: string, unit?: string) => Fact.parse({ id: 'f', statement: 's', subject: 'a', relation: 'r', type, unit, assertions: [{ source: 's', value: 1, quote: 'q' }] });
  const cases: [string, string | undefined, Assertion['value'], string, boolean][] = [
    ['money', undefined, { amount: 4, scale: 'billion' }, 'Amazon committed up to 4 billion dollars', true],
    ['money', undefined, 4e9, 'Amazon committed up to $4B', true],
    ['money', undefined, { amount: 5, scale: 'billion' }, 'Amazon committed up to 4 billion dollars', false],
    ['money', undefined, { min: 10, max: 15, scale: 'billion' }, 'an additional $10-15 billion', true],
    ['spec', 'TFLOPS', 800, '| Training Throughput (TFLOPS, FP16) | 800 | 989 |', true],
    ['percent', undefined, 33, 'its 33% cloud market share', true],
    ['duration', 'years', 10, 'a decade-long commitment', true],
    ['duration', 'months', 9, 'within 6 months', false],
    ['date', undefined, { year: 2026, quarter: 3 }, 'By Q3 2026, AWS will launch', true],
    ['date', undefined, { year: 2026, quarter: 4 }, 'By Q3 2026, AWS will launch', false],
  ];
  for (const [type, unit, value, quote, expected] of cases) {
    it(`${JSON.stringify(value)} ${expected ? 'is' : 'is not'} in ${JSON.stringify(quote)}`, () => {
      assert.equal(quoteWritesValue(fact(type, unit), { source: 's', value, hedge: 'exact', quote }), expected);
    });
  }
});

describe('kb check: values as messages write them', () => {
  const fact = (type: string, unit?: string) => Fact.parse({ id: 'f', statement: 's', subject: 'a', relation: 'r', type, unit, assertions: [{ source: 's', value: 1, quote: 'q' }] });
  const rows: [type: string, unit: string | undefined, value: Assertion['value'], label: string | undefined, expected: string][] = [
    ['money', undefined, { amount: 4, scale: 'billion' }, undefined, '$4 billion'],
    ['percent', undefined, 33, undefined, '33%'],
    // A count or spec in the unit's label, not its id.
    ['spec', 'mw', 240, 'MW', '240 MW'],
    ['count', 'stars', 1200, undefined, '1,200 stars'],
  ];
  for (const [type, unit, value, label, expected] of rows)
    it(`${JSON.stringify(value)} ${unit ?? ''} → ${expected}`, () =>
      assert.equal(formatValue(fact(type, unit), { source: 's', value, quote: 'q', hedge: 'exact' } as Assertion, label ?? unit), expected));
});
