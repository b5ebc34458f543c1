/**
 * Counts of named things: 1,200 stars, 1 trillion+ parameters, 2-3 clouds, 100,000 GPUs. What is
 * counted comes from the knowledge base's count units (see ../units.ts): a kind is made per set
 * of units, and renders in the writer's style whatever the units.
 */
import { LEXICON, alternationOf } from '../../reading/lexicon';
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { ARTICLE_NUMBER, DIGITS, NUMBER_WORDS, RANGE_SEP, SCALE_WORD, articleValue, decimalsOf, parseNumber, scaleFactor } from '../numbers';
import type { SpellingTable } from './spellings';
import { allMatches } from '../../reading/all-matches';

/** Writes a count in the style of `like`: grouping, scale word and "+" as the writer wrote them. */
function render(value: Figure['value'], like: Figure): string {
  const write = (n: number) => formatNumber(n / like.factor, { grouping: like.style.grouping === 'yes' || (like.factor === 1 && n >= 10000) });
  const scale = like.style.scale ? like.style.space + like.style.scale : '';
  return `${writeRange(value, write, like.style.sep)}${scale}${like.style.plus}`;
}

/** The count kind for renderings only, when no knowledge base is at hand. */
export const count: FigureKind = { id: 'count', type: 'count', priority: 5, mayContain: /(?!)/, find: () => [], render };

/** "1 trillion+", "a trillion-plus", "a trillion or more" before the counted noun: at least that many. */
const MORE_AFTER = String.raw`\+|-plus|\s+or\s+more`;
/** A scale letter right after digits ("1T+ params", "100K GPUs"); with a space it would be a word of its own. */
const SCALE_LETTER = String.raw`(?<=\d)[tbmk](?=[+\s])`;

/** A count's number as written: digits, number words, or an article before a scale word. */
function numberOf(said: string): number | undefined {
  return articleValue(said) ?? parseNumber(said);
}

/** A word that may describe what is counted: "1,600 plant jobs", "12,500 diesel trucks", "3 other clouds". */
const ANY_WORD = String.raw`\p{L}[\p{L}-]*`;
/** Words that tie a number to what follows rather than describe the thing counted ("in 2025 the trucks"). */
const FUNCTION_WORDS = new Set([
  ...Object.keys(LEXICON.prepositionDeterminers.entries), ...Object.keys(LEXICON.figurePrepositions.entries), ...Object.keys(LEXICON.joiners.entries),
]);
const YEAR_LIKE = /^(?:19|20|21)\d\d$/;

/**
 * Whether a word the lexicon does not list, between the number and the counted noun, describes
 * that noun: a lowercase word that is no function word, after a number in digits that is no year
 * ("in 2025 electric trucks sold…" counts nothing; "one massive cloud" is prose, not a count).
 */
function modifies(word: string | undefined, number: string): boolean {
  if (word === undefined) return false;
  return /^\p{Ll}/u.test(word) && !FUNCTION_WORDS.has(word) && /^\d/.test(number) && !YEAR_LIKE.test(number);
}

/** "one cloud": the word one, with no range or scale after it. */
function isLoneOne(m: RegExpMatchArray): boolean {
  return /^one$/i.test(m[1]) && m[3] === undefined && !m[5];
}

/** The count kind for a knowledge base's count units. */
export function countKind(units: SpellingTable): FigureKind {
  if (!units.pattern) return count;
  const pattern = (modifier: string) =>
    new RegExp(
      String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS}|${ARTICLE_NUMBER})(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(?:(\s|)(${SCALE_WORD}|${SCALE_LETTER}))?(${MORE_AFTER})?\s(?:(${modifier})\s)?(${units.pattern})(?![\p{L}\p{N}])`,
      'giu',
    );
  const LISTED = pattern(alternationOf(LEXICON.countModifiers));
  const DESCRIBED = pattern(ANY_WORD);
  // "14 cloud and chip names" counts names: a singular noun after a number other than one describes
  // what follows it; with a scale word it still counts ("1 trillion parameter models").
  const describes = (m: RegExpMatchArray) => units.isSingular(m[8]) && !m[5] && !/^(?:1|one|a)$/i.test(m[1]);
  return {
    id: 'count',
    type: 'count',
    priority: 5,
    mayContain: units.mayContain,
    find(text) {
      const listed = allMatches(LISTED, text);
      // A word the lexicon does not list, read only where the listed spellings read nothing ("1,600 plant jobs").
      const described = allMatches(DESCRIBED, text).filter((m) => modifies(m[7], m[1]) && !listed.some((l) => l.index === m.index));
      // An article counts only before a scale word: "a parameter" is no count; nor does "one" alone,
      // a determiner more often than a measure ("stay on one cloud", "two labs, one cloud").
      const counted = (m: RegExpMatchArray) => !describes(m) && !!units.unitOf(m[8]) && (!!m[5] || (articleValue(m[1]) === undefined && !isLoneOne(m)));
      return [...listed, ...described].filter(counted).map((m): Figure => {
        const [, lo, sep, hi, space, scale, plus, , unitWord] = m;
        const factor = scaleFactor(scale);
        const a = numberOf(lo)! * factor;
        const b = hi !== undefined ? numberOf(hi)! * factor : a;
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
