/**
 * The checking engine: Markdown text in, findings out. A document is checked block by block;
 * a block's matches depend only on its own text, so they are cached by content and a changed
 * document re-checks only its changed blocks. Control comments, messages and fixes are then
 * worked out for the whole document, which is cheap.
 */
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { citationLabel, existingCitations, footnoteDefinition } from './citations';
import type { Finding, Fix, Position, TextEdit } from './finding';
import { describeFinding, type SourceValue, sourceValues } from './messages';
import { type Block, splitBlocks } from './markdown/blocks';
import { type ControlComment, parseProse } from './markdown/prose';
import { type Match, matchUnit } from './matching/matcher';

export interface BlockMatch {
  match: Match;
  /** Offsets in the block. */
  start: number;
  end: number;
  /** Where a citation for this figure goes: after its sentence (or table cell). */
  citeAt: number;
  inTable: boolean;
}

export interface BlockResult {
  matches: BlockMatch[];
  comments: ControlComment[];
}

export interface DocumentResult {
  findings: Finding[];
  /** Set when the document was not checked, with the reason. */
  skipped?: string;
}

export interface CheckOptions {
  includeSupported?: boolean;
}

/** Blocks with nothing that could be a figure are not even parsed. */
const MAY_HOLD_FIGURE = /[0-9]|decade|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b/i;
export const MAX_DOCUMENT_LENGTH = 20_000_000;

export function checkBlock(text: string, kb: KnowledgeBase): BlockResult {
  if (!MAY_HOLD_FIGURE.test(text)) {
    return { matches: [], comments: text.includes('dealcheck-') ? parseProse(text).comments : [] };
  }
  const prose = parseProse(text);
  const matches: BlockMatch[] = [];
  for (const unit of prose.units) {
    for (const match of matchUnit(unit, kb)) {
      const { figure } = match;
      matches.push({
        match,
        start: unit.start + figure.start,
        end: unit.start + figure.end,
        citeAt: unit.start + match.sentenceEnd,
        inTable: !!unit.table,
      });
    }
  }
  return { matches, comments: prose.comments };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

interface Located extends BlockMatch {
  /** Absolute offsets. */
  absStart: number;
  absEnd: number;
  absCiteAt: number;
}

/** Drops matches silenced by dealcheck-disable / -enable / -disable-next-line / -disable-line comments. */
function applyControlComments(matches: Located[], comments: ControlComment[], starts: number[]): Located[] {
  const applies = (c: ControlComment, m: Located) =>
    !c.rules.length || c.rules.some((r) => r === m.match.figure.type || r === `${m.match.figure.type}-${m.match.agreeing.length ? 'supported' : 'conflict'}`);
  return matches.filter((m) => {
    const line = positionAt(starts, m.absStart).line;
    let disabled = false;
    for (const c of comments) {
      if (c.start > m.absStart) break;
      if (c.directive === 'disable' && applies(c, m)) disabled = true;
      if (c.directive === 'enable' && applies(c, m)) disabled = false;
    }
    if (disabled) return false;
    return !comments.some(
      (c) =>
        applies(c, m) &&
        ((c.directive === 'disable-next-line' && positionAt(starts, c.end).line + 1 === line) ||
          (c.directive === 'disable-line' && positionAt(starts, c.start).line === line)),
    );
  });
}

interface DocumentContext {
  text: string;
  starts: number[];
  citations: Map<string, string>;
}

function edit(ctx: DocumentContext, start: number, end: number, newText: string): TextEdit {
  return { range: { start: positionAt(ctx.starts, start), end: positionAt(ctx.starts, end) }, newText };
}

/** The edits that cite `value`'s first source after the figure's sentence. */
function citationEdits(ctx: DocumentContext, m: Located, value: SourceValue): TextEdit[] {
  const first = value.assertions[0];
  const { label, isNew } = citationLabel(ctx.citations, first.source.id, first.assertion.quote);
  const edits: TextEdit[] = [];
  const following = ctx.text.slice(m.absCiteAt).match(/^(?:\[\^[^\]\s]+\])*/)![0];
  if (!following.includes(`[^${label}]`)) edits.push(edit(ctx, m.absCiteAt, m.absCiteAt, `[^${label}]`));
  if (isNew) {
    const end = ctx.text.length;
    const lead = ctx.text.endsWith('\n') ? '' : '\n';
    const hasCitations = /\n\[\^dc-[^\]]+\]:[^\n]*\n?$/.test(ctx.text);
    edits.push(edit(ctx, end, end, `${lead}${hasCitations ? '' : '\n'}${footnoteDefinition(label, first.assertion.quote, first.source)}\n`));
  }
  return edits;
}

function ignoreEdit(ctx: DocumentContext, m: Located): TextEdit {
  if (m.inTable) return edit(ctx, m.absCiteAt, m.absCiteAt, ' <!-- dealcheck-disable-line -->');
  const line = positionAt(ctx.starts, m.absStart).line;
  const lineStart = ctx.starts[line];
  const prefix = ctx.text.slice(lineStart).match(/^[ \t]*(?:>[ \t]?)*/)![0];
  return edit(ctx, lineStart, lineStart, `${prefix}<!-- dealcheck-disable-next-line -->\n`);
}

function fixesFor(ctx: DocumentContext, m: Located, values: SourceValue[]): Fix[] {
  const { match } = m;
  const fixes: Fix[] = [];
  if (match.agreeing.length) {
    const agreeing = values.find((v) => v.agrees)!;
    fixes.push({ title: `Cite ${agreeing.assertions[0].source.title}`, kind: 'cite', preferred: true, edits: citationEdits(ctx, m, agreeing) });
  } else {
    values.forEach((v, i) => {
      const source = v.assertions[0].source;
      const more = v.assertions.length > 1 ? ` (+${v.assertions.length - 1} more)` : '';
      fixes.push({
        title: `Replace with ${v.replacement} — ${source.title}${more}`,
        kind: 'replace',
        preferred: i === 0,
        edits: [edit(ctx, m.absStart, m.absEnd, v.replacement), ...citationEdits(ctx, m, v)],
      });
    });
  }
  fixes.push({ title: 'Ignore this figure', kind: 'ignore', preferred: false, edits: [ignoreEdit(ctx, m)] });
  return fixes;
}

/**
 * Checks a document with a block cache (see DocumentChecker), or without one. Findings come in
 * document order; supported figures only with `includeSupported`.
 */
export function checkDocument(
  text: string,
  kb: KnowledgeBase,
  options: CheckOptions = {},
  checkBlockCached: (block: Block) => BlockResult = (b) => checkBlock(b.text, kb),
): DocumentResult {
  if (text.length > MAX_DOCUMENT_LENGTH)
    return { findings: [], skipped: `skipped because it is larger than ${MAX_DOCUMENT_LENGTH / 1e6} MB` };
  if (text.includes('\u0000')) return { findings: [], skipped: 'skipped because it holds NUL bytes: not a text file' };
  const located: Located[] = [];
  const comments: ControlComment[] = [];
  for (const block of splitBlocks(text)) {
    const result = checkBlockCached(block);
    for (const c of result.comments) comments.push({ ...c, start: c.start + block.start, end: c.end + block.start });
    for (const m of result.matches)
      located.push({ ...m, absStart: block.start + m.start, absEnd: block.start + m.end, absCiteAt: block.start + m.citeAt });
  }
  const starts = lineStarts(text);
  const ctx: DocumentContext = { text, starts, citations: existingCitations(text) };
  const findings: Finding[] = [];
  for (const m of applyControlComments(located, comments, starts)) {
    const supported = m.match.agreeing.length > 0;
    if (supported && !options.includeSupported) continue;
    const values = sourceValues(m.match);
    const described = describeFinding(m.match, values);
    findings.push({
      kind: supported ? 'supported' : 'conflict',
      code: `${m.match.figure.type}-${supported ? 'supported' : 'conflict'}`,
      severity: supported ? 'hint' : 'warning',
      range: { start: positionAt(starts, m.absStart), end: positionAt(starts, m.absEnd) },
      text: m.match.figure.text,
      message: described.message,
      fact: m.match.fact.fact.id,
      statement: m.match.fact.fact.statement,
      sourcesAgree: described.sourcesAgree,
      evidence: described.evidence,
      fixes: fixesFor(ctx, m, values),
    });
  }
  return { findings };
}

/**
 * A checker that remembers each block's result by its text, for a server that re-checks a
 * document on every edit. Bounded: entries not used by the last few checks are dropped.
 */
export class DocumentChecker {
  private cache = new Map<string, BlockResult>();
  private used = new Set<string>();

  constructor(readonly kb: KnowledgeBase) {}

  check(text: string, options: CheckOptions = {}): DocumentResult {
    this.used = new Set();
    const result = checkDocument(text, this.kb, options, (block) => {
      this.used.add(block.text);
      let hit = this.cache.get(block.text);
      if (!hit) {
        hit = checkBlock(block.text, this.kb);
        this.cache.set(block.text, hit);
      }
      return hit;
    });
    // Keep only what this version of the document uses, plus a margin for undo and typing back.
    if (this.cache.size > 2 * this.used.size + 256) {
      for (const key of this.cache.keys()) if (!this.used.has(key)) this.cache.delete(key);
    }
    return result;
  }
}
