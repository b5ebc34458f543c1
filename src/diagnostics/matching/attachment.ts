/**
 * Which figure a word belongs to. In "Amazon invested $25 billion in Anthropic and $50 billion in
 * OpenAI", Anthropic goes with the first figure and OpenAI with the second, while Amazon, before
 * both, is shared. The weight of a word for a figure (0 to 1) is what the matcher uses as
 * evidence: 1 for a word next to the figure, less with distance, other clauses and other figures.
 */
import { LEXICON, alternationOf, escapeRegExp, wordsOf } from '../reading/lexicon';

export interface Span {
  start: number;
  end: number;
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
 * ", and Amazon claims ...", "and Oracle's deal ...", ", ending Microsoft's hold": a new subject or a
 * participle starts a new clause (case matters, so apart from CLAUSE_BREAK).
 */
const AND_NEW_SUBJECT = /,\sand\s(?=\p{Lu})|\sand\s(?=\p{Lu}[\p{L}.]*['’]s\s)|,\s(?=[a-z]+ing\s)/gu;
/** At most this many words after a colon are the value of what is before it, not a clause of their own. */
const LABEL_VALUE_WORDS = 3;
const WORD = /[\p{L}\p{N}$%]+(?:[.,'’-][\p{L}\p{N}]+)*/gu;
/** A word after one of these ("$8 billion into Anthropic") attaches to the figure before it. */
const PREPOSITION_BEFORE = new RegExp(
  String.raw`(?:^|\s)(?:${alternationOf(LEXICON.figurePrepositions)})\s+(?:${wordsOf(LEXICON.prepositionDeterminers).map((w) => `${escapeRegExp(w)}\s+`).join('|')})?$`,
  'i',
);
const JOINERS = new RegExp(String.raw`,|${wordsOf(LEXICON.joiners).map((w) => String.raw`\b${escapeRegExp(w)}\b`).join('|')}`, 'gi');

export const OTHER_CLAUSE = 0.6;
export const OTHER_FIGURE = 0.3;
export const SHARED_SUBJECT = 0.7;

/** A figure's place, and its type where the caller knows it. */
export interface FigureSpan extends Span {
  type?: string;
}

export interface SentenceLayout {
  sentences: Span[];
  clauses: Span[];
  wordStarts: number[];
  /** Where a trailing attribution ("…, according to NextFin's account of the dual bet") starts. */
  attributions: number[];
  /** Where a trailing alternative ("… that OpenAI turned down in favour of Microsoft") starts. */
  alternatives: number[];
  /** Where a trailing consequence (", ending Microsoft's exclusive hold") starts. */
  consequences: number[];
}

/** What follows one of these names who says it, not what the figure is. */
const ATTRIBUTION = new RegExp(String.raw`,\s+(?:${alternationOf(LEXICON.attributions)})\s`, 'giu');
/** What follows one of these is what the figure's parties passed over, not a party of it. */
const ALTERNATIVE = new RegExp(String.raw`\s(?:${alternationOf(LEXICON.alternatives)})\s`, 'giu');
/** A participle after a comma saying what the deal did to someone else (", ending Microsoft's hold"): whom it names is no party of it. */
const CONSEQUENCE = new RegExp(String.raw`,\s(?=(?:${alternationOf(LEXICON.consequences)})\s)`, 'gu');

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });

export function layout(text: string, isTableCell: boolean): SentenceLayout {
  const sentences: Span[] = [];
  if (isTableCell) sentences.push({ start: 0, end: text.length });
  else
    for (const s of SENTENCES.segment(text))
      sentences.push({ start: s.index, end: s.index + s.segment.length });
  const clauses: Span[] = [];
  for (const s of sentences) {
    let start = s.start;
    const sentence = text.slice(s.start, s.end);
    const breaks = [...sentence.matchAll(CLAUSE_BREAK), ...sentence.matchAll(AND_NEW_SUBJECT)].sort((a, b) => a.index - b.index);
    for (const m of breaks) {
      // "Forecast launch of AWS's AI Foundry: Q4 2026": a label and its value are one clause.
      if (m[0].startsWith(':') && (sentence.slice(m.index).match(WORD)?.length ?? 0) <= LABEL_VALUE_WORDS) continue;
      clauses.push({ start, end: s.start + m.index });
      start = s.start + m.index;
    }
    clauses.push({ start, end: s.end });
  }
  const wordStarts = [...text.matchAll(WORD)].map((m) => m.index);
  const attributions = [...text.matchAll(ATTRIBUTION)].map((m) => m.index);
  const alternatives = [...text.matchAll(ALTERNATIVE)].map((m) => m.index);
  const consequences = [...text.matchAll(CONSEQUENCE)].map((m) => m.index);
  return { sentences, clauses, wordStarts, attributions, alternatives, consequences };
}

/** Index of the span (sentence, clause) holding `offset`, or -1. */
export function spanIndexAt(spans: readonly Span[], offset: number): number {
  return spans.findIndex((s) => offset >= s.start && offset < s.end);
}

/** Index of the first word starting at or after `offset` (word starts are sorted). */
function firstWordAtOrAfter(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function wordsBetween(l: SentenceLayout, from: number, to: number): number {
  return to <= from ? 0 : firstWordAtOrAfter(l.wordStarts, to) - firstWordAtOrAfter(l.wordStarts, from);
}

function gap(text: string, l: SentenceLayout, from: number, to: number): number {
  const between = text.slice(from, to);
  return wordsBetween(l, from, to) + 2 * (between.match(JOINERS)?.length ?? 0);
}

/** Nearer is stronger: adjacent words count fully, a word ten words away about half. */
function decay(words: number): number {
  return words <= 1 ? 1 : Math.max(0.5, 1 - 0.05 * (words - 1));
}

/**
 * The weight of the word at `word` for `figure`, given all `figures` of the same prose unit.
 */
export function attachment(text: string, l: SentenceLayout, word: Span, figure: FigureSpan, figures: readonly FigureSpan[]): number {
  const sentence = spanIndexAt(l.sentences, figure.start);
  if (spanIndexAt(l.sentences, word.start) !== sentence) return 0;
  if (l.attributions.some((a) => a >= figure.end && a < word.start && spanIndexAt(l.sentences, a) === sentence)) return 0;
  if (l.alternatives.some((a) => a >= figure.end && a < word.start && spanIndexAt(l.sentences, a) === sentence)) return 0;
  if (l.consequences.some((a) => a >= figure.end && a < word.start && spanIndexAt(l.sentences, a) === sentence)) return OTHER_FIGURE;
  const clause = spanIndexAt(l.clauses, figure.start);
  if (spanIndexAt(l.clauses, word.start) !== clause) return OTHER_CLAUSE;
  // A year modifies the figures around it ("$45 billion in AI revenue in 2024"): it claims
  // words only against other years.
  const rivals = figure.type === 'date' ? figures : figures.filter((f) => f.type !== 'date');
  const inClause = rivals.filter((f) => spanIndexAt(l.clauses, f.start) === clause);
  const left = inClause.filter((f) => f.end <= word.start).at(-1);
  const right = inClause.find((f) => f.start >= word.end);
  if (!left && !right) return 0;
  const leftGap = left ? gap(text, l, left.end, word.start) : Infinity;
  const rightGap = right ? gap(text, l, word.end, right.start) : Infinity;
  let owner: Span | undefined;
  if (left && right) {
    const between = text.slice(left.end, word.start);
    // "$8 billion into Anthropic", but not "Within 18 months, Amazon is predicted to add $10 billion".
    const prepositional = PREPOSITION_BEFORE.test(between) && !between.includes(',') && leftGap <= 4;
    // On a tie the word leads into the figure after it: "revenue of $8 billion grew 50%", unless
    // it is plainly nearer the one before: "$5B upfront + $20B on milestones".
    const nearerLeft = leftGap === rightGap && !text.slice(left.end, word.start).trim() && !!text.slice(word.end, right.start).trim();
    owner = prepositional || leftGap < rightGap || nearerLeft ? left : right;
  } else owner = left ?? right;
  if (owner === figure) return decay(owner === left ? leftGap : rightGap);
  // Before the clause's first figure: the subject of every figure in it.
  if (!left && word.end <= figure.start) return SHARED_SUBJECT * decay(gap(text, l, word.end, figure.start) / 3);
  return OTHER_FIGURE;
}
