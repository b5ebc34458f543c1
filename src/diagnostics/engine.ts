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
import { type DocumentText, type FigurePlace, fixContext, fixesFor } from './fixes';
import { BlockDocument } from './markdown/block-document';
import type { Block } from './markdown/blocks';
import { type ControlComment, parseProse } from './markdown/prose';
import { type Match, readUnit } from './matching/matcher';
import { isUnknown } from './context/parties';
import { CONTEXT_REACH, type HeadingTopic, type Lending, headingTopic, lendContext, lendingKind } from './context/discourse';
import type { Figure } from './figures/figure';
import { describeFinding, sourceValues } from './messages';

/** A finding as a block sees it: range lines relative to the block's first line, offsets in the block. */
interface BlockFinding {
  finding: Finding;
  place: FigurePlace;
}

interface BlockComment extends ControlComment {
  /** Lines of the comment's start and end, relative to the block. */
  startLine: number;
  endLine: number;
}

export interface BlockResult {
  findings: BlockFinding[];
  comments: BlockComment[];
  /** The block is a table, or names nobody before its first figure: check it again with the paragraph before. */
  wantsPrevious?: boolean;
  /** It has a figure, so the topic of its section (the parties its heading names) may matter. */
  usesTopic?: boolean;
}

export interface DocumentResult {
  /** In document order; supported figures only when asked for. */
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
}

/** Blocks with nothing that could be a figure are not even parsed. */
const MAY_HOLD_FIGURE = /[0-9]|decade|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i;
export const MAX_DOCUMENT_LENGTH = 20_000_000;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function documentText(text: string): DocumentText {
  const starts = lineStarts(text);
  return { text, positionAt: (offset) => positionIn(starts, offset), lineStart: (line) => starts[line] };
}

function matchedFinding(match: Match, range: Finding['range']): Finding {
  const { figure } = match;
  const supported = match.agreeing.length > 0;
  const described = describeFinding(match, sourceValues(match));
  return {
    kind: supported ? 'supported' : 'conflict',
    code: `${figure.type}-${supported ? 'supported' : 'conflict'}`,
    severity: supported ? 'hint' : 'warning',
    range,
    text: figure.text,
    message: described.message,
    fact: match.fact.fact.id,
    statement: match.fact.fact.statement,
    sourcesAgree: described.sourcesAgree,
    evidence: described.evidence,
    fixes: [],
  };
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

/** Checks one block on its own; positions are relative to the block. */
export function checkBlock(text: string, kb: KnowledgeBase, previous?: string, topic?: readonly string[]): BlockResult {
  if (!MAY_HOLD_FIGURE.test(text) && !text.includes('dealcheck-')) return { findings: [], comments: [] };
  const prose = parseProse(text);
  const starts = lineStarts(text);
  const findings: BlockFinding[] = [];
  const { units, wantsPrevious } = lendContext(prose.units, kb, previous, topic);
  for (const unit of units) {
    for (const read of readUnit(unit, kb)) {
      const { figure, match } = read;
      const place: FigurePlace = {
        match,
        start: unit.start + figure.start,
        end: unit.start + figure.end,
        citeAt: unit.start + read.sentenceEnd,
        inTable: !!unit.table,
      };
      const range = { start: positionIn(starts, place.start), end: positionIn(starts, place.end) };
      findings.push({ place, finding: match ? matchedFinding(match, range) : unverifiedFinding(figure, range) });
    }
  }
  const comments = prose.comments.map((c) => ({ ...c, startLine: positionIn(starts, c.start).line, endLine: positionIn(starts, c.end).line }));
  return { findings, comments, ...(wantsPrevious ? { wantsPrevious } : {}), ...(findings.length ? { usesTopic: true } : {}) };
}

/** A finding in the document: its range in document lines, its place relative to its block. */
interface Placed {
  finding: Finding;
  place: FigurePlace;
  blockStart: number;
}

function absolutePlace(p: Placed & { place: { match: Match } }): FigurePlace & { match: Match } {
  return { ...p.place, start: p.blockStart + p.place.start, end: p.blockStart + p.place.end, citeAt: p.blockStart + p.place.citeAt };
}

function isMatched(p: Placed): p is Placed & { place: { match: Match } } {
  return p.place.match !== undefined;
}

function appliesTo(c: ControlComment, f: Finding): boolean {
  return !c.rules.length || c.rules.some((r) => r === f.code || r === f.code.replace(/-(?:conflict|supported|outdated|unverified)$/, ''));
}

/** Drops findings silenced by dealcheck-disable / -enable / -disable-next-line / -disable-line comments. */
function applyControlComments(placed: Placed[], comments: (BlockComment & { offset: number })[]): Placed[] {
  if (!comments.length) return placed;
  return placed.filter(({ finding, place, blockStart }) => {
    const line = finding.range.start.line;
    let disabled = false;
    for (const c of comments) {
      if (c.offset > blockStart + place.start) break;
      if (c.directive === 'disable' && appliesTo(c, finding)) disabled = true;
      if (c.directive === 'enable' && appliesTo(c, finding)) disabled = false;
    }
    if (disabled) return false;
    return !comments.some(
      (c) =>
        appliesTo(c, finding) &&
        ((c.directive === 'disable-next-line' && c.endLine + 1 === line) || (c.directive === 'disable-line' && c.startLine === line)),
    );
  });
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

/** The parties of the nearest heading above a block that names any: its section's topic. */
interface Topic {
  parties: readonly string[];
  /** The parties as a cache key: a heading edited without changing whom it names re-checks nothing. */
  key: string;
}

/** The context a block was checked in, for `dealcheck explain`. */
interface BlockContext {
  previous?: string;
  topic: readonly string[];
}

interface CacheEntry {
  text: string;
  round: number;
  /** Results by context (the paragraph before, the topic). */
  results: Map<string, BlockResult>;
  /** The result of a block whose figures need no context (or that has none), for any context. */
  free?: BlockResult;
  lends?: Lending;
  /** For a heading, its level and the parties it names; null for any other block. */
  heading?: HeadingTopic | null;
}

/** The headings above the current block, by level: a heading closes the sections of its level and below. */
class TopicStack {
  private open: HeadingTopic[] = [];
  private cached: Topic | undefined;

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

/**
 * A checker that remembers each block's findings by the block's text, for a server that
 * re-checks a document on every edit (kept as a BlockDocument, which re-splits only around an
 * edit). Bounded: results no block of the last check uses are dropped now and then.
 */
export class DocumentChecker {
  /** Block text → its findings; `text` is the key itself, `round` the last check that used it. */
  private cache = new Map<string, CacheEntry>();
  private rounds = 0;
  private last: { doc: BlockDocument; revision: number; placed: Placed[]; contexts: BlockContext[] } | undefined;

  /**
   * Who a block that opens naming nobody is about: the plain paragraph or heading just before it
   * when that names someone, looking past a lead-in ("That depends on the report:"), which comes
   * along ("Cost per million tokens:" says what the table under it prices).
   */
  private contextFor(blocks: readonly Block[], b: number): string | undefined {
    let leadIns = '';
    for (let k = b - 1; k >= 0 && k >= b - CONTEXT_REACH; k--) {
      // Blocks before this one are in the cache: the loop has just been through them.
      const entry = this.cache.get(blocks[k].text)!;
      entry.lends ??= lendingKind(entry.text, this.kb);
      if (entry.lends === 'names') return leadIns ? `${entry.text}\n\n${leadIns}` : entry.text;
      if (entry.lends !== 'lead-in') break;
      leadIns = leadIns ? `${entry.text}\n\n${leadIns}` : entry.text;
    }
    return leadIns || undefined;
  }

  /** The cache entry of a block's text, created on first sight. */
  private entryFor(text: string): CacheEntry {
    let entry = this.cache.get(text);
    if (!entry) this.cache.set(text, (entry = { text, round: 0, results: new Map() }));
    return entry;
  }

  /** A block's result in a context, computed once per context (a few kept per block). */
  private resultIn(entry: CacheEntry, previous: string | undefined, topic: Topic): BlockResult {
    const key = `${previous ?? ''}\u0001${topic.key}`;
    let result = entry.results.get(key);
    if (!result) {
      if (entry.results.size >= 8) entry.results.clear();
      entry.results.set(key, (result = checkBlock(entry.text, this.kb, previous, topic.parties)));
    }
    return result;
  }

  /**
   * A block's findings in its context: the section's topic, and for a block that names nobody the
   * paragraph before. A block without figures needs neither, and keeps one result for any context.
   */
  private resultFor(entry: CacheEntry, blocks: readonly Block[], b: number, topic: Topic): { result: BlockResult; previous?: string } {
    if (entry.free) return { result: entry.free };
    const base = this.resultIn(entry, undefined, topic);
    if (!base.usesTopic && !base.wantsPrevious) entry.free = base;
    const previous = base.wantsPrevious ? this.contextFor(blocks, b) : undefined;
    return previous === undefined ? { result: base } : { result: this.resultIn(entry, previous, topic), previous };
  }

  /** A block's findings moved to the lines it sits on; a typed character moves no line. */
  private shifted = new WeakMap<BlockResult, Map<number, Finding[]>>();

  constructor(readonly kb: KnowledgeBase) {}

  private atLine(result: BlockResult, line: number): Finding[] {
    if (!line) return result.findings.map((f) => f.finding);
    let byLine = this.shifted.get(result);
    if (!byLine) this.shifted.set(result, (byLine = new Map()));
    let findings = byLine.get(line);
    if (!findings) {
      // The same paragraph can sit at many lines; keep a few.
      if (byLine.size >= 64) byLine.clear();
      findings = result.findings.map((f) => shift(f.finding, line));
      byLine.set(line, findings);
    }
    return findings;
  }

  /**
   * Checks a document. A BlockDocument kept across edits is re-checked only where its blocks
   * changed since they were last seen; a string is checked whole.
   */
  check(document: BlockDocument | string, options: CheckOptions = {}): DocumentResult {
    if (document.length > MAX_DOCUMENT_LENGTH) {
      this.last = undefined;
      return { findings: [], skipped: `skipped because it is larger than ${MAX_DOCUMENT_LENGTH / 1e6} MB` };
    }
    const doc = typeof document === 'string' ? new BlockDocument(document) : document;
    const walked = this.walk(doc);
    if (typeof walked === 'string') {
      this.last = undefined;
      return { findings: [], skipped: walked };
    }
    const kept = applyControlComments(walked.placed, walked.comments);
    this.last = { doc, revision: doc.revision, placed: kept, contexts: walked.contexts };
    const shown = kept.filter((p) => isShown(p.finding, options));
    if (options.withFixes === false) return { findings: shown.map((p) => p.finding) };
    const ctx = fixContext(documentText(doc.text));
    return { findings: shown.map((p) => (isMatched(p) ? { ...p.finding, fixes: fixesFor(ctx, absolutePlace(p), sourceValues(p.place.match)) } : p.finding)) };
  }

  /** Every block's findings and control comments, in place; or why the document is skipped. */
  private walk(doc: BlockDocument): { placed: Placed[]; comments: (BlockComment & { offset: number })[]; contexts: BlockContext[] } | string {
    const blocks = doc.blocks;
    const placed: Placed[] = [];
    const comments: (BlockComment & { offset: number })[] = [];
    const contexts: BlockContext[] = [];
    const round = ++this.rounds;
    const topics = new TopicStack();
    let distinct = 0;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      // Cached blocks never hold one, so only a new block can bring one in.
      if (!this.cache.has(block.text) && block.text.includes('\u0000')) return 'skipped because it holds NUL bytes: not a text file';
      const entry = this.entryFor(block.text);
      // The cached key from now on: later lookups compare pointers, not paragraphs.
      block.text = entry.text;
      if (entry.round !== round) distinct++;
      entry.round = round;
      if (entry.heading === undefined) entry.heading = headingTopic(entry.text, this.kb) ?? null;
      if (entry.heading) topics.enter(entry.heading);
      const topic = topics.current();
      const { result, previous } = this.resultFor(entry, blocks, b, topic);
      contexts.push({ previous, topic: topic.parties });
      for (const c of result.comments)
        comments.push({ ...c, offset: block.start + c.start, startLine: block.line + c.startLine, endLine: block.line + c.endLine });
      const findings = result.findings.length ? this.atLine(result, block.line) : [];
      for (let k = 0; k < findings.length; k++) placed.push({ finding: findings[k], place: result.findings[k].place, blockStart: block.start });
    }
    // Keep what this version uses, plus a margin for undo and typing back.
    if (this.cache.size > 2 * distinct + 256) for (const [key, e] of this.cache) if (e.round !== round) this.cache.delete(key);
    return { placed, comments, contexts };
  }

  /**
   * Each block of a document with the text before it that lends it context, as a check sees it:
   * what `dealcheck explain` reads the figures of.
   */
  blockContexts(document: string): { start: number; line: number; text: string; previous?: string; topic: readonly string[] }[] {
    const doc = new BlockDocument(document);
    this.check(doc, { withFixes: false });
    const contexts = this.last?.contexts ?? [];
    return doc.blocks.map((block, b) => ({ start: block.start, line: block.line, text: block.text, ...contexts[b] }));
  }

  /** The fixes of the finding whose figure starts at `position` in `doc` as it is now. */
  fixesAt(doc: BlockDocument, position: Position): Fix[] {
    if (this.last?.doc !== doc || this.last.revision !== doc.revision) this.check(doc, { withFixes: false });
    const hit = this.last?.placed.find((p) => p.finding.range.start.line === position.line && p.finding.range.start.character === position.character);
    return hit && isMatched(hit) ? fixesFor(fixContext(documentText(doc.text)), absolutePlace(hit), sourceValues(hit.place.match)) : [];
  }
}

/** Checks a whole document once. */
export function checkDocument(text: string, kb: KnowledgeBase, options: CheckOptions = {}): DocumentResult {
  return new DocumentChecker(kb).check(text, options);
}
