/** Chip and service specs with units: 800 TFLOPS, 45 ms, 2.1 TFLOPS/W, 3.4 TFLOPS per watt. */
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, RANGE_SEP, decimalsOf, parseNumber } from '../numbers';

/** Written unit → the unit facts are stated in. Longest first so "TFLOPS/W" wins over "TFLOPS". */
const UNITS: [RegExp, string][] = [
  [/^(?:TFLOPS\s?\/\s?W|TFLOPS per watt|teraflops per watt)$/i, 'TFLOPS/W'],
  [/^(?:TFLOPS|teraflops)$/i, 'TFLOPS'],
  [/^PFLOPS|petaflops$/i, 'PFLOPS'],
  [/^(?:ms|milliseconds?)$/i, 'ms'],
  [/^(?:tokens\/s|tokens per second)$/i, 'tokens/s'],
  [/^GB$/, 'GB'],
];
const UNIT_WORDS = String.raw`TFLOPS\s?\/\s?W|TFLOPS per watt|teraflops per watt|TFLOPS|teraflops|PFLOPS|petaflops|milliseconds?|ms|tokens\/s|tokens per second|GB`;

const SPEC = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS})(?:(${RANGE_SEP})(${DIGITS}))?(\s?)(${UNIT_WORDS})(?![\p{L}\p{N}])`,
  'giu',
);

export function specUnit(written: string): string | undefined {
  return UNITS.find(([re]) => re.test(written))?.[1];
}

export const spec: FigureKind = {
  id: 'spec',
  type: 'spec',
  priority: 2,
  mayContain: /flops|ms\b|millisecond|tokens|GB/i,
  find(text) {
    const out: Figure[] = [];
    for (const m of text.matchAll(SPEC)) {
      const [whole, lo, sep, hi, space, unitWord] = m;
      const unit = specUnit(unitWord);
      if (!unit) continue;
      const a = parseNumber(lo)!;
      out.push({
        kind: 'spec', type: 'spec', unit,
        start: m.index, end: m.index + whole.length, text: whole,
        value: { lo: a, hi: hi !== undefined ? parseNumber(hi)! : a },
        hedge: hi !== undefined ? 'range' : 'exact',
        decimals: decimalsOf(lo), factor: 1,
        style: { space, unit: unitWord, sep: sep ?? '-' },
      });
    }
    return out;
  },
  render(value, like) {
    const n = writeRange(value, (v) => formatNumber(v), like.style.sep);
    return like.style.unit ? `${n}${like.style.space}${like.style.unit}` : n;
  },
};
