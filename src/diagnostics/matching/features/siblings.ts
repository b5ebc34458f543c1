/**
 * Sibling facts share a subject, relation and object and differ in their qualifiers (the whole
 * investment, its upfront part, its milestone part). A figure whose sentence says every mark of a
 * sibling ("$5 billion upfront") is that sibling's, not this fact's.
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
    const key = `${f.fact.subject}|${f.fact.relation}|${f.fact.object ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const out = new Map<CompiledFact, string[][]>();
  for (const siblings of groups.values()) {
    for (const f of siblings) {
      const marks = siblings
        .filter((s) => s !== f)
        .map((s) => {
          const missing = s.fact.qualifiers.filter((q) => !f.fact.qualifiers.includes(q));
          const explicit = missing.filter((q) => !kb.implicitQualifiers.has(q));
          return explicit.length ? explicit : missing;
        })
        .filter((m) => m.length > 0);
      out.set(f, marks);
    }
  }
  return out;
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
