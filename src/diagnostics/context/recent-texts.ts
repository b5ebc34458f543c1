/**
 * What a block's check reads of the text before it (who it names, the frames and question it
 * says), remembered for recent texts per knowledge base: every cell of a table asks about the
 * paragraph before the table, and an edit's block asks again about the unchanged block before it.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';

/** How many texts' readings are remembered per knowledge base before the memory is cleared. */
const RECENT_TEXTS = 512;

/** A reading of texts (`read`), remembered for the recent texts of each knowledge base. */
export function rememberedByText<T>(read: (text: string, kb: KnowledgeBase) => T): (text: string, kb: KnowledgeBase) => T {
  const byKb = new WeakMap<KnowledgeBase, Map<string, T>>();
  return (text, kb) => {
    let memo = byKb.get(kb);
    if (!memo) byKb.set(kb, (memo = new Map()));
    let value = memo.get(text);
    if (value === undefined) {
      if (memo.size >= RECENT_TEXTS) memo.clear();
      memo.set(text, (value = read(text, kb)));
    }
    return value;
  };
}
