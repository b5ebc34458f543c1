/**
 * Measurements with units: 800 TFLOPS, 45 ms, 2.1 TFLOPS/W, 3.4 TFLOPS per watt, 30 GWh. The units
 * come from the knowledge base's spec units (see ../units.ts): a kind is made per set of units.
 */
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, decimalsOf, parseNumber } from '../numbers';
import type { SpellingTable } from './spellings';
import { allMatches } from '../../reading/all-matches';

function render(value: Figure['value'], like: Figure): string {
  // Thousands grouped as the writer grouped them ("1,000,000 miles" → "750,000 miles"), and always from 10,000 on.
  const n = writeRange(value, (v) => formatNumber(v, { grouping: like.style.grouping === 'yes' || v >= 10000 }), like.style.sep);
  return like.style.unit ? `${n}${like.style.space}${like.style.unit}` : n;
}

/** The spec kind for renderings only, when no knowledge base is at hand. */
export const spec: FigureKind = { id: 'spec', type: 'spec', priority: 2, mayContain: /(?!)/, find: () => [], render };

/** The spec kind for a knowledge base's spec units. */
export function specKind(units: SpellingTable): FigureKind {
  if (!units.pattern) return spec;
  // Number words need a space before the unit ("eight hundred teraflops"); digits may go without ("45ms").
  const SPEC = new RegExp(String.raw`(?<![\p{L}\p{N}$.,])(?:(${DIGITS})(?:(${RANGE_SEP})(${DIGITS}))?(\s?)|(${NUMBER_WORDS})(\s))(${units.pattern})(?![\p{L}\p{N}])`, 'giu');
  return {
    id: 'spec',
    type: 'spec',
    priority: 2,
    mayContain: units.mayContain,
    find(text) {
      const out: Figure[] = [];
      for (const m of allMatches(SPEC, text)) {
        const [whole, digits, sep, hi, digitSpace, words, wordSpace, unitWord] = m;
        const lo = digits ?? words;
        const space = digitSpace ?? wordSpace;
        const unit = units.unitOf(unitWord);
        if (!unit) continue;
        const a = parseNumber(lo)!;
        out.push({
          kind: 'spec', type: 'spec', unit,
          start: m.index, end: m.index + whole.length, text: whole,
          value: { lo: a, hi: hi !== undefined ? parseNumber(hi)! : a },
          hedge: hi !== undefined ? 'range' : 'exact',
          decimals: decimalsOf(lo), factor: 1,
          style: { space, unit: unitWord, sep: sep ?? '-', grouping: /,/.test(lo) ? 'yes' : '' },
        });
      }
      return out;
    },
    render,
  };
}
