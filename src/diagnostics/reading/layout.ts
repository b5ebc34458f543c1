/**
 * The layout of a piece of prose: its sentences, the clauses of each sentence, where its words
 * start, and where a trailing attribution, alternative or consequence begins. Words on either side
 * of a clause break belong to different figures; see attachment.ts for how much a word weighs.
 */
import { ATTACHMENT } from '../matching/model';
import { NUMBER_WORDS } from '../figures/numbers';
import { LEXICON, alternationOf } from './lexicon';
import { allMatches } from './all-matches';

export interface Span {
  start: number;
  end: number;
}

export interface SentenceLayout {
  sentences: Span[];
  clauses: Span[];
  wordStarts: number[];
  /** Where a trailing attribution ("…, according to NextFin's account of the dual bet") starts. */
  attributions: number[];
  /** Where a trailing alternative ("… that OpenAI turned down in favour of Microsoft") starts. */
  alternatives: number[];
  /** Where a trailing consequence (", ending Microsoft's exclusive hold") or addition (", plus a separate cloud pact") starts. */
  consequences: number[];
}

/**
 * Marks and words that end one figure's clause and start another's: a semicolon, a colon, a
 * spaced dash, the lexicon's clause breaks, and ", and" before a verb in the past tense.
 */
const CLAUSE_BREAK = new RegExp(
  String.raw`;|:\s|\s[—–]\s|,?\s(?:${alternationOf(LEXICON.clauseBreaks)})\s|,?\sand\s(?=(?:[a-z]+ed|${alternationOf(LEXICON.clauseVerbs)})\s)`,
  'giu',
);
/**
 * ", and Amazon claims ...", "and Oracle's deal ...", "and Google boosting …" or "and Google to
 * boost …" (a forecast's second subject), ", ending Microsoft's hold": a new subject or a
 * participle starts a new clause (case matters, so apart from CLAUSE_BREAK).
 */
const AND_NEW_SUBJECT = /,\sand\s(?=\p{Lu})|\sand\s(?=\p{Lu}[\p{L}.]*['’]s\s)|\sand\s(?=\p{Lu}[\p{L}.]*\s+(?:[a-z]+ing|to\s+[a-z]+)\s)|,\s(?=[a-z]+ing\s)/gu;
export const WORD = /[\p{L}\p{N}$%]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;

/** What follows one of these names who says it, not what the figure is. */
const ATTRIBUTION = new RegExp(String.raw`,\s+(?:${alternationOf(LEXICON.attributions)})\s`, 'giu');
/** What follows one of these is what the figure's parties passed over, not a party of it. */
const ALTERNATIVE = new RegExp(String.raw`\s(?:${alternationOf(LEXICON.alternatives)})\s`, 'giu');
/**
 * A participle after a comma saying what the deal did to someone else (", ending Microsoft's
 * hold"), an addition of another thing ("plus a separate cloud pact", with or without a comma), a
 * conclusion (", so he owns this one") or a relative about the whole claim, an aside after it (",
 * which, if it holds, protects gross margin"): whom and what it names is no party or measure of
 * the figure's.
 */
const CONSEQUENCE = new RegExp(
  String.raw`,\s(?=(?:${alternationOf(LEXICON.consequences)})\s)|,?\s(?=(?:${alternationOf(LEXICON.additions)})\s)|,\s(?=(?:${alternationOf(LEXICON.conclusions)})\s)|,\s(?=(?:${alternationOf(LEXICON.sententialRelatives)}),)`,
  'gu',
);

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Words of a first sentence, opening with a figure, short enough to be a label heading the next, as lists of numbers
 * do ("**$58 billion.** Amazon's combined commitment to OpenAI and Anthropic."): the label and
 * that sentence are one. A name as a label ("Matt Garman. He joined…") is left alone.
 */
const LABEL_WORDS = 6;

/**
 * A label opens with a number as writers set one: digits with or without a currency, a quarter
 * ("Q3 2026."), or number words ("Two months.", "Eighty per cent.", "Three-quarters."), after an
 * approximation mark ("~$18B.").
 */
const LABEL_OPENING = new RegExp(String.raw`^\s*(?:[~≈]\s*)?(?:(?:US)?[$€£]?\d|Q[1-4]\b|${NUMBER_WORDS}\b)`, 'iu');

/**
 * A timeline's date set in emphasis as a label of its own, maybe after a deadline word: "**June
 * 2024.** Matt Garman replaces Adam Selipsky", "**By Q2 2027 (forecast).** AWS launches …" (the
 * segmenter leaves the closing emphasis to the sentence after; a unit's text may have its markup
 * blanked).
 */
const DATE_LABEL_OPENING = new RegExp(String.raw`^\s*[*_]*(?:(?:${alternationOf(LEXICON.deadlineWords)})\s+)?(?:(?:${alternationOf(LEXICON.months)})\s+)?(?:(?:19|20)\d\d|Q[1-4]\s|H[12]\s)[^*_]*[.:][*_]*$`, 'iu');

export function isFigureLabel(sentence: string): boolean {
  return (LABEL_OPENING.test(sentence) || DATE_LABEL_OPENING.test(sentence.trimEnd())) && (sentence.match(WORD)?.length ?? 0) <= LABEL_WORDS;
}

/**
 * A sentence's framing opening: a preposition of the lexicon's framingOpenings and up to `reach`
 * characters of words, to a comma ("At FP8, ", "At the HumanX conference in San Francisco, ").
 */
export function framingOpening(reach: number): RegExp {
  return new RegExp(String.raw`^\s*(?:${alternationOf(LEXICON.framingOpenings)})\s+[^,;:.]{1,${reach}},`, 'iu');
}

/** A sentence giving the right value in the terms of the claim before it ("The right figure is $20 billion."). */
export const CORRECTION_OPENING = new RegExp(String.raw`^\s*(?:${alternationOf(LEXICON.correctionOpenings)})\b`, 'iu');

/** The sentences of a text (a table cell is one): the `sentences` of its layout. */
export function sentencesOf(text: string, isTableCell: boolean): Span[] {
  if (isTableCell) return [{ start: 0, end: text.length }];
  return withLabel(text, segmentSentences(text));
}

/** An abbreviation that never ends a sentence, at the end of a segment (the lexicon's openAbbreviations): "… training cost vs. ". */
const OPEN_ABBREVIATION_END = new RegExp(String.raw`(?<![\p{L}\p{N}.])(?:${alternationOf(LEXICON.openAbbreviations)})\s*$`, 'u');

/**
 * The text's sentences as segmented, each correction read with the claim before it, and a
 * sentence the segmenter broke after an abbreviation ("vs. H100 clusters") whole again; a label
 * opening the text is not joined yet (see withLabel).
 */
export function segmentSentences(text: string): Span[] {
  const out: Span[] = [];
  for (const s of SENTENCES.segment(text)) {
    const span = { start: s.index, end: s.index + s.segment.length };
    const last = out[out.length - 1];
    // A correction is read with the claim it corrects, so its value takes that claim's words.
    const joins = last !== undefined && (CORRECTION_OPENING.test(s.segment) || OPEN_ABBREVIATION_END.test(text.slice(last.start, last.end)));
    if (joins) out[out.length - 1] = { start: last.start, end: span.end };
    else out.push(span);
  }
  return out;
}

/** A text's first sentence joined to the next when it is a figure's label (see isFigureLabel). */
export function withLabel(text: string, sentences: Span[]): Span[] {
  const out = sentences;
  if (out.length > 1 && isFigureLabel(text.slice(out[0].start, out[0].end))) out.splice(0, 2, { start: out[0].start, end: out[1].end });
  return out;
}

/** A colon between a label and its value: a value of a few words, or a label that is a date or number of a few words. */
function isLabelColon(sentence: string, colon: number): boolean {
  const words = (t: string) => t.match(WORD)?.length ?? 0;
  const label = sentence.slice(0, colon);
  // A date or a number as the label ("2020:", "March 10, 2025:"), not a name: a speaker ("WHITFIELD:") says who talks.
  return words(sentence.slice(colon)) <= ATTACHMENT.labelValueWords || (/\d/.test(label) && words(label) <= ATTACHMENT.labelValueWords);
}

/** A hedge right before a number ("more than $100 billion", "more than one hundred billion"): its "than" ends no clause. */
const HEDGE_BEFORE_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.hedgesBefore)})\s*(?=(?:US)?[$€£]?\d|${NUMBER_WORDS}(?![\p{L}]))`, 'giu');

/** A spaced dash among the clause breaks. */
const DASH_BREAK = /^\s[—–]\s$/u;

/** A year or a quarter or half of one ("2005", "June 2024", "Q4 2026"). */
const DATE_IN_LABEL = /(?<![\p{L}\p{N}])(?:(?:19|20)\d\d|[QH]\d)(?![\p{L}\p{N}])/u;

/**
 * A short label opening the sentence that is a date or a figure ("2005 —", "$20 billion —"): not
 * a span of time ("Within 12 months — …").
 */
function isLineLabel(label: string): boolean {
  return (DATE_IN_LABEL.test(label) || LABEL_OPENING.test(label)) && (label.match(WORD)?.length ?? 0) <= ATTACHMENT.labelValueWords;
}

/** A relative clause or an aside between commas: ", who joined Amazon in 2006,", ", at Amazon since 2006," (the lexicon's relativeOpenings and asideOpenings). */
const RELATIVE_ASIDE = new RegExp(String.raw`,\s(?:${alternationOf(LEXICON.relativeOpenings)}|${alternationOf(LEXICON.asideOpenings)})\s[^,;:()]*(?=,)`, 'giu');

/**
 * The comma closing each relative clause, as a break: in "Matt Garman, who joined Amazon in 2006,
 * has led the cloud unit since 2024", "has led" is the main clause's, not the 2006's.
 */
function relativeClauseEnds(sentence: string): { 0: string; index: number }[] {
  return allMatches(RELATIVE_ASIDE, sentence)
    .map((m) => ({ 0: ',', index: m.index + m[0].length }))
    .filter((m) => !FIGURE_PARTICIPLE_AFTER.test(sentence.slice(m.index + 1, m.index + 1 + FIGURE_PARTICIPLE_REACH)));
}

/**
 * A participle right after the comma closing a relative clause (the lexicon's figureParticiples):
 * the figure it leads to is the clause's last noun's, so that comma is no break ("…, which came
 * with a cloud pact of its own, pegged at $140 billion").
 */
const FIGURE_PARTICIPLE_AFTER = new RegExp(String.raw`^\s+(?:${alternationOf(LEXICON.figureParticiples)})(?![\p{L}])`, 'iu');
/** How far after the comma its participle is looked for: the longest one and the spaces before it. */
const FIGURE_PARTICIPLE_REACH = Math.max(...Object.keys(LEXICON.figureParticiples.entries).map((w) => w.length)) + 4;

/** A sentence's clauses: it is cut at each clause break, except a colon between a label and its value and a word of a hedge. */
export function clausesOf(text: string, s: Span): Span[] {
  const clauses: Span[] = [];
  let start = s.start;
  const sentence = text.slice(s.start, s.end);
  const hedges = allMatches(HEDGE_BEFORE_NUMBER, sentence).map((h) => ({ start: h.index, end: h.index + h[0].length }));
  const breaks = [...allMatches(CLAUSE_BREAK, sentence), ...allMatches(AND_NEW_SUBJECT, sentence), ...relativeClauseEnds(sentence)]
    .filter((m) => !hedges.some((h) => m.index >= h.start && m.index < h.end))
    .sort((a, b) => a.index - b.index);
  for (const m of breaks) {
    // "Forecast launch of AWS's AI Foundry: Q4 2026" and "2020: Marcus Delacroix becomes chief
    // executive": a short label or a short value and the other side of its colon are one clause.
    if (m[0].startsWith(':') && isLabelColon(sentence, m.index)) continue;
    // "**2005** — Matt Garman joins Amazon", "**$20 billion** — the round xAI closed": a timeline's
    // date or a list's figure and the dash after it label the line.
    if (DASH_BREAK.test(m[0]) && isLineLabel(sentence.slice(0, m.index))) continue;
    clauses.push({ start, end: s.start + m.index });
    start = s.start + m.index;
  }
  clauses.push({ start, end: s.end });
  return clauses;
}

export function layout(text: string, isTableCell: boolean): SentenceLayout {
  const sentences = sentencesOf(text, isTableCell);
  return { sentences, clauses: sentences.flatMap((s) => clausesOf(text, s)), wordStarts: wordStartsOf(text), ...marksOf(text) };
}

/** Where the text's words start. */
export function wordStartsOf(text: string): number[] {
  return allMatches(WORD, text).map((m) => m.index);
}

/** Where the text's trailing attributions, alternatives and consequences start. */
export function marksOf(text: string): Pick<SentenceLayout, 'attributions' | 'alternatives' | 'consequences'> {
  return {
    attributions: allMatches(ATTRIBUTION, text).map((m) => m.index),
    alternatives: allMatches(ALTERNATIVE, text).map((m) => m.index),
    consequences: allMatches(CONSEQUENCE, text).map((m) => m.index),
  };
}

/** Index of the span (sentence, clause) holding `offset`, or -1. Spans are sorted and do not overlap. */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < spans[mid].start) hi = mid - 1;
    else if (offset >= spans[mid].end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Items by the span holding their start (items no span holds are in none), each list in the
 * items' order: a question about one sentence then looks at its own items, not the whole unit's,
 * so a long paragraph costs no more per figure than a short one.
 */
export function groupBySpan<T extends { start: number }>(spans: readonly Span[], items: readonly T[]): T[][] {
  const out: T[][] = spans.map(() => []);
  for (const item of items) out[spanIndexAt(spans, item.start)]?.push(item);
  return out;
}

/** The sentence holding `offset`, or the whole text when none does. */
export function sentenceAt(l: SentenceLayout, text: string, offset: number): Span {
  return l.sentences[spanIndexAt(l.sentences, offset)] ?? { start: 0, end: text.length };
}

/** Index of the first word starting at or after `offset` (word starts are sorted). */
export function firstWordAtOrAfter(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
