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

function blocksFrom(text: string, starts: number[], firstLine: number, end: number): Block[] {
  const out: Block[] = [];
  let line = firstLine;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const stop = i + 1 < starts.length ? starts[i + 1] : end;
    out.push({ start, text: ownCopy(text.slice(start, stop)), line });
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

/** A change between two versions of a document: [start, oldEnd) of the old text became [start, newEnd). */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The blocks of `text` after `change`, reusing `old` (the blocks before it) where the change
 * cannot have reached: blocks are re-split from just before the change until a new block starts
 * where an old one did, after which the old blocks only move. Equal to splitBlocks(text).
 */
export function resplitBlocks(old: readonly Block[], text: string, change: TextChange): Block[] {
  const delta = change.newEnd - change.oldEnd;
  // Front matter, or an edit near the top: nothing to reuse.
  let i = old.findIndex((b, k) => k + 1 === old.length || old[k + 1].start > change.start);
  i = Math.max(0, i - 1);
  if (i <= 1) return splitBlocks(text);
  const from = old[i].start;
  const oldStarts = new Map<number, number>();
  for (let k = i + 1; k < old.length; k++) if (old[k].start >= change.oldEnd) oldStarts.set(old[k].start + delta, k);
  const starts = [from];
  let resumeAt = -1;
  for (const s of blockStarts(text, from)) {
    const k = oldStarts.get(s);
    if (k !== undefined) {
      resumeAt = k;
      break;
    }
    starts.push(s);
  }
  if (resumeAt < 0) return [...old.slice(0, i), ...blocksFrom(text, starts, old[i].line, text.length)];
  const end = old[resumeAt].start + delta;
  const middle = blocksFrom(text, starts, old[i].line, end);
  const last = middle[middle.length - 1];
  const lineShift = last.line + countLines(text, last.start, end) - old[resumeAt].line;
  const tail = old.slice(resumeAt).map((b) => ({ start: b.start + delta, text: b.text, line: b.line + lineShift }));
  return [...old.slice(0, i), ...middle, ...tail];
}

/**
 * Two changes in a row as one: `first` took text0 to text1, `second` text1 to text2; the result
 * takes text0 to text2 and covers everything either touched.
 */
export function mergeChanges(first: TextChange, second: TextChange): TextChange {
  const firstDelta = first.newEnd - first.oldEnd;
  const secondDelta = second.newEnd - second.oldEnd;
  const end = Math.max(first.newEnd, second.oldEnd);
  return { start: Math.min(first.start, second.start), oldEnd: end - firstDelta, newEnd: end + secondDelta };
}
