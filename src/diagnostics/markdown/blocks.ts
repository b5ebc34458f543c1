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
const HTML_BLOCK_ENDS: [RegExp, RegExp][] = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];

export function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let blockStart = 0;
  let blockLine = 0;
  let sawBlank = false;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let lineNo = 0;
  let pos = 0;

  const lineAt = (p: number) => {
    const nl = text.indexOf('\n', p);
    return nl < 0 ? { line: text.slice(p), next: text.length } : { line: text.slice(p, nl), next: nl + 1 };
  };

  // Front matter is one block however many blank lines it holds.
  if (/^(---|\+\+\+)\s*(\r?\n|$)/.test(text)) {
    const delimiter = text.startsWith('+++') ? /^\+\+\+\s*$/ : /^(---|\.\.\.)\s*$/;
    let { next } = lineAt(0);
    lineNo = 1;
    while (next < text.length) {
      const { line, next: after } = lineAt(next);
      next = after;
      lineNo++;
      if (delimiter.test(line.replace(/\r$/, ''))) break;
    }
    blocks.push({ start: 0, text: text.slice(0, next), line: 0 });
    blockStart = pos = next;
    blockLine = lineNo;
  }

  while (pos < text.length) {
    const { line: raw, next } = lineAt(pos);
    const line = raw.replace(/\r$/, '');
    const blank = line.trim() === '';
    if (fence) {
      const close = line.match(/^\s*(`{3,}|~{3,})\s*$/);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (blank) {
      sawBlank = true;
    } else {
      if (sawBlank && !/^\s/.test(line) && pos > blockStart) {
        blocks.push({ start: blockStart, text: text.slice(blockStart, pos), line: blockLine });
        blockStart = pos;
        blockLine = lineNo;
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
    lineNo++;
  }
  if (blockStart < text.length || blocks.length === 0) blocks.push({ start: blockStart, text: text.slice(blockStart), line: blockLine });
  return blocks;
}
