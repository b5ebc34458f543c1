/**
 * Framing qualifiers (a knowledge base's qualifiers with `frames`): what writers say once for a
 * passage or a table and leave unsaid after. "AWS made $45 billion of AI revenue. Azure is smaller
 * but grows faster, at 45% year over year": the 45% is AI revenue growth, because the sentence
 * before said "AI revenue"; "| AWS growth, YoY | 26% |" under a header that never says AI is not.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { rememberedByText } from './recent-texts';

/** The framing qualifiers `text` says anywhere (sorted ids): a table's header row, or the text before a unit. */
export const framesSaid: (text: string, kb: KnowledgeBase) => readonly string[] = rememberedByText((text, kb) =>
  !kb.framingQualifiers.size || !text ? NONE : framesIn(kb, kb.findKeywords(text)),
);

/** The framing qualifiers some of `keywords` say, each once, sorted. */
function framesIn(kb: KnowledgeBase, keywords: readonly { keyword: string }[]): readonly string[] {
  const out = [...kb.framingQualifiers].filter((q) => keywords.some((k) => kb.qualifierKeywords.get(q)!.has(k.keyword)));
  return out.length ? out.sort() : NONE;
}

const NONE: readonly string[] = [];
