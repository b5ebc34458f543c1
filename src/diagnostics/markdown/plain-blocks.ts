/**
 * Blocks whose prose can be read without the Markdown parser: plain paragraphs (one, or several
 * with blank lines between), lists of one-line plain items, and pipe tables of plain cells. Each
 * gives exactly what parsing the block would give (test/unit/prose.test.ts holds them to it on
 * random blocks), or undefined to leave the block to the parser. The parser is slow until V8 has
 * warmed it up: it took a third of a server's first check of a long draft.
 */
import type { BlockProse, ProseUnit } from './prose';
import { allMatches } from '../reading/all-matches';
import { BLANK_LINE } from '../lines';

/** Anything inline the parser would turn into more than text; tabs, which it may turn into spaces. */
const MARKUP = /[`*_[\]<>|\\{}^\t]|https?:|www\.|@|&#?\w+;/;
/** The same, but pipes are a table's own syntax. */
const CELL_MARKUP = /[`*_[\]<>\\{}^\t]|https?:|www\.|@|&#?\w+;/;

/** A lone tilde ("~$25B") is text; two can make a strikethrough. */
function strikes(text: string): boolean {
  return text.indexOf('~') !== text.lastIndexOf('~');
}
/** A blank line with more text after it: two paragraphs, or an indented continuation. */
const BLANK_LINE_INSIDE = /\n[ \t]*\r?\n\s*\S/;
/** A run of blank lines: where one paragraph of a block ends and the next starts. */
const BLANK_LINES = /\r?\n(?:[ \t]*\r?\n)+/g;
const LINE_START_SYNTAX = /^(?: {0,3}(?:[#=+-]|\d{1,9}[.)](?:\s|$))| {4}|\t)/m;

export function plainParagraph(source: string): BlockProse | undefined {
  if (MARKUP.test(source) || strikes(source) || LINE_START_SYNTAX.test(source) || BLANK_LINE_INSIDE.test(source)) return undefined;
  const start = source.search(/\S/);
  if (start < 0) return { units: [], comments: [] };
  // Like the parser, the paragraph runs to the end of its last line, trailing spaces included.
  const lastChar = source.trimEnd().length;
  const eol = source.slice(lastChar).search(/[\r\n]/);
  const end = eol < 0 ? source.length : lastChar + eol;
  // A hard line break (two spaces at a line's end) is markup: the parser blanks a CRLF's CR with it.
  return { units: [{ start, text: source.slice(start, end).replace(/( {2,})\r(?=\n)/g, '$1 ') }], comments: [] };
}

/**
 * Plain paragraphs with blank lines between them, in one block because the later ones are
 * indented (by at most three spaces, or they would be code).
 */
export function plainParagraphs(source: string): BlockProse | undefined {
  if (!BLANK_LINE_INSIDE.test(source)) return undefined;
  const units: ProseUnit[] = [];
  let from = 0;
  const add = (chunkEnd: number): boolean => {
    const paragraph = plainParagraph(source.slice(from, chunkEnd));
    if (!paragraph) return false;
    for (const unit of paragraph.units) units.push({ ...unit, start: from + unit.start });
    return true;
  };
  for (const blank of allMatches(BLANK_LINES, source)) {
    if (!add(blank.index)) return undefined;
    from = blank.index + blank[0].length;
  }
  return add(source.length) ? { units, comments: [] } : undefined;
}

interface Line {
  start: number;
  /** Without its line ending. */
  text: string;
}

/** The block's lines, trailing blank lines left out; undefined when a blank line is inside. */
function linesOf(source: string): Line[] | undefined {
  const lines: Line[] = [];
  let blankSeen = false;
  for (let pos = 0; pos < source.length; ) {
    const nl = source.indexOf('\n', pos);
    const end = nl < 0 ? source.length : nl;
    const text = source.slice(pos, source[end - 1] === '\r' ? end - 1 : end);
    if (BLANK_LINE.test(text)) blankSeen = true;
    else if (blankSeen) return undefined;
    else lines.push({ start: pos, text });
    pos = end + 1;
  }
  return lines;
}

/** A bullet or ordered item marker with 1 to 4 spaces after it (5 would make its text code). */
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}([.)]))( {1,4})(?=\S)/;

/**
 * One item per line, all at the same indent with the same kind of marker (a different kind
 * would start a list that may not interrupt the item before), each item one plain paragraph.
 */
export function plainList(source: string): BlockProse | undefined {
  const lines = linesOf(source);
  if (!lines?.length) return undefined;
  let shape: string | undefined;
  const units: ProseUnit[] = [];
  for (const line of lines) {
    const m = LIST_ITEM.exec(line.text);
    if (!m) return undefined;
    const lineShape = `${m[1].length}${m[3] ?? m[2]}`;
    if ((shape ??= lineShape) !== lineShape) return undefined;
    const text = line.text.slice(m[0].length);
    if (MARKUP.test(text) || strikes(text) || LINE_START_SYNTAX.test(text)) return undefined;
    units.push({ start: line.start + m[0].length, text });
  }
  return { units, comments: [] };
}

/** What joins a row's other cells, and a header row's cells, in a cell's table context. */
export const CELL_SEPARATOR = ' | ';

/**
 * What a body cell's unit knows of its table, from the trimmed texts of its row's cells and of the
 * header: its row and column headers and the row's other cells. The row's first cell is the row
 * header and knows nothing, unless it holds a number: then the row is that figure's, and the cell
 * after it says what the figure is ("| $50 billion | Amazon's investment in OpenAI | 2025 |").
 */
export function cellTable(cells: readonly string[], headers: readonly string[], i: number): ProseUnit['table'] {
  if (i === 0) return /\p{N}/u.test(cells[0] ?? '') && cells.length > 1 ? figureFirst(cells, headers) : undefined;
  return { rowHeader: cells[0] ?? '', columnHeader: headers[i] ?? '', rowContext: cells.filter((_, k) => k !== 0 && k !== i).join(CELL_SEPARATOR), headerRow: headers.join(CELL_SEPARATOR) };
}

/** The table of a figure that opens its row: the next cell is its row header. */
function figureFirst(cells: readonly string[], headers: readonly string[]): ProseUnit['table'] {
  return { rowHeader: cells[1], columnHeader: headers[0] ?? '', rowContext: cells.slice(2).join(CELL_SEPARATOR), headerRow: headers.join(CELL_SEPARATOR) };
}

const DELIMITER_ROW = /^\|[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*$/;

interface Cell {
  /** Offset of the cell's opening pipe in its line. */
  start: number;
  end: number;
  content: string;
}

/**
 * A row's cells as the parser spans them: each from its opening pipe to the next one, the last
 * to the end of the line, closing pipe and trailing spaces included.
 */
function cellsOf(row: string): Cell[] {
  const pipes: number[] = [];
  for (let i = row.indexOf('|'); i >= 0; i = row.indexOf('|', i + 1)) pipes.push(i);
  const closed = pipes.length > 1 && row.trimEnd().endsWith('|');
  const opening = closed ? pipes.slice(0, -1) : pipes;
  return opening.map((start, i) => {
    const contentEnd = i + 1 < opening.length ? opening[i + 1] : closed ? pipes.at(-1)! : row.length;
    return { start, end: i + 1 < opening.length ? opening[i + 1] : row.length, content: row.slice(start + 1, contentEnd).trim() };
  });
}

/**
 * A pipe table (every row opening with a pipe, cells of plain text), optionally under a plain
 * caption paragraph. Cells are prose units as the parser gives them: header cells alone, body
 * cells after the first with their row and column headers and the row's other cells.
 */
export function plainTable(source: string): BlockProse | undefined {
  const lines = linesOf(source);
  const delimiter = lines?.findIndex((l) => DELIMITER_ROW.test(l.text)) ?? -1;
  if (!lines || delimiter < 1) return undefined;
  const caption = lines.slice(0, delimiter - 1);
  const rows = [lines[delimiter - 1], ...lines.slice(delimiter + 1)];
  if (caption.some((l) => l.text.includes('|')) || rows.some((r) => r.text[0] !== '|' || CELL_MARKUP.test(r.text))) return undefined;
  const [header, ...body] = rows.map((r) => ({ line: r, cells: cellsOf(r.text) }));
  // A header of empty cells is not always a header ("|  " is not); leave those to the parser.
  if (header.cells.length !== cellsOf(lines[delimiter].text).length || header.cells.every((c) => !c.content)) return undefined;
  if ([header, ...body].some((r) => r.cells.some((c) => strikes(c.content)))) return undefined;

  const units: ProseUnit[] = [];
  if (caption.length) {
    const paragraph = plainParagraph(source.slice(0, header.line.start));
    if (!paragraph) return undefined;
    units.push(...paragraph.units);
  }
  const unit = (line: Line, cell: Cell, table?: ProseUnit['table']): ProseUnit => {
    const text = line.text.slice(cell.start, cell.end).replaceAll('|', ' ');
    return table ? { start: line.start + cell.start, text, table } : { start: line.start + cell.start, text };
  };
  const headers = header.cells.map((c) => c.content);
  for (const cell of header.cells) units.push(unit(header.line, cell));
  for (const { line, cells } of body) {
    const contents = cells.map((c) => c.content);
    cells.forEach((cell, i) => units.push(unit(line, cell, cellTable(contents, headers, i))));
  }
  return { units, comments: [] };
}

/** The block's prose when it has one of the plain shapes, else undefined. */
export function plainBlock(source: string): BlockProse | undefined {
  return plainParagraph(source) ?? plainParagraphs(source) ?? plainList(source) ?? plainTable(source);
}
