/**
 * The English cue words of lexicon.en.json, typed, and the one way they become patterns. Every
 * list has one owner here: the figure readers, the layout and the matcher take their words from
 * this module, never from a list of their own.
 */
import * as z from 'zod';
import { Hedge } from '../../knowledge/schema';
import data from './lexicon.en.json';

/** A list of words, each with an example sentence that shows it at work. */
const WordList = z.object({ use: z.string(), entries: z.record(z.string(), z.string()) });

/** A list of words, each with a value of its own (a hedge, a number) besides its example. */
function valued<T extends z.ZodRawShape>(shape: T) {
  return z.object({ use: z.string(), entries: z.record(z.string(), z.object({ ...shape, example: z.string() })) });
}

export const Lexicon = z.object({
  $comment: z.string(),
  clauseBreaks: WordList,
  clauseVerbs: WordList,
  attributions: WordList,
  alternatives: WordList,
  consequences: WordList,
  additions: WordList,
  conclusions: WordList,
  figurePrepositions: WordList,
  prepositionDeterminers: WordList,
  joiners: WordList,
  amountFollowers: WordList,
  unitDeclarations: WordList,
  fractionCuesBefore: WordList,
  fractionCuesAfter: WordList,
  fractionTerms: WordList,
  seriesJoiners: WordList,
  clauseSubjectJoiners: WordList,
  predicateJoiners: WordList,
  predicateVerbs: WordList,
  sameMeasureCues: WordList,
  relativeOpenings: WordList,
  asideOpenings: WordList,
  sententialRelatives: WordList,
  figureParticiples: WordList,
  companions: WordList,
  totalOpenings: WordList,
  partFollowers: WordList,
  partOpenings: WordList,
  openAbbreviations: WordList,
  formerLatter: valued({ value: z.number().int().min(0).max(1) }),
  changeVerbs: WordList,
  changeEnds: WordList,
  projectedEnds: WordList,
  changeStarts: WordList,
  changeAsides: WordList,
  reportingVerbs: WordList,
  reportedSelf: WordList,
  definiteDeterminers: WordList,
  pronounOpenings: WordList,
  sentenceConnectives: WordList,
  personPronouns: WordList,
  writerOpenings: WordList,
  writerContractions: WordList,
  retractions: WordList,
  correctionOpenings: WordList,
  denials: WordList,
  denialExceptions: WordList,
  falsityBefore: WordList,
  falsityAfter: WordList,
  deadlineWords: WordList,
  periodPrepositions: WordList,
  comparisonBases: WordList,
  roundVerbs: WordList,
  complementOpenings: WordList,
  possessivePronouns: WordList,
  hedgesBefore: valued({ hedge: Hedge }),
  hedgesAfter: valued({ hedge: Hedge }),
  numberWords: valued({ value: z.number() }),
  multipleWords: valued({ value: z.number(), beforeAs: z.boolean().optional() }),
  fractions: valued({ value: z.number() }),
  months: valued({ abbreviations: z.array(z.string()) }),
  durationUnits: valued({ months: z.number() }),
  spanBounds: WordList,
  yearParts: valued({ from: z.number().int().min(0).max(11), to: z.number().int().min(0).max(11) }),
  countModifiers: WordList,
  partyNouns: WordList,
  subordinateOpenings: WordList,
  framingOpenings: WordList,
  pastMarkers: WordList,
  priceWords: WordList,
});
export type Lexicon = z.infer<typeof Lexicon>;

/**
 * The file as it is: its test checks it against the schema (the parse gives back the file
 * unchanged), so it is not parsed again each time the engine starts, where a web worker's first
 * diagnostics wait for it.
 */
export const LEXICON = data as unknown as Lexicon;

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The entries of a list, in the file's order. */
export function wordsOf(list: { entries: Record<string, unknown> }): string[] {
  return Object.keys(list.entries);
}

/** `a|b|c` of a list's words, escaped, in the file's order (earlier entries are tried first). */
export function alternationOf(list: { entries: Record<string, unknown> }): string {
  return wordsOf(list).map(escapeRegExp).join('|');
}

/** Number word → value ("seventeen" → 17). */
export const NUMBER_WORD_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(LEXICON.numberWords.entries).map(([w, e]) => [w, e.value]));

/** Month names in calendar order, lowercase. */
export const MONTH_NAMES: readonly string[] = wordsOf(LEXICON.months);

function capitalized(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** Every spelling of a month as writers capitalise it, full names first ("September|Sept|Sep"). */
export const MONTH_PATTERN = `(?:${MONTH_NAMES.flatMap((m) => [capitalized(m), ...LEXICON.months.entries[m].abbreviations]).map(escapeRegExp).join('|')})`;

/** Unit of time (singular) → months. */
export const MONTHS_PER_DURATION_UNIT: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(LEXICON.durationUnits.entries).map(([w, e]) => [w, e.months]),
);

/** Part of a year said in words (lowercase) → the months it spans, 0 = January. */
export const YEAR_PARTS: ReadonlyMap<string, { from: number; to: number }> = new Map(
  Object.entries(LEXICON.yearParts.entries).map(([w, e]) => [w, { from: e.from, to: e.to }]),
);

/** The parts of a year as writers put them before it: "third quarter", "third-quarter", "mid", longest first. */
export const YEAR_PART_PATTERN = `(?:${wordsOf(LEXICON.yearParts)
  .sort((a, b) => b.length - a.length)
  .map((w) => escapeRegExp(w).replace(/ /g, String.raw`[\s-]`))
  .join('|')})`;
