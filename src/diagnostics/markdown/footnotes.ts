/**
 * Where a citation can go without damaging the draft: a footnote reference where Markdown will
 * read it as one (not inside a URL, a link or code, and not glued to a bare URL that would take it
 * in), and a footnote definition after the last construct the draft closed (never inside a fence,
 * an HTML comment, `<pre>` or `<script>` it leaves open). Each place is proved by parsing the
 * block with the insertion made, unless the block is plain text, where it always holds.
 */
import type { Nodes, Root } from 'mdast';
import { openConstructAt } from './blocks';
import { parseMarkdown } from './prose';

/** Text to insert at an offset. */
export interface Insertion {
  at: number;
  text: string;
}

/** Anything the parser could read as more than text next to a reference: the same as plain-blocks' test, plus bare domains' dots. */
const MARKUP = /[`*_[\]<>|\\{}^~\t]|https?:|www\.|@|&#?\w+;/;
/** A label Markdown reads as one: no spaces, brackets, carets or backslashes. */
const PLAIN_LABEL = /^[^\s[\]^\\]+$/;
/** Inline nodes a reference inside would break or not be read in. */
const ENCLOSING = new Set(['link', 'linkReference', 'inlineCode', 'html', 'image', 'imageReference', 'footnoteReference', 'delete']);

function nodeSpan(node: Nodes): [number, number] {
  return [node.position!.start.offset!, node.position!.end.offset!];
}

/** The end of the outermost link, code span or HTML the offset is inside, if any. */
function enclosingEnd(tree: Root, offset: number): number | undefined {
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const [start, end] = nodeSpan(node);
    if (offset <= start || offset >= end) continue;
    if (ENCLOSING.has(node.type)) return end;
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return undefined;
}

function findNode(tree: Root, test: (node: Nodes) => boolean, deep: boolean): Nodes | undefined {
  const stack: Nodes[] = [...tree.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (test(node)) return node;
    if (deep && 'children' in node) stack.push(...(node.children as Nodes[]));
  }
  return undefined;
}

function withInsertion(text: string, { at, text: insert }: Insertion): string {
  return text.slice(0, at) + insert + text.slice(at);
}

/** Whether the block, with the reference inserted and a definition for it, reads a reference to `label` just where it went. */
function readsAsReference(block: string, place: Insertion, label: string): boolean {
  // The definition goes first: at the end, a block left open (a fence, `<pre>`) would take it in.
  const definition = `[^${label}]: x\n\n`;
  const tree = parseMarkdown(definition + withInsertion(block, place));
  const at = definition.length + place.at + place.text.indexOf('[');
  return !!findNode(tree, (n) => n.type === 'footnoteReference' && n.label === label && nodeSpan(n)[0] === at, true);
}

/** In plain text a reference right after a word is always read as one. */
function plainlyAfterWord(block: string, offset: number, label: string): boolean {
  return offset > 0 && /\S/.test(block[offset - 1]) && PLAIN_LABEL.test(label) && !MARKUP.test(block);
}

/**
 * Where `[^label]` goes for a citation wanted at `offset` of `block`: there, or after a space
 * there (a bare URL before would take it in), or just past the link or code the offset is inside.
 * Undefined when no place reads as a reference.
 */
export function referencePlace(block: string, offset: number, label: string): Insertion | undefined {
  const reference = `[^${label}]`;
  if (plainlyAfterWord(block, offset, label)) return { at: offset, text: reference };
  const places: Insertion[] = [{ at: offset, text: reference }, { at: offset, text: ` ${reference}` }];
  const after = enclosingEnd(parseMarkdown(block), offset);
  if (after !== undefined) places.push({ at: after, text: reference }, { at: after, text: ` ${reference}` });
  return places.find((p) => readsAsReference(block, p, label));
}

/** Whether the block, with the definition inserted, has it as a definition of its own at the top level. */
function readsAsDefinition(block: string, place: Insertion, label: string): boolean {
  const tree = parseMarkdown(withInsertion(block, place));
  return !!findNode(tree, (n) => n.type === 'footnoteDefinition' && n.label === label, false);
}

/**
 * Where a footnote definition goes in the document's last block: at its end (`atEnd`, which
 * puts the blank line before it), unless the block ends inside a fence or HTML block it opened,
 * then before the line that opened it, set off by blank lines. Undefined when neither reads as a
 * definition: the fix is then not offered.
 */
export function definitionPlace(block: string, atEnd: Insertion, definition: string, label: string, lineBreak: string): Insertion | undefined {
  const open = openConstructAt(block);
  if (open === undefined) return atEnd;
  if (readsAsDefinition(block, atEnd, label)) return atEnd;
  const blankBefore = open === 0 || /(?:^|\r\n?|\n)[ \t]*(?:\r\n?|\n)$/.test(block.slice(0, open));
  const before = { at: open, text: `${blankBefore ? '' : lineBreak}${definition}${lineBreak}${lineBreak}` };
  return readsAsDefinition(block, before, label) ? before : undefined;
}
