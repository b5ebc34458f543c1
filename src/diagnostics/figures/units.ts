/**
 * Reading figures in a knowledge base's units: its count and spec units become figure kinds, its
 * rates (a price per million tokens, TFLOPS per watt) become rules that read a figure of the base
 * unit as the rate, and a table header that names a unit gives it to the column's bare numbers.
 * Nothing here knows a unit by name: a knowledge base about trucks and batteries brings its own.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import type { Unit } from '../../knowledge/schema';
import { LEXICON, alternationOf, escapeRegExp } from '../reading/lexicon';
import type { Figure, FigureKind } from './figure';
import { FIGURE_KINDS } from './kinds';
import { countKind } from './kinds/count';
import { specKind } from './kinds/spec';
import { spellingTable } from './kinds/spellings';
import { SCALE_WORDS } from './numbers';
import { allMatches } from '../reading/all-matches';

/** A rate: figures of `of` ("money" or a unit id) read as `unit` when said per one of its spellings. */
export interface Rate {
  unit: string;
  of: string;
  /** Right after a figure: "$1.50 per million tokens", "$2/M tok". */
  after: RegExp;
  /** Anywhere in a sentence: "a million tokens cost $1.50", "Per watt, Trainium 2 delivers 2.1 TFLOPS". */
  loose: RegExp;
  /**
   * A word each loose saying holds (the last word of a spelling: "tokens", "tok"), tested first:
   * `loose` is large, and compiling it takes tens of milliseconds, which a text without the word
   * never pays.
   */
  hint: RegExp;
}

/** What a table header says about the unit of its column's bare numbers. */
export type HeaderUnit =
  | { type: 'spec' | 'count'; unit: string }
  | { type: 'percent' }
  | { type: 'money'; factor: number; scale: string };

export interface UnitReader {
  /** Every figure kind, the knowledge base's count and spec kinds among them. */
  kinds: readonly FigureKind[];
  rates: readonly Rate[];
  /** The unit a table header names for its column. */
  headerUnit(header: string): HeaderUnit | undefined;
  /** A unit's label for messages. */
  label(unit: string): string;
}

/** The words before what a rate is per: "per", "a", "/", "for every". */
const PER = String.raw`(?:per|a|an|one|every|for every|each|\/)`;

function spellingsPattern(spellings: readonly string[]): string {
  return [...spellings].sort((a, b) => b.length - a.length).map((s) => escapeRegExp(s).replace(/\s+/g, '\\s+')).join('|');
}

/** Words a writer may put inside a rate's spelling when it is said of the sentence: "a million Claude 3.5 tokens". */
const MAX_WORDS_INSIDE = 3;
/** How far apart "tokens … per million" may be, in characters: a bounded look, so a long sentence costs no more than a short one. */
const MAX_SPLIT = 80;

/** A spelling with up to MAX_WORDS_INSIDE more words between its words. */
function loosely(spelling: string): string {
  return spelling
    .trim()
    .split(/\s+/)
    .map(word)
    .join(String.raw`(?:\s+\S+){0,${MAX_WORDS_INSIDE}}?\s+`);
}

/** A word of a rate's spelling, said of a sentence: a plural may be singular there ("per-token price"). */
function word(w: string): string {
  return /\p{L}s$/u.test(w) ? `${escapeRegExp(w.slice(0, -1))}s?` : escapeRegExp(w);
}

/**
 * "tokens … per million": two-word spellings said the other way round, their last word first;
 * one pattern per last word ("tokens … per million", "… per 1M", "… per M"), since every
 * Unicode class in the rate's pattern adds to the time compiling it takes.
 */
function splitWays(spellings: readonly string[]): string[] {
  const firsts = new Map<string, string[]>();
  for (const words of spellings.map((s) => s.trim().split(/\s+/)).filter((w) => w.length === 2)) {
    const [first, last] = words.map(word);
    firsts.set(last, [...(firsts.get(last) ?? []), first]);
  }
  return [...firsts].map(
    ([last, first]) => String.raw`(?<![\p{L}\p{N}])${last}(?![\p{L}\p{N}])(?:[^.;]|\.\d){0,${MAX_SPLIT}}?\bper\s+(?:${first.join('|')})(?![\p{L}\p{N}])`,
  );
}

function rateOf(u: Unit): Rate | undefined {
  if (!u.per) return undefined;
  const what = spellingsPattern(u.per.spellings);
  const loose = [
    String.raw`(?<![\p{L}\p{N}])${PER}[\s-]*(?:${u.per.spellings.map(loosely).join('|')})(?![\p{L}\p{N}])`,
    ...splitWays(u.per.spellings),
  ];
  return {
    unit: u.id,
    of: u.per.of,
    after: new RegExp(String.raw`^\s*${PER}\s*(?:${what})(?![\p{L}\p{N}])`, 'iu'),
    loose: new RegExp(loose.join('|'), 'giu'),
    hint: new RegExp([...new Set(u.per.spellings.map((sp) => word(sp.trim().split(/\s+/).at(-1)!)))].join('|'), 'iu'),
  };
}

/** Words that say a column holds prices ("| Chip | Cost |"): under a paragraph that prices tokens, its dollars are per million tokens. */
export const PRICE_WORDS = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.priceWords)})`, 'iu');
/** A header giving its column's dollars a scale: "($bn)", "US$ billion", "(USD m)", "$B", "$ billions". */
const MONEY_SCALE = /(?:US\s?\$|USD|\$)\s*\(?\s*(bn|b|billions?|m|mn|mln|millions?|k|thousands?|tn|t|trillions?)(?![\p{L}\p{N}])/iu;
/**
 * A caption above a table that scales its bare numbers: "Sizes in $ billions.", "(US$ bn)",
 * "All figures: USD m". Only these framings count, so an amount said above ("$8 billion") does not.
 */
const CAPTION_SCALE = new RegExp(String.raw`(?:\bin|\(|:)\s*${MONEY_SCALE.source}`, 'iu');

function moneyScale(found: RegExpExecArray | null): HeaderUnit | undefined {
  if (!found) return undefined;
  const scale = found[1].toLowerCase();
  return { type: 'money', factor: SCALE_WORDS[scale.length > 3 ? scale.replace(/s$/, '') : scale] ?? 1, scale: found[1] };
}

/** The money scale a table's caption (the paragraph right above it) gives its bare numbers. */
export function captionUnit(caption: string): HeaderUnit | undefined {
  return moneyScale(CAPTION_SCALE.exec(caption));
}

/** The unit a header's words name, among the units of one type. */
function unitNamed(units: readonly Unit[], type: Unit['type']): (header: string) => string | undefined {
  const t = spellingTable(units.filter((u) => u.type === type && u.spellings.length));
  if (!t.pattern) return () => undefined;
  const re = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${t.pattern})(?![\p{L}\p{N}])`, 'giu');
  return (header) => allMatches(re, header).map((m) => t.unitOf(m[0])).find((u) => u !== undefined);
}

/**
 * Headers read per set of units before they are forgotten together: a table's few headers are
 * asked about by every cell under them, at every check of the table.
 */
const MAX_HEADERS = 1024;

function headerReader(units: readonly Unit[], rates: readonly Rate[]): (header: string) => HeaderUnit | undefined {
  const moneyRates = rates.filter((r) => r.of === 'money');
  const specNamed = unitNamed(units, 'spec');
  const countNamed = unitNamed(units, 'count');
  const read = (header: string): HeaderUnit | undefined => {
    const rate = moneyRate(header, moneyRates);
    if (rate) return { type: 'spec', unit: rate.unit };
    const spec = specNamed(header);
    if (spec) return { type: 'spec', unit: spec };
    if (/%|\bpercent\b/i.test(header)) return { type: 'percent' };
    const counted = countNamed(header);
    if (counted) return { type: 'count', unit: counted };
    return moneyScale(MONEY_SCALE.exec(header));
  };
  // Each cell of a column asks about its header, and about its row's and both together: the
  // spellings' patterns ran for every cell, a sixth of a table's check.
  const known = new Map<string, HeaderUnit | null>();
  return (header) => {
    let unit = known.get(header);
    if (unit === undefined) {
      if (known.size >= MAX_HEADERS) known.clear();
      known.set(header, (unit = read(header) ?? null));
    }
    return unit ?? undefined;
  };
}

function readerOf(units: readonly Unit[]): UnitReader {
  const kinds = FIGURE_KINDS.map((k) => {
    if (k.id === 'count') return countKind(spellingTable(units.filter((u) => u.type === 'count')));
    if (k.id === 'spec') return specKind(spellingTable(units.filter((u) => u.type === 'spec')));
    return k;
  });
  const rates = units.map(rateOf).filter((r): r is Rate => r !== undefined);
  const labels = new Map(units.map((u) => [u.id, u.label ?? u.spellings[0] ?? u.id]));
  return { kinds, rates, headerUnit: headerReader(units, rates), label: (u) => labels.get(u) ?? u };
}

const readers = new WeakMap<KnowledgeBase, UnitReader>();
let none: UnitReader | undefined;

/** The reader of a knowledge base's units, built once per knowledge base; with none, money, percentages, dates and the like only. */
export function unitReaderFor(kb?: KnowledgeBase): UnitReader {
  if (!kb) return (none ??= readerOf([]));
  let reader = readers.get(kb);
  if (!reader) readers.set(kb, (reader = readerOf([...kb.units.values()])));
  return reader;
}

/** Whether the rate's "per …" at `at` is some figure's own ("2.1 TFLOPS per watt"), not said of the sentence. */
function insideFigure(figures: readonly Figure[], at: number): boolean {
  return figures.some((g) => g.start <= at && at < g.end);
}

/** Where a sentence says a rate loosely: the offsets of its "per …" matches. */
type RateSayings = (sentence: { start: number; end: number }, rate: Rate) => readonly number[];

/** Each sentence is searched once per rate, however many of its figures ask. */
function rateSayings(text: string): RateSayings {
  const found = new Map<string, number[]>();
  return (sentence, rate) => {
    const key = `${sentence.start}:${rate.unit}:${rate.of}`;
    let at = found.get(key);
    if (!at) {
      const said = text.slice(sentence.start, sentence.end);
      rate.loose.lastIndex = 0;
      found.set(key, (at = rate.hint.test(said) ? allMatches(rate.loose, said).map((m) => sentence.start + m.index) : []));
    }
    return at;
  };
}

/** A loose "per …" of the rate in the sentence, outside every figure, before `until` when given. */
function saysRate(sayings: RateSayings, sentence: { start: number; end: number }, rate: Rate, figures: readonly Figure[], until = sentence.end): boolean {
  return sayings(sentence, rate).some((at) => at < until && !insideFigure(figures, at));
}

/** The sentence around an offset of the text. */
type SentenceOf = (offset: number) => { start: number; end: number };

/**
 * A lead sentence that says a rate and prices nothing itself lends the rate to the sentence after
 * it: "The number buyers quote is the cost of serving a million tokens. On that benchmark
 * Inferentia 2 comes in at $0.60, the L40S at $1.20."
 */
function leadSaysRate(text: string, sentence: { start: number; end: number }, rate: Rate, figures: readonly Figure[], sayings: RateSayings, sentenceOf: SentenceOf): boolean {
  if (sentence.start === 0) return false;
  const lead = sentenceOf(sentence.start - 1);
  if (lead.start === sentence.start || figures.some((g) => g.type === 'money' && g.start >= lead.start && g.start < lead.end)) return false;
  return saysRate(sayings, lead, rate, figures);
}

/** Largest bare dollar amount read as a price per unit: prices are small, amounts in the thousands are not. */
export const MAX_BARE_PRICE = 1000;

/** A figure as a rate: a dollar amount followed by "per …", or in a sentence that prices per it; a measure in a sentence that says "per …" before it. */
function asRate(text: string, f: Figure, rate: Rate, figures: readonly Figure[], sentenceOf: SentenceOf, sayings: RateSayings): boolean {
  const sentence = sentenceOf(f.start);
  if (rate.of === 'money') {
    if (f.type !== 'money' || f.kind !== 'money') return false;
    if (rate.after.test(text.slice(f.end, f.end + 60))) return true;
    return f.factor === 1 && f.value.hi < MAX_BARE_PRICE && (saysRate(sayings, sentence, rate, figures) || leadSaysRate(text, sentence, rate, figures, sayings, sentenceOf));
  }
  return f.type === 'spec' && f.unit === rate.of && saysRate(sayings, sentence, rate, figures, f.start);
}

/**
 * Figures read in the rates their sentence gives them: "$1.50 per million tokens", "Serving a
 * million tokens costs $0.80 on Inferentia 2", "Per watt, Trainium 2 delivers 2.1 TFLOPS".
 */
export function readRates(text: string, figures: Figure[], rates: readonly Rate[], sentenceOf: SentenceOf): Figure[] {
  const sayings = rateSayings(text);
  return figures.map((f) => {
    const rate = rates.find((r) => asRate(text, f, r, figures, sentenceOf, sayings));
    if (rate) return { ...f, type: 'spec', unit: rate.unit };
    const per = f.type === 'money' ? PRICED_PER.exec(text.slice(f.end, f.end + PRICED_PER_REACH)) : null;
    return per ? { ...f, style: { ...f.style, per: per[1].toLowerCase() } } : f;
  });
}

/**
 * A dollar amount priced per something no rate of the knowledge base reads ("$3.90 per gallon",
 * "$100,000 per truck"): what it is per, kept on the figure, must be a word of its fact.
 */
const PRICED_PER = /^\s*(?:per|\/)\s*(\p{L}+)/iu;
/** How far after a figure "per …" is looked for, in characters. */
const PRICED_PER_REACH = 24;

/**
 * Texts asked about per set of rates: every cell of a table asks about the same headers and the
 * same paragraph above, and a loose rate's pattern tries its spellings at every "a" and "per".
 * Cleared when full, so a long session keeps no more than this many.
 */
const MAX_RATE_ANSWERS = 512;
const rateAnswers = new WeakMap<readonly Rate[], Map<string, Rate | null>>();

/** The money rate a text says anywhere ("Cost to generate a million tokens:", "| Cost per 1M tokens |"). */
export function moneyRate(text: string, rates: readonly Rate[]): Rate | undefined {
  let answers = rateAnswers.get(rates);
  if (!answers) rateAnswers.set(rates, (answers = new Map()));
  const known = answers.get(text);
  if (known !== undefined) return known ?? undefined;
  const rate = rates.find((r) => {
    if (r.of !== 'money' || !r.hint.test(text)) return false;
    r.loose.lastIndex = 0;
    return r.loose.test(text);
  });
  if (answers.size >= MAX_RATE_ANSWERS) answers.clear();
  answers.set(text, rate ?? null);
  return rate;
}
