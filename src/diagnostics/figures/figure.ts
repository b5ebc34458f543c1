/**
 * A figure is a number a writer states: where it is, what kind of quantity it is, the interval
 * of values it means (a range, or one value widened by the writer's hedge and precision), and how
 * it is written, so a replacement can be written the same way.
 *
 * All values are plain numbers in one base unit per type: dollars, percent points, times,
 * months (durations), months since year 0 (dates), and the unit itself for counts and specs.
 */
import type { Hedge, ValueType } from '../../knowledge/schema';

export interface Interval {
  lo: number;
  hi: number;
}

export interface Figure {
  /** Id of the figure kind that found it (one file under figures/kinds). */
  kind: string;
  type: ValueType;
  /** For spec, count and duration figures: the normalised unit ("TFLOPS/W", "stars", "months"). */
  unit?: string;
  start: number;
  end: number;
  text: string;
  /** The value as written, before hedges widen it. */
  value: Interval;
  hedge: Hedge;
  /** Decimal places as written; rounding tolerance follows from it. */
  decimals: number;
  /** Multiplier from the written number to the base unit ($25 billion: 1e9). */
  factor: number;
  /** How to write another value in the same style: see FigureKind.render. */
  style: Record<string, string>;
}

export interface FigureKind {
  id: string;
  type: ValueType;
  /** Lower runs first when two kinds claim overlapping text. */
  priority: number;
  /** A cheap test that text may hold this kind's figures: most prose has none of them. */
  mayContain: RegExp;
  /** Finds this kind's figures in a piece of prose (offsets into `text`). */
  find(text: string): Figure[];
  /** Writes `value` (base unit) the way `like` is written. */
  render(value: Interval, like: Figure): string;
}

/** Formats a number the way writers do: no trailing zeros, thousands separators kept if the writer used them. */
export function formatNumber(n: number, opts: { decimals?: number; grouping?: boolean } = {}): string {
  const rounded = Math.round(n * 1e6) / 1e6;
  const decimals = opts.decimals ?? (Number.isInteger(rounded) ? 0 : Math.min(2, String(rounded).split('.')[1]?.length ?? 0));
  const grouping = opts.grouping ?? false;
  // toLocaleString builds a formatter on every call; these are made once.
  const key = `${decimals}${grouping ? ',' : ''}`;
  let format = FORMATS.get(key);
  if (!format) FORMATS.set(key, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: Math.max(decimals, 2), useGrouping: grouping })));
  return format.format(rounded);
}

const FORMATS = new Map<string, Intl.NumberFormat>();

/** The decimals a replacement keeps: the writer's if they wrote cents ("$1.50"), else what the value needs. */
export function replacementDecimals(value: number, like: Figure): number | undefined {
  return like.decimals === 2 ? 2 : undefined;
}

/** The separator of a range said "between X and Y" (figures/between.ts): written back the same way. */
export const BETWEEN_SEP = ' and ';

export function writeRange(v: Interval, write: (n: number) => string, sep: string): string {
  if (v.lo === v.hi) return write(v.lo);
  return sep === BETWEEN_SEP ? `between ${write(v.lo)} and ${write(v.hi)}` : `${write(v.lo)}${sep}${write(v.hi)}`;
}
