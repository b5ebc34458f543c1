/** Hedges and rounding: when a writer's figure agrees with a source's value. */
import assert from 'node:assert/strict';
import { bundledUnits } from '../support/units';
import { findFigures } from '../../src/diagnostics/figures/find-figures';
import { agreeingAssertions, agrees } from '../../src/diagnostics/matching/agreement';
import type { Hedge } from '../../src/knowledge/schema';

const B = 1e9;
const rows: [writer: string, source: [number, number], hedge: Hedge, expected: boolean][] = [
  ['$58 billion', [58 * B, 58 * B], 'exact', true],
  ['nearly $60 billion', [58 * B, 58 * B], 'exact', true],
  ['$60 billion', [58 * B, 58 * B], 'exact', false],
  ['over 80%', [80, 80], 'exact', true],
  ['80%', [80, 80], 'more-than', true],
  ['over 70%', [80, 80], 'more-than', false],
  ['$13 billion', [13 * B, 13 * B], 'more-than', true],
  ['$19 billion', [20 * B, 20 * B], 'exact', false],
  ['$7 billion', [5 * B, 5 * B], 'exact', false],
  ['$25 billion', [25 * B, 25 * B], 'up-to', true],
  ['up to $25 billion', [25 * B, 25 * B], 'exact', true],
  ['roughly $4 billion', [2 * B, 2 * B], 'more-than', false],
  ['$100 billion-plus', [100 * B, 100 * B], 'more-than', true],
  ['$10-15 billion', [10 * B, 15 * B], 'range', true],
  ['$35-40 billion', [35 * B, 40 * B], 'range', true],
  ['$12 billion', [10 * B, 15 * B], 'range', true],
  ['$20 billion', [10 * B, 15 * B], 'range', false],
  ['30-50%', [30, 50], 'range', true],
  ['20-40%', [30, 50], 'range', false],
  ['60-70%', [70, 80], 'range', false],
  ['$30-35 billion', [35 * B, 40 * B], 'range', false],
  ['$10 billion to $15 billion', [10 * B, 15 * B], 'range', true],
  ['$10-15 billion', [13 * B, 13 * B], 'exact', true],
  ['about 20 months', [18, 18], 'about', false],
  ['an estimated $15 billion', [18 * B, 18 * B], 'estimate', false],
  ['roughly $13 billion', [13 * B, 13 * B], 'estimate', true],
  // "About" allows for rounding, not for another figure: 31% is not the 32% a source gives, nor $12 billion its "~$13B".
  ['about 31%', [32, 32], 'exact', false],
  ['about $12 billion', [13 * B, 13 * B], 'estimate', false],
  ['roughly a third of the market', [33, 33], 'exact', true],
  ['about $108 billion', [107.6 * B, 107.6 * B], 'exact', true],
  // "Nearly" reaches 5% below the number, no further: "almost $65 billion" is not "nearly $60 billion".
  ['almost $65 billion', [60 * B, 60 * B], 'nearly', false],
  ['850 TFLOPS', [800, 800], 'exact', false],
  ['1.8 TFLOPS per watt', [1.8, 1.8], 'exact', true],
  ['$0.80 per million tokens', [0.8, 0.8], 'exact', true],
  ['2,500 stars', [1200, 1200], 'more-than', false],
  ['24 months', [18, 18], 'about', false],
  ['18 months', [18, 18], 'exact', true],
  ['2024', [2024 * 12, 2024 * 12 + 11], 'exact', true],
  ['2022', [2024 * 12, 2024 * 12 + 11], 'exact', false],
  ['2026', [2026 * 12 + 6, 2026 * 12 + 8], 'exact', true],
  ['Q1 2026', [2026 * 12 + 6, 2026 * 12 + 8], 'exact', false],
  ['Q3 2026', [2026 * 12 + 6, 2026 * 12 + 8], 'exact', true],
];

describe('agrees', () => {
  for (const [writer, [lo, hi], hedge, expected] of rows) {
    it(`${writer} ${expected ? 'agrees' : 'disagrees'} with ${hedge} ${lo}${hi !== lo ? `-${hi}` : ''}`, () => {
      const [figure] = findFigures(writer, [], bundledUnits);
      assert.ok(figure, `no figure in ${writer}`);
      assert.equal(agrees(figure, { lo, hi }, hedge), expected);
    });
  }
});

const Y = (year: number, from = 0, to = 11): [number, number] => [year * 12 + from, year * 12 + to];
/** A date agrees with a source at that source's precision: a finer source of the same fact overrules a coarser one. */
const dateRows: [writer: string, sources: [number, number][], agreeing: number[]][] = [
  ['January 2026', [Y(2026), Y(2026, 1, 1)], []],
  ['February 2026', [Y(2026), Y(2026, 1, 1)], [0, 1]],
  ['2026', [Y(2026), Y(2026, 1, 1)], [0, 1]],
  ['Q1 2026', [Y(2026), Y(2026, 1, 1)], [0, 1]],
  ['January 2026', [Y(2026), Y(2026, 3, 5)], []],
  // Vaguer than the finer source and missing it all the same.
  ['Q2 2026', [Y(2026), Y(2026, 1, 1)], []],
  ['H1 2026', [Y(2026), Y(2026, 1, 1)], [0, 1]],
  ['January 2026', [Y(2026)], [0]],
  ['July 2025', [Y(2025), Y(2025, 7, 7), Y(2026, 1, 1)], []],
];

describe('agreeingAssertions', () => {
  for (const [writer, sources, expected] of dateRows) {
    it(`${writer} against ${sources.map(([lo, hi]) => `${lo}-${hi}`).join(', ')} agrees with [${expected.join(', ')}]`, () => {
      const [figure] = findFigures(writer, [], bundledUnits);
      assert.ok(figure, `no figure in ${writer}`);
      const assertions = sources.map(([lo, hi]) => ({ interval: { lo, hi }, assertion: { hedge: 'exact' as Hedge } }));
      assert.deepEqual(agreeingAssertions(figure, assertions).map((a) => assertions.indexOf(a)), expected);
    });
  }
});
