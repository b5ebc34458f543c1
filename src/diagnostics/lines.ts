/**
 * Lines as LSP (and CommonMark) define them: a line ends at "\n", "\r\n" or a lone "\r". Every
 * part of the engine that counts lines or turns offsets into positions goes through here, so a
 * CR-only draft (classic Mac OS, some exporters) gets the same positions an editor gives it.
 */
import type { Position } from './finding';

/** A line break; "\r\n" is one. With the g flag so a scan can resume at lastIndex. */
const LINE_BREAK = /\r\n?|\n/g;

/** U+FEFF at the start of a file: a UTF-8 byte order mark, not text. */
export const BOM = '\uFEFF';

/**
 * A blank line as CommonMark has it: spaces and tabs only (its break, if kept, aside). Not
 * JavaScript's \s or trim(), which take a byte order mark or a no-break space for blank where the
 * parser reads a paragraph's or an HTML block's line.
 */
export const BLANK_LINE = /^[ \t]*\r?$/;

export interface LineSpan {
  /** Offset just past the line's last character, before its break. */
  end: number;
  /** Offset of the next line's first character (the text's length on the last line). */
  next: number;
}

/** The line that starts at `from`: where its text ends and where the next line starts. */
export function lineAt(text: string, from: number): LineSpan {
  LINE_BREAK.lastIndex = from;
  const m = LINE_BREAK.exec(text);
  return m ? { end: m.index, next: m.index + m[0].length } : { end: text.length, next: text.length };
}

/** Offsets where lines start: 0, then one past every line break. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** Line breaks in text[from, to): a "\r\n" counts once. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  LINE_BREAK.lastIndex = from;
  for (let m = LINE_BREAK.exec(text); m && m.index < to; m = LINE_BREAK.exec(text)) n++;
  return n;
}

/** The position of `offset`, given the text's line starts (a binary search). */
export function positionIn(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** The break a text uses, for text added to it: its first one, or "\n" when it has none. */
export function lineBreakOf(text: string): string {
  LINE_BREAK.lastIndex = 0;
  return LINE_BREAK.exec(text)?.[0] ?? '\n';
}

/** Whether the text ends with a line break. */
export function endsWithLineBreak(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13;
}

const LONE_CR = /\r(?!\n)/g;

/**
 * The text with each lone "\r" turned into "\n": the same length and the same lines, so offsets
 * and positions carry over, and the readers downstream see only the two endings they know.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
}
