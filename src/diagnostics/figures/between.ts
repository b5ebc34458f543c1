/**
 * A range said with "between … and …": "between $30 and $35 billion", "between 60 and 70 percent".
 * The kinds read the second number with its unit and leave the first bare (or read it as a figure
 * of its own, "$30"); here the two become one range figure, "between" included, so a fix that
 * writes the sources' single value leaves no "between" behind.
 */
import { BETWEEN_SEP, type Figure } from './figure';
import { DIGITS, NUMBER_WORDS, SCALE_WORD, parseNumber, scaleFactor } from './numbers';

/** "between", the first number (its sign and scale, if said) and "and", right before a figure. */
const BETWEEN_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])between\s+((?:US\s?\$|USD\s?|\$)?(${DIGITS}|${NUMBER_WORDS})(?:\s?(${SCALE_WORD}))?)\s+and\s+$`,
  'iu',
);
/** How far before a figure "between" and its first number are looked for, in characters. */
const BETWEEN_REACH = 48;

/** The one range figure of "between X and <figure>", or undefined when the figure has none before it. */
function betweenRange(text: string, f: Figure): Figure | undefined {
  if (f.type === 'date' || f.hedge !== 'exact') return undefined;
  const from = Math.max(0, f.start - BETWEEN_REACH);
  const m = BETWEEN_BEFORE.exec(text.slice(from, f.start));
  const number = m ? parseNumber(m[2]) : undefined;
  if (!m || number === undefined) return undefined;
  const start = from + m.index;
  // "between 60 and 70 percent", "between $30 and $35 billion": the first takes the second's scale,
  // unless it says its own ("between $30 billion and $35 billion").
  const lo = m[3] ? number * scaleFactor(m[3]) : number * f.factor;
  if (!(lo < f.value.lo)) return undefined;
  return { ...f, start, text: text.slice(start, f.end), value: { lo, hi: f.value.hi }, hedge: 'range', style: { ...f.style, sep: BETWEEN_SEP } };
}

/** The figures with each "between X and Y" read as one range, the first number's own figure ("$30") gone into it. */
export function joinBetween(text: string, figures: Figure[]): Figure[] {
  if (!/between/iu.test(text)) return figures;
  const ranges = figures.map((f) => betweenRange(text, f));
  if (!ranges.some(Boolean)) return figures;
  const inside = (g: Figure) => ranges.some((r, k) => r && g !== figures[k] && g.start >= r.start && g.end <= figures[k].start);
  return figures.flatMap((f, k) => (inside(f) ? [] : [ranges[k] ?? f]));
}
