/**
 * Sibling facts share a subject, relation and object and differ in their qualifiers (the whole
 * investment, its upfront part, its milestone part); so do a fact about a group and the facts
 * about its members (Amazon's combined investment in the leading labs, and its investment in
 * OpenAI). A figure whose sentence says every mark of a sibling ("$5 billion upfront", "its
 * combined commitment") is that sibling's, not this fact's.
 */
import type { CompiledFact, KnowledgeBase } from '../../../knowledge/knowledge-base';
import { keywordWeight } from '../evidence';
import { GATES } from '../model';
import type { Candidate } from './candidate';

/**
 * For each fact, what marks each of its siblings apart from it: the sibling's qualifiers it lacks,
 * implicit ones only when the sibling has nothing else.
 */
function siblingMarks(kb: KnowledgeBase): Map<CompiledFact, string[][]> {
  const groups = new Map<string, CompiledFact[]>();
  for (const f of kb.facts) {
    const key = siblingKey(f, f.fact.object);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const out = new Map<CompiledFact, string[][]>();
  for (const siblings of groups.values())
    for (const f of siblings)
      out.set(
        f,
        siblings.filter((s) => s !== f).map((s) => marksApart(kb, f, s)).filter((m) => m.length > 0),
      );
  // A fact about a member and the facts about its group, both ways.
  for (const f of kb.facts)
    for (const group of groupsOf(kb, f.fact.object))
      for (const s of groups.get(siblingKey(f, group)) ?? []) {
        for (const [a, b] of [[f, s], [s, f]]) {
          const m = marksApart(kb, a, b);
          if (m.length) out.get(a)!.push(m);
        }
      }
  return out;
}

function siblingKey(f: CompiledFact, object: string | undefined): string {
  return `${f.fact.subject}|${f.fact.relation}|${object ?? ''}`;
}

/** What marks `s` apart from `f`: its qualifiers `f` lacks, implicit ones only when it has nothing else. */
function marksApart(kb: KnowledgeBase, f: CompiledFact, s: CompiledFact): string[] {
  const missing = s.fact.qualifiers.filter((q) => !f.fact.qualifiers.includes(q));
  const explicit = missing.filter((q) => !kb.implicitQualifiers.has(q));
  return explicit.length ? explicit : missing;
}

/** The group entities `entity` is a member of. */
function groupsOf(kb: KnowledgeBase, entity: string | undefined): string[] {
  if (entity === undefined) return [];
  return [...kb.entities.values()].filter((e) => e.members?.includes(entity)).map((e) => e.id);
}

const cache = new WeakMap<KnowledgeBase, Map<CompiledFact, string[][]>>();

/** The weakest mark of the sibling whose marks are all said plainly, or 0 when no sibling's are. */
export function siblingMarkWeight(c: Candidate): number {
  let marks = cache.get(c.kb);
  if (!marks) cache.set(c.kb, (marks = siblingMarks(c.kb)));
  let against = 0;
  for (const m of marks.get(c.fact) ?? []) {
    const weakest = Math.min(...m.map((q) => keywordWeight(c.ev, c.kb.qualifierKeywords.get(q)!, c.figure)));
    if (weakest >= GATES.plain) against = Math.max(against, weakest);
  }
  return against;
}
