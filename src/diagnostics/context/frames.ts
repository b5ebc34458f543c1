/**
 * Framing qualifiers (a knowledge base's qualifiers with `frames`): what writers say once for a
 * passage or a table and leave unsaid after. "AWS made $45 billion of AI revenue. Azure is smaller
 * but grows faster, at 45% year over year": the 45% is AI revenue growth, because the sentence
 * before said "AI revenue"; "| AWS growth, YoY | 26% |" under a header that never says AI is not.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';

/** The framing qualifiers `text` says anywhere (sorted ids): a table's header row, or the text before a unit. */
export function framesSaid(text: string, kb: KnowledgeBase): readonly string[] {
  if (!kb.framingQualifiers.size || !text) return NONE;
  let memo = RECENT_FRAMES.get(kb);
  if (!memo) RECENT_FRAMES.set(kb, (memo = new Map()));
  let said = memo.get(text);
  if (!said) {
    if (memo.size >= RECENT_TEXTS) memo.clear();
    memo.set(text, (said = framesIn(kb, kb.findKeywords(text))));
  }
  return said;
}

/** The framing qualifiers some of `keywords` say, each once, sorted. */
function framesIn(kb: KnowledgeBase, keywords: readonly { keyword: string }[]): readonly string[] {
  const out = [...kb.framingQualifiers].filter((q) => keywords.some((k) => kb.qualifierKeywords.get(q)!.has(k.keyword)));
  return out.length ? out.sort() : NONE;
}

const NONE: readonly string[] = [];

/**
 * Recent texts' frames, per knowledge base: every cell of a table asks about the same header row
 * and paragraph before it, and an edit's block asks again about the unchanged block before it.
 */
const RECENT_FRAMES = new WeakMap<KnowledgeBase, Map<string, readonly string[]>>();
/** How many texts' frames are remembered per knowledge base before the memory is cleared. */
const RECENT_TEXTS = 512;
