/** The writer's hedge around a figure: "up to $25 billion", "nearly $60 billion", "over 80%", "$100 billion-plus". */
import type { Hedge } from '../../knowledge/schema';
import { LEXICON, escapeRegExp } from '../reading/lexicon';

/** Hedge words grouped by the hedge they express, in the lexicon's order: the first group to match wins. */
function groups(entries: Record<string, { hedge: Hedge }>): Map<Hedge, string[]> {
  const out = new Map<Hedge, string[]>();
  for (const [words, { hedge }] of Object.entries(entries)) out.set(hedge, [...(out.get(hedge) ?? []), words]);
  return out;
}

/** Before a figure: words end at a word boundary before it; signs such as "~" need none. */
function beforePattern(words: string[]): RegExp {
  const wordy = words.filter((w) => /^\p{L}/u.test(w)).map(escapeRegExp);
  const signs = words.filter((w) => !/^\p{L}/u.test(w)).map(escapeRegExp);
  const alternatives = [...(wordy.length ? [String.raw`\b(?:${wordy.join('|')})`] : []), ...signs];
  return new RegExp(String.raw`(?:${alternatives.join('|')})\s*$`, 'i');
}

/** After a figure: a word after a space or a comma ("or more", ", give or take"), a suffix ("-plus", "+"), or a parenthesis ("(est.)"). */
function afterPattern(words: string[]): RegExp {
  const alternatives = words.map((w) => {
    const e = escapeRegExp(w);
    if (/^\p{L}/u.test(w)) return String.raw`,?\s+${e}\b`;
    if (w.startsWith('(')) return String.raw`\s*${e}`;
    return /\p{L}$/u.test(w) ? String.raw`${e}\b` : e;
  });
  return new RegExp(`^(?:${alternatives.join('|')})`, 'i');
}

const BEFORE: [RegExp, Hedge][] = [...groups(LEXICON.hedgesBefore.entries)].map(([hedge, words]) => [beforePattern(words), hedge]);
const AFTER: [RegExp, Hedge][] = [...groups(LEXICON.hedgesAfter.entries)].map(([hedge, words]) => [afterPattern(words), hedge]);

/** The hedge for the figure at [start, end) of `text`, or the figure's own (range, "+") if none is written. */
export function hedgeAround(text: string, start: number, end: number, own: Hedge): Hedge {
  if (own !== 'exact') return own;
  const before = text.slice(Math.max(0, start - 24), start);
  for (const [re, hedge] of BEFORE) if (re.test(before)) return hedge;
  const after = text.slice(end, end + 16);
  for (const [re, hedge] of AFTER) if (re.test(after)) return hedge;
  return 'exact';
}
