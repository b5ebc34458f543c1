/**
 * The prose of a Markdown block: paragraphs, headings and table cells, with everything that is
 * not prose (inline code, HTML, link destinations, images, markup characters) blanked out so
 * offsets stay those of the source. Code blocks, HTML blocks, front matter, definitions and
 * dealcheck's own citation footnotes are never prose.
 */
import type { Nodes, Parents, Root, Table } from 'mdast';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { type Options, fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { frontMatterEnd } from './blocks';
import { cellTable, plainBlock } from './plain-blocks';
import { allMatches } from '../reading/all-matches';

export interface ProseUnit {
  /** Offset of text[0] in the parsed text. */
  start: number;
  /** The source slice with non-prose characters replaced by spaces. */
  text: string;
  /**
   * For a table cell: the header of its row (first cell) and of its column, the row's other cells
   * ("| Amazon | Anthropic | $25B |": the partner is in the row, not in either header), and the
   * whole header row, which frames every cell ("| Provider | AI revenue | YoY growth |").
   */
  table?: { rowHeader: string; columnHeader: string; rowContext: string; headerRow: string };
  /** The text before that names someone (a paragraph, heading or list item): who an opening "Of that, $5 billion" is about. */
  previous?: string;
  /** The lead-in its block follows, a paragraph ending in a colon ("Cost per million tokens served:"): it frames every unit of the block, whoever a unit before names. */
  leadIn?: string;
  /** The parties the heading of its section names (entity ids). */
  topic?: readonly string[];
}

export interface ControlComment {
  directive: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Finding codes or figure kinds it applies to; empty means all. */
  rules: string[];
  /** Offsets of the comment in the parsed text. */
  start: number;
  end: number;
}

export interface BlockProse {
  units: ProseUnit[];
  comments: ControlComment[];
}

/** Footnotes dealcheck writes for citations; their quotes are the sources' words, not the writer's. */
export const CITATION_LABEL = /^dc-/;

// The micromark extensions and mdast builders that remark-parse with remark-gfm (and
// remark-frontmatter) would parse with, given to mdast-util-from-markdown directly: unified and
// the Markdown writers those plugins also install stay out of the bundles (a tree is never written).
const gfmOnly: Options = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
/**
 * Only for text that opens with closed front matter: when it is not closed,
 * micromark-extension-frontmatter 2.0 leaves the parser in a state that reads the rest wrongly (a
 * list as a paragraph, a footnote definition as a link definition).
 */
const withFrontMatter: Options = {
  extensions: [gfm(), frontmatter(['yaml', 'toml'])],
  mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
};

const SKIPPED = new Set(['code', 'html', 'yaml', 'toml', 'definition', 'math', 'inlineMath']);
/** Inline nodes whose whole text is not prose. */
const OPAQUE = new Set(['inlineCode', 'html', 'image', 'imageReference', 'footnoteReference', 'inlineMath', 'break']);

const CONTROL = /<!--\s*dealcheck-(disable-next-line|disable-line|disable|enable)\b([^]*?)-->/g;

function span(node: Nodes): [number, number] {
  const { position } = node;
  if (position?.start.offset === undefined || position.end.offset === undefined) throw new Error(`a ${node.type} node without a position`);
  return [position.start.offset, position.end.offset];
}

function hasPosition(node: Nodes): boolean {
  return node.position?.start.offset !== undefined && node.position.end.offset !== undefined;
}

/** Characters a node stands for when its text is the source's own: its text, or its children's. */
function textLength(node: Nodes): number {
  if (node.type === 'text') return node.value.length;
  return 'children' in node ? (node.children as Nodes[]).reduce((n, c) => n + textLength(c), 0) : 0;
}

/** Gives `nodes` consecutive positions from `offset`, as the pieces of one source text they were cut from. */
function placeInSequence(nodes: Nodes[], offset: number) {
  for (const node of nodes) {
    const end = offset + textLength(node);
    if (!hasPosition(node)) node.position = { start: { line: 0, column: 0, offset }, end: { line: 0, column: 0, offset: end } };
    if ('children' in node) placeInSequence(node.children as Nodes[], offset);
    offset = end;
  }
}

/**
 * Positions for the children a transform added without one. GFM's autolink literals are partly
 * found after parsing (`[www.a.b [^1]`), by cutting a text node into text and link nodes that have
 * no position. Such a run of children sits between its positioned neighbours; when their text is
 * as long as that gap they are placed in sequence, else the gap is left out as not prose.
 */
function fillPositions(parent: Parents) {
  const children = parent.children as Nodes[];
  for (let i = 0; i < children.length; i++) {
    if (hasPosition(children[i])) continue;
    let j = i;
    while (j < children.length && !hasPosition(children[j])) j++;
    const from = i ? span(children[i - 1])[1] : span(parent as Nodes)[0];
    const to = j < children.length ? span(children[j])[0] : span(parent as Nodes)[1];
    const run = children.slice(i, j);
    if (run.reduce((n, c) => n + textLength(c), 0) === to - from) {
      placeInSequence(run, from);
      i = j - 1;
    } else {
      children.splice(i, j - i, { type: 'inlineCode', value: '', position: { start: { line: 0, column: 0, offset: from }, end: { line: 0, column: 0, offset: to } } });
    }
  }
}

/** Moves every node's offsets `by` characters. */
function shiftOffsets(tree: Root, by: number) {
  const nodes: Nodes[] = [tree];
  for (let node = nodes.pop(); node; node = nodes.pop()) {
    const { start, end } = node.position!;
    node.position = { start: { ...start, offset: start.offset! + by }, end: { ...end, offset: end.offset! + by } };
    if ('children' in node) nodes.push(...(node.children as Nodes[]));
  }
}

/**
 * Every node of the tree with a position (see fillPositions), as offsets into `source`: the parser
 * skips a byte order mark opening its input and counts offsets from after it.
 */
function positioned(tree: Root, source: string): Root {
  const parents: Parents[] = [tree];
  for (let node = parents.pop(); node; node = parents.pop()) {
    fillPositions(node);
    for (const child of node.children as Nodes[]) if ('children' in child) parents.push(child);
  }
  if (source.startsWith('\uFEFF')) shiftOffsets(tree, 1);
  return tree;
}

function plainText(node: Nodes): string {
  if ('value' in node && node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Blank out [from, to) in `chars`, keeping line breaks so the text keeps its shape. */
function blank(chars: string[], from: number, to: number) {
  for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = ' ';
}

/** Within `node`, blank out every character not covered by a prose child (markup, URLs, code). */
function maskNonProse(node: Nodes, chars: string[], base: number) {
  const [start, end] = span(node);
  if (node.type === 'text') return;
  // A bare URL turned into a link (GFM autolink literal) is a URL, not prose.
  const isAutolink = node.type === 'link' && node.url.replace(/^mailto:/, '').endsWith(plainText(node).replace(/^www\./, ''));
  if (OPAQUE.has(node.type) || isAutolink || !('children' in node)) {
    blank(chars, start - base, end - base);
    return;
  }
  let cursor = start;
  for (const child of node.children as Nodes[]) {
    const [cs, ce] = span(child);
    blank(chars, cursor - base, cs - base);
    maskNonProse(child, chars, base);
    cursor = ce;
  }
  blank(chars, cursor - base, end - base);
}

const FOOTNOTE_REFERENCE = /\[\^[^\]\s]+\]/g;

function proseUnit(node: Nodes, source: string, table?: ProseUnit['table']): ProseUnit {
  const [start, end] = span(node);
  // Code units, not code points: offsets stay UTF-16, as in LSP positions.
  const chars = source.slice(start, end).split('');
  maskNonProse(node, chars, start);
  // A block parsed alone has no footnote definitions, so the parser reads `[^1]` as text.
  const text = chars.join('').replace(FOOTNOTE_REFERENCE, (m) => ' '.repeat(m.length));
  return table ? { start, text, table } : { start, text };
}

function tableUnits(table: Table, source: string, out: BlockProse) {
  const [header, ...rows] = table.children;
  const headers = header.children.map((c) => plainText(c).trim());
  for (const cell of header.children) out.units.push(proseUnit(cell, source));
  for (const row of rows) {
    const cells = row.children.map((c) => plainText(c).trim());
    row.children.forEach((cell, i) => out.units.push(proseUnit(cell, source, cellTable(cells, headers, i))));
  }
  // `<!-- dealcheck-disable-line -->` inside a cell silences its row.
  for (const row of table.children) for (const cell of row.children) for (const child of cell.children) if (child.type === 'html') walk(child, source, out);
}

function collectComments(value: string, offset: number, out: ControlComment[]) {
  for (const m of allMatches(CONTROL, value)) {
    out.push({
      directive: m[1] as ControlComment['directive'],
      rules: m[2].split(/[\s,]+/).filter(Boolean),
      start: offset + m.index,
      end: offset + m.index + m[0].length,
    });
  }
}

function walk(node: Nodes, source: string, out: BlockProse) {
  if (node.type === 'html') {
    collectComments(source.slice(...span(node)), span(node)[0], out.comments);
    return;
  }
  if (SKIPPED.has(node.type)) return;
  if (node.type === 'footnoteDefinition' && CITATION_LABEL.test(node.label ?? node.identifier)) return;
  if (node.type === 'table') return tableUnits(node, source, out);
  if (node.type === 'paragraph' || node.type === 'heading') {
    out.units.push(proseUnit(node, source));
    // Inline HTML comments can hold control comments too.
    for (const child of (node as Parents).children as Nodes[]) if (child.type === 'html') walk(child, source, out);
    return;
  }
  if ('children' in node) for (const child of (node as Parents).children as Nodes[]) walk(child, source, out);
}

/** The prose of a block: read directly when it has a plain shape, else parsed. */
export function parseProse(source: string): BlockProse {
  return plainBlock(source) ?? parseMarkdownProse(source);
}

/** The syntax tree of a block, every node with a position. */
export function parseMarkdown(source: string): Root {
  return positioned(fromMarkdown(source, frontMatterEnd(source) ? withFrontMatter : gfmOnly), source);
}

/** The prose of any block, by parsing it. */
export function parseMarkdownProse(source: string): BlockProse {
  const tree = parseMarkdown(source);
  const out: BlockProse = { units: [], comments: [] };
  walk(tree, source, out);
  return out;
}
