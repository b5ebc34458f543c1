/**
 * Which of the knowledge base's keywords found in a text the text says as themselves: not the
 * "up" of a hedge ("up to $25 billion"), nor a word a number word is hyphened to ("three-quarters").
 */
import { NUMBER_WORDS } from '../figures/numbers';

/** "up to $25 billion" is a hedge: its "up" is not the growth word of "revenue up 35%". */
const HEDGE_UP_TO = /^up\s+to\b/i;
/** How far after "up" its "to" is looked for: "up", spaces and "to". */
const HEDGE_UP_TO_REACH = 12;
/** A word a number word is hyphened to is a fraction's ("three-quarters", "two-thirds"), not a period or measure said. */
const AFTER_NUMBER_HYPHEN = new RegExp(String.raw`(?<![\p{L}\p{N}])${NUMBER_WORDS}-$`, 'iu');
/** How far back a number word and its hyphen may start before a keyword ("seventy-five-"). */
const NUMBER_HYPHEN_REACH = 24;

/** A keyword the text says as itself, not as part of a hedge or a fraction. */
export function saysKeyword(text: string, k: { keyword: string; start: number }): boolean {
  if (k.keyword === 'up' && HEDGE_UP_TO.test(text.slice(k.start, k.start + HEDGE_UP_TO_REACH))) return false;
  return !(text[k.start - 1] === '-' && AFTER_NUMBER_HYPHEN.test(text.slice(Math.max(0, k.start - NUMBER_HYPHEN_REACH), k.start)));
}
