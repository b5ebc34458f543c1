/**
 * The measure a paragraph ended on, for the paragraph or list item after it that goes on with
 * other parties' figures of the same kind: after "AWS leads the overall cloud market with a 33%
 * share.", "Azure follows at 24%, with Google Cloud at 15%" gives shares too, as a figure after
 * another in one sentence would (matching/evidence.ts ellipsisWeight).
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { findFigures } from '../figures/find-figures';
import { unitReaderFor } from '../figures/units';
import { sentencesOf } from '../reading/layout';
import { rememberedByText } from './recent-texts';

export interface PreviousMeasure {
  /** The types of the figures of the last sentence holding any (sorted, each once). */
  types: readonly string[];
  /** The keywords of that sentence (sorted, each once). */
  words: readonly string[];
}

/** No text before, or none with a figure: no measure to go on with. */
export const NO_PREVIOUS_MEASURE: PreviousMeasure = { types: [], words: [] };

/** The last sentence of `text` that holds a figure: its figures' types and its keywords. */
export const previousMeasure: (text: string, kb: KnowledgeBase) => PreviousMeasure = rememberedByText((text, kb) => {
  const figures = findFigures(text, [], unitReaderFor(kb));
  const last = figures.at(-1);
  if (!last) return NO_PREVIOUS_MEASURE;
  const sentence = sentencesOf(text, false).find((s) => s.start <= last.start && last.start < s.end);
  if (!sentence) return NO_PREVIOUS_MEASURE;
  const inside = figures.filter((f) => f.start >= sentence.start && f.start < sentence.end);
  const words = [...new Set(kb.findKeywords(text.slice(sentence.start, sentence.end)).map((k) => k.keyword))].sort();
  return words.length ? { types: [...new Set(inside.map((f) => f.type))].sort(), words } : NO_PREVIOUS_MEASURE;
});
