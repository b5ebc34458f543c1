/** Features about when: the fact's year, or another year, said near the figure or in its table headers. */
import { wordWeight } from '../evidence';
import type { Candidate } from './candidate';

export interface YearEvidence {
  /** Weight of the fact's own year. */
  same: number;
  /** Weight of the strongest other year. */
  other: number;
}

/** For a fact of a year: how strongly that year, and how strongly another, is said for the figure. */
export function yearEvidence(c: Candidate): YearEvidence | undefined {
  const year = c.fact.fact.year;
  if (year === undefined) return undefined;
  let same = c.ev.header?.years.get(year) ?? 0;
  let other = 0;
  for (const y of c.ev.years) {
    const w = wordWeight(c.ev, y, c.figure);
    if (y.year === year) same = Math.max(same, w);
    else other = Math.max(other, w);
  }
  for (const [y, w] of c.ev.header?.years ?? []) if (y !== year) other = Math.max(other, w);
  return { same, other };
}
