/**
 * A document kept as its top-level blocks, for a server that checks it on every edit. An edit
 * touches only the blocks around it; the whole text is built only when asked for (a quick-fix
 * needs it), so typing into a long draft never copies the draft.
 */
import type { Position } from '../finding';
import { lineAt } from '../lines';
import { type Block, editBlocks, lastBlockFrom, splitBlocks } from './blocks';

export class BlockDocument {
  blocks: Block[];
  length: number;
  /** Bumped by every edit: what a check saw is current while the revision is the same. */
  revision = 0;
  private whole: string | undefined;

  constructor(text: string) {
    this.blocks = splitBlocks(text);
    this.length = text.length;
    this.whole = text;
  }

  get text(): string {
    this.whole ??= this.blocks.map((b) => b.text).join('');
    return this.whole;
  }

  /** Replaces [start, end) with `text`. */
  edit(start: number, end: number, text: string): void {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    this.blocks = editBlocks(this.blocks, { start, end, text });
    this.length += text.length - (end - start);
    this.whole = undefined;
    this.revision++;
  }

  /**
   * The offset of an LSP position, as vscode-languageserver-textdocument gives it: lines end at
   * "\n", "\r\n" or a lone "\r", a character past a line's end means its end, and a line past the
   * last means the end of the document.
   */
  offsetAt({ line, character }: Position): number {
    if (line < 0) return 0;
    const block = this.blocks[lastBlockFrom(this.blocks, 'line', line)];
    let lineStart = 0;
    for (let l = block.line; l < line; l++) {
      const { end, next } = lineAt(block.text, lineStart);
      if (end === block.text.length) return this.length;
      lineStart = next;
    }
    if (character <= 0) return block.start + lineStart;
    return block.start + Math.min(lineStart + character, lineAt(block.text, lineStart).end);
  }
}
