/**
 * Counts of named things: 1,200 stars, 1 trillion+ parameters, 2-3 clouds, 100,000 GPUs. What is
 * counted comes from the knowledge base's count units (see ../units.ts): a kind is made per set
 * of units, and renders in the writer's style whatever the units.
 */
import { LEXICON, alternationOf } from '../../reading/lexicon';
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, SCALE_WORD, decimalsOf, parseNumber, scaleFactor } from '../numbers';
import type { SpellingTable } from './spellings';

/** Writes a count in the style of `like`: grouping, scale word and "+" as the writer wrote them. */
function render(value: Figure['value'], like: Figure): string {
  const write = (n: number) => formatNumber(n / like.factor, { grouping: like.style.grouping === 'yes' || (like.factor === 1 && n >= 10000) });
  const scale = like.style.scale ? like.style.space + like.style.scale : '';
  return `${writeRange(value, write, like.style.sep)}${scale}${like.style.plus}`;
}

/** The count kind for renderings only, when no knowledge base is at hand. */
export const count: FigureKind = { id: 'count', type: 'count', priority: 5, mayContain: /(?!)/, find: () => [], render };

/** The count kind for a knowledge base's count units. */
export function countKind(units: SpellingTable): FigureKind {
  if (!units.pattern) return count;
  const COUNT = new RegExp(
    String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(?:(\s)(${SCALE_WORD}))?(\+)?\s(?:(?:${alternationOf(LEXICON.countModifiers)})\s)?(${units.pattern})(?![\p{L}\p{N}])`,
    'giu',
  );
  // "14 cloud and chip names" counts names: a singular noun after a number other than one describes
  // what follows it; with a scale word it still counts ("1 trillion parameter models").
  const describes = (m: RegExpMatchArray) => units.isSingular(m[7]) && !m[5] && !/^(?:1|one|a)$/i.test(m[1]);
  return {
    id: 'count',
    type: 'count',
    priority: 5,
    mayContain: units.mayContain,
    find(text) {
      return [...text.matchAll(COUNT)].filter((m) => !describes(m) && units.unitOf(m[7])).map((m): Figure => {
        const [, lo, sep, hi, space, scale, plus, unitWord] = m;
        const factor = scaleFactor(scale);
        const a = parseNumber(lo)! * factor;
        const b = hi !== undefined ? parseNumber(hi)! * factor : a;
        // The figure is the number (and its scale); the counted noun stays the writer's.
        const numberLength = lo.length + (hi !== undefined ? sep.length + hi.length : 0) + (scale ? space.length + scale.length : 0) + (plus ? plus.length : 0);
        return {
          kind: 'count', type: 'count', unit: units.unitOf(unitWord),
          start: m.index, end: m.index + numberLength, text: m[0].slice(0, numberLength),
          value: { lo: a, hi: b },
          hedge: plus ? 'more-than' : hi !== undefined ? 'range' : 'exact',
          decimals: decimalsOf(lo), factor,
          style: { space: space ?? '', scale: scale ?? '', sep: sep ?? '-', plus: plus ?? '', grouping: /,/.test(lo) ? 'yes' : '' },
        };
      });
    },
    render,
  };
}
