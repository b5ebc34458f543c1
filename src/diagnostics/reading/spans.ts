/**
 * Questions about a unit's spans (its names, its figures) asked once per figure or word: "does any
 * name overlap this figure?", "is this word inside a figure or a name?". A long paragraph has
 * hundreds of each, and walking every span for every question made it quadratic; the spans sorted
 * by start, with the furthest end reached so far, answer each question by binary search.
 */
import type { Span } from './layout';

export interface SpanIndex {
  /** The spans' starts, sorted. */
  starts: readonly number[];
  /** For each place in `starts`, the furthest end of the spans up to it. */
  reach: readonly number[];
}

/** Whether two spans share a character; the one-pair question the index answers for many. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function spanIndex(spans: readonly Span[]): SpanIndex {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  let furthest = -Infinity;
  for (const s of sorted) reach.push((furthest = Math.max(furthest, s.end)));
  return { starts: sorted.map((s) => s.start), reach };
}

/** How many spans start before `offset` (`inclusive`: at or before it). */
function countStarting(index: SpanIndex, offset: number, inclusive: boolean): number {
  let lo = 0;
  let hi = index.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.starts[mid] < offset || (inclusive && index.starts[mid] === offset)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether some span overlaps `span` (shares a character with it: s.start < span.end and span.start < s.end). */
export function overlapsAny(index: SpanIndex, span: Span): boolean {
  const n = countStarting(index, span.end, false);
  return n > 0 && index.reach[n - 1] > span.start;
}

/** Whether some span holds `span` whole (s.start <= span.start and span.end <= s.end). */
export function holdsAny(index: SpanIndex, span: Span): boolean {
  const n = countStarting(index, span.start, true);
  return n > 0 && index.reach[n - 1] >= span.end;
}

/** Index of the first of `items`, sorted by `at`, whose `at` is at or after `offset` (a lower bound). */
export function firstAtOrAfter<T>(items: readonly T[], offset: number, at: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(items[mid]) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
