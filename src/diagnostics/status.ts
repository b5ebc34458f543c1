/**
 * What became of a claim, source by source: "$50 billion — NextFin: invested; AINews: offered and
 * rejected". Said in a message only where the sources differ on it.
 */
import type { CompiledAssertion, CompiledFact } from '../knowledge/knowledge-base';
import { type Status, statusesOf } from '../knowledge/schema';
import type { SourceValue } from './messages';

/** The assertion's statuses in words ("offered and rejected"), or undefined when it records none. */
export function statusWords(fact: CompiledFact, a: CompiledAssertion): string | undefined {
  const statuses = statusesOf(a.assertion);
  if (!statuses.length) return undefined;
  const word = (s: Status) => (s === 'completed' ? (fact.completedWord ?? 'completed') : s);
  return statuses.map(word).join(' and ');
}

/** How a message names a source: its publisher, else its id. */
export function sourceName(a: CompiledAssertion): string {
  return a.source.publisher ?? a.source.id;
}

/** "A and B", "A, B and C". */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * "Sources differ on its status: $50 billion — NextFin and anthropic-25b-aws-100b: invested;
 * AINews: offered and rejected." for each value whose own sources record different statuses
 * (a count of sources would hide that one of them says the offer was rejected); else none.
 */
export function statusNote(fact: CompiledFact, values: readonly SourceValue[]): string | undefined {
  const parts: string[] = [];
  for (const v of values) {
    const bySources = new Map<string, string[]>();
    for (const a of v.assertions) {
      const words = statusWords(fact, a);
      if (words === undefined) continue;
      const names = bySources.get(words) ?? [];
      if (!names.includes(sourceName(a))) names.push(sourceName(a));
      bySources.set(words, names);
    }
    if (bySources.size > 1) parts.push(`${v.label} — ${[...bySources].map(([words, names]) => `${joinWords(names)}: ${words}`).join('; ')}`);
  }
  return parts.length ? `Sources differ on its status: ${parts.join('. ')}.` : undefined;
}
