/**
 * Splits a Markdown document into top-level blocks without parsing it: a block's findings depend
 * only on its own text, so blocks can be cached by content and only changed ones re-checked.
 *
 * A split is made only where CommonMark also ends a top-level block: at a blank line followed by
 * an unindented line, outside fenced code, multi-line HTML blocks and front matter. When unsure
 * (indented continuation, an unclosed fence) blocks are merged, which is always safe.
 */

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

/** End of front matter at the start of the document, or 0 when there is none. */
function frontMatterEnd(text: string): number {
  if (!/^(---|\+\+\+)[ \t]*(\r?\n|$)/.test(text)) return 0;
  const delimiter = text.startsWith('+++') ? /^\+\+\+\s*$/ : /^(---|\.\.\.)\s*$/;
  let pos = text.indexOf('\n') + 1 || text.length;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const next = nl < 0 ? text.length : nl + 1;
    if (delimiter.test(text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, ''))) return next;
    pos = next;
  }
  return text.length;
}

/**
 * Offsets where blocks start, from `from` (itself a block start) onwards. `stop(offset)` may end
 * the scan early at a block start: the incremental splitter stops where old and new blocks meet.
 */
// eslint-disable-next-line complexity -- 17 > 15: to be split (issue 13's line-ending work)
function* blockStarts(text: string, from: number): Generator<number> {
  let sawBlank = false;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let pos = from;
  let blockStart = from;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    if (fence) {
      const close = line.match(FENCE_CLOSE);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (line.trim() === '') {
      sawBlank = true;
    } else {
      if (sawBlank && !/^\s/.test(line) && pos > blockStart) {
        yield pos;
        blockStart = pos;
      }
      sawBlank = false;
      const open = line.match(FENCE_OPEN);
      if (open) fence = { char: open[1][0], length: open[1].length };
      else {
        const html = HTML_BLOCK_ENDS.find(([start]) => start.test(line));
        // A one-line HTML block closes on its own line.
        if (html && !html[1].test(line.replace(html[0], ''))) htmlEnd = html[1];
      }
    }
    pos = next;
  }
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
    line += countLines(text, start, stop);
  }
  return out;
}

export function splitBlocks(text: string): Block[] {
  const fm = frontMatterEnd(text);
  const starts = fm ? [0, ...(fm < text.length ? [fm] : [])] : [0];
  for (const s of blockStarts(text, fm)) starts.push(s);
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
 * The blocks after `edit`, from the blocks before it, without building the whole text: the
 * blocks around the edit are joined, edited and split again, from the block before the edit
 * (which an edit can merge into) until a new block starts where an old one did; the blocks after
 * that only move. When no old start comes back (say, a fence was opened) the window grows, up to
 * the end of the document. Equal to splitBlocks of the edited text.
 */
export function editBlocks(old: readonly Block[], edit: TextEdit): Block[] {
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
    for (const s of blockStarts(local, 0)) {
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
      const lineShift = lastMiddle.line + countLines(local, lastMiddle.start - base, end) - old[resumeAt].line;
      const tail = old.slice(resumeAt).map((b) => ({ start: b.start + delta, text: b.text, line: b.line + lineShift }));
      return [...old.slice(0, first), ...middle, ...tail];
    }
    if (last === old.length - 1) return [...old.slice(0, first), ...blocksFrom(local, starts, old[first].line, local.length, base)];
  }
}
