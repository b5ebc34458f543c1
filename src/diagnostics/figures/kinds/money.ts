/** Dollar amounts: $25 billion, $25bn, $25B, US$25 billion, 25 billion dollars, $10-15 billion, twenty-five billion dollars, fifty billion to OpenAI, a dollar fifty. */
import { LEXICON, alternationOf } from '../../reading/lexicon';
import { BETWEEN_SEP, type Figure, type FigureKind, type Interval, formatNumber, replacementDecimals, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, SCALE_WORD, articleValue, decimalsOf, parseNumber, scaleFactor } from '../numbers';
import { allMatches } from '../../reading/all-matches';

/** The scale after a signed amount, after a space, nothing, or a hyphen ("$8-billion" is $8 billion, not $8). */
const SCALE_AFTER_SIGN = String.raw`(?:(\s?|-)(trillion|billion|million|thousand|tn|bn|mln|mn)|([bmkt]))(?![\p{L}\p{N}])`;
/** Cents: "75 cents", "80¢" (a price per million tokens is often said so). */
const CENTS = new RegExp(String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})(\s?)(cents?|¢)(?![\p{L}\p{N}])`, 'giu');
/**
 * Dollars and cents in words, as said aloud: "a dollar fifty per million tokens", "two dollars and
 * forty". The cents come before a rate, a punctuation mark or the end: in "two dollars forty
 * cartons" the dollars stand alone.
 */
const DOLLARS_AND_CENTS = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(an?|${NUMBER_WORDS})\s+dollars?\s+(?:and\s+)?(${NUMBER_WORDS})(?=\s*(?:[,.;:)!?]|—|–|$|(?:per|a|an|for|on)\s))`,
  'giu',
);
/** Dollars in a cent. */
const CENT = 0.01;
const SIGN_FIRST = new RegExp(
  // A letter right after the amount makes it no amount ("$1e308" is not $1).
  String.raw`(?<![\p{L}\p{N}$])(US\s?\$|USD\s?|\$)(${DIGITS})(?:(${RANGE_SEP})(?:US\s?\$|\$)?(${DIGITS}))?(\+)?(?:${SCALE_AFTER_SIGN})?(-plus|\+)?(?![\p{L}\p{N}])`,
  'giu',
);
/**
 * An article standing for one before a scale word and dollars: "at least a billion dollars". Not
 * the compound adjective: "a billion-dollar business" says large, not how large.
 */
const ARTICLE_BEFORE_SCALE = String.raw`an?(?=\s${SCALE_WORD}\s(?:US\s)?(?:dollars|USD)\b)`;
/** Dollars written last: "fifty billion dollars", "4 billion USD", "a billion dollars", and as a compound adjective, "a fifty-billion-dollar investment". */
const DOLLARS_LAST = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS}|${ARTICLE_BEFORE_SCALE})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(?:(\s|-)(${SCALE_WORD}))?((?:\s(?:US\s)?|-)(?:dollars?|USD))\b`,
  'giu',
);

/**
 * What may follow a bare "fifty billion" for it to be dollars: one of the lexicon's amount followers
 * ("fifty billion to OpenAI", "eight billion is upfront"), punctuation, or the end. A noun after it
 * counts something else ("a billion users", "1 trillion parameters").
 */
const AFTER_BARE_AMOUNT = String.raw`(?=\s*(?:[,.;:)!?]|—|–|$|(?:${alternationOf(LEXICON.amountFollowers)})(?![\p{L}\p{N}])))`;
/**
 * Billions and trillions said without a currency: in speech and shorthand about deals ("fifty
 * billion to OpenAI, twenty-five billion to Anthropic"), an amount that large with no noun after it
 * is dollars.
 */
const BARE_AMOUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,£€¥])(${DIGITS}|${NUMBER_WORDS})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(\s)(trillion|billion)(?!\s+(?:US\s)?(?:dollars?|USD)\b)${AFTER_BARE_AMOUNT}`,
  'giu',
);

function figureFrom(
  m: RegExpExecArray,
  text: string,
  parts: { prefix: string; lo: string; sep?: string; hi?: string; space: string; scale?: string; suffix: string; plus?: string },
): Figure {
  const factor = scaleFactor(parts.scale);
  // "a billion dollars": the article is one.
  const lo = articleValue(parts.lo) ?? parseNumber(parts.lo)!;
  const hi = parts.hi !== undefined ? parseNumber(parts.hi)! : lo;
  return {
    kind: 'money',
    type: 'money',
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    value: { lo: lo * factor, hi: hi * factor },
    hedge: parts.plus ? 'more-than' : parts.hi !== undefined ? 'range' : 'exact',
    decimals: decimalsOf(parts.lo),
    factor,
    style: {
      prefix: parts.prefix,
      sep: parts.sep ?? '-',
      space: parts.space,
      scale: parts.scale ?? '',
      suffix: parts.suffix,
      grouping: /,/.test(parts.lo) ? 'yes' : '',
    },
  };
}

/** The next smaller scale in the writer's own family of words ("billion" → "million", "bn" → "mn", "B" → "M"). */
const SMALLER: Record<string, [string, number]> = {
  trillion: ['billion', 1e9], billion: ['million', 1e6], million: ['thousand', 1e3],
  tn: ['bn', 1e9], bn: ['mn', 1e6], t: ['b', 1e9], b: ['m', 1e6], m: ['k', 1e3],
};

export const money: FigureKind = {
  id: 'money',
  type: 'money',
  priority: 0,
  mayContain: /\$|dollar|USD|cent|¢|billion|trillion/i,
  find(text) {
    const out: Figure[] = [];
    for (const m of allMatches(SIGN_FIRST, text)) {
      const [, prefix, lo, sep, hi, plusBeforeScale, space, wordScale, letterScale, plus] = m;
      out.push(
        figureFrom(m, text, {
          prefix, lo, sep, hi, space: space ?? '', scale: wordScale ?? letterScale, suffix: '', plus: plus ?? plusBeforeScale,
        }),
      );
    }
    for (const m of allMatches(DOLLARS_LAST, text)) {
      const [, lo, sep, hi, space, scale, suffix] = m;
      out.push(figureFrom(m, text, { prefix: '', lo, sep, hi, space: space ?? '', scale, suffix }));
    }
    for (const m of allMatches(BARE_AMOUNT, text)) {
      const [, lo, sep, hi, space, scale] = m;
      out.push(figureFrom(m, text, { prefix: '', lo, sep, hi, space, scale, suffix: '' }));
    }
    for (const m of allMatches(DOLLARS_AND_CENTS, text)) {
      const cents = parseNumber(m[2])!;
      if (cents >= 100) continue;
      const dollars = (/^an?$/i.test(m[1]) ? 1 : parseNumber(m[1])!) + cents * CENT;
      out.push({ ...figureFrom(m, text, { prefix: '$', lo: '0', space: '', suffix: '' }), value: { lo: dollars, hi: dollars }, decimals: 2 });
    }
    for (const m of allMatches(CENTS, text)) {
      const [, amount, space, word] = m;
      out.push({ ...figureFrom(m, text, { prefix: '', lo: amount, space: '', suffix: `${space}${word}` }), factor: CENT, value: { lo: parseNumber(amount)! * CENT, hi: parseNumber(amount)! * CENT } });
    }
    return out;
  },
  render(value: Interval, like: Figure) {
    // A dollar or more in the style of "75 cents" is written in dollars ("$1.50", not "150 cents").
    if (like.factor === CENT && value.lo >= 1) like = { ...like, factor: 1, decimals: 2, style: { ...like.style, prefix: '$', suffix: '' } };
    let { scale } = like.style;
    let factor = like.factor;
    const lower = SMALLER[scale.toLowerCase()];
    if (lower && value.lo / factor < 1) {
      scale = scale === scale.toUpperCase() ? lower[0].toUpperCase() : lower[0];
      factor = lower[1];
    }
    // A value too small for any scale word ("$0.80" in the style of "$8bn") is written in dollars.
    if (scale && value.lo / factor < 1) {
      scale = '';
      factor = 1;
    }
    const write = (n: number) =>
      formatNumber(n / factor, { decimals: replacementDecimals(n / factor, like), grouping: like.style.grouping === 'yes' });
    // "between $30 and $35 billion": the sign goes with each number.
    const between = like.style.sep === BETWEEN_SEP && value.lo !== value.hi;
    const amount = writeRange(value, between ? (n) => like.style.prefix + write(n) : write, like.style.sep);
    return `${between ? '' : like.style.prefix}${amount}${scale ? like.style.space + scale : ''}${like.style.suffix}`;
  },
};
