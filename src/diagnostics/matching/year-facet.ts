/**
 * A fact of a year ("the size of the AI training compute market in 2024") holds its year as well
 * as its value: a writer's "a $52 billion market in 2024" states both. The year is then cited on
 * the fact its clause's figure is read as, whether that figure agrees or not, as a date fact's
 * figure would be. A year is never flagged this way: another year said with the figure already
 * rules the fact out (features/year.ts), so the fact read is always the year's own.
 */
import type { Figure, Interval } from '../figures/figure';
import { spanIndexAt } from '../reading/layout';
import type { Evidence } from './evidence';
import type { ReadFigure } from './unit-reading';
import type { Match } from './verdict';

/** Months in a year: dates are months since year 0, and a bare year spans twelve of them (figures/kinds/date.ts). */
const MONTHS_IN_YEAR = 12;

/** The year a figure names when it is a bare year ("2024", "FY2024"), not a month, quarter or span. */
export function bareYear(figure: Figure): number | undefined {
  const { lo, hi } = figure.value;
  if (figure.type !== 'date' || hi - lo !== MONTHS_IN_YEAR - 1 || lo % MONTHS_IN_YEAR !== 0) return undefined;
  return lo / MONTHS_IN_YEAR;
}

/** A year as the interval of a date figure, to be written in the year figure's own style. */
export function yearInterval(year: number): Interval {
  return { lo: year * MONTHS_IN_YEAR, hi: year * MONTHS_IN_YEAR + MONTHS_IN_YEAR - 1 };
}

/**
 * Words at most between a year and the figure it dates: "$28 billion in 2024", "$45 billion of AI
 * revenue in 2024", "OCI's 2024 AI revenue is est. at $8B". A year further off in the clause
 * dates something else ("a $28 billion market, and regulators opened a review in 2024").
 */
const MAX_WORDS_BETWEEN = 5;

/** A word, for counting the words between a year and a figure. */
const WORD = /\S+/g;

/** How many words lie between two figures of a text. */
function wordsBetween(text: string, a: Figure, b: Figure): number {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return text.slice(first.end, second.start).match(WORD)?.length ?? 0;
}

/** The match of the figure of the year's clause, close by, whose fact is of that year; the nearest when several are. */
function yearHolder(year: Figure, reads: readonly ReadFigure[], ev: Evidence, clauseOf: (f: Figure) => number): Match | undefined {
  const y = bareYear(year);
  const clause = clauseOf(year);
  let best: { match: Match; words: number } | undefined;
  for (const r of reads) {
    const m = r.match;
    if (!m || m.facet || m.fact.fact.year !== y || clauseOf(r.figure) !== clause) continue;
    const words = wordsBetween(ev.text, year, r.figure);
    if (words <= MAX_WORDS_BETWEEN && (!best || words < best.words)) best = { match: m, words };
  }
  return best?.match;
}

/** The reads with each bare year that no fact of its own fits cited as the year of its clause's fact of that year. */
export function withYearFacets(reads: ReadFigure[], ev: Evidence): ReadFigure[] {
  if (!reads.some((r) => !r.match && bareYear(r.figure) !== undefined)) return reads;
  const clauseOf = (f: Figure) => spanIndexAt(ev.layout.clauses, f.start);
  return reads.map((r) => {
    if (r.match || bareYear(r.figure) === undefined) return r;
    const holder = yearHolder(r.figure, reads, ev, clauseOf);
    if (!holder) return r;
    const { fact, score } = holder;
    return { ...r, match: { figure: r.figure, fact, agreeing: [...fact.assertions], score, sentenceEnd: r.sentenceEnd, facet: 'year' } };
  });
}
