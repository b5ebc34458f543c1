/** Percentages: 40%, 40 percent, 30-50%, 30%–50%, ninety percent, 80%+. */
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, decimalsOf, parseNumber } from '../numbers';

const PERCENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})%?(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(\s?%|\s(?:percent|per cent)\b)(\+)?`,
  'giu',
);

export const percent: FigureKind = {
  id: 'percent',
  type: 'percent',
  priority: 1,
  mayContain: /%|percent|per cent/i,
  find(text) {
    return [...text.matchAll(PERCENT)].map((m): Figure => {
      const [whole, lo, sep, hi, sign, plus] = m;
      const a = parseNumber(lo)!;
      const b = hi !== undefined ? parseNumber(hi)! : a;
      return {
        kind: 'percent',
        type: 'percent',
        start: m.index,
        end: m.index + whole.length,
        text: whole,
        value: { lo: a, hi: b },
        hedge: plus ? 'more-than' : hi !== undefined ? 'range' : 'exact',
        decimals: decimalsOf(lo),
        factor: 1,
        style: { sign, sep: sep ?? '-' },
      };
    });
  },
  render(value, like) {
    return writeRange(value, (n) => formatNumber(n), like.style.sep) + like.style.sign;
  },
};
