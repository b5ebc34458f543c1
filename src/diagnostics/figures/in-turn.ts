/**
 * Two figures a range's spelling hides. A range runs upward and stands alone: "989 to 800 TFLOPS"
 * is two measures said in turn (the H100's and Trainium 2's), and "from 100,000 to 120,000
 * vehicles" is a change from one figure to another. Each becomes two figures, each in the unit
 * and scale said once for both, so a fix writes the unit out ("989 TFLOPS to 800 TFLOPS").
 */
import type { Figure } from './figure';
import { DIGITS, NUMBER_WORDS } from './numbers';

/** The first number of a range as written, its sign included ("$10", "100,000", "twenty"). */
const FIRST_NUMBER = new RegExp(String.raw`^(?:US\s?\$|USD\s?|\$)?(?:${DIGITS}|${NUMBER_WORDS})`, 'iu');

/** "from" right before a range makes it a change. */
const FROM_BEFORE = /(?<![\p{L}\p{N}])from\s+$/iu;

/** How far back "from" is looked for, in characters. */
const FROM_REACH = 8;

function isTwoFigures(text: string, f: Figure): boolean {
  if (f.hedge !== 'range' || !/^\s?to\s?$/i.test(f.style.sep ?? '')) return false;
  return f.value.lo > f.value.hi || FROM_BEFORE.test(text.slice(Math.max(0, f.start - FROM_REACH), f.start));
}

/** The two figures of a range that is none. */
function split(f: Figure): Figure[] {
  const first = FIRST_NUMBER.exec(f.text);
  const sepAt = first ? f.text.indexOf(f.style.sep, first[0].length) : -1;
  if (!first || sepAt < 0) return [f];
  const secondAt = sepAt + f.style.sep.length;
  const one = (lo: number, start: number, end: number): Figure => ({
    ...f, start: f.start + start, end: f.start + end, text: f.text.slice(start, end), value: { lo, hi: lo }, hedge: 'exact',
  });
  return [one(f.value.lo, 0, first[0].length), one(f.value.hi, secondAt, f.text.length)];
}

/** The figures with each range that is none split in two. */
export function splitInTurn(text: string, figures: Figure[]): Figure[] {
  return figures.flatMap((f) => (isTwoFigures(text, f) ? split(f) : [f]));
}
