/** Assertion values in the engine's base units (see diagnostics/figures/figure.ts). */
import { type Assertion, type CalendarDate, type Fact, SCALE_FACTOR } from './schema';

export interface BaseInterval {
  lo: number;
  hi: number;
}

/** Months in each unit of time a duration fact may be given in. A Map, so "constructor" is no unit. */
export const DURATION_UNITS: ReadonlyMap<string, number> = new Map([
  ['years', 12],
  ['year', 12],
  ['months', 1],
  ['month', 1],
  ['quarters', 3],
  ['quarter', 3],
  ['weeks', 12 / 52],
  ['week', 12 / 52],
  ['days', 12 / 365],
  ['day', 12 / 365],
  ['hours', 12 / (365 * 24)],
  ['hour', 12 / (365 * 24)],
  ['minutes', 12 / (365 * 24 * 60)],
  ['minute', 12 / (365 * 24 * 60)],
]);

export function dateInterval(d: CalendarDate): BaseInterval {
  const y = d.year * 12;
  if (d.month) return { lo: y + d.month - 1, hi: y + d.month - 1 };
  if (d.quarter) return { lo: y + (d.quarter - 1) * 3, hi: y + (d.quarter - 1) * 3 + 2 };
  if (d.half) return { lo: y + (d.half - 1) * 6, hi: y + (d.half - 1) * 6 + 5 };
  return { lo: y, hi: y + 11 };
}

/**
 * A duration shorter than a day (a charge, a keynote, a response) is another measure than one of
 * days to decades (a contract, a tenure): "a 6-minute explainer" says nothing of a 10-year deal.
 * Both are counted in months; the short ones are compared only with each other, as unit "hours".
 */
export const SHORT_DURATION = { unit: 'hours', belowMonths: 12 / 365 } as const;

/** The unit a fact's figures are compared in: durations in months ("hours" for short ones), everything else as stated. */
export function baseUnit(fact: Fact): string | undefined {
  if (fact.type !== 'duration') return fact.unit;
  return (DURATION_UNITS.get(fact.unit ?? 'months') ?? 1) < SHORT_DURATION.belowMonths ? SHORT_DURATION.unit : 'months';
}

export function assertionInterval(fact: Fact, a: Assertion): BaseInterval {
  const v = a.value;
  if (typeof v === 'object' && 'year' in v) return dateInterval(v);
  const factor = fact.type === 'duration' ? (DURATION_UNITS.get(fact.unit ?? 'months') ?? 1) : 1;
  if (typeof v === 'number') return { lo: v * factor, hi: v * factor };
  const scale = v.scale ? SCALE_FACTOR[v.scale] : 1;
  if ('amount' in v) return { lo: v.amount * scale * factor, hi: v.amount * scale * factor };
  return { lo: v.min * scale * factor, hi: v.max * scale * factor };
}
