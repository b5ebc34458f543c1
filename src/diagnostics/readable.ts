/**
 * A block as the readers see it: without a leading byte order mark and with every line break a
 * "\n". Markdown reads "\r\n", "\r" and "\n" alike, but the figure and sentence readers' patterns
 * (a `\s` between a number and its unit) would not, so a draft's line endings could change its
 * findings. A line's characters are the same either way, so findings come back to the block's own
 * offsets by line and character.
 */
import type { BlockResult } from './engine';
import type { Position } from './finding';
import { BOM, lineStarts, positionIn } from './lines';

const LINE_BREAKS = /\r\n?/g;

export interface Readable {
  text: string;
  /** The block's own offset of an offset in `text`; unset when they are the same. */
  toSource?: (offset: number) => number;
  /** Characters before line 0's text in the block: 1 after a byte order mark. */
  shift: number;
}

export function readable(source: string): Readable {
  const shift = source.startsWith(BOM) ? 1 : 0;
  const body = shift ? source.slice(1) : source;
  if (!body.includes('\r')) return shift ? { text: body, toSource: (o) => o + shift, shift } : { text: body, shift };
  const text = body.replace(LINE_BREAKS, '\n');
  const readStarts = lineStarts(text);
  const sourceStarts = lineStarts(body);
  const toSource = (offset: number) => {
    const { line, character } = positionIn(readStarts, offset);
    return shift + sourceStarts[line] + character;
  };
  return { text, toSource, shift };
}

/** A result read from `r.text`, in the block's own offsets and positions. */
export function inSource(result: BlockResult, r: Readable): BlockResult {
  const { toSource } = r;
  if (!toSource) return result;
  const right = (p: Position): Position => (p.line || !r.shift ? p : { line: 0, character: p.character + r.shift });
  const findings = result.findings.map(({ finding, place }) => ({
    finding: r.shift ? { ...finding, range: { start: right(finding.range.start), end: right(finding.range.end) } } : finding,
    place: { ...place, start: toSource(place.start), end: toSource(place.end), citeAt: toSource(place.citeAt) },
  }));
  const comments = result.comments.map((c) => ({ ...c, start: toSource(c.start), end: toSource(c.end) }));
  return { ...result, findings, comments };
}
