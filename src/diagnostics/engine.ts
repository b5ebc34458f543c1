/**
 * The checking engine: Markdown text in, findings out. A document is checked block by block;
 * a block's findings depend only on its own text (and, for a table or a block that names nobody
 * before its first figure, on the paragraph or heading before it that names someone), so they are cached by
 * content (positions relative to the block) and a changed document re-checks only its changed
 * blocks. Control comments and line shifts are applied for the whole document, and fixes are
 * worked out on demand, since they depend on the document's end and its existing citations.
 */
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Finding, Fix, Position } from './finding';
import { type PlacedComment, silenceByLines, silencedFindings, silencedLine } from './control-comments';
import { type DocumentText, type FigurePlace, type FixContext, fixContext, fixesFor } from './fixes';
import { BlockDocument } from './markdown/block-document';
import type { Block } from './markdown/blocks';
import { type ControlComment, type ProseUnit, parseProse } from './markdown/prose';
import { type Match, type ReadFigure, originalMatch, readUnitKept } from './matching/matcher';
import { CONTEXT_REACH, type HeadingTopic, type Lending, headingTopic, lendContext, lendingKind } from './context/discourse';
import { isUnknown } from './context/parties';
import { contextKey } from './context/context-key';
import type { Figure } from './figures/figure';
import { describeFinding, sourceValues, withNote } from './messages';
import { type Newer, type Outdated, newerValues, outdatedMessage, outdatedValues, outdatedWith, sentenceAround } from './outdated';
import { type Clock, checkpoint, defaultClock, withBudget } from './budget';
import { countLineBreaks, lineStarts, positionIn, withLineFeeds } from './lines';
import { inSource, readable } from './readable';
import { MAX_NESTING, type Unchecked, nestedTooDeep, uncheckedFinding, uncheckedOf } from './unchecked';
import { MAY_HOLD_FIGURE } from './figures/numbers';

/** A figure's place, and whether its figure is outdated (its fixes then offer the newer values). */
type CheckedPlace = FigurePlace & { outdated?: Outdated };

/** A finding as a block sees it: range lines relative to the block's first line, offsets in the block. */
interface BlockFinding {
  finding: Finding;
  place: CheckedPlace;
}

interface BlockComment extends ControlComment {
  /** Lines of the comment's start and end, relative to the block. */
  startLine: number;
  endLine: number;
}

export interface BlockResult {
  findings: BlockFinding[];
  comments: BlockComment[];
  /**
   * The block is a table, or names nobody before its first figure: its result depends on the
   * paragraph before, whether or not it was given one (see `lentUnits`).
   */
  wantsPrevious?: boolean;
  /** Set when the block could not be checked; its one finding says so. */
  unchecked?: Unchecked;
  /** It has a figure, so the topic of its section (the parties its headings name) may matter. */
  usesTopic?: boolean;
  /** Some of its findings are kept by a window cache's reads (see keptFinding): moved to a line, each is moved once. */
  keepsFindings?: boolean;
}

export interface DocumentResult {
  /**
   * In document order; supported figures only when asked for. Read it, never change it: a run
   * that shows what the last one showed hands out the same array (see `joinedFindings`).
   */
  findings: Finding[];
  /** Set when the document was not checked, with the reason. */
  skipped?: string;
}

export interface CheckOptions {
  includeSupported?: boolean;
  /** Also list figures no fact covers (kind "unverified"), for a coverage report. */
  includeUnverified?: boolean;
  /** Work out each finding's fixes (default). A server asks for them only on a code action. */
  withFixes?: boolean;
  /** Milliseconds one block may take before it is skipped with an information finding (default DEFAULT_BLOCK_BUDGET_MS; Infinity: no limit). */
  blockBudgetMs?: number;
}

/**
 * A block's default time budget: far above what a paragraph takes (a few milliseconds), low
 * enough that one pathological paragraph cannot hold up the rest of the document for long.
 */
export const DEFAULT_BLOCK_BUDGET_MS = 1000;

export const MAX_DOCUMENT_LENGTH = 20_000_000;
/** A block that is a pipe table (its first line opens with a pipe, after any indent). */
const TABLE_BLOCK = /^ {0,3}\|/;
/** Cached results kept beyond twice those in use: room for undo and typing a word back. */
const CACHE_MARGIN = 256;
/** A block's results in as many contexts are kept, then dropped all at once: a block is seldom moved among many. */
const MAX_CONTEXTS = 8;

export function documentText(text: string): DocumentText {
  const starts = lineStarts(text);
  return { text, positionAt: (offset) => positionIn(starts, offset), lineStart: (line) => starts[line] };
}

/**
 * Each verdict's message and evidence, worked out once per verdict as a long paragraph's window
 * keeps it (matcher.originalMatch): a keystroke describes again only the verdicts it changed.
 */
const DESCRIBED = new WeakMap<Match, ReturnType<typeof describeFinding>>();

function describedOnce(match: Match): ReturnType<typeof describeFinding> {
  const original = originalMatch(match);
  let described = DESCRIBED.get(original);
  if (!described) DESCRIBED.set(original, (described = describeFinding(match, sourceValues(match))));
  return described;
}

/** Each verdict's newer values (outdated.newerValues), worked out once per verdict a window keeps, as its message is. */
const NEWER = new WeakMap<Match, Newer | null>();

function newerOnce(match: Match): Newer | undefined {
  const original = originalMatch(match);
  let newer = NEWER.get(original);
  if (newer === undefined) NEWER.set(original, (newer = newerValues(match) ?? null));
  return newer ?? undefined;
}

function matchedFinding(match: Match, range: Finding['range'], outdated?: Outdated): Finding {
  const { figure } = match;
  const kind = outdated ? 'outdated' : match.agreeing.length > 0 ? 'supported' : 'conflict';
  const described = describedOnce(match);
  return {
    kind,
    code: `${figure.type}-${kind}`,
    severity: SEVERITY[kind],
    range,
    text: figure.text,
    message: outdated ? withNote(outdatedMessage(match, outdated), described.statusNote) : described.message,
    fact: match.fact.fact.id,
    statement: match.fact.fact.statement,
    sourcesAgree: described.sourcesAgree,
    evidence: described.evidence,
    fixes: [],
  };
}

/** Default severities; front ends map them through their own settings. */
const SEVERITY = { conflict: 'warning', supported: 'hint', outdated: 'information' } as const;

/** A figure's fixes: for an outdated one, replacing it with the newer values and citing them. */
function placeFixes(ctx: FixContext, place: CheckedPlace & { match: Match }): Fix[] {
  if (!place.outdated) return fixesFor(ctx, place, sourceValues(place.match));
  return fixesFor(ctx, { ...place, match: { ...place.match, agreeing: [] } }, outdatedValues(place.match, place.outdated));
}

/** A figure no fact of the knowledge base covers: nothing checked it, which a reviewer may want to know. */
function unverifiedFinding(figure: Figure, range: Finding['range']): Finding {
  return {
    kind: 'unverified',
    code: `${figure.type}-unverified`,
    severity: 'hint',
    range,
    text: figure.text,
    message: `${figure.text} is not checked: no fact in the knowledge base covers it.`,
    evidence: [],
    fixes: [],
  };
}

/**
 * A block's units with the context each may need (see `lendContext`), the paragraph before lent
 * only when some unit wants it: a block offered that paragraph that wants none reads exactly as
 * it does alone. So the engine offers it at a block's first check, which then checks once
 * whether or not the block wants it, not alone first and then again with it.
 */
function lentUnits(units: ProseUnit[], kb: KnowledgeBase, previous: string | undefined, topic: readonly string[] | undefined, source: string): { units: ProseUnit[]; wantsPrevious: boolean } {
  const alone = lendContext(units, kb, undefined, topic, source);
  if (!alone.wantsPrevious || previous === undefined) return alone;
  return { units: lendContext(units, kb, previous, topic, source).units, wantsPrevious: true };
}

/** A figure's finding in its block (`starts`: the block's line starts). */
function blockFinding(unit: ProseUnit, read: ReadFigure, starts: readonly number[]): BlockFinding {
  const { figure, match } = read;
  const outdated = match && outdatedWith(match, newerOnce(match), () => sentenceAround(unit.text, figure, read.sentenceEnd));
  const place: CheckedPlace = {
    match,
    start: unit.start + figure.start,
    end: unit.start + figure.end,
    citeAt: unit.start + read.sentenceEnd,
    inTable: !!unit.table,
    ...(outdated ? { outdated } : {}),
  };
  const range = { start: positionIn(starts, place.start), end: positionIn(starts, place.end) };
  return { place, finding: match ? matchedFinding(match, range, outdated) : unverifiedFinding(figure, range) };
}

/** The finding last made from a read a window cache keeps, with what else it was made from (see keptFinding). */
interface KeptFinding {
  unitStart: number;
  inTable: boolean;
  found: BlockFinding;
}

const KEPT_FINDINGS = new WeakMap<ReadFigure, KeptFinding>();

/**
 * blockFinding for a read a window cache keeps: the last finding made from it, when its unit
 * starts where it did and the figure sits at the same line and character. The finding is then
 * what blockFinding would make again (its message is the verdict's, kept per verdict), but for an
 * outdated figure's, which reads the text of its sentence. The figures before a keystroke in a
 * long paragraph keep their findings as objects, so a server reuses their diagnostics and bytes.
 */
function keptFinding(unit: ProseUnit, read: ReadFigure, starts: readonly number[]): BlockFinding {
  const last = KEPT_FINDINGS.get(read);
  if (last && last.unitStart === unit.start && last.inTable === !!unit.table && !(read.match && newerOnce(read.match))) {
    const { range } = last.found.finding;
    if (samePosition(range.start, positionIn(starts, unit.start + read.figure.start)) && samePosition(range.end, positionIn(starts, unit.start + read.figure.end))) return last.found;
  }
  const found = blockFinding(unit, read, starts);
  KEPT_FINDINGS.set(read, { unitStart: unit.start, inTable: !!unit.table, found });
  return found;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/**
 * Units' reads kept per knowledge base, the least recently used dropped first: room for the
 * cells, items and paragraphs of the few blocks typed in at a time (a table of a dozen rows has
 * about sixty cells).
 */
const MAX_KEPT_UNITS = 2048;

/** A unit's reads, and the context they were read in: the text lent it and its section's topic. */
interface KeptUnit {
  previous: string | undefined;
  leadIn: string | undefined;
  topic: string;
  reads: ReadFigure[];
}

const KEPT_UNITS = new WeakMap<KnowledgeBase, Map<string, KeptUnit>>();

/** Everything of a unit its reading reads but its context: its text, and a cell's headers and row. No part holds a NUL (a block with one is never checked). */
function keptUnitKey(unit: ProseUnit): string {
  const t = unit.table;
  return t ? `${unit.text}\u0000${t.rowHeader}\u0000${t.columnHeader}\u0000${t.rowContext}\u0000${t.headerRow}` : unit.text;
}

/**
 * readUnitKept for a unit of a block of several (table cells, list items, a paragraph and the
 * table under it): a unit reads the same in the same context, however its block changed around
 * it, so a keystroke in one cell reads that cell's row again (its cells read the row), not the
 * whole table. Its context is compared as text, not by what the unit reads of it (contextKey):
 * the cells of a table are lent one paragraph, as it is. The reads are the same objects while
 * kept, as a window cache's are (see readUnitKept's `kept`).
 */
function readUnitShared(unit: ProseUnit, kb: KnowledgeBase): { reads: ReadFigure[]; kept: boolean } {
  let cache = KEPT_UNITS.get(kb);
  if (!cache) KEPT_UNITS.set(kb, (cache = new Map()));
  const key = keptUnitKey(unit);
  const topic = unit.topic?.join('\u0000') ?? '';
  let kept = cache.get(key);
  if (kept) cache.delete(key);
  if (!kept || kept.previous !== unit.previous || kept.leadIn !== unit.leadIn || kept.topic !== topic) kept = { previous: unit.previous, leadIn: unit.leadIn, topic, reads: readUnitKept(unit, kb).reads };
  cache.set(key, kept);
  if (cache.size > MAX_KEPT_UNITS) cache.delete(cache.keys().next().value!);
  return { reads: kept.reads, kept: true };
}

/** Checks one block, offered the paragraph before it; positions are relative to the block. */
export function checkBlock(text: string, kb: KnowledgeBase, previous?: string, topic?: readonly string[]): BlockResult {
  if (!MAY_HOLD_FIGURE.test(text) && !text.includes('dealcheck-')) return { findings: [], comments: [] };
  const prose = parseProse(text);
  const starts = lineStarts(text);
  const findings: BlockFinding[] = [];
  const { units, wantsPrevious } = lentUnits(prose.units, kb, previous, topic, text);
  let keepsFindings = false;
  for (const unit of units) {
    checkpoint();
    // A block of one unit is kept whole, by its text (DocumentChecker's cache).
    const { reads, kept } = units.length > 1 ? readUnitShared(unit, kb) : readUnitKept(unit, kb);
    for (const read of reads) findings.push(kept ? keptFinding(unit, read, starts) : blockFinding(unit, read, starts));
    keepsFindings ||= kept && reads.length > 0;
  }
  const comments = prose.comments.map((c) => ({ ...c, startLine: positionIn(starts, c.start).line, endLine: positionIn(starts, c.end).line }));
  return { findings, comments, ...(wantsPrevious ? { wantsPrevious } : {}), ...(findings.length ? { usesTopic: true } : {}), ...(keepsFindings ? { keepsFindings } : {}) };
}

/** A finding in the document: its range in document lines, its place relative to its block. */
interface Placed {
  finding: Finding;
  place: CheckedPlace;
  blockStart: number;
}

function absolutePlace(p: Placed & { place: { match: Match } }): CheckedPlace & { match: Match } {
  return { ...p.place, start: p.blockStart + p.place.start, end: p.blockStart + p.place.end, citeAt: p.blockStart + p.place.citeAt };
}

function isMatched(p: Placed): p is Placed & { place: { match: Match } } {
  return p.place.match !== undefined;
}

/** Conflicts (and outdated figures) always; supported and unverified figures when asked for. */
function isShown(f: Finding, options: CheckOptions): boolean {
  if (f.kind === 'supported') return !!options.includeSupported;
  if (f.kind === 'unverified') return !!options.includeUnverified;
  return true;
}

function shift(f: Finding, lines: number): Finding {
  const { start, end } = f.range;
  return { ...f, range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } } };
}

/** Each finding's copy at the last line it was moved to. */
const SHIFTED = new WeakMap<Finding, { line: number; finding: Finding }>();

/**
 * A finding moved down `lines` lines: the same copy as last time when it was moved as far. A long
 * paragraph's kept findings (see keptFinding) then stay the same objects below the first line too;
 * other blocks' findings are made anew with their block, and moved with `shift`, remembering nothing.
 */
function shiftedOnce(f: Finding, lines: number): Finding {
  const last = SHIFTED.get(f);
  if (last?.line === lines) return last.finding;
  const finding = shift(f, lines);
  SHIFTED.set(f, { line: lines, finding });
  return finding;
}

/** A check of one document under way: `advance` it until it gives the result. */
export interface CheckRun {
  /**
   * Checks blocks until `deadline` (milliseconds on the checker's clock, performance.now by
   * default) has passed or the document is done, at least one block per call; gives the result
   * once done, undefined before. Without a deadline it runs to the end.
   */
  advance(): DocumentResult;
  advance(deadline: number): DocumentResult | undefined;
  /**
   * The document was edited since the run began. The run can still finish, for the text it
   * began with, but its result is out of date: a server drops the run and begins another.
   */
  readonly stale: boolean;
  /** Blocks checked so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** The 0-based line the checked blocks reach: the line of the next block to check (Infinity once done). */
  readonly checkedLines: number;
  /**
   * The findings of the blocks checked so far, as the finished run will give them (without
   * fixes): a block's findings depend only on the blocks before it, and a control comment
   * silences nothing before it, so these are the first findings of the result. A server answers
   * with them while a long draft's check goes on.
   */
  partial(): Finding[];
}

/**
 * What a finished run kept of one block: enough to take its findings again, without a cache
 * lookup, when the block and everything its result depends on (its topic, and the blocks before
 * it that lend it context) are as they were.
 */
interface BlockRecord {
  text: string;
  entry: CacheEntry;
  /** The heading it is (its level and parties), or null. */
  heading: HeadingTopic | null;
  /** The topic it was checked in. */
  topicKey: string;
  /** Its result alone asked for the paragraph before: blocks before it lend it context. */
  wantsPrevious: boolean;
  result: BlockResult;
  context: BlockContext;
  /** The line it sat on, and its findings moved there. */
  line: number;
  findings: Finding[];
  /** The headings open above it, before its own: with them and the blocks before it as they were, so is every record after it. */
  openBefore: readonly HeadingTopic[];
  /** Which of its findings a check with these options shows, worked out once (see `shownIn`). */
  shown?: { key: string; indexes: readonly number[] };
}

/**
 * Which blocks of a run are those of the last finished run: the first `prefix` at the same
 * places, and from `suffixFrom` on those `offset` blocks further in the old run (moved by the
 * edit). Only blocks between them are new.
 */
interface Reuse {
  records: readonly BlockRecord[];
  /** The findings that run showed, when it listed them block by block. */
  shown?: ShownList;
  prefix: number;
  suffixFrom: number;
  offset: number;
}

/** What a run has gathered so far. */
interface RunState {
  doc: BlockDocument;
  blocks: readonly Block[];
  revision: number;
  options: CheckOptions;
  round: number;
  next: number;
  distinct: number;
  comments: PlacedComment[];
  /**
   * How many of `comments` reach past their own block (a disable or enable comment, or a line
   * comment aimed outside it): only those need the whole-document sweep of `silencedFindings`.
   */
  wideComments: number;
  /** The headings above the block being checked. */
  topics: TopicStack;
  /**
   * Each block's record, for the next run: made as long as the blocks at once, the first `kept`
   * of them filled so far (a long draft's array, grown a record at a time, would be copied again
   * and again on every edit).
   */
  records: BlockRecord[];
  kept: number;
  reuse?: Reuse;
  /** The first block whose record, and every one after it, `carryOver` took from the last run as it was. */
  carriedFrom?: number;
  result?: DocumentResult;
}

/** The parties of the headings above a block: its section's topic. */
interface Topic {
  parties: readonly string[];
  /** The parties as a cache key: a heading edited without changing whom it names re-checks nothing. */
  key: string;
}

/** The context a block was checked in. */
export interface BlockContext {
  previous?: string;
  topic: readonly string[];
}

/** The headings above the current block, by level: a heading closes the sections of its level and below. */
class TopicStack {
  private open: readonly HeadingTopic[] = [];
  private cached: Topic | undefined;

  /** The open headings; never changed in place, so a record can keep it. */
  get headings(): readonly HeadingTopic[] {
    return this.open;
  }

  /** Opens exactly these headings, as a record kept them. */
  reset(open: readonly HeadingTopic[]): void {
    this.open = open;
    this.cached = undefined;
  }

  enter(heading: HeadingTopic): void {
    this.open = [...this.open.filter((h) => h.level < heading.level), heading];
    this.cached = undefined;
  }

  /**
   * The parties of the open headings, the title's included ("# Amazon's two AI bets" then "## The
   * Anthropic money" is about both); a heading that names a party the knowledge base does not know
   * ("## SoftBank's round") starts a topic of its own.
   */
  current(): Topic {
    if (!this.cached) {
      const parties = new Set<string>();
      for (const h of [...this.open].reverse()) {
        h.parties.forEach((p) => parties.add(p));
        if (h.parties.some(isUnknown)) break;
      }
      const sorted = [...parties].sort();
      this.cached = { parties: sorted, key: sorted.join(' ') };
    }
    return this.cached;
  }
}

interface CacheEntry {
  /** The key itself, kept so that blocks can share one copy of their text. */
  text: string;
  /**
   * Its result with no paragraph before it as context, in the topic `resultTopic`; undefined until
   * asked for when its first check took the paragraph before it, which it wants.
   */
  result?: BlockResult;
  resultTopic: string;
  /** Its first check said it wants the paragraph before it (see `BlockResult.wantsPrevious`). */
  wantsPrevious: boolean;
  /** The last check that used it. */
  round: number;
  /** Its results in other contexts (what it reads of the paragraph before, the topic), by `contextKeyOf`. */
  byContext?: Map<string, BlockResult>;
  lends?: Lending;
  /** For a heading, its level and the parties it names; null for any other block. */
  heading?: HeadingTopic | null;
}

function budgetOf(options: CheckOptions): number {
  return options.blockBudgetMs ?? DEFAULT_BLOCK_BUDGET_MS;
}

/** A block's context as its results are kept by: what it reads of the paragraph before (none: no paragraph lent), and its topic. */
function contextKeyOf(previous: string | undefined, topic: Topic, kb: KnowledgeBase): string {
  return `${previous === undefined ? '' : `\u0004${contextKey(previous, kb)}`}\u0001${topic.key}`;
}

/** The last finished run of a checker, for the next run to take unchanged blocks from, and for a code action's fixes. */
interface LastRun {
  doc: BlockDocument;
  revision: number;
  blocks: readonly Block[];
  records: BlockRecord[];
  /** Its control comments, placed in the document: a code action works out what they silence. */
  comments: readonly PlacedComment[];
  /** The time budget its blocks were checked with. */
  budgetMs: number;
  /** Its shown findings, when no comment reached past its block and it worked out no fixes. */
  shown?: ShownList;
}

/**
 * Every block's findings in document order; with `offsets`, their offsets in the document (for
 * control comments), with `places`, the block and index each came from (for fixes).
 */
function gathered(blocks: readonly Block[], records: readonly BlockRecord[], want: { offsets: boolean; places: boolean }): { findings: Finding[]; offsets: number[]; blockOf: number[]; indexIn: number[] } {
  const findings: Finding[] = [];
  const offsets: number[] = [];
  const blockOf: number[] = [];
  const indexIn: number[] = [];
  for (let b = 0; b < records.length; b++) {
    const record = records[b];
    if (!record.findings.length) continue;
    const start = blocks[b].start;
    for (let k = 0; k < record.findings.length; k++) {
      findings.push(record.findings[k]);
      if (want.offsets) offsets.push(start + record.result.findings[k].place.start);
      if (want.places) {
        blockOf.push(b);
        indexIn.push(k);
      }
    }
  }
  return { findings, offsets, blockOf, indexIn };
}

/** Indexes of the findings no comment silenced that the options ask for. */
function shownIndexes(findings: readonly Finding[], silenced: readonly boolean[] | undefined, options: CheckOptions): number[] {
  const shown: number[] = [];
  for (let i = 0; i < findings.length; i++) if (!silenced?.[i] && isShown(findings[i], options)) shown.push(i);
  return shown;
}

/** The options `shownIn` remembers a block's shown findings for. */
function shownKey(options: CheckOptions): string {
  return `${options.includeSupported ? 1 : 0}${options.includeUnverified ? 1 : 0}`;
}

/**
 * Indexes of the block's findings that its own line comments leave and the options ask for,
 * remembered with the record: an edit elsewhere works out nothing again for this block. Only
 * for a document whose comments all stay within their blocks (see `reachesOut`).
 */
function shownIn(record: BlockRecord, options: CheckOptions, key: string): readonly number[] {
  if (record.shown?.key === key) return record.shown.indexes;
  const { findings, comments } = record.result;
  const silenced = new Array<boolean>(findings.length).fill(false);
  if (comments.length)
    silenceByLines(
      findings.map((f) => f.finding),
      comments,
      silenced,
    );
  const indexes: number[] = [];
  for (let k = 0; k < findings.length; k++) if (!silenced[k] && isShown(findings[k].finding, options)) indexes.push(k);
  record.shown = { key, indexes };
  return indexes;
}

/**
 * Whether a block's control comments reach past it: a disable or enable comment does, and so
 * does a line comment aimed at a line the block does not hold (its findings sit on the block's
 * lines before its last line break: a block ends where a blank line ends).
 */
function reachesOut(comments: readonly BlockComment[], text: string): boolean {
  if (!comments.length) return false;
  const lines = countLineBreaks(text, 0, text.length);
  return comments.some((c) => {
    const line = silencedLine(c);
    return line === undefined || line >= lines;
  });
}

/** The shown findings of a run, block by block, with the block and index each came from. */
interface Shown {
  findings: Finding[];
  blockOf: number[];
  indexIn: number[];
}

/**
 * A run's shown findings when no comment reaches past its block, with where each block's begin
 * (`starts`, one more than the blocks: the last is the end), for the next run to take.
 */
interface ShownList {
  key: string;
  findings: Finding[];
  starts: Int32Array;
}

/** An array of `length` places: `spare` when it has that length (every place of it is written by `shownList`, so an old one serves as well as a new one). */
function placesArray(length: number, spare: Int32Array | undefined): Int32Array {
  return spare?.length === length ? spare : new Int32Array(length);
}

/**
 * The shown findings of a run whose comments all stay within their blocks, as `shownByBlock`
 * gives them, without the blocks they came from. The blocks a run took from the last (`carryPrefix`
 * and `carryOver`) show what they showed then, so their share of its list is copied whole: an edit
 * costs its own blocks' findings and a copy, not a walk through every block's.
 */
function shownList(run: RunState, spare: Int32Array | undefined): ShownList {
  const key = shownKey(run.options);
  const n = run.records.length;
  const last = run.reuse?.shown?.key === key ? run.reuse.shown : undefined;
  const from = last ? run.reuse!.prefix : 0;
  const to = last && run.carriedFrom !== undefined ? run.carriedFrom : n;
  const starts = placesArray(n + 1, spare);
  if (last) starts.set(last.starts.subarray(0, from));
  const head = last ? last.starts[from] : 0;
  const middle: Finding[] = [];
  for (let b = from; b < to; b++) {
    starts[b] = head + middle.length;
    const record = run.records[b];
    if (record.findings.length) for (const k of shownIn(record, run.options, key)) middle.push(record.findings[k]);
  }
  starts[to] = head + middle.length;
  if (!last) return { key, findings: middle, starts };
  // The carried blocks' share, and where each of them now begins: as far from the new middle's end as from the old one's.
  const old = to + run.reuse!.offset;
  const shift = starts[to] - last.starts[old];
  for (let b = to + 1; b <= n; b++) starts[b] = last.starts[b + run.reuse!.offset] + shift;
  return { key, findings: joinedFindings(last.findings, head, middle, last.starts[old]), starts };
}

/** Whether `middle` is the stretch of `last` from `head` to `resume`, the same findings in the same places. */
function sameStretch(last: readonly Finding[], head: number, middle: readonly Finding[], resume: number): boolean {
  if (middle.length !== resume - head) return false;
  for (let i = 0; i < middle.length; i++) if (middle[i] !== last[head + i]) return false;
  return true;
}

/**
 * The first `head` of `last`, then `middle`, then `last` from `resume` on: in one array of the
 * final size, as a document's blocks are joined after an edit; `last` itself when that is what
 * it would hold. Most keystrokes change no finding (a draft's longest list has about 10,000), and
 * a copy made for each of them lived until the next, long enough to be promoted.
 */
function joinedFindings(last: Finding[], head: number, middle: readonly Finding[], resume: number): Finding[] {
  if (sameStretch(last, head, middle, resume)) return last;
  const out = new Array<Finding>(head + middle.length + last.length - resume);
  for (let i = 0; i < head; i++) out[i] = last[i];
  for (let i = 0; i < middle.length; i++) out[head + i] = middle[i];
  const moved = head + middle.length - resume;
  for (let i = resume; i < last.length; i++) out[i + moved] = last[i];
  return out;
}

/** The shown findings when no comment reaches past its block: each block's own, remembered. */
function shownByBlock(records: readonly BlockRecord[], options: CheckOptions, places: boolean): Shown {
  const out: Shown = { findings: [], blockOf: [], indexIn: [] };
  const key = shownKey(options);
  for (let b = 0; b < records.length; b++) {
    const record = records[b];
    if (!record.findings.length) continue;
    for (const k of shownIn(record, options, key)) {
      out.findings.push(record.findings[k]);
      if (places) {
        out.blockOf.push(b);
        out.indexIn.push(k);
      }
    }
  }
  return out;
}

/** The shown findings when some comment reaches past its block: all findings and all comments in one sweep. */
function shownBySweep(blocks: readonly Block[], records: readonly BlockRecord[], comments: readonly PlacedComment[], options: CheckOptions, places: boolean): Shown {
  const all = gathered(blocks, records, { offsets: true, places });
  const silenced = silencedFindings(all.findings, all.offsets, comments);
  const shown = shownIndexes(all.findings, silenced, options);
  return {
    findings: shown.map((i) => all.findings[i]),
    blockOf: places ? shown.map((i) => all.blockOf[i]) : [],
    indexIn: places ? shown.map((i) => all.indexIn[i]) : [],
  };
}

/** Adds a block's record to the run, with its control comments placed in the document. */
function keep(run: RunState, record: BlockRecord, block: Block): void {
  run.records[run.kept++] = record;
  const { comments } = record.result;
  if (!comments.length) return;
  for (const c of comments) run.comments.push({ ...c, offset: block.start + c.start, startLine: block.line + c.startLine, endLine: block.line + c.endLine });
  if (reachesOut(comments, block.text)) run.wideComments++;
}

/** Whether two stacks of open headings are the same headings (kept by their blocks' records, so compared as objects). */
function sameHeadings(a: readonly HeadingTopic[], b: readonly HeadingTopic[]): boolean {
  return a === b || (a.length === b.length && a.every((h, i) => h === b[i]));
}

/** The findings of a finished run that a control comment silenced. */
function silencedSet(last: LastRun): Set<Finding> {
  const muted = new Set<Finding>();
  if (!last.comments.length) return muted;
  const all = gathered(last.blocks, last.records, { offsets: true, places: false });
  const silenced = silencedFindings(all.findings, all.offsets, last.comments);
  all.findings.forEach((f, i) => silenced?.[i] && muted.add(f));
  return muted;
}

/** Finding `k` of block `b`, placed in the document. */
function placedOf(blocks: readonly Block[], records: readonly BlockRecord[], b: number, k: number): Placed {
  return { finding: records[b].findings[k], place: records[b].result.findings[k].place, blockStart: blocks[b].start };
}

/** Whether a cached result should be computed again: it ran out of a smaller budget than this one. */
function retries(result: BlockResult, budgetMs: number): boolean {
  return result.unchecked?.reason === 'time' && budgetMs > result.unchecked.budgetMs!;
}

function uncheckedResult(text: string, unchecked: Unchecked): BlockResult {
  return { findings: [uncheckedFinding(text, unchecked)], comments: [], unchecked };
}

/** A result that says why the document was not checked. */
function skippedResult(reason: string): DocumentResult {
  return { findings: [], skipped: reason };
}

/**
 * A checker that remembers each block's findings by the block's text, for a server that
 * re-checks a document on every edit (kept as a BlockDocument, which re-splits only around an
 * edit). Bounded: results no block of the last check uses are dropped now and then.
 *
 * It never throws: a block whose check fails, runs over its time budget or nests too deep is
 * reported as one 'unchecked' finding on its first line, and the rest is checked.
 */
export class DocumentChecker {
  /** Block text → its findings. */
  private cache = new Map<string, CacheEntry>();
  private rounds = 0;
  /** How many cache entries the last run that counted them all used (see `trimCache`). */
  private distinctInUse = 0;
  private last: LastRun | undefined;
  /**
   * The arrays of the run before `last`, which nothing reads any more: the next run fills them
   * again when its document has as many blocks (a keystroke mostly leaves it so). A long draft's
   * arrays of its blocks' records and shown findings' places, made new on every keystroke, lived
   * just long enough to be promoted, and so cost the server in every minor collection.
   */
  private spare: { records?: BlockRecord[]; starts?: Int32Array } = {};
  private readonly clock: Clock;

  /** A block's findings moved to the lines it sits on; a typed character moves no line. */
  private shifted = new WeakMap<BlockResult, Map<number, Finding[]>>();

  constructor(
    readonly kb: KnowledgeBase,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? defaultClock;
  }

  /**
   * Who a block that opens naming nobody is about: the plain paragraph or heading just before it
   * when that names someone, looking past a lead-in ("That depends on the report:"), which comes
   * along ("Cost per million tokens:" says what the table under it prices).
   */
  private contextFor(blocks: readonly Block[], b: number): string | undefined {
    let leadIns = '';
    const table = TABLE_BLOCK.test(blocks[b].text);
    for (let k = b - 1; k >= 0 && k >= b - CONTEXT_REACH; k--) {
      const lends = this.lending(blocks[k].text);
      const text = readable(blocks[k].text).text;
      if (lends === 'names') return leadIns ? `${text}\n\n${leadIns}` : text;
      // A table's rows name what they measure and seldom who: a heading over it naming nobody is no break.
      if (lends !== 'lead-in' && !(lends === 'heading' && table)) break;
      leadIns = leadIns ? `${text}\n\n${leadIns}` : text;
    }
    return leadIns || undefined;
  }

  /** What a block lends the blocks after it, remembered with its findings; nothing when that cannot be worked out. */
  private lending(text: string): Lending {
    // Blocks before this one are mostly in the cache: the run has just been through them.
    const entry = this.cache.get(text);
    if (entry?.lends) return entry.lends;
    let lends: Lending = 'none';
    try {
      lends = lendingKind(readable(text).text, this.kb);
    } catch {
      // A block whose reading fails lends nothing; its own check reports the failure.
    }
    if (entry) entry.lends = lends;
    return lends;
  }

  private atLine(result: BlockResult, line: number): Finding[] {
    if (!line) return result.findings.map((f) => f.finding);
    let byLine = this.shifted.get(result);
    if (!byLine) this.shifted.set(result, (byLine = new Map()));
    let findings = byLine.get(line);
    if (!findings) {
      // The same paragraph can sit at many lines; keep a few.
      if (byLine.size >= 64) byLine.clear();
      findings = result.findings.map((f) => (result.keepsFindings ? shiftedOnce(f.finding, line) : shift(f.finding, line)));
      byLine.set(line, findings);
    }
    return findings;
  }

  /** One block's result, never thrown: a failure, an overrun or too deep a nesting becomes its one finding. */
  private checkGuarded(text: string, budgetMs: number, previous?: string, topic?: Topic): BlockResult {
    const input = readable(text);
    if (nestedTooDeep(input.text)) return uncheckedResult(text, { reason: 'nesting', detail: `nested more than ${MAX_NESTING} deep` });
    try {
      return inSource(
        withBudget(budgetMs, this.clock, () => checkBlock(input.text, this.kb, previous, topic?.parties)),
        input,
      );
    } catch (error) {
      return uncheckedResult(text, uncheckedOf(error));
    }
  }

  /**
   * The block's cache entry and its result in its context: the topic of its section, and the
   * paragraph before it when it wants one. By its context as well, an edit there re-checks this
   * block too, unless the edit left what it reads of the paragraph before as it was (see
   * `contextKey`); a block with no figure needs no context.
   */
  private resultIn(run: RunState, b: number, block: Block, topic: Topic): { entry: CacheEntry; result: BlockResult; previous?: string } {
    let entry = this.cache.get(block.text);
    if (!entry) this.cache.set(block.text, (entry = { text: block.text, resultTopic: topic.key, wantsPrevious: false, round: 0 }));
    if (!entry.result && !entry.byContext) return { entry, ...this.firstCheck(run, b, entry, topic) };
    // A result that ran out of a smaller budget is checked again, as if first seen: whether the block wants the paragraph before is for a check that worked to say.
    if (entry.result && retries(entry.result, budgetOf(run.options))) return { entry, ...this.firstCheck(run, b, entry, topic) };
    const previous = entry.wantsPrevious ? this.contextFor(run.blocks, b) : undefined;
    if (previous !== undefined) return { entry, result: this.inContext(run, entry, previous, topic), previous };
    return { entry, result: this.alone(run, entry, topic) };
  }

  /**
   * Checks a block the cache has no result for, offered the paragraph before it, which the check
   * lends only when the block wants it: one check gives its result either way. Should the check
   * fail, the block is checked alone too, and that check says whether it wants the paragraph.
   */
  private firstCheck(run: RunState, b: number, entry: CacheEntry, topic: Topic): { result: BlockResult; previous?: string } {
    const budgetMs = budgetOf(run.options);
    const offered = this.contextFor(run.blocks, b);
    const result = this.checkGuarded(entry.text, budgetMs, offered, topic);
    const took = offered !== undefined && (result.wantsPrevious || result.unchecked);
    const alone = !took ? result : result.unchecked ? this.checkGuarded(entry.text, budgetMs, undefined, topic) : undefined;
    entry.result = alone;
    entry.resultTopic = topic.key;
    entry.wantsPrevious = !!(alone ?? result).wantsPrevious;
    if (!entry.wantsPrevious || !took) return { result: alone! };
    this.keepInContext(entry, contextKeyOf(offered, topic, this.kb), result);
    return { result, previous: offered };
  }

  /** The block's result with no paragraph before it, in the topic: one with no figure is the same in any topic. */
  private alone(run: RunState, entry: CacheEntry, topic: Topic): BlockResult {
    if (!entry.result) {
      entry.result = this.checkGuarded(entry.text, budgetOf(run.options), undefined, topic);
      entry.resultTopic = topic.key;
    }
    return !entry.result.usesTopic || entry.resultTopic === topic.key ? entry.result : this.inContext(run, entry, undefined, topic);
  }

  /** The block's result in a context, computed once per context (a few kept per block). */
  private inContext(run: RunState, entry: CacheEntry, previous: string | undefined, topic: Topic): BlockResult {
    const budgetMs = budgetOf(run.options);
    const key = contextKeyOf(previous, topic, this.kb);
    let result = entry.byContext?.get(key);
    if (!result || retries(result, budgetMs)) this.keepInContext(entry, key, (result = this.checkGuarded(entry.text, budgetMs, previous, topic)));
    return result;
  }

  private keepInContext(entry: CacheEntry, key: string, result: BlockResult): void {
    entry.byContext ??= new Map();
    if (entry.byContext.size >= MAX_CONTEXTS) entry.byContext.clear();
    entry.byContext.set(key, result);
  }

  /** The heading a block is, with its level and the parties it names; null for any other block. */
  private headingOf(block: Block): HeadingTopic | null {
    const entry = this.cache.get(block.text);
    let heading = entry?.heading;
    if (heading === undefined) {
      try {
        heading = headingTopic(readable(block.text).text, this.kb) ?? null;
      } catch {
        heading = null;
      }
      if (entry) entry.heading = heading;
    }
    return heading;
  }

  /** The last run's record of block `b`, when the block is the same (its context may not be). */
  private recordOf(run: RunState, b: number): BlockRecord | undefined {
    const reuse = run.reuse;
    if (!reuse) return undefined;
    if (b < reuse.prefix) return reuse.records[b];
    return b >= reuse.suffixFrom ? reuse.records[b + reuse.offset] : undefined;
  }

  /**
   * Whether the blocks a block could take context from (up to CONTEXT_REACH before it) are all
   * the last run's, in the same order: then the paragraph before it that lends it context is too.
   */
  private sameBlocksBefore(run: RunState, b: number): boolean {
    const reuse = run.reuse!;
    return b < reuse.prefix || b - CONTEXT_REACH >= reuse.suffixFrom;
  }

  /** Checks block `b` of the run and gathers its findings and comments. */
  private step(run: RunState, b: number): void {
    const block = run.blocks[b];
    const old = this.recordOf(run, b);
    const heading = old ? old.heading : this.headingOf(block);
    const openBefore = run.topics.headings;
    if (heading) run.topics.enter(heading);
    const topic = run.topics.current();
    // A block that is as it was, in the same topic and after the same blocks, has the same
    // result: an edit costs the blocks it changed, not a walk through every cached paragraph.
    const record = old && old.topicKey === topic.key && (!old.wantsPrevious || this.sameBlocksBefore(run, b)) ? this.moved(old, block, openBefore) : this.checked(run, b, block, heading, topic, openBefore);
    const { entry } = record;
    if (entry.round !== run.round) run.distinct++;
    entry.round = run.round;
    keep(run, record, block);
  }

  /**
   * Whether block `b` and every block after it are the last run's, on the same lines, after the
   * same blocks and under the same headings: then each would step to its old record unchanged.
   */
  private carriesOver(run: RunState, b: number): boolean {
    const reuse = run.reuse;
    if (!reuse || b < reuse.suffixFrom + CONTEXT_REACH) return false;
    const old = reuse.records[b + reuse.offset];
    return old.line === run.blocks[b].line && sameHeadings(old.openBefore, run.topics.headings);
  }

  /**
   * Takes the last run's records of the blocks before the first the edit changed: the same
   * blocks after the same blocks, so the same records. The headings open after them are those
   * the first changed block's record found, or, past the old last block, those the last left.
   */
  private carryPrefix(run: RunState): void {
    const { records, prefix } = run.reuse!;
    if (!prefix) return;
    for (let b = 0; b < prefix; b++) keep(run, records[b], run.blocks[b]);
    run.next = prefix;
    if (prefix < records.length) return run.topics.reset(records[prefix].openBefore);
    const last = records[prefix - 1];
    run.topics.reset(last.openBefore);
    if (last.heading) run.topics.enter(last.heading);
  }

  /** Takes the last run's records from block `run.next` to the end, as `carriesOver` allows. */
  private carryOver(run: RunState): void {
    const { records, offset } = run.reuse!;
    run.carriedFrom = run.next;
    for (let b = run.next; b < run.blocks.length; b++) keep(run, records[b + offset], run.blocks[b]);
    run.next = run.blocks.length;
  }

  /** An unchanged block's record, at the line it now sits on. */
  private moved(old: BlockRecord, block: Block, openBefore: readonly HeadingTopic[]): BlockRecord {
    block.text = old.text;
    if (old.line === block.line && sameHeadings(old.openBefore, openBefore)) return old;
    return { ...old, openBefore, line: block.line, findings: old.line === block.line ? old.findings : this.atLine(old.result, block.line) };
  }

  /** Block `b`'s record, from the cache or checked now. */
  private checked(run: RunState, b: number, block: Block, heading: HeadingTopic | null, topic: Topic, openBefore: readonly HeadingTopic[]): BlockRecord {
    const { entry, result, previous } = this.resultIn(run, b, block, topic);
    entry.heading ??= heading;
    // The cached key from now on: later lookups compare pointers, not paragraphs.
    block.text = entry.text;
    return {
      text: entry.text, entry, heading, topicKey: topic.key, wantsPrevious: entry.wantsPrevious, result, context: { previous, topic: topic.parties },
      line: block.line, findings: result.findings.length ? this.atLine(result, block.line) : [], openBefore,
      // Set now, not when first worked out: records of one shape keep the loops over all of them fast.
      shown: undefined,
    };
  }

  /** The result of a run whose blocks are all checked. */
  private finish(run: RunState): DocumentResult {
    this.trimCache(run);
    const withFixes = run.options.withFixes !== false;
    // A server asks for no fixes, and its runs follow one another an edit apart: its list is spliced.
    const list = run.wideComments || withFixes ? undefined : shownList(run, this.spare.starts);
    if (list?.starts === this.spare.starts) this.spare.starts = undefined;
    const stale = run.doc.revision !== run.revision;
    if (!stale) this.remember(run, list);
    if (list) return { findings: list.findings };
    const shown = run.wideComments ? shownBySweep(run.blocks, run.records, run.comments, run.options, withFixes) : shownByBlock(run.records, run.options, withFixes);
    if (!withFixes) return { findings: shown.findings };
    // A stale run's document has moved on: its fixes are worked out on the text it checked.
    const text = stale ? run.blocks.map((b) => b.text).join('') : run.doc.text;
    const ctx = fixContext(documentText(text), run.blocks);
    return {
      findings: shown.findings.map((f, i) => {
        const p = placedOf(run.blocks, run.records, shown.blockOf[i], shown.indexIn[i]);
        return isMatched(p) ? { ...p.finding, fixes: safeFixes(ctx, p) } : p.finding;
      }),
    };
  }

  /**
   * Drops cached results no block of this run uses, once the cache holds more than twice what
   * the last such count found, plus a margin for undo and typing back. Records carried over
   * whole (see `carryOver`) mark nothing as they go: they are marked here, only when it is time.
   */
  private trimCache(run: RunState): void {
    if (this.cache.size <= 2 * Math.max(run.distinct, this.distinctInUse) + CACHE_MARGIN) return;
    let distinct = 0;
    for (const { entry } of run.records)
      if (entry.round !== run.round) {
        entry.round = run.round;
        distinct++;
      }
    this.distinctInUse = run.distinct + distinct;
    if (this.cache.size > 2 * this.distinctInUse + CACHE_MARGIN) for (const [key, e] of this.cache) if (e.round !== run.round) this.cache.delete(key);
  }

  /** Keeps a finished run for the next one, and for a code action's fixes. */
  private remember(run: RunState, shown: ShownList | undefined): void {
    const before = this.last;
    if (before && before.records !== run.records) this.spare.records = before.records;
    if (before?.shown && before.shown.starts !== shown?.starts) this.spare.starts = before.shown.starts;
    this.last = { doc: run.doc, revision: run.revision, blocks: run.blocks, records: run.records, comments: run.comments, budgetMs: budgetOf(run.options), shown };
  }

  /** What `CheckRun.partial` gives: the findings of the blocks checked so far, silenced and filtered as `finish` does. */
  private partialOf(run: RunState): Finding[] {
    if (run.result) return run.result.findings;
    const blocks = run.blocks.slice(0, run.kept);
    const all = gathered(blocks, run.records.slice(0, run.kept), { offsets: run.comments.length > 0, places: false });
    const silenced = silencedFindings(all.findings, all.offsets, run.comments);
    return shownIndexes(all.findings, silenced, run.options).map((i) => all.findings[i]);
  }

  private advanceRun(run: RunState, deadline: number): DocumentResult | undefined {
    if (run.result) return run.result;
    try {
      if (run.next === 0 && run.reuse) this.carryPrefix(run);
      while (run.next < run.blocks.length) {
        if (this.carriesOver(run, run.next)) {
          this.carryOver(run);
          break;
        }
        this.step(run, run.next++);
        if (deadline !== Infinity && run.next < run.blocks.length && this.clock() >= deadline) return undefined;
      }
      return (run.result = this.finish(run));
    } catch (error) {
      // Every block is guarded: this is a fault of the engine itself, which must not take its caller down.
      this.last = undefined;
      return (run.result = skippedResult(`not checked: dealcheck failed (${uncheckedOf(error).detail})`));
    }
  }

  /**
   * Begins checking a document, to be advanced a slice at a time: a server yields between
   * slices, and drops a run that went stale. `check` is this run to the end.
   */
  begin(document: BlockDocument | string, options: CheckOptions = {}): CheckRun {
    const { run, result } = this.prepare(document, options);
    if (result) return { advance: () => result, stale: false, done: 0, total: 0, checkedLines: Infinity, partial: () => result.findings } as CheckRun;
    const advanceRun = (deadline = Infinity) => this.advanceRun(run!, deadline);
    return {
      advance: advanceRun as CheckRun['advance'],
      get stale() {
        return run!.doc.revision !== run!.revision;
      },
      get done() {
        return run!.next;
      },
      total: run!.blocks.length,
      get checkedLines() {
        return run!.result || run!.next >= run!.blocks.length ? Infinity : run!.blocks[run!.next].line;
      },
      partial: () => this.partialOf(run!),
    };
  }

  /** A run's starting state, or the result at once when the document is not to be checked. */
  private prepare(document: BlockDocument | string, options: CheckOptions): { run?: RunState; result?: DocumentResult } {
    if (document.length > MAX_DOCUMENT_LENGTH) {
      this.last = undefined;
      return { result: skippedResult(`skipped because it is larger than ${MAX_DOCUMENT_LENGTH / 1e6} MB`) };
    }
    const doc = typeof document === 'string' ? new BlockDocument(document) : document;
    const reuse = this.reusable(doc.blocks, budgetOf(options));
    // Cached blocks never hold a NUL, so only a new block can bring one in.
    const from = reuse?.prefix ?? 0;
    const to = reuse?.suffixFrom ?? doc.blocks.length;
    for (let b = from; b < to; b++) {
      const { text } = doc.blocks[b];
      if (text.includes('\u0000') && !this.cache.has(text)) {
        this.last = undefined;
        return { result: skippedResult('skipped because it holds NUL bytes: not a text file') };
      }
    }
    const run: RunState = {
      doc, blocks: doc.blocks, revision: doc.revision, options, round: ++this.rounds, next: 0, distinct: 0, comments: [], wideComments: 0, topics: new TopicStack(), records: this.recordsFor(doc.blocks.length), kept: 0, reuse,
    };
    return { run };
  }

  /** An array for a run's records: the spare one when it has the length, filled anew as the run goes. */
  private recordsFor(n: number): BlockRecord[] {
    const { records } = this.spare;
    this.spare.records = undefined;
    return records?.length === n ? records : new Array<BlockRecord>(n);
  }

  /**
   * How `blocks` line up with the last finished run's: the blocks before the first that differs,
   * and those after the last that differs. Comparing texts is cheap: an unchanged block keeps
   * its text (the same string), so most comparisons are of pointers.
   */
  private reusable(blocks: readonly Block[], budgetMs: number): Reuse | undefined {
    const last = this.last;
    // A result that ran out of a smaller budget is checked again under a larger one.
    if (!last || last.budgetMs !== budgetMs) return undefined;
    const { records } = last;
    const n = blocks.length;
    const m = records.length;
    let prefix = 0;
    while (prefix < n && prefix < m && blocks[prefix].text === records[prefix].text) prefix++;
    let suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && blocks[n - 1 - suffix].text === records[m - 1 - suffix].text) suffix++;
    return { records, shown: last.shown, prefix, suffixFrom: n - suffix, offset: m - n };
  }

  /**
   * Checks a document. A BlockDocument kept across edits is re-checked only where its blocks
   * changed since they were last seen; a string is checked whole.
   */
  check(document: BlockDocument | string, options: CheckOptions = {}): DocumentResult {
    return this.begin(document, options).advance();
  }

  /**
   * Each block of a document with the text before it that lends it context, as a check sees it:
   * what `dealcheck explain` reads the figures of.
   */
  blockContexts(document: string): ({ start: number; line: number; text: string } & BlockContext)[] {
    const doc = new BlockDocument(document);
    this.check(doc, { withFixes: false });
    const records = this.last?.records ?? [];
    return doc.blocks.map((block, b) => ({ start: block.start, line: block.line, text: withLineFeeds(block.text), previous: records[b]?.context.previous, topic: records[b]?.context.topic ?? [] }));
  }

  /** The fixes of the finding whose figure starts at `position` in `doc` as it is now. */
  fixesAt(doc: BlockDocument, position: Position): Fix[] {
    if (this.last?.doc !== doc || this.last.revision !== doc.revision) this.check(doc, { withFixes: false });
    const last = this.last;
    if (!last) return [];
    const silenced = silencedSet(last);
    for (let b = 0; b < last.records.length; b++) {
      const k = last.records[b].findings.findIndex((f) => f.range.start.line === position.line && f.range.start.character === position.character && !silenced.has(f));
      if (k < 0) continue;
      const hit = placedOf(last.blocks, last.records, b, k);
      return isMatched(hit) ? safeFixes(fixContext(documentText(doc.text), doc.blocks), hit) : [];
    }
    return [];
  }
}

/** A finding's fixes; none when working them out fails, which must not cost the finding itself. */
function safeFixes(ctx: FixContext, p: Placed & { place: { match: Match } }): Fix[] {
  try {
    return placeFixes(ctx, absolutePlace(p));
  } catch {
    return [];
  }
}

/** Checks a whole document once. */
export function checkDocument(text: string, kb: KnowledgeBase, options: CheckOptions = {}): DocumentResult {
  return new DocumentChecker(kb).check(text, options);
}
