/**
 * Splits a Markdown document into top-level blocks without parsing it: a block's findings depend
 * only on its own text, so blocks can be cached by content and only changed ones re-checked.
 *
 * A split is made only where CommonMark also ends a top-level block: at a blank line followed by
 * an unindented line, outside fenced code, multi-line HTML blocks and front matter. When unsure
 * (indented continuation, an unclosed fence) blocks are merged, which is always safe. Lines end
 * at "\n", "\r\n" or a lone "\r", as in LSP and CommonMark.
 */

import { BLANK_LINE, BOM, countLineBreaks, lineAt } from '../lines';

export interface Block {
  /** Offset of the block's first character in the document. */
  start: number;
  text: string;
  /** 0-based line of the block's first line. */
  line: number;
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const FENCE_CLOSE = /^\s*(`{3,}|~{3,})\s*$/;
const HTML_BLOCK_ENDS: [RegExp, RegExp][] = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];

/** The delimiter that opens front matter, and the pattern of the line that closes it. */
const FRONT_MATTER: [open: RegExp, close: RegExp][] = [
  [/^---[ \t]*$/, /^(?:---|\.\.\.)[ \t]*$/],
  [/^\+\+\+[ \t]*$/, /^\+\+\+[ \t]*$/],
];

/**
 * End of front matter at the start of the document (after a byte order mark), or 0 when there is
 * none. Front matter that is never closed is none: the parser reads its `---` as a rule and the
 * lines after it as Markdown, and so must the splitter, or an unclosed `---` (a rule, or front
 * matter being typed) would make the whole draft one block.
 */
export function frontMatterEnd(text: string): number {
  const from = text.startsWith(BOM) ? 1 : 0;
  const first = lineAt(text, from);
  const delimiters = FRONT_MATTER.find(([open]) => open.test(text.slice(from, first.end)));
  if (!delimiters) return 0;
  for (let pos = first.next; pos < text.length; ) {
    const line = lineAt(text, pos);
    if (delimiters[1].test(text.slice(pos, line.end))) return line.next;
    pos = line.next;
  }
  return 0;
}

/** What the splitter knows at a line: whether it is inside fenced code or an HTML block, and where that began. */
interface ScanState {
  sawBlank: boolean;
  fence?: { char: string; length: number };
  htmlEnd?: RegExp;
  /** Offset of the line that opened the fence or HTML block the scan is in. */
  openedAt: number;
}

/** Moves the scan past one line (without its break); true when the line starts a new top-level block. */
function scanLine(state: ScanState, line: string, pos: number): boolean {
  if (state.fence) {
    const close = line.match(FENCE_CLOSE);
    if (close && close[1][0] === state.fence.char && close[1].length >= state.fence.length) state.fence = undefined;
    return false;
  }
  if (state.htmlEnd) {
    if (state.htmlEnd.test(line)) state.htmlEnd = undefined;
    return false;
  }
  if (BLANK_LINE.test(line)) {
    state.sawBlank = true;
    return false;
  }
  const starts = state.sawBlank && !/^\s/.test(line);
  state.sawBlank = false;
  const open = line.match(FENCE_OPEN);
  const html = open ? undefined : HTML_BLOCK_ENDS.find(([start]) => start.test(line));
  if (open) state.fence = { char: open[1][0], length: open[1].length };
  // A one-line HTML block closes on its own line.
  else if (html && !html[1].test(line.replace(html[0], ''))) state.htmlEnd = html[1];
  if (state.fence || state.htmlEnd) state.openedAt = pos;
  return starts;
}

/** The line's text; a byte order mark opening the document is not part of it. */
function lineText(text: string, pos: number, end: number, documentStart: boolean): string {
  return text.slice(documentStart && pos === 0 && text.startsWith(BOM) ? 1 : pos, end);
}

/** Offsets where blocks start, after `from` (itself a block start); `documentStart`: `text` starts the document. */
function* blockStarts(text: string, from: number, documentStart: boolean): Generator<number> {
  const state: ScanState = { sawBlank: false, openedAt: from };
  for (let pos = from; pos < text.length; ) {
    const { end, next } = lineAt(text, pos);
    if (scanLine(state, lineText(text, pos, end, documentStart), pos) && pos > from) yield pos;
    pos = next;
  }
}

/**
 * Where the fenced code or HTML block (comment, `<pre>`, `<script>`…) that the text ends inside
 * began, or undefined when it ends outside any: text added at the end would land inside it.
 */
export function openConstructAt(text: string): number | undefined {
  const state: ScanState = { sawBlank: false, openedAt: 0 };
  for (let pos = frontMatterEnd(text); pos < text.length; ) {
    const { end, next } = lineAt(text, pos);
    scanLine(state, lineText(text, pos, end, true), pos);
    pos = next;
  }
  return state.fence || state.htmlEnd ? state.openedAt : undefined;
}

/**
 * The block's own copy of its text. V8 keeps a long slice as a view of the whole string, so a
 * cached block would keep alive the version of the document it was cut from: after a few
 * hundred edits, a few hundred copies of a long draft.
 */
function ownCopy(slice: string): string {
  return (' ' + slice).slice(1);
}

/** Blocks of `text` starting at `starts` (offsets in `text`, the last block ending at `end`), placed `base` into the document. */
function blocksFrom(text: string, starts: number[], firstLine: number, end: number, base = 0): Block[] {
  const out: Block[] = [];
  let line = firstLine;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const stop = i + 1 < starts.length ? starts[i + 1] : end;
    out.push({ start: base + start, text: ownCopy(text.slice(start, stop)), line });
    line += countLineBreaks(text, start, stop);
  }
  return out;
}

export function splitBlocks(text: string): Block[] {
  const fm = frontMatterEnd(text);
  const starts = fm ? [0, ...(fm < text.length ? [fm] : [])] : [0];
  for (const s of blockStarts(text, fm, true)) starts.push(s);
  return blocksFrom(text, starts, 0, text.length);
}

/** An edit of a document: [start, end) of the old text replaced by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Index of the last block whose start offset (or first line) is at most `value`. */
export function lastBlockFrom(blocks: readonly Block[], key: 'start' | 'line', value: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid][key] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function joined(blocks: readonly Block[], from: number, to: number): string {
  let text = '';
  for (let k = from; k <= to; k++) text += blocks[k].text;
  return text;
}

/**
 * `old` with its blocks from `first` up to `resumeAt` replaced by `middle`, and those from
 * `resumeAt` on moved by `delta` characters and `lineShift` lines. `old` is the document's own
 * list, given up to this edit: the blocks after the edit are moved where they are, not copied,
 * and when the edit leaves as many blocks as it found (a keystroke mostly does) the list itself
 * is reused. A long draft has thousands of blocks after a keystroke, and copies of them were
 * garbage that lived just long enough to be promoted, so a server paid for them in every minor
 * collection.
 */
function spliced(old: Block[], first: number, middle: readonly Block[], resumeAt: number, delta: number, lineShift: number): Block[] {
  for (let k = resumeAt; k < old.length; k++) {
    const b = old[k];
    b.start += delta;
    b.line += lineShift;
  }
  const moved = first + middle.length - resumeAt;
  if (moved === 0) {
    for (let k = 0; k < middle.length; k++) old[first + k] = middle[k];
    return old;
  }
  const out = new Array<Block>(old.length + moved);
  for (let k = 0; k < first; k++) out[k] = old[k];
  for (let k = 0; k < middle.length; k++) out[first + k] = middle[k];
  for (let k = resumeAt; k < old.length; k++) out[k + moved] = old[k];
  return out;
}

/**
 * The blocks after `edit`, from the blocks before it, without building the whole text: the
 * blocks around the edit are joined, edited and split again, from the block before the edit
 * (which an edit can merge into) until a new block starts where an old one did; the blocks after
 * that only move. When no old start comes back (say, a fence was opened) the window grows, up to
 * the end of the document. Equal to splitBlocks of the edited text. `old` and its blocks are
 * taken over: the blocks after the edit are moved in place, and the list may be given back.
 */
export function editBlocks(old: Block[], edit: TextEdit): Block[] {
  const delta = edit.text.length - (edit.end - edit.start);
  const first = Math.max(0, lastBlockFrom(old, 'start', edit.start) - 1);
  // Front matter is known only from the document's start: edits near the top split it all again.
  if (first <= 1) {
    const text = joined(old, 0, old.length - 1);
    return splitBlocks(text.slice(0, edit.start) + edit.text + text.slice(edit.end));
  }
  const base = old[first].start;
  let after = first;
  while (after < old.length && old[after].start < edit.end) after++;
  for (let last = Math.min(old.length - 1, after + 1); ; last = Math.min(old.length - 1, last + 4 * (last - first))) {
    const window = joined(old, first, last);
    const local = window.slice(0, edit.start - base) + edit.text + window.slice(edit.end - base);
    // Old blocks wholly after the edit, by where they now start in `local`.
    const oldStarts = new Map<number, number>();
    for (let k = Math.max(after, first + 1); k <= last; k++) oldStarts.set(old[k].start + delta - base, k);
    const starts = [0];
    let resumeAt = -1;
    for (const s of blockStarts(local, 0, false)) {
      const k = oldStarts.get(s);
      if (k !== undefined) {
        resumeAt = k;
        break;
      }
      starts.push(s);
    }
    if (resumeAt >= 0) {
      const end = old[resumeAt].start + delta - base;
      const middle = blocksFrom(local, starts, old[first].line, end, base);
      const lastMiddle = middle[middle.length - 1];
      const lineShift = lastMiddle.line + countLineBreaks(local, lastMiddle.start - base, end) - old[resumeAt].line;
      return spliced(old, first, middle, resumeAt, delta, lineShift);
    }
    if (last === old.length - 1) return [...old.slice(0, first), ...blocksFrom(local, starts, old[first].line, local.length, base)];
  }
}
