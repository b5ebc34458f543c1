/**
 * The siblings lookup (lookup.ts siblingFacts) and the sibling marks built from it
 * (matching/features/siblings.ts) give, for every fact of each knowledge base, what the
 * whole-knowledge-base grouping they replace gave, group members included.
 */
import assert from 'node:assert/strict';
import { siblingMarks } from '../../../src/diagnostics/matching/features/siblings';
import type { CompiledFact, KnowledgeBase } from '../../../src/knowledge/knowledge-base';
import { knowledgeBasesToCompare } from '../../support/kb-copies';

/** The former scan: every fact grouped by subject, relation and object. */
function groupsByScan(kb: KnowledgeBase): Map<CompiledFact, CompiledFact[]> {
  const groups = new Map<string, CompiledFact[]>();
  for (const f of kb.facts) {
    const key = `${f.fact.subject}|${f.fact.relation}|${f.fact.object ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return new Map([...groups.values()].flatMap((group) => group.map((f) => [f, group] as const)));
}

/** Facts alike but for an object that is the fact's object's group or one of its members, by a scan of every fact. */
function groupSiblingsByScan(kb: KnowledgeBase, f: CompiledFact): CompiledFact[] {
  const { subject, relation, object } = f.fact;
  if (object === undefined) return [];
  const related = (o: string | undefined) => o !== undefined && (kb.entities.get(o)?.members?.includes(object) || kb.entities.get(object)?.members?.includes(o));
  return kb.facts.filter((s) => s.fact.subject === subject && s.fact.relation === relation && related(s.fact.object));
}

/** The marks by scan: the groups', then the group members'. */
function marksByScan(kb: KnowledgeBase, f: CompiledFact, group: CompiledFact[]): string[][] {
  return [...group, ...groupSiblingsByScan(kb, f)]
    .filter((s) => s !== f)
    .map((s) => {
      const missing = s.fact.qualifiers.filter((q) => !f.fact.qualifiers.includes(q));
      const explicit = missing.filter((q) => !kb.implicitQualifiers.has(q));
      return explicit.length ? explicit : missing;
    })
    .filter((m) => m.length > 0);
}

describe('sibling facts by lookup, as by a scan of every fact', () => {
  for (const [name, kb] of knowledgeBasesToCompare()) {
    const groups = groupsByScan(kb);
    const ids = (facts: readonly CompiledFact[]) => facts.map((f) => f.fact.id);
    it(`${name}: each fact's siblings, in order`, () => {
      for (const f of kb.facts) assert.deepEqual(ids(kb.siblingFacts(f.fact)), ids(groups.get(f)!), f.fact.id);
    });
    it(`${name}: each fact's sibling marks`, () => {
      // Order aside (the weight is the strongest mark's): the same marks.
      const sorted = (marks: string[][]) => marks.map((m) => m.join('+')).sort();
      for (const f of kb.facts) assert.deepEqual(sorted(siblingMarks(kb, f)), sorted(marksByScan(kb, f, groups.get(f)!)), f.fact.id);
    });
    it(`${name}: some fact has marked siblings, so the comparison says something`, () => {
      assert.ok(kb.facts.some((f) => siblingMarks(kb, f).length > 0));
    });
  }
});
