/** Percentages: 40%, 40 percent, 30-50%, 30%–50%, ninety percent, 80%+, a third of, three-quarters of. */
import { LEXICON, alternationOf, escapeRegExp, wordsOf } from '../../reading/lexicon';
import { type Figure, type FigureKind, formatNumber, writeRange } from '../figure';
import { DIGITS, NUMBER_WORDS, RANGE_SEP, decimalsOf, parseNumber } from '../numbers';
import { allMatches } from '../../reading/all-matches';

const FRACTION_WORDS = wordsOf(LEXICON.fractions).sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
/** Hedges a cue may stand before: "by about a third". */
const HEDGE_WORDS = wordsOf(LEXICON.hedgesBefore).map(escapeRegExp).join('|');
/**
 * A fraction of something ("a third of the cloud market"), from the lexicon, longest spelling
 * first; "a quarter of 2025" is a date's. Or a change by a fraction, which its cue words say: "cut
 * by about a third", "a third cheaper"; but not a term the fraction makes with the word after it
 * ("at half precision": lexicon fractionTerms).
 */
const FRACTION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${FRACTION_WORDS})(?:(?=\s+of\b)(?!\s+of\s+(?:19|20)\d\d)|(?=\s+(?:${alternationOf(LEXICON.fractionCuesAfter)})(?![\p{L}\p{N}]))|(?<=(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.fractionCuesBefore)})\s+(?:(?:${HEDGE_WORDS})\s+)?(?:${FRACTION_WORDS}))(?![\p{L}\p{N}'’-])(?!\s+(?:${alternationOf(LEXICON.fractionTerms)})(?![\p{L}\p{N}])))`,
  'giu',
);

/** A fraction read as a percentage: about that much ("a third" is 31.7–35%), written back as a percentage. */
function fractionFrom(m: RegExpExecArray): Figure {
  const value = LEXICON.fractions.entries[m[1].toLowerCase()].value;
  return {
    kind: 'percent', type: 'percent', start: m.index, end: m.index + m[0].length, text: m[0],
    value: { lo: value, hi: value }, hedge: 'about', decimals: 0, factor: 1, style: { sign: '%', sep: '-' },
  };
}

/** A sign right before a percentage that makes it a change: plus, minus, and the hyphen and en dash writers use for minus. */
const CHANGE_SIGN = /^[+−–-]$/u;

const PERCENT = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(${DIGITS}|${NUMBER_WORDS})%?(?:(${RANGE_SEP})(${DIGITS}|${NUMBER_WORDS}))?(\s?%|\s(?:percent|per cent)\b)(\+)?`,
  'giu',
);

export const percent: FigureKind = {
  id: 'percent',
  type: 'percent',
  priority: 1,
  mayContain: /%|percent|per cent|half|third|quarter|fifth|tenth/i,
  find(text) {
    const fractions = allMatches(FRACTION, text).map(fractionFrom);
    return [...fractions, ...allMatches(PERCENT, text).map((m): Figure => {
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
        // "+35%", "(−5%)": a change, which a relation of changes (growth) takes as its word.
        style: { sign, sep: sep ?? '-', ...(CHANGE_SIGN.test(text.slice(Math.max(0, m.index - 1), m.index)) ? { change: text[m.index - 1] } : {}) },
      };
    })];
  },
  render(value, like) {
    return writeRange(value, (n) => formatNumber(n), like.style.sep) + like.style.sign;
  },
};
