/**
 * A block dealcheck could not check: its check threw, ran over its time budget, or the block is
 * nested too deep to parse in bounded time. It is reported once, as an information finding on the
 * block's first line, and the rest of the document is still checked.
 */
import { OverBudget } from './budget';
import type { Finding } from './finding';
import type { FigurePlace } from './fixes';
import { lineAt, lineStarts, positionIn } from './lines';

/**
 * Lists and block quotes nested deeper than this on one line are not parsed: the parser's time
 * grows with depth times lines (50 lines nested 64 deep take most of a second), and 3,000 levels
 * overflow its stack. No prose nests this deep.
 */
export const MAX_NESTING = 32;

/** How much of the block's first line an unchecked finding spans: enough to see which paragraph. */
const MARK_LENGTH = 80;

export interface Unchecked {
  reason: 'error' | 'time' | 'nesting';
  /** For the log: the error with its stack, or the budget that ran out. */
  detail: string;
  /** For 'time': the budget it ran over, so a larger budget checks it again. */
  budgetMs?: number;
}

const MESSAGES: Record<Unchecked['reason'], (u: Unchecked) => string> = {
  error: () => 'dealcheck could not check this paragraph: it hit an internal error (the log has the details). The rest of the document is checked.',
  time: (u) => `dealcheck skipped this paragraph: checking it took longer than its time budget of ${u.budgetMs} ms. Raise the budget to check it.`,
  nesting: () => `dealcheck could not check this paragraph: it nests lists or block quotes more than ${MAX_NESTING} deep.`,
};

/** Stack frames kept in an error's detail: where it was thrown, not the whole way up. */
const STACK_FRAMES = 8;

export function uncheckedOf(error: unknown): Unchecked {
  if (error instanceof OverBudget) return { reason: 'time', detail: error.message, budgetMs: error.budgetMs };
  if (!(error instanceof Error)) return { reason: 'error', detail: String(error) };
  const stack = error.stack?.split('\n').slice(1, STACK_FRAMES + 1).join('\n');
  return { reason: 'error', detail: stack ? `${error.name}: ${error.message}\n${stack}` : `${error.name}: ${error.message}` };
}

/** A list or quote marker and the space after it ("- ", "> ", "12. "), at a line's start. */
const CONTAINER_MARKER = /[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))[ \t]?/y;
/** A line of dashes, stars or underscores with spaces: a thematic break, not a list. */
const THEMATIC_BREAK = /^[ \t]*(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}$/;

/** Container markers opening one line, stopping once past the limit. */
function lineDepth(text: string, from: number, end: number): number {
  let depth = 0;
  CONTAINER_MARKER.lastIndex = from;
  while (depth <= MAX_NESTING && CONTAINER_MARKER.lastIndex < end && CONTAINER_MARKER.test(text)) depth++;
  return depth > MAX_NESTING && THEMATIC_BREAK.test(text.slice(from, end)) ? 0 : depth;
}

/** Whether some line of the block opens more than MAX_NESTING lists or quotes. */
export function nestedTooDeep(text: string): boolean {
  for (let pos = 0; pos < text.length; ) {
    const { end, next } = lineAt(text, pos);
    if (lineDepth(text, pos, end) > MAX_NESTING) return true;
    pos = next;
  }
  return false;
}

/** Where in the block the finding goes: the start of its first non-blank line, a few words long. */
function markOf(text: string): { start: number; end: number } {
  const start = Math.max(0, text.search(/\S/));
  const lineEnd = lineAt(text, start).end;
  let end = Math.min(lineEnd, start + MARK_LENGTH);
  // Never split a surrogate pair.
  if (end < lineEnd && /[\uD800-\uDBFF]/.test(text[end - 1])) end++;
  return { start, end: Math.max(start, end) };
}

/** The finding for an unchecked block, with its range and place relative to the block. */
export function uncheckedFinding(text: string, unchecked: Unchecked): { finding: Finding; place: FigurePlace } {
  const { start, end } = markOf(text);
  const { line, character } = positionIn(lineStarts(text.slice(0, start + 1)), start);
  const finding: Finding = {
    kind: 'unchecked',
    code: `unchecked-${unchecked.reason}`,
    severity: 'information',
    range: { start: { line, character }, end: { line, character: character + end - start } },
    text: text.slice(start, end),
    message: MESSAGES[unchecked.reason](unchecked),
    detail: unchecked.detail,
    evidence: [],
    fixes: [],
  };
  return { finding, place: { start, end, citeAt: end, inTable: false } };
}
