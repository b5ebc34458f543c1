/**
 * A question and its answer: in an interview, an FAQ or a podcast's notes, the figure answering a
 * question says what the question asked about ("**DANA:** Over what period is that AWS spend?"
 * / "**PRIYA:** Ten years."). The question's words (a relation's, a qualifier's, a fact's own) hold
 * for the figures of the answer's first sentence, as a table's header holds for its cells.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { sentencesOf } from '../reading/layout';

/** A question's end: its mark, maybe inside closing emphasis or quotes ("…spend?**", "…spend?”"). */
const QUESTION_END = /\?[*_"'”’)\]]*\s*$/u;

/** A heading: a question there titles a whole section ("# Is it circular financing?"), which no one figure answers. */
const HEADING = /^ {0,3}#/u;

/** The keywords of the last sentence of `text` when it asks a question (sorted, each once); none otherwise. */
export function questionWords(text: string, kb: KnowledgeBase): readonly string[] {
  if (!text || !QUESTION_END.test(text) || HEADING.test(text)) return NONE;
  let memo = RECENT_QUESTIONS.get(kb);
  if (!memo) RECENT_QUESTIONS.set(kb, (memo = new Map()));
  let words = memo.get(text);
  if (!words) {
    if (memo.size >= RECENT_TEXTS) memo.clear();
    memo.set(text, (words = wordsOfLastSentence(text, kb)));
  }
  return words;
}

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

/**
 * Recent texts' question words, per knowledge base: an edit's block asks again about the
 * unchanged block before it.
 */
const RECENT_QUESTIONS = new WeakMap<KnowledgeBase, Map<string, readonly string[]>>();
/** How many texts' question words are remembered per knowledge base before the memory is cleared. */
const RECENT_TEXTS = 512;
