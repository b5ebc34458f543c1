/**
 * A question and its answer: in an interview, an FAQ or a podcast's notes, the figure answering a
 * question says what the question asked about ("**DANA:** Over what period is that AWS spend?"
 * / "**PRIYA:** Ten years."). The question's words (a relation's, a qualifier's, a fact's own) hold
 * for the figures of the answer's first sentence, as a table's header holds for its cells.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { sentencesOf } from '../reading/layout';
import { rememberedByText } from './recent-texts';

/** A question's end: its mark, maybe inside closing emphasis or quotes ("…spend?**", "…spend?”"). */
const QUESTION_END = /\?[*_"'”’)\]]*\s*$/u;

/** A heading: a question there titles a whole section ("# Is it circular financing?"), which no one figure answers. */
const HEADING = /^ {0,3}#/u;

/** The keywords of the last sentence of `text` when it asks a question (sorted, each once); none otherwise. */
export const questionWords: (text: string, kb: KnowledgeBase) => readonly string[] = rememberedByText((text, kb) =>
  !text || !QUESTION_END.test(text) || HEADING.test(text) ? NONE : wordsOfLastSentence(text, kb),
);

/** Closing emphasis, quotes or brackets at the end of a text, which would otherwise segment as a sentence of their own. */
const CLOSING_MARKS = /[*_"'”’)\]]*\s*$/u;

function wordsOfLastSentence(text: string, kb: KnowledgeBase): readonly string[] {
  const trimmed = text.replace(CLOSING_MARKS, '');
  const last = [...sentencesOf(trimmed, false)].at(-1);
  if (!last) return NONE;
  const words = [...new Set(kb.findKeywords(trimmed.slice(last.start, last.end)).map((k) => k.keyword))];
  return words.length ? words.sort() : NONE;
}

const NONE: readonly string[] = [];
