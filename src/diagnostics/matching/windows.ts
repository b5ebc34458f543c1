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
import { NO_PREVIOUS_MEASURE, type PreviousMeasure } from '../context/previous-measure';
import type { Figure } from '../figures/figure';
import { type SentenceLayout, type Span, firstWordAtOrAfter, groupBySpan, spanIndexAt } from '../reading/layout';
import { firstAtOrAfter } from '../reading/spans';
import { type Evidence, framedFrom, hostOf, mentionedEntities, parallel } from './evidence';
import type { SentenceOrigin } from './text-readers';
import { EVIDENCE } from './model';
import { type ReadFigure, readEvidence } from './unit-reading';
import type { Match } from './verdict';

/**
 * A unit of at least this many sentences is read by windows: every paragraph of more than one
 * sentence. Read whole, a keystroke in a paragraph of 400 to 1,200 characters (a handful of
 * figures, 12 or more candidate facts each) scores all of its figures again, and those first
 * checks were the slowest tenth of the 1 MB draft's keystrokes; by windows, only the figures of
 * the sentences around the edit. A paragraph's first check costs about the same either way
 * (planning and looking windows up is a few percent of scoring them); one sentence has nothing
 * to spare.
 */
export const WINDOWED_FROM_SENTENCES = 2;

/**
 * Sentences before its targets a window takes: a pronoun or an implied party ("nobody else
 * around") looks at the sentence before; a figure whose sentence leaves its measure to the ones
 * before (evidence.parallel) looks back leadReach sentences for it, by ellipsis.
 */
const SENTENCES_BEFORE = 1;
const ELLIPSIS_SENTENCES = Math.max(SENTENCES_BEFORE, EVIDENCE.leadReach);

/**
 * Characters of the paragraph's text, white space aside, kept either side of a window's
 * sentences: more than the longest look a reading takes past a figure or word by characters (24:
 * a deadline word or a definite article before a figure), so each such look sees the paragraph's
 * own text. White space is kept whole: a pattern may skip a run of it (markup is blanked to spaces).
 */
const TEXT_MARGIN = 32;

/**
 * Windows' verdicts kept per knowledge base, the least recently used dropped first: a 17 KB
 * paragraph has about 120 windows, so a few long paragraphs' windows stay while they are typed in,
 * and those of a draft of about 100 KB (see text-readers MAX_CACHED_STRETCHES for why no more).
 */
const MAX_CACHED_WINDOWS = 1024;

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

/** The figures whose host is in another sentence: dates only, since an aside's host is in its sentence (evidence.asideHost). */
function crossHosts(ev: Evidence): CrossHost[] {
  const out: CrossHost[] = [];
  const { sentences } = ev.layout;
  for (const f of ev.figures) {
    if (f.type !== 'date') continue;
    const host = hostOf(ev, f);
    if (!host) continue;
    const own = spanIndexAt(sentences, f.start);
    const at = spanIndexAt(sentences, host.start);
    if (own !== at) out.push({ own, host: at });
  }
  return out;
}

/**
 * The window of the stretch [from, to]: the `back` sentences before it that its readings look back
 * to, widened to the sentence of each host figure of theirs, and to each figure after it whose host
 * is one of its figures (a word of a target sentence weighs for that figure too).
 */
export function planWindow(from: number, to: number, hosts: readonly CrossHost[], back: number): WindowPlan {
  const core = Math.max(0, from - back);
  let first = core;
  let last = to;
  for (const { own, host } of hosts) {
    if (own >= core && own <= to && host < first) first = host;
    if (host >= from && host <= to && own > last) last = own;
  }
  return { first, last, from, to };
}

/**
 * How far back the readings of a stretch's figures look (see lookedBackTo), kept by the numbers
 * of the sentences that decide it (see windowsOf), so a keystroke works it out for the stretches
 * around it alone.
 */
interface Lookbacks {
  numbers: readonly number[];
  known: Map<string, number>;
}

/** The windows of a unit, one for each stretch with a figure. */
export function windowsOf(ev: Evidence, lookbacks?: Lookbacks): WindowPlan[] {
  const hosts = crossHosts(ev);
  const crossed = new Set(hosts.map((h) => h.own));
  const out: WindowPlan[] = [];
  for (const [from, to] of stretchesOf(ev.text, ev.layout.sentences)) {
    let any = false;
    for (let j = from; j <= to && !any; j++) any = ev.figuresBySentence[j].length > 0;
    if (!any) continue;
    out.push(planWindow(from, to, hosts, backOf(ev, from, to, crossed, lookbacks)));
  }
  return out;
}

/**
 * How many sentences before the stretch [from, to] its figures' readings look back to. It depends
 * on the sentences ELLIPSIS_SENTENCES before it and the one after it (their figures, and a few
 * characters of text either side a word's attachment looks at): by their numbers it is worked out
 * once, unless a date of the stretch has its host in another sentence (see crossHosts).
 */
function backOf(ev: Evidence, from: number, to: number, crossed: ReadonlySet<number>, lookbacks: Lookbacks | undefined): number {
  const work = () => {
    let first = from;
    for (let j = from; j <= to; j++) for (const f of ev.figuresBySentence[j]) first = Math.min(first, lookedBackTo(ev, f, j));
    return from - first;
  };
  for (let j = from; j <= to; j++) if (crossed.has(j)) return work();
  if (!lookbacks) return work();
  const lo = Math.max(0, from - ELLIPSIS_SENTENCES);
  const key = `${from - lo}:${lookbacks.numbers.slice(lo, to + 2).join(',')}`;
  let back = lookbacks.known.get(key);
  if (back === undefined) lookbacks.known.set(key, (back = work()));
  return back;
}

/**
 * The first sentence the readings of `figure` (of sentence `at`) look back to: the one before, and
 * for ellipsis (evidence.ellipsisWeight) leadReach sentences when its sentence leaves its measure
 * to the ones before (parallel): past figures of its kind and past sentences that say nothing
 * ("The chart has been redrawn."), which the figures' numbers alone do not tell.
 */
function lookedBackTo(ev: Evidence, figure: Figure, at: number): number {
  const bound = Math.max(0, at - ELLIPSIS_SENTENCES);
  const j = Math.max(0, at - SENTENCES_BEFORE);
  return j <= bound || !parallel(ev, figure) ? j : bound;
}

/** A window's evidence, its targets, and where its text starts in the unit. */
export interface Window {
  ev: Evidence;
  targets: Figure[];
  offset: number;
}

/** Where an item starts: the key `within` looks items up by. */
const startOf = (item: { start: number }): number => item.start;

/** The items of `items` (sorted by start) starting in [lo, hi). */
function within<T extends { start: number }>(items: readonly T[], lo: number, hi: number): T[] {
  return items.slice(firstAtOrAfter(items, lo, startOf), firstAtOrAfter(items, hi, startOf));
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
  let end = sentences[plan.last].end;
  for (let j = plan.first; j <= plan.last; j++) end = Math.max(end, lastEnd(ev.figuresBySentence[j]), lastEnd(ev.mentionsBySentence[j]), lastEnd(ev.keywordsBySentence[j]));
  return { start: margin(ev.text, sentences[plan.first].start, -1), end: margin(ev.text, end, 1) };
}

/** The furthest end of `items` (0 for none). */
function lastEnd(items: readonly Span[]): number {
  let end = 0;
  for (const x of items) if (x.end > end) end = x.end;
  return end;
}

const SPACE = /\s/u;
/** The first code unit past ASCII: below it white space is a few characters, compared without a pattern. */
const FIRST_NON_ASCII = 0x80;

/** Whether the code unit at `i` is white space (as \s says). */
function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < FIRST_NON_ASCII ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(text[i]);
}

/** Where a margin of TEXT_MARGIN characters other than white space ends, from `at` going `step` (-1 back, 1 on), within the text. */
function margin(text: string, at: number, step: -1 | 1): number {
  let i = at;
  for (let n = 0; n < TEXT_MARGIN; ) {
    const next = step < 0 ? i - 1 : i;
    if (next < 0 || next >= text.length) break;
    if (!isSpace(text, next)) n++;
    i += step;
  }
  // The run of white space the margin ends in, whole.
  while (step < 0 ? i > 0 && isSpace(text, i - 1) : i < text.length && isSpace(text, i)) i += step;
  return i;
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
  previousMeasure: PreviousMeasure;
  entitiesNamed: string[];
}

function handed(kb: KnowledgeBase, ev: Evidence, plan: WindowPlan): Handed {
  const entitiesNamed = namedInUnit(kb, ev, plan);
  if (plan.first === 0) return { before: undefined, contextFrames: ev.contextFrames, question: ev.question, previousMeasure: ev.previousMeasure, entitiesNamed };
  const before = discourseBefore(kb, ev, plan.first);
  return { before, contextFrames: framedBefore(ev, ev.layout.sentences[plan.first].start), question: NOTHING, previousMeasure: NO_PREVIOUS_MEASURE, entitiesNamed };
}

/**
 * The evidence of a window, read from the unit's. Its figures, names, keywords and layout are the
 * unit's in its sentences, at offsets from its text's start. What a reading looks at past its
 * sentences is handed over: the lookbacks of context/discourse stop at what the sentences before
 * say (UnitDiscourse.before); the framing qualifiers said before it frame its sentences as context
 * does (frameWeight gives both the same weight); and of the parties the unit names, those a target
 * of it may weigh (see namedInUnit), in the unit's order. The question the text before asks is the unit's first sentence's alone.
 */
export function windowEvidence(kb: KnowledgeBase, ev: Evidence, plan: WindowPlan, given: Handed = handed(kb, ev, plan), range: Span = textRange(ev, plan)): Window {
  const { sentences } = ev.layout;
  const lo = sentences[plan.first].start;
  const hi = sentences[plan.last].end;
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
 * The parties the unit names, in the order it first names them, that can weigh for a target of the
 * window (parties.weighingParties: lent to its sentence, the topic, its sentence's subject, which
 * a party its sentence names or one its opening pronoun stands for is): only their order is read,
 * so a keystroke that moves where the unit first names another party changes no key here.
 */
function namedInUnit(kb: KnowledgeBase, ev: Evidence, plan: WindowPlan): string[] {
  const may = new Set<string | undefined>([ev.previousSubject, ...ev.topic]);
  for (let i = plan.from; i <= plan.to; i++) {
    for (const m of ev.mentionsBySentence[i]) may.add(m.entity);
    const { lent, opening, person } = discourseBefore(kb, ev, i);
    for (const e of lent) may.add(e);
    may.add(opening).add(person);
  }
  return mentionedEntities(ev).filter((e) => may.has(e));
}

/** A number as JSON cannot write it (Infinity, NaN, -0) is written as text, so two items never share a key. */
function exactNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)) ? `#${Object.is(value, -0) ? '-0' : value}` : value;
}

/** A value of an item as text: a number exactly, a string or an object as JSON (which escapes every separator used here). */
function valueKey(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return v === undefined ? '~' : JSON.stringify(v, exactNumbers);
}

/** Every field of an item (a figure, a name, a word, a clause) as text, its offsets from `o`. */
function itemKey(x: object, o: number): string {
  let out = '{';
  for (const k in x) {
    const v = (x as Record<string, unknown>)[k];
    out += `${k}:${k === 'start' || k === 'end' ? (v as number) - o : valueKey(v)},`;
  }
  return `${out}}`;
}

/** Items' keys, in order. */
function itemsKey(items: readonly object[], o: number): string {
  let out = '';
  for (const x of items) out += itemKey(x, o);
  return out;
}

/** The offsets among `offsets` within `s`, from its start, as text. */
function offsetsIn(offsets: readonly number[], s: Span): string {
  return offsetsWithin(offsets, s.start, s.end, s.start).join(',');
}

/**
 * Everything the unit's reading says of sentence `j`, at offsets from its start: its text, its
 * clauses and the marks of its layout, and its figures, names and words. Two sentences with the
 * same signature read alike wherever they are. A sentence read by stretches is named by where it
 * was read (text-readers SentenceOrigin), with those of its items the unit's later readings changed.
 */
function sentenceSignature(ev: Evidence, j: number): string {
  const s = ev.layout.sentences[j];
  const l = ev.layout;
  const marks = [offsetsIn(l.attributions, s), offsetsIn(l.alternatives, s), offsetsIn(l.consequences, s)];
  const origin = ev.origins?.[j];
  const figures = ev.figuresBySentence[j];
  const mentions = ev.mentionsBySentence[j];
  const keywords = ev.keywordsBySentence[j];
  if (!origin)
    return [JSON.stringify(ev.text.slice(s.start, s.end)), itemsKey(within(l.clauses, s.start, s.end), s.start), offsetsIn(l.wordStarts, s), ...marks, itemsKey(figures, s.start), itemsKey(mentions, s.start), itemsKey(keywords, s.start)].join('\u0000');
  // An item list as read is left out; one changed since is written out, after a mark.
  return [
    origin.id, ...marks,
    sameFigures(figures, origin) ? '' : `=${itemsKey(figures, s.start)}`,
    sameMentions(mentions, origin) ? '' : `=${itemsKey(mentions, s.start)}`,
    sameItems(keywords, origin.keywords) ? '' : `=${itemsKey(keywords, s.start)}`,
  ].join('\u0000');
}

/** Whether the unit's items of a sentence are those it was read with: the same objects, in order. */
function sameItems<T>(items: readonly T[], read: readonly T[]): boolean {
  if (items.length !== read.length) return false;
  for (let k = 0; k < items.length; k++) if (items[k] !== read[k]) return false;
  return true;
}

/** The same for figures, none changed in place since (a rate inherited changes a figure's type and unit). */
function sameFigures(figures: readonly Figure[], origin: SentenceOrigin): boolean {
  if (!sameItems(figures, origin.figures)) return false;
  for (let k = 0; k < figures.length; k++) if (figures[k].type !== origin.read[k].type || figures[k].unit !== origin.read[k].unit) return false;
  return true;
}

/** The same for names, each of the entity it was read as (a surname said before makes a lone name a person's). */
function sameMentions(mentions: readonly { entity: string }[], origin: SentenceOrigin): boolean {
  if (!sameItems(mentions, origin.mentions)) return false;
  for (let k = 0; k < mentions.length; k++) if (mentions[k].entity !== origin.entities[k]) return false;
  return true;
}

/**
 * What windows of a knowledge base have read: their verdicts by key (a Map keeps them in the
 * order last used), and a number for each sentence signature seen, so a window's key names its
 * sentences in a few digits.
 */
interface WindowCache {
  reads: Map<string, WindowReads>;
  sentences: Map<string, number>;
  /** How far back stretches look, by their sentences' numbers (see backOf). */
  backs: Map<string, number>;
  /** How many windows' verdicts have been kept, or put back at the end (see cachedReads). */
  kept: number;
}

/**
 * Sentence signatures numbered before the cache is emptied whole: a number means one signature as
 * long as any key (of a window, of a stretch's lookback) holds it.
 */
const MAX_SIGNATURES = 1 << 16;

const CACHES = new WeakMap<KnowledgeBase, WindowCache>();

function cacheOf(kb: KnowledgeBase): WindowCache {
  let cache = CACHES.get(kb);
  if (!cache || cache.sentences.size >= MAX_SIGNATURES) CACHES.set(kb, (cache = { reads: new Map(), sentences: new Map(), backs: new Map(), kept: 0 }));
  return cache;
}

/** Each sentence's number: its signature's, numbered when first seen. */
function sentenceNumbers(ev: Evidence, cache: WindowCache): number[] {
  const out: number[] = [];
  for (let j = 0; j < ev.layout.sentences.length; j++) {
    const signature = sentenceSignature(ev, j);
    let n = cache.sentences.get(signature);
    if (n === undefined) cache.sentences.set(signature, (n = cache.sentences.size));
    out.push(n);
  }
  return out;
}

/**
 * Everything a window's verdicts read, as text: its sentences (by number), its text on either
 * side of them, which of them are its targets, and what it is handed from the unit (see
 * windowEvidence); `unit`, the unit's context, the same for all its windows. JSON parts cannot
 * hold the separator.
 */
function windowKey(ev: Evidence, plan: WindowPlan, range: Span, numbers: readonly number[], given: Handed, unit: string): string {
  const { sentences } = ev.layout;
  const set = (xs: Iterable<string | undefined>) => JSON.stringify([...xs]);
  const b = given.before;
  return [
    numbers.slice(plan.first, plan.last + 1).join(','),
    JSON.stringify(ev.text.slice(range.start, sentences[plan.first].start)), JSON.stringify(ev.text.slice(sentences[plan.last].end, range.end)),
    `${plan.from - plan.first},${plan.to - plan.first},${plan.first > 0}`,
    unit, set(given.contextFrames), set(given.question), set([...given.previousMeasure.types, '|', ...given.previousMeasure.words]),
    b ? set([...b.lent, '|', b.opening, b.person]) : '', set(given.entitiesNamed),
  ].join('\u0000');
}

/** The unit's context as a window's key holds it: the parties of the text before, its subject, the section's topic. */
function unitKey(ev: Evidence): string {
  return JSON.stringify([[...ev.previous], ev.previousSubject ?? null, [...ev.topic]]);
}

/**
 * A window's verdicts at its offsets, and the last copy of them moved into a unit: a keystroke
 * moves only the windows after it, and those before it give the same copies again.
 */
interface WindowReads {
  reads: readonly ReadFigure[];
  moved?: { by: number; reads: readonly ReadFigure[] };
  /** The cache's count of windows kept when it was last put at the end of the order (see cachedReads). */
  stamp: number;
}

/**
 * A window's verdicts from the cache. The cache drops the windows kept longest ago first; one used
 * is put back at the end, once half the cache has been kept since it last was: it is dropped
 * only after a whole cache's worth of others, and a hit seldom moves anything.
 */
function cachedReads(cache: WindowCache, key: string): WindowReads | undefined {
  const reads = cache.reads.get(key);
  if (reads && cache.kept - reads.stamp > MAX_CACHED_WINDOWS / 2) {
    cache.reads.delete(key);
    cache.reads.set(key, reads);
    reads.stamp = ++cache.kept;
  }
  return reads;
}

function keepReads(cache: WindowCache, key: string, reads: readonly ReadFigure[]): WindowReads {
  const kept = { reads, stamp: ++cache.kept };
  cache.reads.set(key, kept);
  if (cache.reads.size > MAX_CACHED_WINDOWS) cache.reads.delete(cache.reads.keys().next().value!);
  return kept;
}

/** A window's verdicts moved `by` characters, into the unit: the last copy when it was moved as far. */
function movedReads(kept: WindowReads, by: number): readonly ReadFigure[] {
  if (kept.moved?.by !== by) kept.moved = { by, reads: kept.reads.map((r) => moved(r, by)) };
  return kept.moved.reads;
}

/** The verdict a window's cache keeps for each copy of it moved into a unit (see originalMatch). */
const ORIGINALS = new WeakMap<Match, Match>();

/**
 * The verdict as a window's cache keeps it, for a verdict moved into a unit (else the verdict
 * itself): the same but for its offsets, so what is worked out from it alone (a finding's message)
 * is worked out once while the window's verdicts are reused.
 */
export function originalMatch(match: Match): Match {
  return ORIGINALS.get(match) ?? match;
}

/** A window's verdict moved `by` characters: into the unit. */
function moved(r: ReadFigure, by: number): ReadFigure {
  const figure = { ...r.figure, start: r.figure.start + by, end: r.figure.end + by };
  const sentenceEnd = r.sentenceEnd + by;
  if (!r.match) return { figure, sentenceEnd };
  const match = { ...r.match, figure, sentenceEnd: r.match.sentenceEnd + by };
  ORIGINALS.set(match, r.match);
  return { figure, match, sentenceEnd };
}

/** Every figure of a long unit with its verdict, in the unit's order, read window by window: each from the cache, or read now. */
export function readByWindows(ev: Evidence, kb: KnowledgeBase): ReadFigure[] {
  const cache = cacheOf(kb);
  const numbers = sentenceNumbers(ev, cache);
  const unit = unitKey(ev);
  const out: ReadFigure[] = [];
  for (const plan of windowsOf(ev, { numbers, known: cache.backs })) {
    const given = handed(kb, ev, plan);
    const range = textRange(ev, plan);
    const key = windowKey(ev, plan, range, numbers, given, unit);
    let kept = cachedReads(cache, key);
    if (!kept) {
      const w = windowEvidence(kb, ev, plan, given, range);
      // Kept at the window's offsets: the same window further on in the paragraph is a hit.
      kept = keepReads(cache, key, readEvidence(w.ev, kb, w.targets));
    }
    for (const r of movedReads(kept, range.start)) out.push(r);
  }
  return out;
}

/** How many windows' verdicts are cached for `kb` (for tests). */
export function cachedWindows(kb: KnowledgeBase): number {
  return CACHES.get(kb)?.reads.size ?? 0;
}
