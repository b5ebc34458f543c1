/** "Did you mean" for a misspelt key, id or value: the closest known word, if it is close enough. */
import { distance } from 'fastest-levenshtein';

/**
 * The most edits a suggestion may be away: one for a short word, two up to seven letters ("titel"
 * → "title", a swap counting two), a quarter of a longer one ("investmnet" → "investment").
 */
function maxEdits(length: number): number {
  return length <= 3 ? 1 : length <= 7 ? 2 : Math.ceil(length / 4);
}

/** The known word closest to `written`, when it is a plausible misspelling of it. */
export function closest(written: string, known: Iterable<string>): string | undefined {
  const lower = written.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const word of known) {
    if (word === written) return undefined;
    const d = distance(lower, word.toLowerCase());
    if (d < bestDistance) {
      best = word;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  // A word that contains the other ("acme" in "acme-inc") is a likely meaning too.
  const contained = Math.min(lower.length, best.length) >= 3 && (best.toLowerCase().includes(lower) || lower.includes(best.toLowerCase()));
  return bestDistance <= maxEdits(Math.max(written.length, best.length)) || contained ? best : undefined;
}

/** `; did you mean "x"?`, or nothing. */
export function didYouMean(written: string, known: Iterable<string>): string {
  const best = closest(written, known);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}
