/** Multiples: 4x, 4×, four times, 4-fold, 2-3x. */
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, decimalsOf, parseNumber } from '../numbers';
import { allMatches } from '../../reading/all-matches';

const MULTIPLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(\s?[x×](?![\p{L}\p{N}])|-fold\b|\s(?:times)\b)`,
  'giu',
);

export const multiple: FigureKind = {
  id: 'multiple',
  type: 'multiple',
  priority: 3,
  mayContain: /\d\s?[x×]|fold|times/i,
  find(text) {
    return allMatches(MULTIPLE, text).map((m): Figure => {
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
    });
  },
  render(value, like) {
    return writeRange(value, (n) => formatNumber(n), like.style.sep) + like.style.suffix;
  },
};
