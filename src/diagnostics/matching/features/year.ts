/** Features about when: the fact's year, or another year, said near the figure or in its table headers. */
import { assertionDate } from '../../../knowledge/dates';
import { isChangeStart, sentenceFigures, wordWeight } from '../evidence';
import { spanIndexAt } from '../../reading/layout';
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
  // A change's start is not dated by its end's year: "a $210 billion market by 2028, growing at 75% a year from $32 billion".
  const ends = isChangeStart(c.ev, c.figure) ? sentenceFigures(c.ev, c.figure).filter((f) => f !== c.figure && f.type === c.figure.type) : [];
  for (const y of c.ev.years) {
    const w = wordWeight(c.ev, y, c.figure);
    if (ends.some((e) => wordWeight(c.ev, y, e) > w)) continue;
    if (y.year === year) same = Math.max(same, w);
    else other = Math.max(other, w);
  }
  for (const [y, w] of c.ev.header?.years ?? []) if (y !== year) other = Math.max(other, w);
  return { same, other };
}

/**
 * How strongly a year before everything the sources report of the fact is said in the figure's clause: "In
 * November 2025, OpenAI signed a $38 billion contract with AWS" is an earlier deal than the pact
 * sources date to 2026 (its assertions' "asOf"). Facts of a year are left to yearEvidence, and
 * dates are what is measured.
 */
export function earlierYearWeight(c: Candidate): number {
  const { fact } = c.fact;
  if (fact.year !== undefined || fact.type === 'date' || !c.ev.years.length) return 0;
  // Only a curator's "asOf" dates the deal itself; a source's date is when it was reported.
  const dated = c.fact.assertions.filter((a) => a.assertion.asOf !== undefined);
  if (!dated.length) return 0;
  const first = Math.min(...dated.map((a) => new Date(assertionDate(a.assertion, a.source)!.lo).getUTCFullYear()));
  let w = 0;
  // A year of another clause ("…, and Matt Garman, who took the helm in 2023, insists") dates something else.
  const { clauses } = c.ev.layout;
  const clause = spanIndexAt(clauses, c.figure.start);
  for (const y of c.ev.years) if (y.year < first && spanIndexAt(clauses, y.start) === clause) w = Math.max(w, wordWeight(c.ev, y, c.figure));
  return w;
}
