/** Reading numbers as writers type them: digits with separators, and number words. */
import { LEXICON, NUMBER_WORD_VALUES, alternationOf } from '../reading/lexicon';

export const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** Number words below twenty ("zero" … "nineteen"), and the tens ("twenty" … "ninety"), from the lexicon. */
const WORDS = [...NUMBER_WORD_VALUES];
const UNIT_WORD = `(?:${WORDS.filter(([, v]) => v < 20).map(([w]) => w).join('|')})`;
const TENS_WORD = `(?:${WORDS.filter(([, v]) => v >= 20 && v < 100).map(([w]) => w).join('|')})`;
const BELOW_HUNDRED = `(?:${TENS_WORD}(?:[-\\s]${UNIT_WORD})?|${UNIT_WORD})`;
/** "four", "twenty-five", "ninety", "a hundred", "one hundred and twenty", "three hundred fifty", "two and a half". */
export const NUMBER_WORDS = String.raw`(?:(?:(?:a|${UNIT_WORD})\s+hundred(?:\s+(?:and\s+)?${BELOW_HUNDRED})?|${BELOW_HUNDRED})(?:\s+and\s+a\s+half)?)`;

/**
 * Whether a text may hold a figure at all: a digit, a number word ("fifteen years"), an article
 * before a scale word ("a trillion parameters"), a fraction of the lexicon ("about a third of the
 * market") or a decade ("over a decade"). Text with none is not even parsed; every figure reader
 * needs one of these.
 */
export const MAY_HOLD_FIGURE = new RegExp(String.raw`\d|(?<![\p{L}])(?:${NUMBER_WORDS}|an?\s+(?:trillion|billion|million|thousand)|${alternationOf(LEXICON.fractions)}|decades?)(?![\p{L}])`, 'iu');

export function parseDigits(s: string): number {
  return Number(s.replace(/,/g, ''));
}

/** Decimal places as written ("1.50" has 2): how precisely the writer states the figure. */
export function decimalsOf(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** "two and a half": a half more than the number before it. */
const AND_A_HALF = /\s+and\s+a\s+half$/i;

export function parseNumberWords(s: string): number | undefined {
  if (AND_A_HALF.test(s)) {
    const whole = parseNumberWords(s.replace(AND_A_HALF, ''));
    return whole === undefined ? undefined : whole + 0.5;
  }
  const words = s.toLowerCase().split(/[-\s]+/).filter(Boolean);
  let total = 0;
  for (const w of words) {
    // "a hundred", "one hundred and twenty": the article and the "and" add nothing.
    if (w === 'a' || w === 'and') continue;
    const value = NUMBER_WORD_VALUES.get(w);
    if (value === undefined) return undefined;
    // "one hundred": a hundred multiplies what comes before it.
    total = value === 100 ? (total || 1) * 100 : total + value;
  }
  return words.length ? total : undefined;
}

/** "a trillion parameters", "half a trillion parameters": an article stands for one (or a half) before a scale word. */
export const ARTICLE_NUMBER = String.raw`(?:half\s+)?an?`;
/** What each spelling of ARTICLE_NUMBER stands for. */
const ARTICLE_VALUES: Readonly<Record<string, number>> = { a: 1, an: 1, 'half a': 0.5, 'half an': 0.5 };

/** What an article stands for ("a", "half a"), or undefined for any other number. */
export function articleValue(said: string): number | undefined {
  return ARTICLE_VALUES[said.toLowerCase().replace(/\s+/g, ' ')];
}

/** A number written either way. */
export function parseNumber(s: string): number | undefined {
  const t = s.trim();
  if (/^[\d,.]+$/.test(t)) return parseDigits(t);
  return parseNumberWords(t);
}

export const SCALE_WORDS: Readonly<Record<string, number>> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  mln: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  t: 1e12,
};

export const SCALE = String.raw`(?:trillion|billion|million|thousand|tn|bn|mln|mn|[bmkt])`;
export const SCALE_WORD = String.raw`(?:trillion|billion|million|thousand)`;

export function scaleFactor(word: string | undefined): number {
  if (!word) return 1;
  return SCALE_WORDS[word.toLowerCase()] ?? 1;
}

/** Range separators writers use between two numbers: "10-15", "35–40", "10 to 15". */
export const RANGE_SEP = String.raw`\s?(?:-|–|—|to)\s?`;
