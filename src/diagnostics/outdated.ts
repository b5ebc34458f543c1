/**
 * Outdated figures: a figure that agrees only with values a newer source has replaced ("Amazon has
 * invested $4 billion in Anthropic", true in 2023, since raised to $8 billion and then up to $25
 * billion). A pure step after the matcher's verdict: it reads the match (the figure, its fact, the
 * assertions it agrees with) and the dates and statuses the curator gave the assertions.
 */
import type { CompiledAssertion } from '../knowledge/knowledge-base';
import { type DateSpan, assertionDate, dateSpan, isBefore } from '../knowledge/dates';
import { type Status, statusesOf } from '../knowledge/schema';
import { formatSourceDate } from './citations';
import { LEXICON, alternationOf } from './reading/lexicon';
import type { Match } from './matching/matcher';
import { type SourceValue, sourceValues } from './messages';
import { joinWords, sourceName } from './status';
import { allMatches } from './reading/all-matches';

/** A value with one of these statuses replaces nothing: an offer, a forecast or an estimate is no new fact. */
const NOT_UPDATING: ReadonlySet<Status> = new Set(['offered', 'rejected', 'predicted', 'estimated']);

export interface Outdated {
  /** The assertions the figure agrees with, each older than every one in `newer`. */
  older: CompiledAssertion[];
  /** The assertions that replace them, newest first. */
  newer: CompiledAssertion[];
}

/** Whether an assertion's value can replace an older one: dated, and a claim rather than an offer, forecast or estimate. */
function updates(a: CompiledAssertion): DateSpan | undefined {
  if (a.assertion.hedge === 'estimate' || statusesOf(a.assertion).some((s) => NOT_UPDATING.has(s))) return undefined;
  return assertionDate(a.assertion, a.source);
}

/** Words that set the figure in the past, as true then ("Amazon first committed up to $4 billion"). */
export const PAST_MARKER = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.pastMarkers)})(?![\p{L}\p{N}])`, 'iu');

/**
 * The figure is where a change starts ("raised its voucher from $100,000 to $120,000"): the
 * sentence itself says it is the earlier value. In the sentence without the figure, "from" meets "to".
 */
const CHANGE_FROM = /(?<![\p{L}\p{N}])from\s+to(?![\p{L}\p{N}])/iu;

/** Years the figure's sentence names besides the figure ("In 2023, Amazon committed $4 billion"). */
const YEAR = /(?<![\p{L}\p{N}])(?:19|20)\d\d(?![\p{L}\p{N}])/gu;

/**
 * The figure's sentence and the one before it in its unit, for the time they set: from the
 * sentence end before last, before the figure, to the figure's sentence end, without the figure
 * itself. A story told in the past keeps its time ("Amazon's answer came in September 2023. It
 * committed up to $4 billion").
 */
export function sentenceAround(text: string, figure: { start: number; end: number }, sentenceEnd: number): string {
  const start = secondEndBefore(text, figure.start);
  return `${text.slice(start, figure.start)} ${text.slice(figure.end, Math.max(sentenceEnd, figure.end))}`;
}

const SPACE = /\s/;

/**
 * The second-last sentence end before `at` (0 if there are fewer than two), found walking back
 * from it: where /[.!?]\s+|\n/g, run over the text up to `at`, ends a match. A run of white space
 * after a full stop, question or exclamation mark is one match, whole; in any other run each line
 * break is one. A walk from the start cost a long paragraph's every figure the text before it.
 */
export function secondEndBefore(text: string, at: number): number {
  const ends: number[] = [];
  let i = at;
  while (i > 0 && ends.length < 2) {
    if (!SPACE.test(text[i - 1])) {
      i--;
      continue;
    }
    const end = i;
    while (i > 0 && SPACE.test(text[i - 1])) i--;
    if (i > 0 && '.!?'.includes(text[i - 1])) ends.push(end);
    else for (let p = end - 1; p >= i && ends.length < 2; p--) if (text[p] === '\n') ends.push(p + 1);
  }
  return ends.length === 2 ? ends[1] : 0;
}

/**
 * Whether the figure is outdated: it agrees with some assertions, all of them dated, and the fact
 * has updating assertions with other values strictly newer than each of them. A sentence that
 * dates its figure to before the newer values ("In 2023, …") is a true statement about then. A
 * date is never outdated: a later source that dates an event otherwise disputes it. `sentenceOf`
 * gives the figure's sentence without the figure (see sentenceAround).
 */
export function outdatedVerdict(match: Match, sentenceOf: () => string = () => ''): Outdated | undefined {
  return outdatedWith(match, newerValues(match), sentenceOf);
}

/** outdatedVerdict, given the match's newer values (newerValues), which a caller may keep per match. */
export function outdatedWith(match: Match, newer: Newer | undefined, sentenceOf: () => string): Outdated | undefined {
  if (!newer) return undefined;
  // Asked for only here: most figures have no newer values, and the sentence costs a walk to it.
  const sentence = sentenceOf();
  const years = allMatches(YEAR, sentence).map((m) => dateSpan(m[0]));
  if (years.some((y) => isBefore(y, newer.newest)) || PAST_MARKER.test(sentence) || CHANGE_FROM.test(sentence)) return undefined;
  return { older: match.agreeing, newer: newer.assertions };
}

/** The assertions of a match's fact that replace every one its figure agrees with, newest first, and the newest's date. */
export interface Newer {
  assertions: CompiledAssertion[];
  newest: DateSpan;
}

/**
 * What outdatedVerdict asks of the match alone (its fact, the assertions it agrees with), not of
 * the sentence: the newer values, if the figure agrees with dated ones only and there are any.
 */
export function newerValues(match: Pick<Match, 'agreeing' | 'fact'>): Newer | undefined {
  // When something happened does not change with time: sources that differ on a date disagree.
  if (!match.agreeing.length || match.fact.fact.type === 'date') return undefined;
  const olderDates = match.agreeing.map((a) => assertionDate(a.assertion, a.source));
  if (olderDates.some((d) => d === undefined)) return undefined;
  const newer = match.fact.assertions
    .filter((a) => !match.agreeing.includes(a))
    .map((a) => ({ a, date: updates(a) }))
    .filter((x): x is { a: CompiledAssertion; date: DateSpan } => x.date !== undefined && olderDates.every((d) => isBefore(d!, x.date!)))
    .sort((x, y) => y.date.lo - x.date.lo);
  return newer.length ? { assertions: newer.map((x) => x.a), newest: newer[0].date } : undefined;
}

function dateWords(a: CompiledAssertion): string {
  const date = assertionDate(a.assertion, a.source);
  return date ? formatSourceDate(date.text)! : 'undated';
}

/** The newer values as fixes offer them: only the newer sources, newest first, then the most sources. */
export function outdatedValues(match: Match, outdated: Outdated): SourceValue[] {
  const rank = (a: CompiledAssertion) => outdated.newer.indexOf(a);
  return sourceValues(match)
    .map((v) => ({ ...v, agrees: false, assertions: v.assertions.filter((a) => rank(a) >= 0).sort((a, b) => rank(a) - rank(b)) }))
    .filter((v) => v.assertions.length)
    .sort((a, b) => rank(a.assertions[0]) - rank(b.assertions[0]) || b.assertions.length - a.assertions.length);
}

/** "A value (B and C, April 2026)": the sources that say it and when. */
function described(label: string, assertions: readonly CompiledAssertion[]): string {
  const dates = [...new Set(assertions.map(dateWords))];
  return `${label} (${joinWords([...new Set(assertions.map(sourceName))])}, ${joinWords(dates)})`;
}

/**
 * "$4 billion is outdated on Amazon's investment in Anthropic: it agrees with up to $4 billion
 * (anthropic-up-to-4b, September 2023), but newer sources say $25 billion (AINews and
 * anthropic-25b-aws-100b, April 2026) and $8 billion (NextFin, April 2026)."
 */
export function outdatedMessage(match: Match, outdated: Outdated): string {
  const all = sourceValues(match);
  const older = all.filter((v) => v.agrees).map((v) => described(v.label, v.assertions.filter((a) => outdated.older.includes(a))));
  const newer = outdatedValues(match, outdated).map((v) => described(v.label, v.assertions));
  return `${match.figure.text} is outdated on ${match.fact.fact.statement}: it agrees with ${joinWords(older)}, but ${outdated.newer.length > 1 ? 'newer sources say' : 'a newer source says'} ${joinWords(newer)}.`;
}
