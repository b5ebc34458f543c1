/** Answers about a knowledge base's entities, worked out once per knowledge base and entity. */
import type { KnowledgeBase } from '../../../knowledge/knowledge-base';

/**
 * `answer` remembered per knowledge base and entity id. The answers depend on the knowledge base
 * alone, not on a draft, and a candidate asks them for every figure; keyed weakly by the knowledge
 * base, so a reloaded one starts afresh and the old one's answers go with it.
 */
export function perEntity<T>(answer: (kb: KnowledgeBase, entity: string) => T): (kb: KnowledgeBase, entity: string) => T {
  const known = new WeakMap<KnowledgeBase, Map<string, T>>();
  return (kb, entity) => {
    let byEntity = known.get(kb);
    if (!byEntity) known.set(kb, (byEntity = new Map()));
    if (!byEntity.has(entity)) byEntity.set(entity, answer(kb, entity));
    return byEntity.get(entity) as T;
  };
}
