/**
 * A long text's stretches: the runs of sentences between sure sentence breaks. At a sure break (a
 * full stop, question or exclamation mark, maybe closing quotes or brackets, then spaces or tabs,
 * then a capital) the sentence segmenter always breaks, whatever comes before or after, and no
 * reader's pattern runs across it: so a text reader gives for the whole text what it gives for
 * each stretch, moved to the stretch's place (see matching/text-readers). A soft line break ends
 * a sentence too, but a series or a name may go on after it: it is no sure break.
 */
import { STOP_BEFORE_SPACE } from '../../knowledge/knowledge-base';
import { allMatches } from './all-matches';
import { CORRECTION_OPENING, isFigureLabel } from './layout';
import { keepsDot } from './names';

/**
 * A sure break, up to the capital after it. The segmenter (Unicode's sentence rules) breaks after
 * the spaces that follow a full stop or a question or exclamation mark and closing punctuation,
 * unless a lowercase letter comes first; a capital comes first here.
 */
const SURE_BREAK = /[.?!]['"’”)\]]*[ \t]+(?=\p{Lu})/gu;

/**
 * Where the text's stretches start: at 0 and after each sure break. A correction opening a
 * sentence ("The right figure is $20 billion") is read with the sentence before (layout.ts), and
 * a figure's label opening the text ("$58 billion.") with the sentence after: neither is a break;
 * nor is a full stop an initial or an abbreviation keeps ("S. Park", "U.S. Steel"), which a name
 * goes on past.
 * Nor is a break inside a phrase a reader looks for: `heads` are the ends of such phrases' words
 * before their break, in lowercase ("op." of "op. income"), and a break after one is none.
 */
export function stretchStarts(text: string, heads: readonly string[] = []): number[] {
  const out = [0];
  const reach = Math.max(0, ...heads.map((h) => h.length));
  for (const m of allMatches(SURE_BREAK, text)) {
    const at = m.index + m[0].length;
    if (CORRECTION_OPENING.test(text.slice(at)) || (text[m.index] === '.' && keepsDot(text, m.index))) continue;
    const before = reach ? text.slice(Math.max(0, at - m[0].length - reach), at).trimEnd().toLowerCase() : '';
    if (!heads.some((h) => before.endsWith(h))) out.push(at);
  }
  if (out.length > 1 && isFigureLabel(text.slice(0, out[1]))) out.splice(1, 1);
  return out;
}

/** A break inside a written phrase: what ends its word before the break (see breakHeads); the knowledge base keeps the names that have one. */
const BREAK_INSIDE = new RegExp(STOP_BEFORE_SPACE.source, 'gu');

/** The ends of the words before each sure break a phrase may hold, in lowercase: "op." of "op. income", "u.s." of "U.S. Steel". */
export function breakHeads(phrases: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const p of phrases)
    for (const m of allMatches(BREAK_INSIDE, p)) {
      const end = m.index + m[0].length;
      out.add(p.slice(p.slice(0, end).search(/\S*$/u), end).toLowerCase());
    }
  return [...out];
}
