/** When an assertion's value held: its own "asOf", else its source's date, as an interval of days. */
import type { Assertion, Source } from './schema';

export interface DateSpan {
  /** First and last day the date covers, as UTC milliseconds: "2026" is all of 2026, "2026-04" all of April. */
  lo: number;
  hi: number;
  /** As written: 2026, 2026-04 or 2026-04-15. */
  text: string;
  /** The curator inferred it; the text gives no date. */
  inferred: boolean;
}

const DAY_MS = 86_400_000;

/** The days a date like 2026, 2026-04 or 2026-04-15 covers. */
export function dateSpan(text: string, inferred = false): DateSpan {
  const [y, m, d] = text.split('-').map(Number);
  if (d) return { lo: Date.UTC(y, m - 1, d), hi: Date.UTC(y, m - 1, d), text, inferred };
  if (m) return { lo: Date.UTC(y, m - 1, 1), hi: Date.UTC(y, m, 1) - DAY_MS, text, inferred };
  return { lo: Date.UTC(y, 0, 1), hi: Date.UTC(y + 1, 0, 1) - DAY_MS, text, inferred };
}

/** The assertion's date, or undefined when neither it nor its source has one. */
export function assertionDate(a: Assertion, source: Source): DateSpan | undefined {
  if (a.asOf) return dateSpan(a.asOf, a.asOfInferred ?? false);
  return source.date ? dateSpan(source.date, source.dateInferred ?? false) : undefined;
}

/** Strictly before: every day of `a` comes before every day of `b` (2026 is not before 2026-04). */
export function isBefore(a: DateSpan, b: DateSpan): boolean {
  return a.hi < b.lo;
}
