/**
 * Which figure a word belongs to. In "Amazon invested $25 billion in Anthropic and $50 billion in
 * OpenAI", Anthropic goes with the first figure and OpenAI with the second, while Amazon, before
 * both, is shared. The weight of a word for a figure (0 to 1) is what the matcher uses as
 * evidence: 1 for a word next to the figure, less with distance, other clauses and other figures.
 */
import { ATTACHMENT } from '../matching/model';
import { type SentenceLayout, type Span, firstWordAtOrAfter, spanIndexAt } from './layout';
import { LEXICON, alternationOf, escapeRegExp, wordsOf } from './lexicon';

/**
 * A word after one of these ("$8 billion into Anthropic"), maybe after a determiner or a maker's
 * possessive ("$1.20 on Nvidia's L40S"), attaches to the figure before it.
 */
const PREPOSITION_BEFORE = new RegExp(
  String.raw`(?:^|\s)(?:${alternationOf(LEXICON.figurePrepositions)})\s+(?:${wordsOf(LEXICON.prepositionDeterminers).map((w) => `${escapeRegExp(w)}\\s+`).join('|')}|[A-Z][\w.]*['’]s\s+)?$`,
  'i',
);
export const JOINERS = new RegExp(String.raw`,|${wordsOf(LEXICON.joiners).map((w) => String.raw`\b${escapeRegExp(w)}\b`).join('|')}`, 'gi');
/** A comma or a list joiner somewhere in a stretch of text (JOINERS without its global state). */
const JOINED = new RegExp(JOINERS.source, 'i');

/** Whether a word `words` words after a figure follows its preposition, with no comma between (`between`: the text from the figure to the word). */
function byPreposition(between: string, words: number): boolean {
  return PREPOSITION_BEFORE.test(between) && !between.includes(',') && words <= ATTACHMENT.prepositionReach;
}

/** A figure's place, and its type where the caller knows it. */
export interface FigureSpan extends Span {
  type?: string;
}

function wordsBetween(l: SentenceLayout, from: number, to: number): number {
  return to <= from ? 0 : firstWordAtOrAfter(l.wordStarts, to) - firstWordAtOrAfter(l.wordStarts, from);
}

/** Distance in words, a list joiner counting as several: "Amazon, Google and Microsoft" keeps Amazon far from the last. */
function gap(text: string, l: SentenceLayout, from: number, to: number): number {
  const between = text.slice(from, to);
  return wordsBetween(l, from, to) + ATTACHMENT.joinerWords * (between.match(JOINERS)?.length ?? 0);
}

/** Nearer is stronger: adjacent words count fully, a word ten words away about half. */
function decay(words: number): number {
  return words <= 1 ? 1 : Math.max(ATTACHMENT.minDecay, 1 - ATTACHMENT.decayPerWord * (words - 1));
}

/** Whether one of `marks` (attributions, alternatives…) of the figure's sentence sits between the figure and the word after it. */
function markBetween(l: SentenceLayout, marks: readonly number[], figure: FigureSpan, word: Span, sentence: number): boolean {
  return marks.some((a) => a >= figure.end && a < word.start && spanIndexAt(l.sentences, a) === sentence);
}

/** The nearest figures of the clause before and after the word. A year claims words only against other years. */
function neighbours(l: SentenceLayout, word: Span, figure: FigureSpan, figures: readonly FigureSpan[], clause: number) {
  const rivals = figure.type === 'date' ? figures : figures.filter((f) => f.type !== 'date');
  const inClause = rivals.filter((f) => spanIndexAt(l.clauses, f.start) === clause);
  return { left: inClause.filter((f) => f.end <= word.start).at(-1), right: inClause.find((f) => f.start >= word.end) };
}

/** A figure preposition right before a word: "for" in "… credits for OpenAI". */
const PREPOSITION_RIGHT_BEFORE = new RegExp(String.raw`(?<![\p{L}])(${alternationOf(LEXICON.figurePrepositions)})\s+$`, 'iu');
/** How far before a word its preposition is looked for: the longest preposition and a space. */
const PREPOSITION_LOOKBACK = 12;
/** The first word after a figure, between spaces: "for" in "$21 billion for Anthropic". */
const FIRST_WORD_AFTER = /^\s+(\p{L}+)\s/u;

/**
 * Whether the word and the figure after it are said in parallel, each after the same preposition:
 * in "$25 billion … for OpenAI and about $21 billion for Anthropic", OpenAI is the first figure's,
 * as Anthropic is the second's, however far the first figure is.
 */
function parallelPreposition(text: string, word: Span, right: FigureSpan): boolean {
  const before = PREPOSITION_RIGHT_BEFORE.exec(text.slice(Math.max(0, word.start - PREPOSITION_LOOKBACK), word.start));
  if (!before) return false;
  // The figure prepositions are single words: the word after the next figure is compared, not matched by a pattern per call.
  const after = FIRST_WORD_AFTER.exec(text.slice(right.end, right.end + PREPOSITION_LOOKBACK));
  return !!after && after[1].toLowerCase() === before[1].toLowerCase();
}


/** A sentence opening with a framing preposition or a subordinate phrase up to its figure: "At 2.1 TFLOPS per watt", "When combined with $8 billion". */
const OPENING_PHRASE = new RegExp(String.raw`^\s*(?:${alternationOf(LEXICON.framingOpenings)}|${alternationOf(LEXICON.subordinateOpenings)})\s[^,;:]*$`, 'iu');

/** Whether a figure is in its sentence's opening phrase, before the main clause. */
function inOpeningPhrase(text: string, l: SentenceLayout, figure: FigureSpan): boolean {
  const s = l.sentences[spanIndexAt(l.sentences, figure.start)];
  return !!s && OPENING_PHRASE.test(text.slice(s.start, figure.start));
}

/** Which of the two figures around a word it belongs to. */
function ownerBetween(text: string, l: SentenceLayout, word: Span, left: FigureSpan, right: FigureSpan): FigureSpan {
  if (parallelPreposition(text, word, right)) return left;
  const leftGap = gap(text, l, left.end, word.start);
  const rightGap = gap(text, l, word.end, right.start);
  const between = text.slice(left.end, word.start);
  // "$8 billion into Anthropic", but not "Within 18 months, Amazon is predicted to add $10 billion".
  const prepositional = byPreposition(between, leftGap);
  // On a tie the word leads into the figure after it: "revenue of $8 billion grew 50%", unless
  // it is plainly nearer the one before: "$5B upfront + $20B on milestones".
  const nearerLeft = leftGap === rightGap && !between.trim() && !!text.slice(word.end, right.start).trim();
  // After a comma or a list joiner that closes the figure before, a word opens what leads into the
  // next: "to $40 billion, with Google boosting Anthropic funding to $7 billion", "inference costs
  // by a third and training costs by as much as 60%"; unless the figure before sits in the
  // sentence's framing opening, which the main clause's words are about too ("At 2.1 TFLOPS per
  // watt, one Trainium 2 would draw 380 W").
  const opensNext = JOINED.test(between) && !JOINED.test(text.slice(word.end, right.start)) && !inOpeningPhrase(text, l, left);
  return !opensNext && (prepositional || leftGap < rightGap || nearerLeft) ? left : right;
}

/** A word outside the figure's clause, or past an attribution, alternative or consequence, weighs this much; undefined inside. */
function acrossMarks(l: SentenceLayout, word: Span, figure: FigureSpan): number | undefined {
  const sentence = spanIndexAt(l.sentences, figure.start);
  if (spanIndexAt(l.sentences, word.start) !== sentence) return 0;
  if (markBetween(l, l.attributions, figure, word, sentence) || markBetween(l, l.alternatives, figure, word, sentence)) return 0;
  if (markBetween(l, l.consequences, figure, word, sentence)) return ATTACHMENT.otherFigure;
  return spanIndexAt(l.clauses, word.start) !== spanIndexAt(l.clauses, figure.start) ? ATTACHMENT.otherClause : undefined;
}

/**
 * Whether a word of another clause sits in a clause with a figure of another kind, whose measure
 * it names: in "$38 billion of revenue for 2024, growing 45% a year", revenue is the $38 billion's,
 * not the growth's.
 */
function measuresAnotherKind(l: SentenceLayout, word: Span, figure: FigureSpan, figures: readonly FigureSpan[]): boolean {
  const clause = spanIndexAt(l.clauses, word.start);
  return figures.some((f) => f !== figure && f.type !== figure.type && f.type !== 'date' && spanIndexAt(l.clauses, f.start) === clause);
}

/**
 * The weight of a word of the figure's clause that belongs to another of its figures: before the
 * clause's first figure it is the subject of all of them; with a figure of another kind, it names
 * another side of the same thing ("spend $100 billion on AWS over ten years" names AWS for the term
 * too); with a figure of the same kind, it is that figure's ("$8 billion in Anthropic and $50
 * billion in OpenAI").
 */
function sharedWeight(text: string, l: SentenceLayout, word: Span, figure: FigureSpan, owner: FigureSpan, left: FigureSpan | undefined, across: boolean): number {
  if (!left && word.end <= figure.start) return ATTACHMENT.sharedSubject * decay(gap(text, l, word.end, figure.start) / ATTACHMENT.sharedSubjectSpread);
  return across && owner.type !== undefined && owner.type !== figure.type ? ATTACHMENT.otherKindFigure : ATTACHMENT.otherFigure;
}

/**
 * The weight of the word at `word` for `figure`, given all `figures` of the same prose unit.
 * `acrossKinds`: whether a word of a figure of another kind is shared (a party is: "spend $100
 * billion on AWS over ten years"; a measure is not: in "$58 billion equals 18 months of operating
 * income", operating income is the 18 months').
 */
export function attachment(text: string, l: SentenceLayout, word: Span, figure: FigureSpan, figures: readonly FigureSpan[], acrossKinds = true): number {
  const w = placeAttachment(text, l, word, figure, figures, acrossKinds);
  return w < ATTACHMENT.lineLabel && figure.type === 'date' && word.start >= figure.end && labelsLine(text, l, figure) && sameSentence(l, word, figure) && !otherDateOwns(text, l, word, figure, figures) ? ATTACHMENT.lineLabel : w;
}

/** Only markup before a line's label (a list marker, emphasis, a quote mark), and maybe a deadline word ("**By Q2 2027"). */
const BEFORE_LABEL = new RegExp(String.raw`^[\s*_>•·-]*(?:(?:${alternationOf(LEXICON.deadlineWords)})\s+)?$`, 'iu');
/**
 * After a line's label: a spaced dash, maybe after closing emphasis ("**2024** — "), or a full stop
 * or colon, maybe after a few words and before closing emphasis ("**June 2024.** ", "**By Q2 2027
 * (forecast).** ", "2024: ").
 */
const AFTER_LABEL = /^(?:[*_]*\s*[—–]\s|[^*_.:\n]{0,20}[.:][*_]*\s)/u;
/** How far after a label its end is looked for: a few words, closing emphasis, a dash and a space. */
const LABEL_DASH_REACH = 26;

/**
 * Whether the figure labels its line, as a timeline's date does: "**2024** — Adam Selipsky steps
 * down…", "**June 2024.** Matt Garman replaces Adam Selipsky". (A date only: a figure labelling a
 * line shares it with the line's other figures, whose words are theirs: "**$35–45 billion** — the
 * total after an extra **$10–15 billion**".)
 */
function labelsLine(text: string, l: SentenceLayout, figure: FigureSpan): boolean {
  const s = l.sentences[spanIndexAt(l.sentences, figure.start)];
  return !!s && BEFORE_LABEL.test(text.slice(s.start, figure.start)) && AFTER_LABEL.test(text.slice(figure.end, figure.end + LABEL_DASH_REACH));
}

/**
 * Whether another date of the line holds the word at least as strongly as a label would: its
 * words are its own ("**April 2026.** Garman, an Amazon veteran since 2007, …"), not the label's.
 */
function otherDateOwns(text: string, l: SentenceLayout, word: Span, figure: FigureSpan, figures: readonly FigureSpan[]): boolean {
  return figures.some((f) => f !== figure && f.type === 'date' && sameSentence(l, f, figure) && placeAttachment(text, l, word, f, figures, true) >= ATTACHMENT.lineLabel);
}

function sameSentence(l: SentenceLayout, word: Span, figure: FigureSpan): boolean {
  return spanIndexAt(l.sentences, word.start) === spanIndexAt(l.sentences, figure.start);
}

/**
 * Whether a word of a later clause is a figure's of its own clause by a preposition ("about $0.65
 * per million tokens, against $1.20 on the L40S") or by leading right into it ("…, growing 25% year
 * over year"): another figure's of the same kind, it is no more this figure's than a word of
 * another figure in its own clause would be. (A clause before
 * still lends its words: in "put another $10-15 billion into Anthropic, lifting its total to $40-45
 * billion", the total is Anthropic's too.)
 */
function ownedInItsClause(text: string, l: SentenceLayout, word: Span, figure: FigureSpan, figures: readonly FigureSpan[]): boolean {
  const clause = spanIndexAt(l.clauses, word.start);
  const sameKindInClause = (f: FigureSpan) => f !== figure && f.type === figure.type && spanIndexAt(l.clauses, f.start) === clause;
  // Right before a figure of the kind in its clause, a word leads into it: "…, growing 25% year over year".
  const right = figures.find((f) => sameKindInClause(f) && f.start >= word.end);
  if (right && gap(text, l, word.end, right.start) <= LEADS_INTO_WORDS) return true;
  const left = figures.filter((f) => sameKindInClause(f) && f.end <= word.start).at(-1);
  if (!left) return false;
  const between = text.slice(left.end, word.start);
  return byPreposition(between, gap(text, l, left.end, word.start));
}

/** How many words may stand between a word and the figure of its clause it leads into ("growing at 25%"). */
const LEADS_INTO_WORDS = 1;

/** The word's weight by where it is: its sentence and clause, the marks and the other figures between, its distance. */
function placeAttachment(text: string, l: SentenceLayout, word: Span, figure: FigureSpan, figures: readonly FigureSpan[], acrossKinds: boolean): number {
  const across = acrossMarks(l, word, figure);
  if (across === ATTACHMENT.otherClause && word.start >= figure.end && ownedInItsClause(text, l, word, figure, figures)) return ATTACHMENT.otherFigure;
  if (across !== undefined) return !acrossKinds && across === ATTACHMENT.otherClause && measuresAnotherKind(l, word, figure, figures) ? ATTACHMENT.otherFigure : across;
  const { left, right } = neighbours(l, word, figure, figures, spanIndexAt(l.clauses, figure.start));
  if (!left && !right) return 0;
  const owner = left && right ? ownerBetween(text, l, word, left, right) : (left ?? right)!;
  if (owner !== figure) return sharedWeight(text, l, word, figure, owner, left, acrossKinds);
  return decay(owner === left ? gap(text, l, left.end, word.start) : gap(text, l, word.end, right!.start));
}
