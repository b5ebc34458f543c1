/** Counts of named things: 1,200 stars, 1 trillion+ parameters, 2-3 clouds, 100,000 GPUs. */
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, SCALE_WORD, decimalsOf, parseNumber, scaleFactor } from '../numbers';

/** What writers count in this domain. The unit a fact is compared in is the plural, lowercased. */
const UNITS = ['stars', 'parameters', 'params', 'GPUs', 'chips', 'accelerators', 'clouds', 'regions', 'data centers', 'customers', 'employees', 'users', 'developers', 'startups', 'models'];
const UNIT_ALIASES: Record<string, string> = { params: 'parameters', star: 'stars', parameter: 'parameters', gpu: 'gpus', chip: 'chips', cloud: 'clouds', region: 'regions' };
/** Each unit, singular or plural. */
const UNIT_WORDS = UNITS.map((u) => u.replace(/s$/, 's?')).join('|');

const COUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(?:(\s)(${SCALE_WORD}))?(\+)?\s(?:(?:GitHub|more|other|active|AI|major|H100-equivalent|Nvidia|NVIDIA)\s)?(${UNIT_WORDS})(?![\p{L}\p{N}])`,
  'giu',
);

const UNIT_IN_HEADER = new RegExp(String.raw`(?<![\p{L}])(${UNIT_WORDS})(?![\p{L}])`, 'iu');

/** The counted thing a table header names ("| GitHub stars |"), as a count's unit. */
export function countUnitIn(header: string): string | undefined {
  const m = UNIT_IN_HEADER.exec(header);
  return m ? countUnit(m[1]) : undefined;
}

export function countUnit(word: string): string {
  const w = word.toLowerCase();
  return UNIT_ALIASES[w] ?? (w.endsWith('s') ? w : `${w}s`);
}

export const count: FigureKind = {
  id: 'count',
  type: 'count',
  priority: 5,
  mayContain: new RegExp(UNITS.map((u) => u.replace(/s$/, '')).join('|'), 'i'),
  find(text) {
    // "14 cloud and chip names" counts names: a singular noun after a plural number describes
    // what follows it ("1 trillion parameter models" still counts parameters).
    const describes = (m: RegExpMatchArray) => {
      const unitWord = m[7].toLowerCase();
      return UNIT_ALIASES[unitWord] !== undefined && !unitWord.endsWith('s') && unitWord !== 'parameter' && !/^(?:1|one|a)$/i.test(m[1]);
    };
    return [...text.matchAll(COUNT)].filter((m) => !describes(m)).map((m): Figure => {
      const [, lo, sep, hi, space, scale, plus, unitWord] = m;
      const factor = scaleFactor(scale);
      const a = parseNumber(lo)! * factor;
      const b = hi !== undefined ? parseNumber(hi)! * factor : a;
      // The figure is the number (and its scale); the counted noun stays the writer's.
      const numberLength = lo.length + (hi !== undefined ? sep.length + hi.length : 0) + (scale ? space.length + scale.length : 0) + (plus ? plus.length : 0);
      const numberText = m[0].slice(0, numberLength);
      return {
        kind: 'count', type: 'count', unit: countUnit(unitWord),
        start: m.index, end: m.index + numberText.length, text: numberText,
        value: { lo: a, hi: b },
        hedge: plus ? 'more-than' : hi !== undefined ? 'range' : 'exact',
        decimals: decimalsOf(lo), factor,
        style: { space: space ?? '', scale: scale ?? '', sep: sep ?? '-', plus: plus ?? '', grouping: /,/.test(lo) ? 'yes' : '' },
      };
    });
  },
  render(value, like) {
    const write = (n: number) => formatNumber(n / like.factor, { grouping: like.style.grouping === 'yes' || (like.factor === 1 && n >= 10000) });
    const scale = like.style.scale ? like.style.space + like.style.scale : '';
    return `${writeRange(value, write, like.style.sep)}${scale}${like.style.plus}`;
  },
};
