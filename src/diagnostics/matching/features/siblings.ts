/**
 * Sibling facts share a subject, relation and object and differ in their qualifiers (the whole
 * investment, its upfront part, its milestone part); so do a fact about a group and the facts
 * about its members (Amazon's combined investment in the leading labs, and its investment in
 * OpenAI). A figure whose sentence says every mark of a sibling ("$5 billion upfront", "its
 * combined commitment") is that sibling's, not this fact's.
 */
import type { CompiledFact, KnowledgeBase } from '../../../knowledge/knowledge-base';
import { isChangeStart, keywordWeight } from '../evidence';
import { GATES } from '../model';
import type { Candidate } from './candidate';

/**
 * What marks each of the fact's siblings apart from it: the sibling's qualifiers it lacks, implicit
 * ones only when the sibling has nothing else. Per fact, from the knowledge base's siblings lookup:
 * a whole-knowledge-base pass on the first check took 200 ms with 100,000 assertions.
 */
export function siblingMarks(kb: KnowledgeBase, f: CompiledFact): string[][] {
  return [...kb.siblingFacts(f.fact), ...groupSiblings(kb, f)]
    .filter((s) => s !== f)
    .map((s) => marksApart(kb, f, s))
    .filter((m) => m.length > 0);
}

/** What marks `s` apart from `f`: its qualifiers `f` lacks, implicit ones only when it has nothing else. */
function marksApart(kb: KnowledgeBase, f: CompiledFact, s: CompiledFact): string[] {
  const missing = s.fact.qualifiers.filter((q) => !f.fact.qualifiers.includes(q));
  const explicit = missing.filter((q) => !kb.implicitQualifiers.has(q));
  return explicit.length ? explicit : missing;
}

/**
 * The facts alike but for their object being the fact's object's group, or one of its members:
 * the siblings lookup asked about the same subject and relation with that object.
 */
function groupSiblings(kb: KnowledgeBase, f: CompiledFact): CompiledFact[] {
  const { object } = f.fact;
  if (object === undefined) return [];
  const others = [...(kb.groupsByMember.get(object) ?? []), ...(kb.entities.get(object)?.members ?? [])];
  return others.flatMap((o) => kb.siblingFacts({ ...f.fact, object: o }));
}

/** Each knowledge base's facts' sibling marks, as candidates ask for them. */
const cache = new WeakMap<KnowledgeBase, Map<CompiledFact, string[][]>>();

/** The weakest mark of the sibling whose marks are all said plainly, or 0 when no sibling's are. */
export function siblingMarkWeight(c: Candidate): number {
  let byFact = cache.get(c.kb);
  if (!byFact) cache.set(c.kb, (byFact = new Map()));
  let marks = byFact.get(c.fact);
  if (!marks) byFact.set(c.fact, (marks = siblingMarks(c.kb, c.fact)));
  let against = 0;
  // A change's start is no forecast: a sibling marked by an implicit qualifier alone (a projection) is its end's (words.ts qualifierWeights).
  const start = isChangeStart(c.ev, c.figure);
  for (const m of marks) {
    if (start && m.every((q) => c.kb.implicitQualifiers.has(q))) continue;
    const weakest = Math.min(...m.map((q) => keywordWeight(c.ev, c.kb.qualifierKeywords.get(q)!, c.figure)));
    if (weakest >= GATES.plain) against = Math.max(against, weakest);
  }
  return against;
}
