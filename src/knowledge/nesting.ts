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
  return yaml ? yamlTooDeepAt(text, limit) : jsonTooDeepAt(text, limit);
}

function jsonTooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * YAML nests two ways: flow collections ([ and {), and block collections by indentation, where
 * compact entries ("- - - x", "- a: - b") open one level each on the same line. The block depth
 * is the stack of indentations still open plus the compact indicators of the line.
 */
function yamlTooDeepAt(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    if (!quote && !flow) {
      while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
      const blank = i === lineEnd || text[i] === '#' || text[i] === '\r';
      if (!blank) {
        const indent = i - lineStart;
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        // Compact indicators: each "- ", "? " or ": " opening the line opens one more level.
        for (let compact = 1; isIndicator(text, i, lineEnd); compact++) {
          for (i++; i < lineEnd && (text[i] === ' ' || text[i] === '\t'); i++);
          if (indents.length + compact > limit) return i;
        }
        if (indents.length > limit) return i;
      }
    }
    for (; i < lineEnd; i++) {
      const c = text[i];
      if (quote) {
        if (quote === 34 && c === '\\') i++;
        else if (c.charCodeAt(0) === quote) {
          // '' inside single quotes is an escaped quote.
          if (quote === 39 && text[i + 1] === "'") i++;
          else quote = 0;
        }
        continue;
      }
      const startsToken = i === lineStart || /[\s,[{:-]/.test(text[i - 1]);
      if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) break;
      if ((c === '"' || c === "'") && (flow || startsToken)) quote = c.charCodeAt(0);
      else if ((c === '[' || c === '{') && (flow || startsToken)) {
        if (++flow + indents.length > limit) return i;
      } else if ((c === ']' || c === '}') && flow) flow--;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function isIndicator(text: string, i: number, lineEnd: number): boolean {
  const c = text[i];
  const next = text[i + 1];
  return (c === '-' || c === '?' || c === ':') && (i + 1 >= lineEnd || next === ' ' || next === '\t' || next === '\r');
}
