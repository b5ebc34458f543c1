/** Spans and sorted lookups (src/diagnostics/reading/spans.ts). */
import assert from 'node:assert/strict';
import { firstAtOrAfter } from '../../../src/diagnostics/reading/spans';

describe('firstAtOrAfter', () => {
  const starts = [{ start: 2 }, { start: 5 }, { start: 5 }, { start: 9 }];
  const rows: [offset: number, index: number][] = [
    [0, 0],
    [2, 0],
    [3, 1],
    [5, 1],
    [6, 3],
    [9, 3],
    [10, 4],
  ];
  for (const [offset, index] of rows) it(`the first item at or after ${offset} is item ${index}`, () => assert.equal(firstAtOrAfter(starts, offset, (s) => s.start), index));
  it('finds nothing in an empty list', () => assert.equal(firstAtOrAfter([], 3, (s: { start: number }) => s.start), 0));
});
