/** What a finding says: the message, each source's value in the draft's own style, the evidence. */
import type { CompiledAssertion } from '../knowledge/knowledge-base';
import type { Hedge } from '../knowledge/schema';
import type { Evidence } from './finding';
import { figureKind } from './figures/kinds';
import type { Match } from './matching/matcher';
import { yearInterval } from './matching/year-facet';
import { statusNote, statusWords } from './status';

const HEDGE_WORDS: Record<Hedge, string> = {
  exact: '',
  range: '',
  'up-to': 'up to ',
  'more-than': 'more than ',
  'at-least': 'at least ',
  about: 'about ',
  estimate: 'an estimated ',
  nearly: 'nearly ',
  'less-than': 'less than ',
};

/** The words a source's hedge puts before its value; none for a fact's year (matching/year-facet.ts), which is no amount. */
function hedgeOf(match: Match, a: CompiledAssertion): string {
  return match.facet === 'year' ? '' : HEDGE_WORDS[a.assertion.hedge];
}

export interface SourceValue {
  /** The value as the figure's replacement, in the draft's style: "$25 billion". */
  replacement: string;
  /** With the first source's hedge: "up to $25 billion". */
  label: string;
  assertions: CompiledAssertion[];
  agrees: boolean;
}

/** Distinct source values for the fact, the best replacement first: most sources, then newest. */
export function sourceValues(match: Match): SourceValue[] {
  const kind = figureKind(match.figure.kind);
  const byValue = new Map<string, SourceValue>();
  for (const a of match.fact.assertions) {
    // A year said for a fact of that year is shown the fact's year, not its value (matching/year-facet.ts).
    const interval = match.facet === 'year' && match.fact.fact.year !== undefined ? yearInterval(match.fact.fact.year) : a.interval;
    const replacement = kind.render(interval, match.figure);
    const agrees = match.agreeing.includes(a);
    const v = byValue.get(replacement);
    if (v) {
      v.assertions.push(a);
      v.agrees ||= agrees;
    } else byValue.set(replacement, { replacement, label: hedgeOf(match, a) + replacement, assertions: [a], agrees });
  }
  const newest = (v: SourceValue) => v.assertions.map((a) => a.source.date ?? '').sort().at(-1) ?? '';
  return [...byValue.values()].sort(
    (a, b) => Number(b.agrees) - Number(a.agrees) || b.assertions.length - a.assertions.length || newest(b).localeCompare(newest(a)),
  );
}

function listValues(values: SourceValue[]): string {
  return values.map((v) => (v.assertions.length > 1 ? `${v.label} (${v.assertions.length} sources)` : v.label)).join(', ');
}

/** A message with the sources' differing statuses after it, if they differ. */
export function withNote(message: string, note: string | undefined): string {
  return note ? `${message} ${note}` : message;
}

/** Dates that only differ in precision ("2026" and "February 2026"): the sources do not disagree. */
function nestedDates(values: readonly SourceValue[]): boolean {
  const intervals = values.flatMap((v) => v.assertions.map((a) => a.interval));
  const narrowest = intervals.reduce((n, x) => (x.hi - x.lo < n.hi - n.lo ? x : n));
  return intervals.every((x) => x.lo <= narrowest.lo && narrowest.hi <= x.hi);
}

export function describeFinding(match: Match, values: SourceValue[]): { message: string; evidence: Evidence[]; sourcesAgree: boolean; statusNote?: string } {
  const { figure, fact } = match;
  const statement = fact.fact.statement;
  const sourcesAgree = values.length === 1 || (fact.fact.type === 'date' && nestedDates(values));
  const evidence: Evidence[] = [];
  for (const v of values) {
    for (const a of v.assertions) {
      evidence.push({
        source: a.source.id,
        title: a.source.title,
        publisher: a.source.publisher,
        date: a.source.date,
        file: a.source.file,
        quote: a.assertion.quote,
        value: hedgeOf(match, a) + v.replacement,
        agrees: match.agreeing.includes(a),
        note: a.assertion.note,
        ...evidenceDates(a),
        ...(statusWords(fact, a) === undefined ? {} : { status: statusWords(fact, a) }),
      });
    }
  }
  let message: string;
  if (match.agreeing.length) {
    const others = values.filter((v) => !v.agrees);
    const ids = [...new Set(match.agreeing.map((a) => a.source.id))];
    message = `${figure.text} is supported by ${ids.length === 1 ? 'source' : 'sources'} ${ids.join(', ')} on ${statement}`;
    message += others.length ? `; other sources say ${listValues(others)}.` : '.';
  } else {
    const every = fact.assertions.length > 1 ? 'every source' : 'the source';
    message = `${figure.text} conflicts with ${every} on ${statement}: ${listValues(values)}.`;
    if (!sourcesAgree) message += ' The sources disagree among themselves.';
  }
  const note = statusNote(fact, values);
  return { message: withNote(message, note), evidence, sourcesAgree, statusNote: note };
}

/** An assertion's own date, and whether the date it is shown with was inferred. */
function evidenceDates(a: CompiledAssertion): Pick<Evidence, 'asOf' | 'dateInferred'> {
  const inferred = a.assertion.asOf ? a.assertion.asOfInferred : a.source.date && a.source.dateInferred;
  return { ...(a.assertion.asOf ? { asOf: a.assertion.asOf } : {}), ...(inferred ? { dateInferred: true } : {}) };
}
