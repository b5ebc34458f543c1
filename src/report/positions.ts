/** LSP positions to offsets in a draft's text. Lines end at \n, \r\n or a lone \r, as LSP and CommonMark define. */
import type { Position } from '../diagnostics/finding';

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position, clamped to the text (a stale finding never slices past the end). */
export function offsetAt(starts: readonly number[], textLength: number, p: Position): number {
  if (p.line >= starts.length) return textLength;
  return Math.min(starts[p.line] + p.character, p.line + 1 < starts.length ? starts[p.line + 1] : textLength);
}
