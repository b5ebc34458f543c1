/** Multiples: 4x, 4×, four times, 4-fold, 2-3x, triple the performance. */
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, decimalsOf, parseNumber } from '../numbers';
import { allMatches } from '../../reading/all-matches';
import { LEXICON, alternationOf } from '../../reading/lexicon';

/** The multiple words that say a multiple before "as" too ("twice as fast"), as `alternationOf` gives a list. */
const BEFORE_AS = { entries: Object.fromEntries(Object.entries(LEXICON.multipleWords.entries).filter(([, e]) => e.beforeAs)) };
/**
 * A word that is a multiple by itself (lexicon multipleWords), before what it multiplies: "triple
 * the performance", "twice as fast". Only those marked beforeAs before "as": a chip that can "double
 * as" an inference part is no multiple.
 */
const MULTIPLE_WORD = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:(${alternationOf(LEXICON.multipleWords)})(?=\s+(?:the|that)\b)|(${alternationOf(BEFORE_AS)})(?=\s+as\b))`,
  'giu',
);

const MULTIPLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(\s?[x×](?![\p{L}\p{N}])|-fold\b|\s(?:times)\b)`,
  'giu',
);

export const multiple: FigureKind = {
  id: 'multiple',
  type: 'multiple',
  priority: 3,
  mayContain: new RegExp(String.raw`\d\s?[x×]|fold|times|${alternationOf(LEXICON.multipleWords)}`, 'i'),
  find(text) {
    const words = allMatches(MULTIPLE_WORD, text).map((m): Figure => {
      const word = m[1] ?? m[2];
      const n = LEXICON.multipleWords.entries[word.toLowerCase()].value;
      // A fix writes the figure in digits: "triple" becomes "4x".
      return { kind: 'multiple', type: 'multiple', start: m.index, end: m.index + m[0].length, text: m[0], value: { lo: n, hi: n }, hedge: 'exact', decimals: 0, factor: 1, style: { suffix: 'x', sep: '-' } };
    });
    return words.concat(allMatches(MULTIPLE, text).map((m): Figure => {
      const [whole, lo, sep, hi, suffix] = m;
      const a = parseNumber(lo)!;
      const b = hi !== undefined ? parseNumber(hi)! : a;
      return {
        kind: 'multiple',
        type: 'multiple',
        start: m.index,
        end: m.index + whole.length,
        text: whole,
        value: { lo: a, hi: b },
        hedge: hi !== undefined ? 'range' : 'exact',
        decimals: decimalsOf(lo),
        factor: 1,
        style: { suffix, sep: sep ?? '-' },
      };
    }));
  },
  render(value, like) {
    return writeRange(value, (n) => formatNumber(n), like.style.sep) + like.style.suffix;
  },
};
