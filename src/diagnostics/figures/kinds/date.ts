/** Dates: 2024, '24, twenty twenty-four, Q3 2026, Q3 '25, H1 2026, April 2026, Apr. 15, 2026, the third quarter of 2026, late 2025. Compared as intervals of months. */
import { MONTH_NAMES as MONTHS, MONTH_PATTERN as MONTH_NAME, YEAR_PARTS, YEAR_PART_PATTERN } from '../../reading/lexicon';
import type { Figure, FigureKind } from '../figure';
import { allMatches } from '../../reading/all-matches';
import { parseNumberWords } from '../numbers';

const YEAR = String.raw`(?:1[89]\d\d|2[01]\d\d)`;
/** A year written short, this century's: "since '24", "Q3 ’25" (not "the '90s"). */
const SHORT_YEAR = String.raw`['’]\d\d(?!s\b)`;
const ANY_YEAR = `(?:${YEAR}|${SHORT_YEAR})`;

/** The number words one to nine: the last word of a spoken year ("twenty twenty-eight", "two thousand and five"). */
const DIGIT_WORD = 'one|two|three|four|five|six|seven|eight|nine';
/** The last part of a year said in words, 10 to 39: "(twenty) twenty-eight", "(twenty) ten"; years of other centuries are not said so in these drafts. */
const SPOKEN_YEAR_TAIL = String.raw`(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty)(?:[\s-](?:${DIGIT_WORD}))?)`;
/** A year said as in speech, 2001 to 2039: "twenty twenty-eight", "two thousand and five". */
const SPOKEN_YEAR = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:twenty[\s-](${SPOKEN_YEAR_TAIL})|two\s+thousand(?:\s+and)?\s+(${SPOKEN_YEAR_TAIL}|${DIGIT_WORD}))(?![\p{L}\p{N}-])`,
  'giu',
);

/** The year a year as written stands for. */
function yearOf(written: string): number {
  return /^['’]/.test(written) ? 2000 + Number(written.slice(1)) : Number(written);
}

const PATTERNS: { re: RegExp; read(m: RegExpExecArray): { lo: number; hi: number; precision: string } }[] = [
  {
    re: new RegExp(String.raw`(?<![\p{L}\p{N}])Q([1-4])\s?(${ANY_YEAR})(?![\p{L}\p{N}])`, 'gu'),
    read: (m) => ({ lo: yearOf(m[2]) * 12 + (+m[1] - 1) * 3, hi: yearOf(m[2]) * 12 + (+m[1] - 1) * 3 + 2, precision: 'quarter' }),
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}\p{N}])H([12])\s?(${ANY_YEAR})(?![\p{L}\p{N}])`, 'gu'),
    read: (m) => ({ lo: yearOf(m[2]) * 12 + (+m[1] - 1) * 6, hi: yearOf(m[2]) * 12 + (+m[1] - 1) * 6 + 5, precision: 'half' }),
  },
  {
    // A part of the year in words (the lexicon's yearParts): "third quarter of 2026", "mid-2025", "late 2025".
    re: new RegExp(String.raw`(?<![\p{L}\p{N}])(${YEAR_PART_PATTERN})(?:\s+of\s+|\s|-)(${YEAR})(?![\p{L}\p{N}])`, 'giu'),
    read: (m) => {
      const part = YEAR_PARTS.get(m[1].toLowerCase().replace(/[\s-]+/g, ' '))!;
      return { lo: +m[2] * 12 + part.from, hi: +m[2] * 12 + part.to, precision: 'part' };
    },
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}\p{N}])(${MONTH_NAME})\.?\s+(?:\d{1,2},?\s+)?(${YEAR})(?![\p{L}\p{N}])`, 'gu'),
    read: (m) => {
      const month = MONTHS.findIndex((name) => name.startsWith(m[1].toLowerCase().slice(0, 3)));
      return { lo: +m[2] * 12 + month, hi: +m[2] * 12 + month, precision: 'month' };
    },
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}\p{N}$.,/#-])(${YEAR})(?![\p{L}\p{N}%$]|[.,]\d|\s?(?:${'billion|million|trillion|bn|mn'})\b)`, 'gu'),
    read: (m) => ({ lo: +m[1] * 12, hi: +m[1] * 12 + 11, precision: 'year' }),
  },
  {
    re: SPOKEN_YEAR,
    read: (m) => {
      const year = 2000 + parseNumberWords(m[1] ?? m[2])!;
      return { lo: year * 12, hi: year * 12 + 11, precision: 'year' };
    },
  },
  {
    // After a space or an opening bracket only, so a closing quote before a number is no year.
    re: new RegExp(String.raw`(?<=^|[\s(])(${SHORT_YEAR})(?![\p{L}\p{N}%$]|[.,]\d)`, 'gu'),
    read: (m) => ({ lo: yearOf(m[1]) * 12, hi: yearOf(m[1]) * 12 + 11, precision: 'year' }),
  },
];

export function writeDate(lo: number, hi: number): string {
  const year = Math.floor(lo / 12);
  const width = hi - lo;
  const month = lo % 12;
  if (width === 0) return `${MONTHS[month][0].toUpperCase()}${MONTHS[month].slice(1)} ${year}`;
  if (width === 2 && month % 3 === 0) return `Q${month / 3 + 1} ${year}`;
  if (width === 5 && month % 6 === 0) return `H${month / 6 + 1} ${year}`;
  return String(year);
}

export const date: FigureKind = {
  id: 'date',
  type: 'date',
  priority: 6,
  mayContain: /1[89]\d\d|2[01]\d\d|['’]\d\d|twenty|two\s+thousand/i,
  find(text) {
    const out: Figure[] = [];
    for (const { re, read } of PATTERNS) {
      for (const m of allMatches(re, text)) {
        const { lo, hi, precision } = read(m);
        out.push({
          kind: 'date', type: 'date',
          start: m.index, end: m.index + m[0].length, text: m[0],
          value: { lo, hi }, hedge: 'exact', decimals: 0, factor: 1,
          style: { precision },
        });
      }
    }
    return out;
  },
  render(value) {
    return writeDate(value.lo, value.hi);
  },
};
