/**
 * How deeply a JSON or YAML text nests, found by a scan of its characters before any parser sees
 * it: the parsers recurse once per level, and a file nested a hundred thousand deep would overflow
 * the stack (or, in YAML, exhaust memory) instead of being reported.
 */

/**
 * The deepest nesting a knowledge base file may have. A valid one needs 5 levels (file, section,
 * entry, assertion, value); the margin is for hand-written files that wrap things needlessly.
 */
export const MAX_NESTING_DEPTH = 64;

/** The offset at which the text first nests deeper than `limit`, or undefined when it never does. */
export function tooDeepAt(text: string, yaml: boolean, limit = MAX_NESTING_DEPTH): number | undefined {
  return yaml ? yamlTooDeepAt(text, limit) : scanJson(text, limit).tooDeep;
}

/** Where the string opened at `open` ends: its closing quote (one after an even run of backslashes), or the text's end. */
function stringEnd(text: string, open: number): number {
  // indexOf skips a long quote's characters far faster than a loop over them.
  for (let close = text.indexOf('"', open + 1); close >= 0; close = text.indexOf('"', close + 1)) {
    let k = close - 1;
    while (text.charCodeAt(k) === 92 /* \ */) k--;
    if ((close - k) % 2 === 1) return close;
  }
  return text.length;
}

/**
 * One pass over a JSON text, for the loader: the offset at which it first nests deeper than
 * `limit` (the scan stops there), and the members it writes, its colons outside strings (a text
 * whose data has fewer keys wrote some key twice).
 */
export function scanJson(text: string, limit = MAX_NESTING_DEPTH): { tooDeep?: number; members: number } {
  let depth = 0;
  let members = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) i = stringEnd(text, i);
    else if (c === 58 /* : */) members++;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return { tooDeep: i, members };
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
  }
  return { members };
}

/**
 * YAML nests two ways: flow collections ([ and {), and block collections by indentation, where
 * compact entries ("- - - x", "? a") open one level each on the same line. The block depth is
 * the stack of indentations still open plus the compact indicators of the line.
 */
interface YamlScan {
  text: string;
  limit: number;
  /** Indentations of the block collections still open. */
  indents: number[];
  /** Flow collections still open. */
  flow: number;
  /** The quote character a multi-line quoted scalar is open with, or 0. */
  quote: number;
}

function yamlTooDeepAt(text: string, limit: number): number | undefined {
  const scan: YamlScan = { text, limit, indents: [], flow: 0, quote: 0 };
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const block = scan.quote || scan.flow ? { at: lineStart } : blockDepth(scan, lineStart, lineEnd);
    if (block.tooDeep !== undefined) return block.tooDeep;
    const flow = flowDepth(scan, block.at, lineEnd);
    if (flow !== undefined) return flow;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Opens the line's block levels; returns where its content starts, or where it nests too deep. */
function blockDepth(scan: YamlScan, lineStart: number, lineEnd: number): { at: number; tooDeep?: number } {
  const { text, indents, limit } = scan;
  let i = lineStart;
  while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i === lineEnd || text[i] === '#' || text[i] === '\r') return { at: i };
  const indent = i - lineStart;
  while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
  indents.push(indent);
  if (indents.length > limit) return { at: i, tooDeep: i };
  for (let compact = 1; isIndicator(text, i, lineEnd); compact++) {
    for (i++; i < lineEnd && (text[i] === ' ' || text[i] === '\t'); i++);
    if (indents.length + compact > limit) return { at: i, tooDeep: i };
  }
  return { at: i };
}

/** Follows quotes and flow brackets to the end of the line; returns where it nests too deep. */
function flowDepth(scan: YamlScan, from: number, lineEnd: number): number | undefined {
  const { text } = scan;
  for (let i = from; i < lineEnd; i++) {
    const c = text[i];
    if (scan.quote) i = afterQuoteChar(scan, i);
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) return undefined;
    else if (OPENERS.has(c) && startsToken(scan, i)) {
      if (c === '"' || c === "'") scan.quote = c.charCodeAt(0);
      else if (++scan.flow + scan.indents.length > scan.limit) return i;
    } else if (CLOSERS.has(c) && scan.flow) scan.flow--;
  }
  return undefined;
}

/** In flow context anything may open a collection; in block context, only what starts a value. */
function startsToken(scan: YamlScan, i: number): boolean {
  return scan.flow > 0 || i === 0 || /[\s,[{:-]/.test(scan.text[i - 1]);
}

/** Characters that open a flow collection or a quoted scalar, and those that close a collection. */
const OPENERS = new Set(['[', '{', '"', "'"]);
const CLOSERS = new Set([']', '}']);

/** Inside a quoted scalar: skips an escape, or closes the quote ('' inside single quotes is a quote). */
function afterQuoteChar(scan: YamlScan, i: number): number {
  const { text } = scan;
  if (scan.quote === 34 && text[i] === '\\') return i + 1;
  if (text.charCodeAt(i) !== scan.quote) return i;
  if (scan.quote === 39 && text[i + 1] === "'") return i + 1;
  scan.quote = 0;
  return i;
}

function isIndicator(text: string, i: number, lineEnd: number): boolean {
  const c = text[i];
  const next = text[i + 1];
  return (c === '-' || c === '?' || c === ':') && (i + 1 >= lineEnd || next === ' ' || next === '\t' || next === '\r');
}
