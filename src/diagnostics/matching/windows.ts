/**
 * A long paragraph read a window at a time. Read whole, a keystroke in a paragraph of a hundred
 * sentences scores every figure of it again, though it changed one sentence. A figure's verdict
 * reads little beyond its own sentence: the sentences just before (a party lent, a measure by
 * ellipsis, a pronoun's referent: EVIDENCE.leadReach sentences at most), the sentence its host
 * figure is in (a deadline's, "…$5 billion. By 2030, …"), a few characters either side, and what
 * the paragraph said before (the lookbacks of context/discourse, framing qualifiers said, the
 * parties it names). A window is a stretch of sentences between sure breaks, its targets, with
 * those neighbours; its verdicts are cached by a key of everything they read, so a keystroke
 * reads again only the windows whose text or context changed.
 *
 * A window reads what the whole paragraph reads: the paragraph's figures, names, keywords and
 * layout are read once, whole (evidence.ts), and each window takes its share of them, moved to
 * its own offsets. Whatever a reading looks at past the window's sentences is handed to it: see
 * windowEvidence.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { type DiscourseBefore, discourseBefore } from '../context/discourse';
import type { Figure } from '../figures/figure';
import { type SentenceLayout, type Span, firstWordAtOrAfter, groupBySpan, spanIndexAt } from '../reading/layout';
import { type Evidence, framedFrom, hostOf, mentionedEntities } from './evidence';
import { EVIDENCE } from './model';
import { type ReadFigure, readEvidence } from './unit-reading';

/**
 * A unit of at least this many sentences is read by windows. A short paragraph is read whole
 * faster than its windows are planned and looked up; from about a dozen sentences on, a keystroke
 * costs the whole paragraph's scoring, which windows spare.
 */
export const WINDOWED_FROM_SENTENCES = 12;

/**
 * Sentences before its targets a window takes: the ellipsis of a measure looks back leadReach
 * sentences, a pronoun or an implied party ("nobody else around") the sentence before.
 */
const SENTENCES_BEFORE = Math.max(1, EVIDENCE.leadReach);

/**
 * Characters of the paragraph's text kept either side of a window's sentences: more than the
 * longest look a reading takes past a figure or word by characters (24: a deadline word or a
 * definite article before a figure), so each such look sees the paragraph's own text.
 */
const TEXT_MARGIN = 64;

/**
 * Windows' verdicts kept per knowledge base, the least recently used dropped first: a 17 KB
 * paragraph has about 120 windows, so a few long paragraphs' windows stay while they are typed in.
 */
const MAX_CACHED_WINDOWS = 4096;

/**
 * A sentence ending that no reading's pattern runs across: a full stop, question or exclamation
 * mark (and closing quotes or brackets) and spaces, before a capital. A series ("$8 billion and
 * $2 billion"), a party after a figure ("800 for Trainium 2") or a preposition before the fact's
 * object never takes such a mark in; a soft line break, which ends a sentence too, is not one.
 */
const SURE_END = /[.?!]['"’”)\]]*[ \t]+$/u;
const SURE_START = /^\p{Lu}/u;

/** Whether the unit is read by windows: a paragraph of many sentences (a table cell is one sentence, with headers of its own). */
export function readsByWindows(ev: Evidence): boolean {
  return !ev.header && ev.layout.sentences.length >= WINDOWED_FROM_SENTENCES;
}

/** Whether the break between sentences `s` and `next` is sure (see SURE_END). */
function sureBreak(text: string, s: Span, next: Span): boolean {
  return SURE_START.test(text.slice(next.start, next.start + 1)) && SURE_END.test(text.slice(s.start, s.end));
}

/** The unit's stretches: runs of sentences between sure breaks, as [first, last] sentence indices. */
export function stretchesOf(text: string, sentences: readonly Span[]): [number, number][] {
  const out: [number, number][] = [];
  let first = 0;
  for (let j = 0; j < sentences.length; j++) {
    if (j + 1 < sentences.length && !sureBreak(text, sentences[j], sentences[j + 1])) continue;
    out.push([first, j]);
    first = j + 1;
  }
  return out;
}

/** A window's sentences (indices in the unit), those of its targets among them. */
export interface WindowPlan {
  first: number;
  last: number;
  /** The target stretch's first and last sentences. */
  from: number;
  to: number;
}

/** A figure whose host figure (evidence.hostOf) is in another sentence, as sentence indices. */
interface CrossHost {
  own: number;
  host: number;
}

function crossHosts(ev: Evidence): CrossHost[] {
  const out: CrossHost[] = [];
  const { sentences } = ev.layout;
  for (const f of ev.figures) {
    const host = hostOf(ev, f);
    if (!host) continue;
    const own = spanIndexAt(sentences, f.start);
    const at = spanIndexAt(sentences, host.start);
    if (own !== at) out.push({ own, host: at });
  }
  return out;
}

/**
 * The window of the stretch [from, to]: the sentences before it that its readings look back to,
 * widened to the sentence of each host figure of theirs, and to each figure after it whose host
 * is one of its figures (a word of a target sentence weighs for that figure too).
 */
export function planWindow(from: number, to: number, hosts: readonly CrossHost[]): WindowPlan {
  const core = Math.max(0, from - SENTENCES_BEFORE);
  let first = core;
  let last = to;
  for (const { own, host } of hosts) {
    if (own >= core && own <= to && host < first) first = host;
    if (host >= from && host <= to && own > last) last = own;
  }
  return { first, last, from, to };
}

/** The windows of a unit, one for each stretch with a figure. */
export function windowsOf(ev: Evidence): WindowPlan[] {
  const hosts = crossHosts(ev);
  const withFigure = new Set(ev.figures.map((f) => spanIndexAt(ev.layout.sentences, f.start)));
  const out: WindowPlan[] = [];
  for (const [from, to] of stretchesOf(ev.text, ev.layout.sentences)) {
    let any = false;
    for (let j = from; j <= to && !any; j++) any = withFigure.has(j);
    if (any) out.push(planWindow(from, to, hosts));
  }
  return out;
}

/** A window's evidence, its targets, and where its text starts in the unit. */
export interface Window {
  ev: Evidence;
  targets: Figure[];
  offset: number;
}

/** The items of `items` (sorted by start) starting in [lo, hi). */
function within<T extends { start: number }>(items: readonly T[], lo: number, hi: number): T[] {
  return items.slice(firstFrom(items, lo), firstFrom(items, hi));
}

/** Index of the first item starting at or after `offset`, in items sorted by start. */
function firstFrom(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sorted `offsets` in [lo, hi), moved `by`. */
function offsetsWithin(offsets: readonly number[], lo: number, hi: number, by: number): number[] {
  const out: number[] = [];
  for (let i = firstWordAtOrAfter(offsets, lo); i < offsets.length && offsets[i] < hi; i++) out.push(offsets[i] - by);
  return out;
}

/** The text a window reads, as offsets in the unit: its sentences, a margin either side, and the whole of every name, figure and word of them. */
function textRange(ev: Evidence, plan: WindowPlan): Span {
  const { sentences } = ev.layout;
  let end = sentences[plan.last].end + TEXT_MARGIN;
  for (let j = plan.first; j <= plan.last; j++)
    for (const list of [ev.figuresBySentence[j], ev.mentionsBySentence[j], ev.keywordsBySentence[j]]) for (const x of list) end = Math.max(end, x.end);
  return { start: Math.max(0, sentences[plan.first].start - TEXT_MARGIN), end: Math.min(ev.text.length, end) };
}

/** The framing qualifiers the unit says before `offset`: a window's sentences after them are framed by them, as its context. */
function framedBefore(ev: Evidence, offset: number): ReadonlySet<string> {
  const out = new Set(ev.contextFrames);
  for (const [q, at] of ev.framedFrom) if (at < offset) out.add(q);
  return out;
}

const NOTHING: ReadonlySet<string> = new Set();

/** What a window is handed from the unit beyond its own sentences (see windowEvidence). */
interface Handed {
  before: DiscourseBefore | undefined;
  contextFrames: ReadonlySet<string>;
  question: ReadonlySet<string>;
  entitiesNamed: string[];
}

function handed(kb: KnowledgeBase, ev: Evidence, plan: WindowPlan): Handed {
  if (plan.first === 0) return { before: undefined, contextFrames: ev.contextFrames, question: ev.question, entitiesNamed: namedInUnit(ev, plan, undefined) };
  const before = discourseBefore(kb, ev, plan.first);
  return { before, contextFrames: framedBefore(ev, ev.layout.sentences[plan.first].start), question: NOTHING, entitiesNamed: namedInUnit(ev, plan, before) };
}

/**
 * The evidence of a window, read from the unit's. Its figures, names, keywords and layout are the
 * unit's in its sentences, at offsets from its text's start. What a reading looks at past its
 * sentences is handed over: the lookbacks of context/discourse stop at what the sentences before
 * say (UnitDiscourse.before); the framing qualifiers said before it frame its sentences as context
 * does (frameWeight gives both the same weight); and of the parties the unit names, those a figure
 * of it may weigh (parties.weighingParties: named in it, lent, the topic, a sentence subject), in
 * the unit's order. The question the text before asks is the unit's first sentence's alone.
 */
export function windowEvidence(kb: KnowledgeBase, ev: Evidence, plan: WindowPlan, given: Handed = handed(kb, ev, plan)): Window {
  const { sentences } = ev.layout;
  const lo = sentences[plan.first].start;
  const hi = sentences[plan.last].end;
  const range = textRange(ev, plan);
  const by = range.start;
  const move = <T extends Span>(x: T): T => ({ ...x, start: x.start - by, end: x.end - by });
  const layout = windowLayout(ev.layout, plan, lo, hi, by);
  const figures = within(ev.figures, lo, hi).map(move);
  const mentions = within(ev.mentions, lo, hi).map(move);
  const keywords = within(ev.keywords, lo, hi).map(move);
  const wev: Evidence = {
    text: ev.text.slice(range.start, range.end), layout, figures, mentions, keywords,
    mentionsBySentence: groupBySpan(layout.sentences, mentions),
    figuresBySentence: groupBySpan(layout.sentences, figures),
    keywordsBySentence: groupBySpan(layout.sentences, keywords),
    years: figures.filter((f) => f.type === 'date').map((f) => ({ year: Math.floor(f.value.lo / 12), start: f.start, end: f.end })),
    header: undefined,
    previous: ev.previous, previousSubject: ev.previousSubject, topic: ev.topic,
    weights: new Map(), subjects: new Map(), hosts: new Map(), nearWords: new Map(), keywordWeights: new Map(), namedWeights: new Map(),
    measureWords: ev.measureWords,
    framedFrom: framedFrom(kb, keywords),
    ...given,
  };
  return { ev: wev, targets: within(figures, sentences[plan.from].start - by, sentences[plan.to].end - by), offset: by };
}

/** The unit's layout within a window's sentences, at offsets from `by`. */
function windowLayout(l: SentenceLayout, plan: WindowPlan, lo: number, hi: number, by: number): SentenceLayout {
  const move = (s: Span): Span => ({ start: s.start - by, end: s.end - by });
  return {
    sentences: l.sentences.slice(plan.first, plan.last + 1).map(move),
    clauses: within(l.clauses, lo, hi).map(move),
    wordStarts: offsetsWithin(l.wordStarts, lo, hi, by),
    attributions: offsetsWithin(l.attributions, lo, hi, by),
    alternatives: offsetsWithin(l.alternatives, lo, hi, by),
    consequences: offsetsWithin(l.consequences, lo, hi, by),
  };
}

/**
 * The parties the unit names, in the order it first names them, that a figure of the window may
 * weigh: those named in the window, lent to it or to its first sentence, its topic, and the
 * parties a sentence subject may stand for (see windowEvidence).
 */
function namedInUnit(ev: Evidence, plan: WindowPlan, before: DiscourseBefore | undefined): string[] {
  const may = new Set<string | undefined>([...ev.previous, ev.previousSubject, ...ev.topic]);
  for (let j = plan.first; j <= plan.last; j++) for (const m of ev.mentionsBySentence[j]) may.add(m.entity);
  if (before) for (const e of [...before.lent, before.opening, before.person]) may.add(e);
  return mentionedEntities(ev).filter((e) => may.has(e));
}

/** A number as JSON cannot write it (Infinity, NaN) is written as text, so two figures never share a key. */
function exactNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? `#${value}` : value;
}

/** The offsets among `offsets` within `s`, from its start, as text. */
function offsetsIn(offsets: readonly number[], s: Span): string {
  return offsetsWithin(offsets, s.start, s.end, s.start).join(',');
}

/**
 * Everything the unit's reading says of sentence `j`, at offsets from its start: its text, its
 * clauses and the marks of its layout, and its figures, names and words. Two sentences with the
 * same signature read alike wherever they are.
 */
function sentenceSignature(ev: Evidence, j: number): string {
  const s = ev.layout.sentences[j];
  const l = ev.layout;
  const from = (x: Span) => ({ ...x, start: x.start - s.start, end: x.end - s.start });
  return [
    JSON.stringify(ev.text.slice(s.start, s.end)),
    JSON.stringify(within(l.clauses, s.start, s.end).map(from)),
    offsetsIn(l.wordStarts, s), offsetsIn(l.attributions, s), offsetsIn(l.alternatives, s), offsetsIn(l.consequences, s),
    JSON.stringify(ev.figuresBySentence[j].map(from), exactNumbers),
    JSON.stringify(ev.mentionsBySentence[j].map(from)),
    JSON.stringify(ev.keywordsBySentence[j].map(from)),
  ].join('\u0000');
}

/**
 * What windows of a knowledge base have read: their verdicts by key (a Map keeps them in the
 * order last used), and a number for each sentence signature seen, so a window's key names its
 * sentences in a few digits.
 */
interface WindowCache {
  reads: Map<string, ReadFigure[]>;
  sentences: Map<string, number>;
}

/**
 * Sentence signatures numbered before both maps are emptied together: a number means one
 * signature as long as any key holds it.
 */
const MAX_SIGNATURES = 1 << 16;

const CACHES = new WeakMap<KnowledgeBase, WindowCache>();

function cacheOf(kb: KnowledgeBase): WindowCache {
  let cache = CACHES.get(kb);
  if (!cache || cache.sentences.size >= MAX_SIGNATURES) CACHES.set(kb, (cache = { reads: new Map(), sentences: new Map() }));
  return cache;
}

/** Each sentence's number: its signature's, numbered when first seen. */
function sentenceNumbers(ev: Evidence, cache: WindowCache): number[] {
  return ev.layout.sentences.map((_, j) => {
    const signature = sentenceSignature(ev, j);
    let n = cache.sentences.get(signature);
    if (n === undefined) cache.sentences.set(signature, (n = cache.sentences.size));
    return n;
  });
}

/**
 * Everything a window's verdicts read, as text: its sentences (by number), its text on either
 * side of them, which of them are its targets, and what it is handed from the unit (see
 * windowEvidence). JSON parts cannot hold the separator.
 */
function windowKey(ev: Evidence, plan: WindowPlan, numbers: readonly number[], given: Handed): string {
  const { sentences } = ev.layout;
  const range = textRange(ev, plan);
  const set = (xs: Iterable<string | undefined>) => JSON.stringify([...xs]);
  const b = given.before;
  return [
    numbers.slice(plan.first, plan.last + 1).join(','),
    JSON.stringify(ev.text.slice(range.start, sentences[plan.first].start)), JSON.stringify(ev.text.slice(sentences[plan.last].end, range.end)),
    `${plan.from - plan.first},${plan.to - plan.first},${plan.first > 0}`,
    set(ev.previous), set([ev.previousSubject]), set(ev.topic), set(given.contextFrames), set(given.question),
    b ? set([...b.lent, '|', b.opening, b.person]) : '', set(given.entitiesNamed),
  ].join('\u0000');
}

function cachedReads(cache: WindowCache, key: string): ReadFigure[] | undefined {
  const reads = cache.reads.get(key);
  if (reads) {
    cache.reads.delete(key);
    cache.reads.set(key, reads);
  }
  return reads;
}

function keepReads(cache: WindowCache, key: string, reads: ReadFigure[]): void {
  cache.reads.set(key, reads);
  if (cache.reads.size > MAX_CACHED_WINDOWS) cache.reads.delete(cache.reads.keys().next().value!);
}

/** A window's verdict moved `by` characters: into the unit. */
function moved(r: ReadFigure, by: number): ReadFigure {
  const figure = { ...r.figure, start: r.figure.start + by, end: r.figure.end + by };
  const sentenceEnd = r.sentenceEnd + by;
  return r.match ? { figure, match: { ...r.match, figure, sentenceEnd: r.match.sentenceEnd + by }, sentenceEnd } : { figure, sentenceEnd };
}

/** Every figure of a long unit with its verdict, in the unit's order, read window by window: each from the cache, or read now. */
export function readByWindows(ev: Evidence, kb: KnowledgeBase): ReadFigure[] {
  const cache = cacheOf(kb);
  const numbers = sentenceNumbers(ev, cache);
  const out: ReadFigure[] = [];
  for (const plan of windowsOf(ev)) {
    const given = handed(kb, ev, plan);
    const key = windowKey(ev, plan, numbers, given);
    let reads = cachedReads(cache, key);
    if (!reads) {
      const w = windowEvidence(kb, ev, plan, given);
      // Kept at the window's offsets: the same window further on in the paragraph is a hit.
      keepReads(cache, key, (reads = readEvidence(w.ev, kb, w.targets)));
    }
    const by = textRange(ev, plan).start;
    for (const r of reads) out.push(moved(r, by));
  }
  return out;
}

/** How many windows' verdicts are cached for `kb` (for tests). */
export function cachedWindows(kb: KnowledgeBase): number {
  return CACHES.get(kb)?.reads.size ?? 0;
}
