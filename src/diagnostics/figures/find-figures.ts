/** Every figure in a piece of prose, each once: kinds run over the text, overlaps go to the longer match. */
import type { Figure } from './figure';
import { hedgeAround } from './hedges';
import { type SpanIndex, firstAtOrAfter, overlaps, overlapsAny, spanIndex } from '../reading/spans';
import { splitInTurn } from './in-turn';
import { LEXICON, alternationOf } from '../reading/lexicon';
import { DIGITS, NUMBER_WORDS, decimalsOf, parseDigits, parseNumber } from './numbers';
import { type HeaderUnit, MAX_BARE_PRICE, type Rate, type UnitReader, unitReaderFor } from './units';
import { allMatches } from '../reading/all-matches';
import { joinBetween } from './between';

function byPosition(a: Figure, b: Figure): number {
  return a.start - b.start || b.end - b.start - (a.end - a.start);
}

/**
 * Figures in `text`, left to right, in the units `reader` knows (a knowledge base's: see units.ts;
 * without one, money, percentages, multiples, dates and durations only). Spans in `exclude`
 * (names such as "Trainium 2" or "Claude 3.5") are never figures.
 */
export function findFigures(text: string, exclude: readonly { start: number; end: number }[] = [], reader: UnitReader = unitReaderFor()): Figure[] {
  const priority = new Map(reader.kinds.map((k) => [k.id, k.priority]));
  const excluded = spanIndex(exclude);
  const all = reader.kinds
    .flatMap((k) => (k.mayContain.test(text) ? k.find(text) : []))
    .filter((f) => !overlapsAny(excluded, f))
    .sort((a, b) => byPosition(a, b) || priority.get(a.kind)! - priority.get(b.kind)!);
  const kept: Figure[] = [];
  // Figures come by start, so one kept before overlaps a figure when it reaches past the figure's start.
  let reach = -Infinity;
  for (const f of all) {
    if (f.start < f.end ? reach > f.start : kept.some((k) => overlaps(k, f))) continue;
    reach = Math.max(reach, f.end);
    // "over 10 years" is a span of time, not a hedge.
    const hedge = hedgeAround(text, f.start, f.end, f.hedge);
    kept.push({ ...f, hedge: f.type === 'duration' && hedge === 'more-than' ? 'exact' : hedge });
  }
  // A range that is none ("989 to 800 TFLOPS", "from 100,000 to 120,000 vehicles") is two figures.
  return joinBetween(text, splitInTurn(text, kept.sort(byPosition)));
}

const BARE_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}$.,#-])(${DIGITS})(?![\p{L}\p{N}%$]|[.,]\d)`, 'gu');
/**
 * A number said in words after a series joiner ("eight hundred teraflops, against nine hundred
 * eighty-nine for the H100"): only there, since "one" or "two" elsewhere are seldom a measure.
 */
const BARE_NUMBER_WORDS = new RegExp(
  String.raw`(?<=(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.seriesJoiners)})\s+(?:(?:${alternationOf(LEXICON.hedgesBefore)})\s+)?)(${NUMBER_WORDS})(?![\p{L}\p{N}%$-])`,
  'giu',
);

/**
 * Ellipsis: "1.8 TFLOPS per watt, against 2.1 for Trainium 2" and "$0.80 per million tokens on
 * Inferentia 2 and $1.20 on the L40S" state the second figure in the first one's unit. Within one
 * sentence, a bare number after a spec figure takes its unit, and a bare dollar amount after a
 * price per something takes its rate.
 */
export function inheritUnits(
  text: string,
  figures: Figure[],
  sentenceEnd: (offset: number) => number,
  exclude: readonly { start: number; end: number }[],
  rates: readonly Rate[] = [],
): Figure[] {
  const out = [...figures];
  for (const f of figures) {
    if (isWholeAmount(f)) out.push(...partsAfter(text, f, sentenceEnd, out, exclude));
    // A count's unit said once: "68 stations open today and targets 200 by the end of 2027".
    if (f.type === 'count' && f.unit) out.push(...bareCountsAfter(text, f, sentenceEnd(f.start), out, exclude));
    if (f.type !== 'spec' || !f.unit) continue;
    const until = sentenceEnd(f.start);
    // A price's rate carries through its paragraph ("$1.50 per million on Trainium. On the Nvidia flagship: $2.40.").
    if (rates.some((r) => r.of === 'money' && r.unit === f.unit)) inheritRate(out, f, text.length);
    else out.push(...bareNumbersAfter(text, f, until, out, exclude), ...seriesBefore(text, f, out, exclude), ...decimalsAfter(text, f, figures, until, out, exclude));
  }
  return out.sort(byPosition);
}

/** An amount this large or larger, in a scale word ("$25 billion", "twenty-five billion"), may be split into bare parts after it. */
const MIN_WHOLE_SCALE = 1e6;

function isWholeAmount(f: Figure): boolean {
  return f.type === 'money' && f.kind === 'money' && f.factor >= MIN_WHOLE_SCALE && f.hedge !== 'range';
}

/**
 * A bare number before a word an amount may be followed by (the lexicon's amountFollowers): "five
 * arrives upfront", "20 on milestones". One, a pronoun as often as a number, is left alone.
 */
const BARE_PART = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,#-])(${DIGITS}|${NUMBER_WORDS})(?=\s+(?:${alternationOf(LEXICON.amountFollowers)})(?![\p{L}\p{N}]))`,
  'giu',
);

/**
 * Ellipsis of an amount's scale: "Of the twenty-five billion, only five arrives upfront. The other
 * twenty is tied to milestones." A bare number smaller than an amount, in its sentence or the next,
 * before a word an amount is followed by, is a part of it, in its scale; not past a figure of
 * another kind, whose unit a bare number after it takes ("… 1.8 TFLOPS per watt, against 2.1 for
 * Trainium 2").
 */
function partsAfter(text: string, whole: Figure, sentenceEnd: (offset: number) => number, taken: readonly Figure[], exclude: readonly { start: number; end: number }[]): Figure[] {
  const end = sentenceEnd(whole.start);
  const until = end < text.length ? sentenceEnd(end + 1) : end;
  const out: Figure[] = [];
  for (const m of matchesBetween(BARE_PART, text, whole.end, until)) {
    const span = { start: m.index, end: m.index + m[1].length };
    const n = parseNumber(m[1])!;
    if (n <= 1 || n * whole.factor >= whole.value.lo || taken.some((g) => overlaps(g, span)) || out.some((g) => overlaps(g, span)) || exclude.some((e) => overlaps(e, span))) continue;
    if (taken.some((g) => g.type !== 'money' && g.type !== 'date' && g.start >= whole.end && g.end <= span.start)) break;
    out.push({
      kind: 'money', type: 'money', ...span, text: m[1],
      value: { lo: n * whole.factor, hi: n * whole.factor }, hedge: hedgeAround(text, span.start, span.end, 'exact'),
      decimals: decimalsOf(m[1]), factor: whole.factor, style: { prefix: '', sep: '-', space: '', scale: '', suffix: '', grouping: '' },
    });
  }
  return out;
}

/** A unit declaration (lexicon unitDeclarations) and up to four words after it, to the next punctuation: where a unit may be declared ("power efficiency in TFLOPS per watt, where …", "On TFLOPS per watt, …"). */
const DECLARATION = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.unitDeclarations)})\s+((?:[^\s,.;:()]+\s*){1,4})`, 'giu');

/** The spec unit the first words of `words` name, if they name one; the longest ("TFLOPS per watt", not "TFLOPS"). */
function declaredSpec(words: string, headerUnit: (header: string) => HeaderUnit | undefined): string | undefined {
  let said = DECLARED.get(headerUnit);
  if (!said || said.size >= MAX_DECLARATIONS) DECLARED.set(headerUnit, (said = new Map()));
  let unit = said.get(words);
  if (unit === undefined) said.set(words, (unit = firstSpec(words, headerUnit) ?? null));
  return unit ?? undefined;
}

/** Words after "in" read per set of units, and the spec unit they name (null: none): a long paragraph says "in" often, and the same words at each keystroke. */
const DECLARED = new WeakMap<(header: string) => HeaderUnit | undefined, Map<string, string | null>>();
/** How many such words are kept per set of units before they are forgotten together. */
const MAX_DECLARATIONS = 4096;

function firstSpec(words: string, headerUnit: (header: string) => HeaderUnit | undefined): string | undefined {
  const parts = words.trim().split(/\s+/);
  for (let k = parts.length; k >= 1; k--) {
    const unit = headerUnit(parts.slice(0, k).join(' '));
    if (unit?.type === 'spec') return unit.unit;
  }
  return undefined;
}

/** Up to four words right before a colon: a label that may name the unit of what follows ("Efficiency, TFLOPS per watt: Trainium 2 at 2.1"). */
const LABEL_DECLARATION = /((?:[^\s,.;:()]+\s+){0,3}[^\s,.;:()]+)\s*:(?=\s)/gu;

/** The spec unit the last words of a label name, if they name one; the longest ("TFLOPS per watt", not "watt"). */
function labelSpec(words: string, headerUnit: (header: string) => HeaderUnit | undefined): string | undefined {
  const parts = words.trim().split(/\s+/);
  for (let k = 0; k < parts.length; k++) {
    const unit = declaredSpec(parts.slice(k).join(' '), headerUnit);
    if (unit) return unit;
  }
  return undefined;
}

/** Where a unit is declared in a text, and which: after a declaring word ("in TFLOPS per watt"), or as a label before a colon. */
function declarations(text: string, headerUnit: (header: string) => HeaderUnit | undefined): { at: number; end: number; unit: string }[] {
  const out: { at: number; end: number; unit: string }[] = [];
  for (const m of allMatches(DECLARATION, text)) {
    const unit = declaredSpec(m[1], headerUnit);
    if (unit) out.push({ at: m.index, end: m.index + m[0].length, unit });
  }
  for (const m of allMatches(LABEL_DECLARATION, text)) {
    const unit = labelSpec(m[1], headerUnit);
    if (unit) out.push({ at: m.index, end: m.index + m[0].length, unit });
  }
  return out;
}

/**
 * A unit declared in prose gives the bare numbers after it in its sentence: "the right panel plots
 * power efficiency in TFLOPS per watt, where Inferentia 2 leads at 3.4" is 3.4 TFLOPS per watt, and
 * so is "Efficiency, TFLOPS per watt: Trainium 2 at 2.1, the H100 at 1.6" of both numbers.
 */
export function declaredUnits(
  text: string,
  figures: Figure[],
  sentenceEnd: (offset: number) => number,
  exclude: readonly { start: number; end: number }[],
  headerUnit: (header: string) => HeaderUnit | undefined,
): Figure[] {
  const out = [...figures];
  for (const d of declarations(text, headerUnit)) out.push(...bareNumbersAfter(text, { end: d.end, unit: d.unit }, sentenceEnd(d.at), out, exclude));
  return out.length === figures.length ? figures : out.sort(byPosition);
}

/**
 * A price's rate passes to the bare amounts after it ("and $1.20 on the L40S", "at around 70
 * cents"); "$8bn", "$100,000" after it are no prices.
 */
function inheritRate(figures: Figure[], price: Figure, until: number): void {
  for (const g of figures)
    if (g.start > price.end && g.start < until && g.type === 'money' && g.kind === 'money' && g.factor <= 1 && g.value.hi < MAX_BARE_PRICE)
      Object.assign(g, { type: 'spec', unit: price.unit });
}

/** A bare number said in turn right before a measure: "800 and 989 TFLOPS", "700, 800 and 989 TFLOPS". */
const IN_TURN_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}$.,#-])(${DIGITS})(?:\s*,\s*(?:(?:${alternationOf(LEXICON.seriesJoiners)})\s+)?|\s+(?:${alternationOf(LEXICON.seriesJoiners)})\s+)$`, 'iu');

/** How many words back a series before a measure is looked for: a bounded look, so a long sentence costs no more. */
const IN_TURN_REACH = 80;

/** The bare numbers said in turn right before a measure, in its unit. */
function seriesBefore(text: string, f: Figure, taken: readonly Figure[], exclude: readonly { start: number; end: number }[]): Figure[] {
  const out: Figure[] = [];
  let end = f.start;
  for (let m = IN_TURN_BEFORE.exec(text.slice(Math.max(0, end - IN_TURN_REACH), end)); m; m = IN_TURN_BEFORE.exec(text.slice(Math.max(0, end - IN_TURN_REACH), end))) {
    const start = Math.max(0, end - IN_TURN_REACH) + m.index;
    const span = { start, end: start + m[1].length };
    if (taken.some((g) => overlaps(g, span)) || exclude.some((e) => overlaps(e, span))) break;
    const n = parseDigits(m[1]);
    out.push({
      kind: 'spec', type: 'spec', unit: f.unit, ...span, text: m[1],
      value: { lo: n, hi: n }, hedge: 'exact', decimals: decimalsOf(m[1]), factor: 1, style: { space: '', unit: '', sep: '-' },
    });
    end = start;
  }
  return out;
}

/** Where the bare numbers' unit was said: a figure's end and unit, or a declaration's. */
type UnitSaid = Pick<Figure, 'end' | 'unit'>;

/** The bare numbers after a measure in its sentence, in its unit ("1.8 TFLOPS per watt, against 2.1 for Trainium 2"). */
function bareNumbersAfter(text: string, f: UnitSaid, until: number, taken: readonly Figure[], exclude: readonly { start: number; end: number }[]): Figure[] {
  const out: Figure[] = [];
  // `out` so far is taken too: the figures the first pattern found.
  for (const pattern of [BARE_NUMBER, BARE_NUMBER_WORDS]) out.push(...bareMatches(pattern, text, f, until, [taken, out], exclude));
  return out;
}

/** A bare decimal number, not a version after a name ("Claude 3.5", "Llama 3.1"). */
const BARE_DECIMAL = new RegExp(String.raw`(?<![\p{L}\p{N}$.,#-])(?<!\p{Lu}[\p{L}-]*\s)(\d+\.\d+)(?![\p{L}\p{N}%$]|[.,]\d)`, 'gu');

/**
 * "2.1 teraflops per watt for Trainium 2. Inferentia 2 is the standout at 3.4. The L40S sits at
 * 2.9.": after a spec's sentence, the bare decimals up to the next spec are in its unit. Whole
 * numbers there count other things as often ("The L40S ships in 2 sizes").
 */
function decimalsAfter(text: string, f: Figure, figures: readonly Figure[], from: number, taken: readonly Figure[], exclude: readonly { start: number; end: number }[]): Figure[] {
  let until = text.length;
  for (const g of figures) if (g.type === 'spec' && g.start >= from && g.start < until) until = g.start;
  return bareMatches(BARE_DECIMAL, text, { end: from, unit: f.unit }, until, [taken], exclude);
}

/** Each list of excluded spans, indexed once: every measure of a paragraph asks about the same names. */
const EXCLUDED = new WeakMap<readonly { start: number; end: number }[], SpanIndex>();

function excludedIndex(exclude: readonly { start: number; end: number }[]): SpanIndex {
  let index = EXCLUDED.get(exclude);
  if (!index) EXCLUDED.set(exclude, (index = spanIndex(exclude)));
  return index;
}

/** The last text each bare-number pattern was run over whole, and its matches there. */
const wholeTextMatches = new Map<RegExp, { text: string; matches: readonly RegExpExecArray[] }>();

/** Every match of the global `pattern` in `text`, left to right; the last text's are kept, since each measure of a unit asks. */
function matchesIn(pattern: RegExp, text: string): readonly RegExpExecArray[] {
  let found = wholeTextMatches.get(pattern);
  if (found?.text !== text) wholeTextMatches.set(pattern, (found = { text, matches: allMatches(pattern, text) }));
  return found.matches;
}

/** Where a match starts: the key a text's matches are looked up by. */
const indexOf = (m: RegExpExecArray): number => m.index;

/**
 * The matches `exec` finds from `from` on, one after another, up to the first starting at or past
 * `until`. Scanning from each measure to the text's end made a long paragraph quadratic; a scan
 * from `from` finds what the whole text's scan (done once) finds from there on, unless `from` falls
 * inside one of that scan's matches, when it scans as before.
 */
function matchesBetween(pattern: RegExp, text: string, from: number, until: number): RegExpExecArray[] {
  const all = matchesIn(pattern, text);
  let i = firstAtOrAfter(all, from, indexOf);
  const out: RegExpExecArray[] = [];
  if (i > 0 && all[i - 1].index + all[i - 1][0].length > from) {
    pattern.lastIndex = from;
    for (let m = pattern.exec(text); m && m.index < until; m = pattern.exec(text)) out.push(m);
    return out;
  }
  for (; i < all.length && all[i].index < until; i++) out.push(all[i]);
  return out;
}

function bareMatches(pattern: RegExp, text: string, f: UnitSaid, until: number, taken: readonly (readonly Figure[])[], exclude: readonly { start: number; end: number }[], type: 'spec' | 'count' = 'spec'): Figure[] {
  const out: Figure[] = [];
  for (const m of matchesBetween(pattern, text, f.end, until)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (taken.some((list) => list.some((g) => overlaps(g, span))) || out.some((g) => overlaps(g, span)) || overlapsAny(excludedIndex(exclude), span)) continue;
    const n = parseNumber(m[1])!;
    if (type === 'count' && n < MIN_BARE_COUNT) continue;
    const style: Record<string, string> = type === 'spec' ? { space: '', unit: '', sep: '-' } : { space: '', scale: '', sep: '-', plus: '', grouping: /,/.test(m[1]) ? 'yes' : '' };
    out.push({
      kind: type, type, unit: f.unit, ...span, text: m[0],
      value: { lo: n, hi: n }, hedge: hedgeAround(text, span.start, span.end, 'exact'),
      decimals: decimalsOf(m[1]), factor: 1, style,
    });
  }
  return out;
}

/**
 * The smallest bare number a count's unit passes to: smaller ones ("two of them", "the top 5")
 * count other things as often as the count's.
 */
const MIN_BARE_COUNT = 10;

/** The bare numbers in digits after a count in its sentence, in its unit ("68 stations … and targets 200"). */
function bareCountsAfter(text: string, f: Figure, until: number, taken: readonly Figure[], exclude: readonly { start: number; end: number }[]): Figure[] {
  return bareMatches(BARE_NUMBER, text, f, until, [taken], exclude, 'count');
}
