/**
 * Markdown footnote citations: `[^dc-002]` after the sentence, and once at the end of the
 * document `[^dc-002]: "quote" — Title, Publisher, April 2026.` A definition already there is reused.
 */
import type { Source } from '../knowledge/schema';
import { allMatches } from './reading/all-matches';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatSourceDate(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  if (!m) return String(y);
  return d ? `${MONTH_NAMES[m - 1]} ${d}, ${y}` : `${MONTH_NAMES[m - 1]} ${y}`;
}

export function describeSource(source: Source): string {
  return [source.title, source.publisher, formatSourceDate(source.date)].filter(Boolean).join(', ');
}

/** Line breaks and the blanks around them: a definition is one line, or a quote could end it and start a block of its own. */
const LINE_BREAKS = /\s*[\r\n\u2028\u2029]+\s*/g;

export function footnoteDefinition(label: string, quote: string, source: Source): string {
  return `[^${label}]: "${quote}" — ${describeSource(source)}.`.replace(LINE_BREAKS, ' ');
}

const DEFINITION = /^\[\^(dc-[^\]\s]+)\]:[ \t]*(.*)$/gm;

/** dc- footnote definitions already in the document: label → definition text. */
export function existingCitations(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of allMatches(DEFINITION, doc)) out.set(m[1], m[2]);
  return out;
}

/**
 * The label that cites `quote` from `source`: the source's own label when it is free or already
 * holds this quote, else the first numbered variant that is.
 */
export function citationLabel(existing: ReadonlyMap<string, string>, sourceId: string, quote: string): { label: string; isNew: boolean } {
  for (let n = 1; ; n++) {
    const label = n === 1 ? `dc-${sourceId}` : `dc-${sourceId}-${n}`;
    const def = existing.get(label);
    if (def === undefined) return { label, isNew: true };
    if (def.includes(quote)) return { label, isNew: false };
  }
}
