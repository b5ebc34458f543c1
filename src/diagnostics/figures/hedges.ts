/** The writer's hedge around a figure: "up to $25 billion", "nearly $60 billion", "over 80%", "$100 billion-plus". */
import type { Hedge } from '../../knowledge/schema';

const BEFORE: [RegExp, Hedge][] = [
  [/\b(?:up to|as much as|as many as|as high as)\s*$/i, 'up-to'],
  [/\b(?:nearly|almost|close to|just under|just shy of)\s*$/i, 'nearly'],
  [/(?:\b(?:about|around|roughly|approximately|approx\.|some|circa|an estimated|estimated at|estimated|est\.)|~|≈)\s*$/i, 'about'],
  [/\b(?:over|more than|above|upwards of|north of|in excess of|exceeding|greater than|beyond)\s*$/i, 'more-than'],
  [/\b(?:at least|no less than|a minimum of)\s*$/i, 'at-least'],
  [/\b(?:less than|under|below|fewer than|no more than)\s*$/i, 'less-than'],
];
const AFTER: [RegExp, Hedge][] = [
  [/^(?:-plus\b|\+|\s+or more\b|\s+and up\b)/i, 'more-than'],
  [/^\s*\((?:est\.?|estimated)\)/i, 'about'],
];

/** The hedge for the figure at [start, end) of `text`, or the figure's own (range, "+") if none is written. */
export function hedgeAround(text: string, start: number, end: number, own: Hedge): Hedge {
  if (own !== 'exact') return own;
  const before = text.slice(Math.max(0, start - 24), start);
  for (const [re, hedge] of BEFORE) if (re.test(before)) return hedge;
  const after = text.slice(end, end + 16);
  for (const [re, hedge] of AFTER) if (re.test(after)) return hedge;
  return 'exact';
}
