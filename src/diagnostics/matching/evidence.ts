/**
 * The evidence a prose unit offers about its figures: the figures themselves, the entities and
 * keywords it names with their places, its years, its table headers, and the parties carried from
 * the text before. `wordWeight` says how much a word weighs for a figure (see reading/attachment);
 * `entityWeight` and `keywordWeight` are the strongest such weight for an entity or a word list,
 * context included. They are memoized per unit: every candidate fact asks about the same words.
 */
import type { CompiledFact, KeywordHit, KnowledgeBase, Mention } from '../../knowledge/knowledge-base';
import { type UnitDiscourse, carriedWeight, findSentenceSubject, lastNaming } from '../context/discourse';
import { isParty, isUnknown, partiesIn } from '../context/parties';
import type { Figure } from '../figures/figure';
import { readFigures } from '../figures/read-figures';
import { unitReaderFor } from '../figures/units';
import type { ProseUnit } from '../markdown/prose';
import { CELL_SEPARATOR } from '../markdown/plain-blocks';
import { attachment } from '../reading/attachment';
import { type SentenceLayout, type Span, framingOpening, groupBySpan, layout, sentenceAt, spanIndexAt } from '../reading/layout';
import { overlapsAny, spanIndex } from '../reading/spans';
import { questionWords } from '../context/question';
import { NO_PREVIOUS_MEASURE, type PreviousMeasure, previousMeasure } from '../context/previous-measure';
import { framesSaid } from '../context/frames';
import { LEXICON, alternationOf } from '../reading/lexicon';
import { EVIDENCE, GATES } from './model';
import { saysKeyword } from '../reading/said-keywords';
import { type SentenceOrigin, readByStretches } from './text-readers';
import { allMatches } from '../reading/all-matches';

export interface HeaderEvidence {
  mentions: Map<string, number>;
  keywords: Map<string, number>;
  years: Map<number, number>;
  columnHeader: string;
}

export interface Evidence extends UnitDiscourse {
  figures: Figure[];
  keywords: { keyword: string; start: number; end: number }[];
  years: { year: number; start: number; end: number }[];
  header?: HeaderEvidence;
  /** `figures` and `keywords` by sentence (see groupBySpan): what a question about one sentence looks through. */
  figuresBySentence: readonly (readonly Figure[])[];
  keywordsBySentence: readonly Evidence['keywords'][];
  /** Memo: figure → word span key → weight. */
  weights: Map<Figure, Map<number, number>>;
  /** Memo: each figure's sentence subject, asked for by every candidate fact. */
  subjects: Map<Figure, { entity: string; weight: number } | undefined>;
  /** Memo: each date's host figure (deadlineHost), asked for by every word weighed for it. */
  hosts: Map<Figure, Figure | undefined>;
  /** Memo: the mentions and keywords that can weigh for each figure (see near). */
  nearWords: Map<Figure, NearWords>;
  /** Memo: figure → word list → keywordWeight; candidate facts share their relation's and qualifiers' lists. */
  keywordWeights: Map<Figure, Map<ReadonlySet<string>, number>>;
  /** Memo: figure → entity → namedWeight; every candidate fact of a figure asks about the same few parties. */
  namedWeights: Map<Figure, Map<string, number>>;
  /** The words some fact of a figure type says itself by (its relation's, its own, its qualifiers'). */
  measureWords: (type: string) => ReadonlySet<string>;
  /** Memo: by sentence, the figures a word of it can weigh for (see weighedFrom). */
  weighedBySentence?: readonly (readonly Figure[])[];
  /** Memo: the entities of `mentions`, each once, in the order first named (see mentionedEntities). */
  entitiesNamed?: readonly string[];
  /** Framing qualifiers the table's header row or the text before says (see context/frames): they hold for every figure. */
  contextFrames: ReadonlySet<string>;
  /** The words of the question the text before asks (see context/question): they hold for the figures of the unit's first sentence. */
  question: ReadonlySet<string>;
  /** The measure the text before ended on (see context/previous-measure): for the figures of the unit's first sentence that say none. */
  previousMeasure: PreviousMeasure;
  /** Framing qualifier → where the unit first says it: it holds for the figures of the sentences after. */
  framedFrom: ReadonlyMap<string, number>;
  /** For a text read by stretches, where each sentence was read (text-readers.ts): what a window's key names it by. */
  origins?: readonly SentenceOrigin[];
}

/** The mentions and keywords of a figure's sentence (and its deadline host's): a word of another sentence weighs nothing for it. */
export interface NearWords {
  mentions: Mention[];
  keywords: Evidence['keywords'];
}

/**
 * The words that can weigh for `figure` (attachment gives every word of another sentence 0):
 * looking only at these keeps a long paragraph's cost per figure to its own sentence.
 */
export function near(ev: Evidence, figure: Figure): NearWords {
  let n = ev.nearWords.get(figure);
  if (!n) {
    const host = hostOf(ev, figure);
    const own = [...new Set([sentenceOf(ev, figure), ...(host ? [sentenceOf(ev, host)] : [])])].sort((a, b) => a - b);
    // Mentions and keywords are in text order, so sentences in order keep them so.
    n = { mentions: own.flatMap((i) => ev.mentionsBySentence[i] ?? []), keywords: own.flatMap((i) => ev.keywordsBySentence[i] ?? []) };
    ev.nearWords.set(figure, n);
  }
  return n;
}

function sentenceOf(ev: Evidence, figure: Figure): number {
  return spanIndexAt(ev.layout.sentences, figure.start);
}

const NOTHING_ASKED: ReadonlySet<string> = new Set();

/** The words of the question the figure's sentence answers: the one the text before asks, for the unit's first sentence. */
export function askedFor(ev: Evidence, figure: Figure): ReadonlySet<string> {
  return ev.question.size && sentenceOf(ev, figure) === 0 ? ev.question : NOTHING_ASKED;
}

/** The figures of `figure`'s sentence: the only ones that can take a word from it (see reading/attachment). */
export function sentenceFigures(ev: Evidence, figure: Figure): readonly Figure[] {
  return ev.figuresBySentence[sentenceOf(ev, figure)] ?? [];
}

export const DEADLINE_BEFORE = new RegExp(String.raw`^[^,;:]{0,40}?\b(?:${alternationOf(LEXICON.deadlineWords)})\s+$`, 'i');
const DEADLINE_OPENING = new RegExp(String.raw`^\s*(?:${alternationOf(LEXICON.deadlineWords)})\s+$`, 'i');

/**
 * A deadline right after a figure ("30-50% of cloud spending by 2030"), or opening the sentence of
 * one ("By 2028, model providers will run on 2-3 clouds"), shares that figure's words.
 */
function deadlineHost(ev: Evidence, date: Figure): Figure | undefined {
  const host = lastBefore(ev.figures, date);
  if (host) {
    const between = ev.text.slice(host.end, date.start);
    if (DEADLINE_BEFORE.test(between) && (between.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= EVIDENCE.deadlineReach) return host;
  }
  const sentence = ev.layout.sentences[spanIndexAt(ev.layout.sentences, date.start)];
  if (!sentence || !DEADLINE_OPENING.test(ev.text.slice(sentence.start, date.start))) return undefined;
  return ev.figures.find((f) => f.type !== 'date' && f.start >= date.end && f.start < sentence.end);
}

/** The last figure (in the unit's order) other than a date that ends before `date` starts. */
function lastBefore(figures: readonly Figure[], date: Figure): Figure | undefined {
  for (let i = figures.length - 1; i >= 0; i--) if (figures[i].type !== 'date' && figures[i].end <= date.start) return figures[i];
  return undefined;
}

/** An opening bracket (and a sign) between a figure and the next: "$45bn (+35%)". */
const ASIDE_BETWEEN = /^\s*\(\s*[+−–-]?$/u;
/**
 * A relative clause opening between a figure's phrase and the next figure: "$50 billion investment
 * in OpenAI, which came with a $100 billion", "$25 billion of new funding for Anthropic, of which $6 billion".
 */
const RELATIVE_BETWEEN = /^[^.;:,]{0,60},\s*(?:of\s+)?which\s+(?:\S+\s+){0,5}$/u;
/** A companion phrase between a figure's phrase and the next figure (the lexicon's companions): "$50 billion into OpenAI, alongside a $100 billion". */
const COMPANION_BETWEEN = new RegExp(String.raw`^[^.;:,]{0,60},?\s*(?:${alternationOf(LEXICON.companions)})\s+(?:\S+\s+){0,2}$`, 'iu');
/** A total's opening after an earlier amount of its kind (the lexicon's totalOpenings): "$10-15 billion to Anthropic within 18 months, for a total of". */
const TOTAL_BETWEEN = new RegExp(String.raw`^[^.;:]{0,80}?,?\s*(?:${alternationOf(LEXICON.totalOpenings)})\s+(?:\S+\s+){0,2}$`, 'iu');
/** Spaces (a line break among them) allowed between a figure and its part's words. */
const SPACES_BEFORE_PART = 8;
/** How far after a figure its part's words are looked for: the longest of them, after the spaces allowed. */
const PART_REACH = Math.max(...Object.keys(LEXICON.partFollowers.entries).map((w) => w.length)) + SPACES_BEFORE_PART;
/** A part's words right after a figure (the lexicon's partFollowers): "$5 billion of it upfront". */
const PART_AFTER = new RegExp(String.raw`^\s+(?:${alternationOf(LEXICON.partFollowers)})\b`, 'iu');
/** The far end of a change between two figures (the lexicon's changeEnds): "from $35 billion to $160 billion". */
const CHANGE_END_BETWEEN = new RegExp(String.raw`^\s+(?:${alternationOf(LEXICON.changeEnds)})\s+$`, 'iu');
/** The size a change is projected to reach, between its two figures (the lexicon's projectedEnds): "estimated at $19 billion and projected to reach $95 billion". */
const PROJECTED_END_BETWEEN = new RegExp(String.raw`^[\s,]+(?:${alternationOf(LEXICON.projectedEnds)})\s+$`, 'iu');
/** A change's start said right before its figure (the lexicon's changeStarts): "starts at $26 billion". */
const CHANGE_START_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.changeStarts)})\s+$`, 'iu');
/** How far before a figure its change-start words are looked for: the longest of them and a space or two. */
const CHANGE_START_REACH = Math.max(...Object.keys(LEXICON.changeStarts.entries).map((w) => w.length)) + 2;
/** "from" right before a change's first figure. */
const CHANGE_FROM = new RegExp(String.raw`(?<![\p{L}\p{N}])from\s+(?:(?:${alternationOf(LEXICON.hedgesBefore)})\s*)?$`, 'iu');
/** How far before a figure its "from" is looked for, in characters: "from" and a hedge ("from about $10 billion"). */
const CHANGE_FROM_REACH = 24;
/** A change verb right before a figure, maybe with a possessive or article between (the lexicon's changeVerbs): "lift its $13 billion". */
const CHANGE_VERB_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.changeVerbs)})\s+(?:(?:${alternationOf(LEXICON.possessivePronouns)}|the|a|an)\s+)?(?:(?:${alternationOf(LEXICON.hedgesBefore)})\s*)?$`,
  'iu',
);
/** How far before a figure its change verb is looked for, in characters: the longest verb, a possessive and a hedge. */
const CHANGE_VERB_REACH = 40;
/** Between a changed figure and the figure it changes to, in one clause: a few words and "to" ("$13 billion OpenAI commitment to $25–30 billion"). */
const CHANGED_TO_BETWEEN = /^[^,;:.()]{0,40}?\sto\s+$/u;
/** An amount's change after its measure and a comma (the lexicon's changeAsides): "$75 billion in annual revenue, up 34%". */
const CHANGE_BETWEEN = new RegExp(String.raw`^[^.;:,()]{0,40},\s*(?:${alternationOf(LEXICON.changeAsides)})\s+$`, 'iu');

/**
 * A figure of another kind in brackets right after a figure is an aside about the same thing: in
 * "OCI $8bn (+45%)" the growth is OCI's, as the amount is, and so is the change after an amount's
 * measure ("$75 billion in annual revenue, up 34%"). So is a figure in a relative clause on
 * a figure's phrase, or after a companion word: in "Amazon's $50 billion investment in OpenAI, which
 * came with a $100 billion cloud pact" or "…, alongside a $100 billion cloud pact", the pact is OpenAI's too;
 * so is an amount said to be part of the one before ("$25 billion into Anthropic, $10 billion of it upfront"),
 * and the far end of a change ("enterprise AI services from $35 billion to $160 billion").
 */
function asideHost(ev: Evidence, figure: Figure): Figure | undefined {
  const host = sentenceFigures(ev, figure).filter((f) => f.end <= figure.start).at(-1);
  if (!host) return undefined;
  const total = totalOf(ev, figure);
  if (total) return total;
  const between = ev.text.slice(host.end, figure.start);
  const part = host.type === figure.type && (PART_AFTER.test(ev.text.slice(figure.end, figure.end + PART_REACH)) || isChangeEnd(ev, host, between));
  return part || isChangeOf(ev, host, figure) || (host.type !== figure.type && ASIDE_BETWEEN.test(between)) || RELATIVE_BETWEEN.test(between) || COMPANION_BETWEEN.test(between) ? host : undefined;
}

/**
 * The amount a figure is the total of: the one amount of its kind before it in the sentence, with
 * one of the lexicon's totalOpenings between ("Amazon will add $10-15 billion to Anthropic within
 * 18 months, for a total of $45-50 billion"), whatever figures of other kinds stand between. After
 * several ("$8 billion into the lab, and its OpenAI deal alone is worth $50 billion, taking the
 * total to close to $60 billion") the total is all of theirs, no one's in particular.
 */
function totalOf(ev: Evidence, figure: Figure): Figure | undefined {
  const parts = sentenceFigures(ev, figure).filter((f) => f.end <= figure.start && f.type === figure.type);
  return parts.length === 1 && TOTAL_BETWEEN.test(ev.text.slice(parts[0].end, figure.start)) ? parts[0] : undefined;
}

/**
 * Whether a figure `between` text after `host` is the far end of a change that opens at `host`:
 * "from $35 billion to $160 billion", "estimated at $19 billion and projected to reach $95 billion".
 */
function isChangeEnd(ev: Evidence, host: Figure, between: string): boolean {
  return (CHANGE_END_BETWEEN.test(between) && CHANGE_FROM.test(ev.text.slice(Math.max(0, host.start - CHANGE_FROM_REACH), host.start))) || PROJECTED_END_BETWEEN.test(between);
}

/**
 * Whether the figure opens a change to the next figure of its kind: "$19 billion" in "should
 * climb from $19 billion to $95 billion". Where a change starts is where the thing is; what the
 * change is forecast to reach is its end's.
 */
export function isChangeStart(ev: Evidence, figure: Figure): boolean {
  return CHANGE_START(ev, figure, () => {
    const figures = sentenceFigures(ev, figure);
    const next = figures.find((f) => f.start >= figure.end);
    if (next && next.type === figure.type && isChangeEnd(ev, figure, ev.text.slice(figure.end, next.start))) return true;
    // Changed by a verb to the next: "lift its $13 billion OpenAI commitment to $25–30 billion".
    if (next && next.type === figure.type && CHANGED_TO_BETWEEN.test(ev.text.slice(figure.end, next.start)) && CHANGE_VERB_BEFORE.test(ev.text.slice(Math.max(0, figure.start - CHANGE_VERB_REACH), figure.start))) return true;
    // Said with its own words ("starts at $26 billion and grows at 50% a year"), or after its end: "climbs to $95 billion from a base of $19 billion".
    if (CHANGE_START_BEFORE.test(ev.text.slice(Math.max(0, figure.start - CHANGE_START_REACH), figure.start))) return true;
    const before = ev.text.slice(Math.max(0, figure.start - CHANGE_FROM_BASE_REACH), figure.start);
    return CHANGE_FROM_BASE.test(before) && figures.some((f) => f.end <= figure.start && f.type === figure.type);
  });
}

/** "from", maybe "from a base of", right before a change's start said after its end. */
const CHANGE_FROM_BASE = /(?<![\p{L}\p{N}])from\s+(?:a\s+base\s+(?:of\s+)?)?$/iu;
/** How far before a figure "from a base of" is looked for, in characters. */
const CHANGE_FROM_BASE_REACH = 20;

/** Whether the percentage `figure` is the change of the amount `host` right before it: "$45bn (+35%)", "$75 billion in annual revenue, up 34%". */
function isChangeOf(ev: Evidence, host: Figure, figure: Figure): boolean {
  if (figure.type !== 'percent' || host.type === 'percent') return false;
  const between = ev.text.slice(host.end, figure.start);
  return ASIDE_BETWEEN.test(between) || CHANGE_BETWEEN.test(between);
}

/** The figure whose words `figure` shares: a deadline's (deadlineHost) or an aside's (asideHost), memoized. */
export function hostOf(ev: Evidence, figure: Figure): Figure | undefined {
  if (!ev.hosts.has(figure)) ev.hosts.set(figure, figure.type === 'date' ? deadlineHost(ev, figure) : asideHost(ev, figure));
  return ev.hosts.get(figure);
}

/** The entities the unit names, each once, in the order first named: a long paragraph names the same few many times. */
export function mentionedEntities(ev: Evidence): readonly string[] {
  return (ev.entitiesNamed ??= [...new Set(ev.mentions.map((m) => m.entity))]);
}

/**
 * The figures a word of `sentence` can weigh anything for: the sentence's own, and those whose
 * host figure (see hostOf) is in it, as a deadline after a sentence's last figure may be ("…$5
 * billion. By 2030, …"). Attachment gives a word of another sentence 0, so asking only these keeps
 * a question about one word to its sentence in a long paragraph.
 */
export function weighedFrom(ev: Evidence, sentence: number): readonly Figure[] {
  ev.weighedBySentence ??= weighedBySentence(ev);
  return ev.weighedBySentence[sentence] ?? [];
}

function weighedBySentence(ev: Evidence): Figure[][] {
  const out = ev.figuresBySentence.map((figures) => [...figures]);
  for (const figure of ev.figures) {
    const host = hostOf(ev, figure);
    const at = host ? sentenceOf(ev, host) : -1;
    if (at >= 0 && at !== sentenceOf(ev, figure)) out[at].push(figure);
  }
  return out;
}

/** How much the word at `span` weighs for `figure`; a deadline year or an aside also gets its host figure's words. */
export function wordWeight(ev: Evidence, span: Span, figure: Figure): number {
  let byFigure = ev.weights.get(figure);
  if (!byFigure) ev.weights.set(figure, (byFigure = new Map()));
  const key = span.start * 0x100000 + span.end;
  let w = byFigure.get(key);
  if (w === undefined) {
    w = attachment(ev.text, ev.layout, span, figure, sentenceFigures(ev, figure));
    const host = hostOf(ev, figure);
    const shared = figure.type === 'date' ? EVIDENCE.deadlineHost : EVIDENCE.asideHost;
    if (host) w = Math.max(w, shared * attachment(ev.text, ev.layout, span, host, sentenceFigures(ev, host)));
    byFigure.set(key, w);
  }
  return w;
}

/**
 * How much a word naming a measure weighs for `figure`: a word of a figure of another kind is that
 * figure's alone, unless the figure is that amount's change ("$75 billion in annual revenue, up
 * 34%" is revenue growth).
 */
export function measureWordWeight(ev: Evidence, span: Span, figure: Figure): number {
  const own = attachment(ev.text, ev.layout, span, figure, sentenceFigures(ev, figure), false);
  const host = hostOf(ev, figure);
  return host && isChangeOf(ev, host, figure) ? Math.max(own, EVIDENCE.asideHost * attachment(ev.text, ev.layout, span, host, sentenceFigures(ev, host), false)) : own;
}

/**
 * A memo per unit and figure, for a feature's own per-figure work that every candidate fact of the
 * figure asks for (its scope words, the parties that can weigh for it): computed once, on first ask.
 */
export function figureMemo<T>(): (ev: Evidence, figure: Figure, compute: () => T) => T {
  const byUnit = new WeakMap<Evidence, Map<Figure, T>>();
  return (ev, figure, compute) => {
    let byFigure = byUnit.get(ev);
    if (!byFigure) byUnit.set(ev, (byFigure = new Map()));
    if (!byFigure.has(figure)) byFigure.set(figure, compute());
    return byFigure.get(figure)!;
  };
}

/** Whether each figure opens a change (isChangeStart): every candidate fact of the figure asks, for its qualifiers and its siblings' marks. */
const CHANGE_START = figureMemo<boolean>();

/** The figure's sentence subject (see context/discourse), memoized. */
export function sentenceSubject(kb: KnowledgeBase, ev: Evidence, figure: Figure): { entity: string; weight: number } | undefined {
  if (!ev.subjects.has(figure)) ev.subjects.set(figure, findSentenceSubject(kb, ev, figure));
  return ev.subjects.get(figure);
}

/** How strongly the unit itself names `entity` for `figure`: beside it, in a header, or as the sentence's subject. */
export function namedWeight(kb: KnowledgeBase, ev: Evidence, entity: string, figure: Figure): number {
  let byFigure = ev.namedWeights.get(figure);
  if (!byFigure) ev.namedWeights.set(figure, (byFigure = new Map()));
  let w = byFigure.get(entity);
  if (w === undefined) byFigure.set(entity, (w = nameWeight(kb, ev, entity, figure)));
  return w;
}

function nameWeight(kb: KnowledgeBase, ev: Evidence, entity: string, figure: Figure): number {
  let w = ev.header?.mentions.get(entity) ?? 0;
  // A member of a line names the line: "Trainium 2 cuts training costs" speaks of Trainium.
  for (const m of near(ev, figure).mentions) if (m.entity === entity || kb.entities.get(m.entity)?.family === entity) w = Math.max(w, wordWeight(ev, m, figure));
  // "Trainium peaks at 800 TFLOPS" may mean Trainium 2: the line's name counts, a little less.
  const family = kb.entities.get(entity)?.family;
  if (family !== undefined && w < GATES.said) w = Math.max(w, EVIDENCE.family * namedWeight(kb, ev, family, figure));
  const subject = sentenceSubject(kb, ev, figure);
  return subject?.entity === entity ? Math.max(w, subject.weight) : w;
}

/**
 * How strongly the unit names `entity` for `figure`: beside it, in a header, as the sentence's
 * subject, or carried from before. `partners`: the other parties of the fact asked about, whose
 * naming does not stop the entity being carried.
 */
export function entityWeight(kb: KnowledgeBase, ev: Evidence, entity: string | undefined, figure: Figure, partners?: ReadonlySet<string>): number {
  if (!entity) return 0;
  return Math.max(namedWeight(kb, ev, entity, figure), carriedWeight(kb, ev, entity, figure, partners));
}

/** How strongly the unit says one of `words` for `figure`; a word of an earlier figure of the same kind counts a little (ellipsis). */
export function keywordWeight(ev: Evidence, words: ReadonlySet<string>, figure: Figure): number {
  let byFigure = ev.keywordWeights.get(figure);
  if (!byFigure) ev.keywordWeights.set(figure, (byFigure = new Map()));
  let w = byFigure.get(words);
  if (w === undefined) byFigure.set(words, (w = saidWeight(ev, words, figure)));
  return w;
}

function saidWeight(ev: Evidence, words: ReadonlySet<string>, figure: Figure): number {
  const w = ownKeywordWeight(ev, words, figure);
  return w >= GATES.said ? w : Math.max(w, ellipsisWeight(ev, words, figure));
}

/** How strongly the unit says one of `words` for `figure` itself: beside it or in its headers, not by ellipsis. */
export function ownKeywordWeight(ev: Evidence, words: ReadonlySet<string>, figure: Figure): number {
  let w = 0;
  // Not `for (const [k, hw] of …)`: that makes an entry array per keyword, for every candidate fact.
  ev.header?.keywords.forEach((hw, k) => {
    if (words.has(k)) w = Math.max(w, hw);
  });
  for (const k of askedFor(ev, figure)) if (words.has(k)) w = Math.max(w, EVIDENCE.question);
  const label = itemLabel(ev);
  if (figure.end <= label.reach) for (const k of label.keywords) if (k.end <= figure.start && words.has(k.keyword)) w = Math.max(w, EVIDENCE.itemLabel);
  const companion = isCompanion(ev, figure);
  for (const k of near(ev, figure).keywords) if (words.has(k.keyword)) w = Math.max(w, companion ? ownAttachment(ev, k, figure) : wordWeight(ev, k, figure), framingWeight(ev, k, figure));
  return w;
}

/** A word's weight for the figure by where it stands alone, not through the figure's host. */
function ownAttachment(ev: Evidence, span: Span, figure: Figure): number {
  return attachment(ev.text, ev.layout, span, figure, sentenceFigures(ev, figure));
}

/** "of which" in a relative clause: the figure after it is a part of the one before, the same measure. */
const OF_WHICH = /\bof\s+which\b/iu;

/**
 * Whether the figure comes with its host as another deal ("$50 billion in OpenAI, alongside a $120
 * billion cloud pact", "…, which came with a $100 billion cloud pact"): it shares the host's
 * parties, not what the host measures ("invests").
 */
function isCompanion(ev: Evidence, figure: Figure): boolean {
  return COMPANION(ev, figure, () => {
    const host = hostOf(ev, figure);
    if (!host || figure.type === 'date') return false;
    const between = ev.text.slice(host.end, figure.start);
    return COMPANION_BETWEEN.test(between) || (RELATIVE_BETWEEN.test(between) && !OF_WHICH.test(between));
  });
}

/** Every candidate fact of a figure asks ownKeywordWeight, for each word list, whether it is a companion. */
const COMPANION = figureMemo<boolean>();

/** A short opening label before a colon, with no figure in it: "- cloud share: AWS 33%, Azure 25%", "**Training credits:** …". */
const ITEM_LABEL = /^[\s*_>•·+-]*[\p{L}][^:\n\d$%]{0,40}:(?!\S)/u;
/**
 * A run-in heading in bold, closed by a full stop: "5. **Share.** AWS sits at roughly 33% of
 * cloud". The unit's text has its markup blanked, so a full stop with more than one space after it
 * is one that emphasis closed; a sentence's full stop has one (a writer who types two spaces after
 * a short opening sentence gets it read as such a heading, for the sentence after it only).
 */
const RUN_IN_HEADING = /^[\s*_>•·+-]*[\p{L}][^:.\n\d$%]{0,40}\.(?=\s{2})/u;

/** An opening label's keywords, and where the figures it labels end. */
interface ItemLabel {
  keywords: Evidence['keywords'];
  reach: number;
}

const itemLabels = new WeakMap<Evidence, ItemLabel>();

/**
 * The keywords of the unit's opening label, memoized per unit: they say what its figures measure.
 * A label before a colon labels the unit (a list item's figures); a run-in heading its first
 * sentence only, as a paragraph under it may go on to other measures.
 */
function itemLabel(ev: Evidence): ItemLabel {
  let out = itemLabels.get(ev);
  if (!out) {
    const colon = ITEM_LABEL.exec(ev.text);
    const heading = colon ? null : RUN_IN_HEADING.exec(ev.text);
    const label = colon ?? heading;
    const keywords = label ? ev.keywords.filter((k) => k.end <= label[0].length) : [];
    // The sentence the heading runs into holds the first word after it.
    const first = heading ? ev.text.slice(heading[0].length).search(/\S/u) + heading[0].length : -1;
    const next = heading ? ev.layout.sentences[spanIndexAt(ev.layout.sentences, first)] : undefined;
    out = { keywords, reach: heading ? (next?.end ?? 0) : ev.text.length };
    itemLabels.set(ev, out);
  }
  return out;
}

/** How far into its sentence a framing opening's words can be: its preposition, up to 40 characters and spaces. */
const FRAMING_REACH = 56;

/** A sentence's framing opening whose words may set what its figures measure: up to 40 characters of them ("At FP8, "). */
const FRAMING_OPENING = framingOpening(40);

/** The weight of a word in its sentence's framing opening, for a figure of the sentence after it: it sets what every figure there measures. */
export function framingWeight(ev: Evidence, k: Span, figure: Figure): number {
  const s = ev.layout.sentences[sentenceOf(ev, figure)];
  if (!s || k.start < s.start || k.end > figure.start || k.end - s.start > FRAMING_REACH) return 0;
  const opening = FRAMING_OPENING.exec(ev.text.slice(s.start, s.end));
  return opening && k.end <= s.start + opening[0].length ? EVIDENCE.framingOpening : 0;
}

/** A complement word right before a figure, with at most an article and a few marks between ("the remaining $20 billion", "the rest, $20 billion"). */
const COMPLEMENT_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.complementOpenings)})(?:\s+of)?(?:\s+(?:${alternationOf(LEXICON.hedgesBefore)}))?[\s,:—–]*$`, 'iu');
/** How far before a figure its complement word is looked for, in characters: "balance of", and a hedge ("the balance of roughly $17 billion"). */
const COMPLEMENT_REACH = 32;

/** A part opening right before a figure, maybe with an article or two words between ("starting with a $1.25 billion tranche"). */
const PART_OPENING_BEFORE = new RegExp(String.raw`(?<![\p{L}])(?:${alternationOf(LEXICON.partOpenings)})(?:\s+[\p{L}-]+){0,2}\s+$`, 'iu');
/** How far before a figure its part opening is looked for, in characters: the opening and two words. */
const PART_OPENING_REACH = 40;

/** Only a list joiner between two figures ("$1.25 billion and $2.75 billion", "$1 billion, $2 billion"): they are said in one series. */
const SERIES_BETWEEN = new RegExp(String.raw`^\s*,?\s*(?:(?:${alternationOf(LEXICON.seriesJoiners)})\s+)?$`, 'iu');

/**
 * Whether the figure is a part of an earlier figure of its kind in its sentence ("up to $4 billion,
 * starting with a $1.25 billion tranche"), or said in one series right after such a part ("in
 * tranches of $1.25 billion and $2.75 billion").
 */
export function isPartOfBefore(ev: Evidence, figure: Figure): boolean {
  if (PART_OPENING_BEFORE.test(ev.text.slice(Math.max(0, figure.start - PART_OPENING_REACH), figure.start))) return hasPartBefore(ev, figure);
  const before = sentenceFigures(ev, figure).filter((f) => f.end <= figure.start).at(-1);
  return before !== undefined && before.type === figure.type && SERIES_BETWEEN.test(ev.text.slice(before.end, figure.start)) && isPartOfBefore(ev, before);
}

/** Whether a figure of the figure's kind comes before it in its sentence: a whole it may be a part of, or a part it may be the rest after. */
function hasPartBefore(ev: Evidence, figure: Figure): boolean {
  return sentenceFigures(ev, figure).some((f) => f.type === figure.type && f.end <= figure.start);
}

/** Whether the figure is the rest of a whole after an earlier part of its sentence ("$5 billion upfront, the other $23 billion …"): a part too. */
export function isRestAfterPart(ev: Evidence, figure: Figure): boolean {
  return isComplement(ev, figure) && hasPartBefore(ev, figure);
}

/** Whether the figure is the rest of a whole after an earlier part ("the remaining $20 billion"). */
export function isComplement(ev: Evidence, figure: Figure): boolean {
  return COMPLEMENT_BEFORE.test(ev.text.slice(Math.max(0, figure.start - COMPLEMENT_REACH), figure.start));
}

/**
 * How strongly the rest of a whole says one of `words` (a qualifier's) for itself: not by
 * ellipsis, and not before it when an earlier part of its kind is in its sentence, since what is
 * said there sets that part apart ("the upfront portion at $5 billion, with the other $23 billion
 * released as Anthropic hits its targets": the $23 billion is no upfront part).
 */
export function complementKeywordWeight(ev: Evidence, words: ReadonlySet<string>, figure: Figure): number {
  if (!hasPartBefore(ev, figure)) return ownKeywordWeight(ev, words, figure);
  let w = 0;
  for (const k of near(ev, figure).keywords) if (k.start >= figure.start && words.has(k.keyword)) w = Math.max(w, wordWeight(ev, k, figure));
  return w;
}

/**
 * Ellipsis: in "AWS's 32% share dwarfs Azure's 24%", the 24% is a share too, at a discount. So is
 * a figure of a sentence that names a party and says no word plainly for it (see `parallel`), at a
 * larger one, with the words of a figure of its kind in the sentences just before ("AWS made $45
 * billion of AI revenue. Azure was smaller, at $38 billion.") or of the lead sentence they follow
 * ("The chart ranks the segments by compound annual growth. Inference serving leads at 65%.").
 */
function ellipsisWeight(ev: Evidence, words: ReadonlySet<string>, figure: Figure): number {
  const at = sentenceOf(ev, figure);
  const own = ev.figuresBySentence[at] ?? [];
  let w = sameKindWords(ev, own, words, figure, EVIDENCE.ellipsis);
  // A figure of its kind earlier in its own sentence that says its measure is what it leaves its
  // measure to: in "Azure's AI business is growing at 40% a year and AWS's at around 25%", the 25%
  // is growth, whatever the sentence before measured ("Azure on 24% and Google Cloud on 14%" both
  // leave theirs to it).
  if (!parallel(ev, figure) || own.some((f) => f.type === figure.type && f.end <= figure.start && !parallel(ev, f))) return w;
  // The unit's first sentence goes on with the measure the text before ended on ("AWS leads the
  // cloud market with a 33% share." / "Azure follows at 24%").
  if (at === 0) return goesOnWithPrevious(ev, figure) && ev.previousMeasure.words.some((k) => words.has(k)) ? Math.max(w, EVIDENCE.sentenceEllipsis) : w;
  const s = ev.layout.sentences[at];
  const discount = SAME_MEASURE.test(ev.text.slice(s.start, s.end)) ? EVIDENCE.sameMeasure : EVIDENCE.sentenceEllipsis;
  for (let j = at - 1; j >= Math.max(0, at - EVIDENCE.leadReach); j--) {
    const alike = (ev.figuresBySentence[j] ?? []).filter((f) => f.type === figure.type);
    if (!alike.length) {
      // A sentence that neither names anyone nor says a measure ("The chart has been redrawn.") is passed over.
      const lead = leadWords(ev, j, words);
      if (lead > 0 || ev.mentionsBySentence[j].length || (ev.keywordsBySentence[j] ?? []).length) return Math.max(w, lead);
      continue;
    }
    // The sentence before lends the measure it ended on: "… growing 35% a year, and AWS holds a 33% share. Azure sits at 20%" is a share;
    // its last figure that says one, when the last is an ellipsis itself ("AWS's AI revenue at $45 billion, against $38 billion for Azure").
    w = Math.max(w, lastSaidWords(ev, alike, words, figure, discount));
  }
  return w;
}

/**
 * Whether the unit's first sentence, holding the figure, goes on with the measure the text before
 * ended on: it says no word any fact of the figure's type is said by ("Azure follows at 24%, with
 * Google Cloud at 15%", "and Google Cloud 13%"), after a sentence with a figure of that type. A
 * date is when, not a measure to go on with.
 */
function goesOnWithPrevious(ev: Evidence, figure: Figure): boolean {
  if (figure.type === 'date' || !ev.previousMeasure.types.includes(figure.type)) return false;
  const measures = ev.measureWords(figure.type);
  return !(ev.keywordsBySentence[0] ?? []).some((k) => measures.has(k.keyword));
}

/** A sentence saying its figures measure what the sentence before measured: "Google Cloud, by the same measure, sits at 15%". */
const SAME_MEASURE = new RegExp(String.raw`(?<![\p{L}])(?:${alternationOf(LEXICON.sameMeasureCues)})(?![\p{L}])`, 'iu');

/**
 * sameKindWords of the last of `alike` (figures of one sentence, in order) whose own words say
 * something of `words`; past a figure that says no measure plainly itself, to the one whose
 * measure it carries on ("AWS holds 32% of the cloud market, against 24% for Azure": the 24% is a
 * share only by the 32%'s words, which are what a sentence after it goes on with).
 */
function lastSaidWords(ev: Evidence, alike: readonly Figure[], words: ReadonlySet<string>, figure: Figure, discount: number): number {
  let faint = 0;
  for (let k = alike.length - 1; k >= 0; k--) {
    const w = sameKindWords(ev, [alike[k]], words, figure, discount);
    if (saysMeasurePlainly(ev, alike[k])) return w;
    faint ||= w;
  }
  return faint;
}

/** Whether a figure's own words say some measure of its kind plainly (at least GATES.plain). */
function saysMeasurePlainly(ev: Evidence, figure: Figure): boolean {
  const measures = ev.measureWords(figure.type);
  return near(ev, figure).keywords.some((k) => measures.has(k.keyword) && wordWeight(ev, k, figure) >= GATES.plain);
}

/** The strongest of `words` that belongs to an earlier figure of the figure's kind among `figures`, discounted. */
function sameKindWords(ev: Evidence, figures: readonly Figure[], words: ReadonlySet<string>, figure: Figure, discount: number): number {
  let w = 0;
  for (const other of figures) {
    if (other === figure || other.type !== figure.type || other.end > figure.start) continue;
    for (const k of near(ev, other).keywords) if (words.has(k.keyword)) w = Math.max(w, discount * wordWeight(ev, k, other));
  }
  return w;
}

/** One of `words` said in a lead sentence (one with no figure of the kind), at the sentence-ellipsis weight. */
function leadWords(ev: Evidence, sentence: number, words: ReadonlySet<string>): number {
  return (ev.keywordsBySentence[sentence] ?? []).some((k) => words.has(k.keyword)) ? EVIDENCE.sentenceEllipsis : 0;
}

/**
 * Whether the figure's sentence names a party and says no word plainly for the figure: a sentence
 * that leaves its measure to the one before. Only then does a figure's ellipsis look sentences back.
 */
export function parallel(ev: Evidence, figure: Figure): boolean {
  const { mentions, keywords } = near(ev, figure);
  // Only a word of its own clause that some fact of the figure's kind is said by counts: "AWS leads
  // with $45 billion" says no amount's measure; "On inference, Lena put the saving at 25%" does.
  const measures = ev.measureWords(figure.type);
  const { clauses } = ev.layout;
  const clause = spanIndexAt(clauses, figure.start);
  // A word inside a name says nothing of the measure: "cloud" of "Google Cloud sits at about $26 billion".
  const inName = (k: Evidence['keywords'][number]) => mentions.some((m) => m.start <= k.start && k.end <= m.end);
  // A measure word of a figure of another kind is that figure's: "…, with Google growing about 30% a
  // year" says no amount's measure. A date is when that figure's event was: "by 2029, labs are
  // predicted to run on 3-4 clouds" dates the clouds' count.
  const weight = figure.type === 'date' ? wordWeight : measureWordWeight;
  const says = (k: Evidence['keywords'][number]) => measures.has(k.keyword) && spanIndexAt(clauses, k.start) === clause && !inName(k) && weight(ev, k, figure) >= GATES.said;
  return mentions.length > 0 && !keywords.some(says);
}

/** A type no fact has is said by no words. */
const NO_WORDS: ReadonlySet<string> = new Set();

/** A year in a table header ("| 2024 | 2028 |"). */
const HEADER_YEAR = /(?<!\d)(?:19|20)\d\d(?!\d)/g;

/** The row's other cells that hold no number: those frame the row's figures. */
function framingCells(rowContext: string): string {
  return rowContext
    .split(CELL_SEPARATOR)
    .filter((cell) => !/\p{N}/u.test(cell))
    .join(CELL_SEPARATOR);
}

function headerEvidence(kb: KnowledgeBase, table: NonNullable<ProseUnit['table']>): HeaderEvidence {
  const mentions = new Map<string, number>();
  const keywords = new Map<string, number>();
  const years = new Map<number, number>();
  // The row header names what the row is about; the column header what is measured.
  for (const [text, weight] of [[table.rowHeader, EVIDENCE.rowHeader], [table.columnHeader, EVIDENCE.columnHeader]] as const) {
    for (const m of partiesIn(text, kb)) mentions.set(m.entity, Math.max(mentions.get(m.entity) ?? 0, weight));
    for (const k of kb.findKeywords(text)) keywords.set(k.keyword, Math.max(keywords.get(k.keyword) ?? 0, weight));
    for (const y of allMatches(HEADER_YEAR, text)) years.set(+y[0], weight);
  }
  // The row's other cells name parties (the partner of a deal) and say how it is framed; a cell
  // with a figure of its own says that figure's measure ("| $33.0B revenue |"), not the row's.
  for (const m of partiesIn(table.rowContext, kb)) mentions.set(m.entity, Math.max(mentions.get(m.entity) ?? 0, EVIDENCE.rowParty));
  for (const k of kb.findKeywords(framingCells(table.rowContext))) keywords.set(k.keyword, Math.max(keywords.get(k.keyword) ?? 0, EVIDENCE.rowWords));
  // A period a cell of the row names ("| AWS | Q3 2025 | $33.0B | 20% |") is the period of the whole
  // row: its 20% grew in a quarter. One a header names is its own column's ("Revenue, latest qtr").
  const periods = periodWordsOf(kb);
  for (const k of kb.findKeywords(table.rowContext))
    if (periods.has(k.keyword)) keywords.set(k.keyword, Math.max(keywords.get(k.keyword) ?? 0, EVIDENCE.columnHeader));
  return { mentions, keywords, years, columnHeader: table.columnHeader };
}

/** The words of the knowledge base's exclusive qualifiers (periods: a quarter, a half-year), per knowledge base. */
const PERIOD_WORDS = new WeakMap<KnowledgeBase, ReadonlySet<string>>();

function periodWordsOf(kb: KnowledgeBase): ReadonlySet<string> {
  let words = PERIOD_WORDS.get(kb);
  if (!words) PERIOD_WORDS.set(kb, (words = new Set(kb.scopes.filter((s) => s.of === 'qualifier').flatMap((s) => [...s.keywords]))));
  return words;
}

/** Where the unit first says each framing qualifier. */
export function framedFrom(kb: KnowledgeBase, keywords: Evidence['keywords']): Map<string, number> {
  const out = new Map<string, number>();
  for (const q of kb.framingQualifiers) {
    const words = kb.qualifierKeywords.get(q)!;
    const first = keywords.find((k) => words.has(k.keyword));
    if (first) out.set(q, first.start);
  }
  return out;
}

/**
 * How strongly the context says a framing qualifier for `figure`: the table's header row or the
 * text before says it, or an earlier sentence of the unit does.
 */
export function frameWeight(ev: Evidence, qualifier: string, figure: Figure): number {
  if (ev.contextFrames.has(qualifier)) return EVIDENCE.frame;
  const from = ev.framedFrom.get(qualifier);
  return from !== undefined && from < sentenceAt(ev.layout, ev.text, figure.start).start ? EVIDENCE.frame : 0;
}

/** What the text readers give for a unit: its parties, its layout and keywords when asked, and its figures as findFigures finds them when read already. */
interface TextRead {
  parties: Mention[];
  layout: () => SentenceLayout;
  /** The keywords it says as themselves (reading/said-keywords). */
  keywords: () => KeywordHit[];
  found?: Figure[];
  origins?: SentenceOrigin[];
}

/** The unit's text readers: a long paragraph's are read a stretch at a time (text-readers.ts), which gives what they give. */
function readText(unit: ProseUnit, kb: KnowledgeBase): TextRead {
  const read = unit.table ? undefined : readByStretches(unit.text, kb);
  if (read) return { parties: read.mentions, layout: () => read.layout, keywords: () => read.keywords, found: read.found, origins: read.origins };
  let l: SentenceLayout | undefined;
  return { parties: partiesIn(unit.text, kb), layout: () => (l ??= layout(unit.text, !!unit.table)), keywords: () => kb.findKeywords(unit.text).filter((k) => saysKeyword(unit.text, k)) };
}

/** Everything a unit says about its figures, or undefined when it has none. */
export function gatherEvidence(unit: ProseUnit, kb: KnowledgeBase): Evidence | undefined {
  const text = unit.text;
  const read = readText(unit, kb);
  const parties = read.parties;
  const layoutOnce = read.layout;
  // The knowledge base's names ("Trainium 2") are never figures; a capitalised word the name
  // finder took for a party may be a figure's unit ("38 GWh", "350 kW"), and is no party then.
  const known = parties.filter((m) => !isUnknown(m.entity));
  const figures = readFigures(unit, known, layoutOnce, unitReaderFor(kb), read.found);
  if (!figures.length) return undefined;
  const figureSpans = spanIndex(figures);
  const mentions = parties.filter((m) => !isUnknown(m.entity) || !overlapsAny(figureSpans, m));
  const lent = unit.previous ? lastNaming(unit.previous, kb) : [];
  const { sentences } = layoutOnce();
  const keywords = read.keywords();
  return {
    text,
    layout: layoutOnce(),
    figures,
    mentions,
    mentionsBySentence: groupBySpan(sentences, mentions),
    figuresBySentence: groupBySpan(sentences, figures),
    keywords,
    keywordsBySentence: groupBySpan(sentences, keywords),
    years: figures.filter((f) => f.type === 'date').map((f) => ({ year: Math.floor(f.value.lo / 12), start: f.start, end: f.end })),
    header: unit.table ? headerEvidence(kb, unit.table) : undefined,
    previous: new Set(lent.map((m) => m.entity)),
    previousSubject: lent.find((m) => isParty(kb, m.entity))?.entity,
    topic: new Set(unit.topic ?? []),
    weights: new Map(),
    subjects: new Map(),
    hosts: new Map(),
    nearWords: new Map(),
    keywordWeights: new Map(),
    namedWeights: new Map(),
    measureWords: (type) => kb.measureWords.get(type as CompiledFact['fact']['type']) ?? NO_WORDS,
    contextFrames: new Set([...framesSaid(unit.table?.headerRow ?? '', kb), ...framesSaid(unit.previous ?? '', kb)]),
    question: new Set(unit.table ? [] : questionWords(unit.previous ?? '', kb)),
    previousMeasure: unit.table ? NO_PREVIOUS_MEASURE : previousMeasure(unit.previous ?? '', kb),
    framedFrom: framedFrom(kb, keywords),
    ...(read.origins ? { origins: read.origins } : {}),
  };
}
