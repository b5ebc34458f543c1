/**
 * The text readers of a long paragraph, a stretch at a time. The evidence of a unit (evidence.ts)
 * starts with readers that scan its whole text: its sentences and clauses, its words, the
 * parties and keywords it names, its figures. A keystroke in a paragraph of a hundred sentences
 * changes one stretch of it (reading/stretches), yet they scanned all of them again. Here each
 * stretch is read alone and its reading cached by its text, so a keystroke reads one stretch.
 *
 * A reader gives for the whole text what it gives for its stretches, moved to their places (no
 * pattern runs across a sure break), but for what a stretch's reading takes from the text before
 * it, handed to it: whether it opens the text (a figure's label is joined to the sentence after
 * it), the persons' titles just before it ("chief executive. Huang…"), and the surnames the text
 * gave before it (a lone "Altman" is a person after "Sam Altman"). What a reader finds depends on
 * whole sentences (a rate, an amount's parts) is read afterwards, over the whole text, as before.
 */
import type { KeywordHit, KnowledgeBase, Mention } from '../../knowledge/knowledge-base';
import { partsOfKnowledgeBase } from '../../knowledge/knowledge-base';
import { isUnknown, otherGenerations, unknownParties, withDescribed, withSurnames } from '../context/parties';
import type { Figure } from '../figures/figure';
import { findFigures } from '../figures/find-figures';
import { unitReaderFor } from '../figures/units';
import { type SentenceLayout, type Span, clausesOf, marksOf, segmentSentences, withLabel, wordStartsOf } from '../reading/layout';
import { readNames } from '../reading/names';
import { saysKeyword } from '../reading/said-keywords';
import { breakHeads, stretchStarts } from '../reading/stretches';

/**
 * A unit of at least this many stretches is read by stretches: any paragraph with a sure break,
 * so a keystroke in a paragraph of a few sentences reads one stretch again instead of the whole
 * text (with windows.ts, a third less work for the slowest keystrokes of the 1 MB draft). Cutting
 * and joining the stretches costs a paragraph's first reading a few percent; one stretch alone
 * is read as it is.
 */
export const STRETCHED_FROM = 2;

/**
 * Stretch readings kept per knowledge base, the least recently used dropped first: room for a
 * few long paragraphs (a 17 KB paragraph has about 120 stretches) while they are typed in, and
 * for the stretches of a draft of about 100 KB. Every paragraph of a few sentences is read by
 * stretches (STRETCHED_FROM), so a large draft fills it: at 4,096 (with the windows' cache) a
 * server with a 1 MB draft of distinct prose held about 20 MB more, and a keystroke in a
 * paragraph whose stretches were dropped reads them all again, as it did before.
 */
const MAX_CACHED_STRETCHES = 1024;

/** What the text readers give for a unit's text (see gatherEvidence). */
export interface TextReading {
  layout: SentenceLayout;
  /** The parties it names (partiesIn). */
  mentions: Mention[];
  /** Its keywords (KnowledgeBase.findKeywords) that it says as themselves (reading/said-keywords). */
  keywords: KeywordHit[];
  /** Its figures as findFigures finds them, its known parties' names excluded: readFigures completes them. */
  found: Figure[];
  /** Where each of its sentences was read, in the order of layout.sentences. */
  origins: SentenceOrigin[];
}

/**
 * The stretch reading a sentence of a unit comes from: `id` names the reading and the sentence's
 * place in it, which give the sentence's text, layout and items (at offsets from its start), and
 * the items are the unit's copies of them (its figures with what they were read as). A unit's
 * reading of the sentence may differ from these, when the readings after the stretches' (rates,
 * parts of amounts, a surname said before) change them (see windows.ts).
 */
export interface SentenceOrigin {
  id: string;
  figures: readonly Figure[];
  /** What each of `figures` was read as: inheriting a rate changes a figure's type and unit in place. */
  read: readonly Pick<Figure, 'type' | 'unit'>[];
  mentions: readonly Mention[];
  /** The entity each of `mentions` was read as: a surname said before the stretch makes a lone name a person's. */
  entities: readonly string[];
  keywords: readonly KeywordHit[];
}

/** Numbers stretch readings as they are read: a reading is the same while its number is. */
let readings = 0;

/** A stretch's reading, at offsets from its start. */
interface StretchReading {
  id: number;
  sentences: Span[];
  clauses: Span[];
  wordStarts: number[];
  mentions: Mention[];
  /** For each mention, the word of the lone name (reading/names ReadName.lone) starting where it does, if any (see withSurnames). */
  lone: (string | undefined)[];
  /** The surnames its persons' names give, in order. */
  surnames: string[];
  titlesAtEnd: boolean[];
  /** It has a word that is not capitalised: the text is no title-case heading. */
  lowercase: boolean;
  keywords: KeywordHit[];
  found: Figure[];
  /** Its sentences' items, as SentenceOrigin names them (how many figures each has, and of what type). */
  bySentence: SentenceItems[];
  /**
   * Its last copy moved into a unit, but for its figures (readFigures changes a figure in place):
   * at the same offset, with the same lone names made persons' (see withSurnames), it is the same
   * again, and a keystroke copies only the stretches from the one it changed on.
   */
  placed?: Placed;
}

/** A sentence of a stretch reading: its origin's name, how many figures it has and what each was read as, and its names' entities. */
interface SentenceItems {
  id: string;
  figures: number;
  read: readonly Pick<Figure, 'type' | 'unit'>[];
  entities: readonly string[];
}

/** A stretch reading's items moved `by` characters, its lone names made persons' as `persons` says, and by sentence. */
interface Placed {
  by: number;
  persons: string;
  sentences: Span[];
  clauses: Span[];
  wordStarts: number[];
  mentions: Mention[];
  keywords: KeywordHit[];
  mentionsBySentence: Mention[][];
  keywordsBySentence: KeywordHit[][];
}

/** The items of `items` (sorted by start) in each of `sentences`, in order. */
function bySentences<T extends Span>(sentences: readonly Span[], items: readonly T[]): T[][] {
  const out: T[][] = [];
  let from = 0;
  for (const s of sentences) {
    let to = from;
    while (to < items.length && items[to].start < s.end) to++;
    out.push(items.slice(from, to));
    from = to;
  }
  return out;
}

/** Reads one stretch: `first`, whether it opens the text; `titlesBefore`, the titles among the words before it. */
function readStretch(text: string, kb: KnowledgeBase, first: boolean, titlesBefore: readonly boolean[]): StretchReading {
  const segmented = segmentSentences(text);
  const sentences = first ? withLabel(text, segmented) : segmented;
  const known = otherGenerations(text, kb, kb.findMentions(text));
  const names = readNames(text, titlesBefore, false);
  const loneAt = new Map(names.names.filter((n) => n.lone !== undefined).map((n) => [n.start, n.lone!]));
  // As partiesIn gives them: known names and then unknown parties, in order.
  const mentions = [...known, ...unknownParties(text, kb, known, names.names)].sort((a, b) => a.start - b.start);
  const found = findFigures(text, known.filter((m) => !isUnknown(m.entity)), unitReaderFor(kb));
  const id = ++readings;
  const foundBy = bySentences(sentences, found);
  const mentionsBy = bySentences(sentences, mentions);
  const bySentence = sentences.map((_, k) => ({
    id: `${id}.${k}`, figures: foundBy[k].length, read: foundBy[k].map((f) => ({ type: f.type, unit: f.unit })), entities: mentionsBy[k].map((m) => m.entity),
  }));
  return {
    id,
    bySentence,
    sentences,
    clauses: sentences.flatMap((s) => clausesOf(text, s)),
    wordStarts: wordStartsOf(text),
    mentions,
    lone: mentions.map((m) => loneAt.get(m.start)),
    surnames: names.names.flatMap((n) => (n.surname === undefined ? [] : [n.surname])),
    titlesAtEnd: names.titlesAtEnd,
    lowercase: names.lowercase,
    keywords: kb.findKeywords(text).filter((k) => saysKeyword(text, k)),
    found,
  };
}

/**
 * What ends the words before a sure break inside a phrase the knowledge base looks for in drafts
 * (a name, keyword or unit spelling: "op." of "op. income"), where a text's stretches must not
 * break; undefined when its phrases are not known, and texts are read whole.
 */
function phraseHeads(kb: KnowledgeBase): string[] | undefined {
  const parts = partsOfKnowledgeBase(kb);
  if (!parts) return undefined;
  const units = [...kb.units.values()].flatMap((u) => [u.id, u.label ?? '', ...u.spellings, ...(u.per?.spellings ?? [])]);
  // Only names with a stop inside have a break inside.
  return breakHeads([...parts.keywords, ...parts.namesWithStops, ...units]);
}

/** Each knowledge base's stretch readings by key, and the heads of its phrases (see phraseHeads). */
interface StretchCache {
  readings: Map<string, StretchReading>;
  heads: string[] | undefined;
}

const CACHES = new WeakMap<KnowledgeBase, StretchCache>();

function cacheOf(kb: KnowledgeBase): StretchCache {
  let cache = CACHES.get(kb);
  if (!cache) CACHES.set(kb, (cache = { readings: new Map(), heads: phraseHeads(kb) }));
  return cache;
}

/** A stretch's reading, from the cache (the most recently used kept last) or read now. */
function stretchReading(cache: StretchCache, kb: KnowledgeBase, text: string, first: boolean, titlesBefore: readonly boolean[]): StretchReading {
  const key = `${first ? 1 : 0}${titlesBefore.map((t) => (t ? 1 : 0)).join('')}\u0000${text}`;
  let reading = cache.readings.get(key);
  if (reading) cache.readings.delete(key);
  else reading = readStretch(text, kb, first, titlesBefore);
  cache.readings.set(key, reading);
  if (cache.readings.size > MAX_CACHED_STRETCHES) cache.readings.delete(cache.readings.keys().next().value!);
  return reading;
}

/** A unit's text readings so far, in the unit's offsets. */
interface Gathered {
  sentences: Span[];
  clauses: Span[];
  wordStarts: number[];
  mentions: Mention[];
  keywords: KeywordHit[];
  found: Figure[];
  origins: SentenceOrigin[];
}

function moveSpans<T extends Span>(items: readonly T[], by: number): T[] {
  return items.map((x) => ({ ...x, start: x.start + by, end: x.end + by }));
}

function append<T>(into: T[], items: readonly T[]): void {
  for (const x of items) into.push(x);
}

/** The reading's items at `by`, a lone name made a person's when a surname said before it (`persons`) is its word: the last copy when it is the same. */
function placed(r: StretchReading, by: number, persons: ReadonlySet<string>): Placed {
  const made = r.lone.filter((w) => w !== undefined && persons.has(w)).join('\u0000');
  if (r.placed?.by !== by || r.placed.persons !== made) {
    const sentences = moveSpans(r.sentences, by);
    const mentions = r.mentions.map((m, k) => ({ ...withSurnames(m, r.lone[k], persons), start: m.start + by, end: m.end + by }));
    const keywords = moveSpans(r.keywords, by);
    r.placed = {
      by, persons: made, sentences, clauses: moveSpans(r.clauses, by), wordStarts: r.wordStarts.map((w) => w + by), mentions, keywords,
      mentionsBySentence: bySentences(sentences, mentions), keywordsBySentence: bySentences(sentences, keywords),
    };
  }
  return r.placed;
}

/** Adds a stretch's reading at `by`; a lone name a surname before it (`persons`) gave is a person's. */
function gather(out: Gathered, r: StretchReading, by: number, persons: ReadonlySet<string>): void {
  const p = placed(r, by, persons);
  append(out.sentences, p.sentences);
  append(out.clauses, p.clauses);
  append(out.wordStarts, p.wordStarts);
  append(out.mentions, p.mentions);
  append(out.keywords, p.keywords);
  // Always copied again: completing the figures may change one in place (find-figures inheritRate).
  let f = out.found.length;
  for (const x of r.found) out.found.push({ ...x, start: x.start + by, end: x.end + by });
  for (let k = 0; k < r.bySentence.length; k++) {
    const { id, figures, read, entities } = r.bySentence[k];
    out.origins.push({ id, figures: out.found.slice(f, (f += figures)), read, mentions: p.mentionsBySentence[k], entities, keywords: p.keywordsBySentence[k] });
  }
}

/**
 * The text readings of a long unit's text, read a stretch at a time; undefined for a text to read
 * whole: one of few stretches, a title-case heading (every capital may be the style's), or any
 * text when the knowledge base's phrases are not known.
 */
export function readByStretches(text: string, kb: KnowledgeBase): TextReading | undefined {
  const cache = cacheOf(kb);
  if (!cache.heads) return undefined;
  const starts = stretchStarts(text, cache.heads);
  if (starts.length < STRETCHED_FROM) return undefined;
  const out: Gathered = { sentences: [], clauses: [], wordStarts: [], mentions: [], keywords: [], found: [], origins: [] };
  const persons = new Set<string>();
  let titles: readonly boolean[] = [];
  let lowercase = false;
  for (let i = 0; i < starts.length; i++) {
    const r = stretchReading(cache, kb, text.slice(starts[i], starts[i + 1] ?? text.length), i === 0, titles);
    gather(out, r, starts[i], persons);
    for (const s of r.surnames) persons.add(s);
    titles = r.titlesAtEnd;
    lowercase ||= r.lowercase;
  }
  if (!lowercase) return undefined;
  const { sentences, clauses, wordStarts, mentions, keywords, found, origins } = out;
  // A definite description may stand for a party of an earlier stretch ("the lab"): read over the whole text, as partiesIn does.
  return { layout: { sentences, clauses, wordStarts, ...marksOf(text) }, mentions: withDescribed(text, kb, mentions), keywords, found, origins };
}

/** How many stretch readings are cached for `kb` (for tests). */
export function cachedStretches(kb: KnowledgeBase): number {
  return CACHES.get(kb)?.readings.size ?? 0;
}
