/** Durations: 10 years, 18 months, 18-month, a decade, decade-long, a year and a half. Compared in months. */
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { LEXICON, MONTHS_PER_DURATION_UNIT, alternationOf } from '../../reading/lexicon';
import { SHORT_DURATION } from '../../../knowledge/values';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, decimalsOf, parseNumber } from '../numbers';
import { allMatches } from '../../reading/all-matches';

const MONTHS_PER = MONTHS_PER_DURATION_UNIT;
/** "a decade" is read as a phrase of its own (DECADE); the other units are counted: "18 months". */
const COUNTED_UNITS = Object.keys(MONTHS_PER).filter((u) => u !== 'decade');

const COUNTED = new RegExp(
  // A hyphen joins only a singular unit ("an 18-month window"): "three-quarters" is a fraction.
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(?:(-)(${COUNTED_UNITS.join('|')})|(\s)(${COUNTED_UNITS.map((u) => `${u}s?`).join('|')}))(?![\p{L}\p{N}])`,
  'giu',
);
/** "a year and a half": one unit and half another, in speech for 18 months. */
const AND_A_HALF = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:an?|one)\s+(${Object.keys(MONTHS_PER).join('|')})\s+and\s+a\s+half(?![\p{L}\p{N}])`, 'giu');
/**
 * "within a year", "in under a quarter": an article counting one unit, only after a word that
 * bounds a span (the lexicon's spanBounds), since "35% a year" is a rate.
 */
const A_UNIT = new RegExp(String.raw`(?<=(?<![\p{L}])(?:${alternationOf(LEXICON.spanBounds)})\s+)an?\s+(year|month|quarter|week)(?![\p{L}\p{N}-])`, 'giu');
const DECADE = /(?<![\p{L}\p{N}])(?:decade-long|(?:a|one|half a|the next|the coming|the following)\s+decade(?!-)(?:\s+and\s+a\s+half)?)(?![\p{L}\p{N}])/giu;

function unitOf(word: string): string {
  return word.toLowerCase().replace(/s$/, '');
}

/** A duration said in words of its unit (`m[1]`: "a year and a half", "within a year"): `count` of the unit. */
function unitsInWords(m: RegExpExecArray, count: number, decimals: number): Figure {
  const per = MONTHS_PER[m[1].toLowerCase()];
  return {
    kind: 'duration', type: 'duration', unit: per < SHORT_DURATION.belowMonths ? SHORT_DURATION.unit : 'months',
    start: m.index, end: m.index + m[0].length, text: m[0],
    value: { lo: count * per, hi: count * per }, hedge: 'exact', decimals, factor: per,
    style: { joiner: ' ', unit: `${m[1]}s`, sep: '-' },
  };
}

export const duration: FigureKind = {
  id: 'duration',
  type: 'duration',
  priority: 4,
  mayContain: new RegExp(Object.keys(MONTHS_PER).join('|'), 'i'),
  find(text) {
    const out: Figure[] = [];
    for (const m of allMatches(COUNTED, text)) {
      const [whole, lo, sep, hi, hyphen, hyphenUnit, space, spaceUnit] = m;
      const joiner = hyphen ?? space;
      const unitWord = hyphenUnit ?? spaceUnit;
      const per = MONTHS_PER[unitOf(unitWord)];
      const a = parseNumber(lo)!;
      const b = hi !== undefined ? parseNumber(hi)! : a;
      out.push({
        kind: 'duration', type: 'duration', unit: per < SHORT_DURATION.belowMonths ? SHORT_DURATION.unit : 'months',
        start: m.index, end: m.index + whole.length, text: whole,
        value: { lo: a * per, hi: b * per },
        hedge: hi !== undefined ? 'range' : 'exact',
        decimals: decimalsOf(lo), factor: per,
        style: { joiner, unit: unitWord, sep: sep ?? '-' },
      });
    }
    for (const m of allMatches(AND_A_HALF, text)) out.push(unitsInWords(m, 1.5, 1));
    for (const m of allMatches(A_UNIT, text)) out.push(unitsInWords(m, 1, 0));
    for (const m of allMatches(DECADE, text)) {
      const said = m[0].toLowerCase();
      const months = said.startsWith('half') ? 60 : said.endsWith('and a half') ? 180 : 120;
      out.push({
        kind: 'duration', type: 'duration', unit: 'months',
        start: m.index, end: m.index + m[0].length, text: m[0],
        value: { lo: months, hi: months }, hedge: 'exact', decimals: 0, factor: 12,
        style: { joiner: ' ', unit: 'years', sep: '-' },
      });
    }
    return out;
  },
  render(value, like) {
    let per = like.factor;
    let unit = like.style.unit;
    if (!Number.isInteger(Math.round((value.lo / per) * 100) / 100)) {
      per = 1;
      unit = like.style.joiner === '-' ? 'month' : 'months';
    }
    const n = writeRange(value, (v) => formatNumber(v / per), like.style.sep);
    const singular = like.style.joiner === '-' || (value.lo === value.hi && value.lo === per);
    return `${n}${like.style.joiner}${singular ? unit.replace(/s$/, '') : unit.replace(/s?$/, 's')}`;
  },
};
