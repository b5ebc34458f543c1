/** Entry point for front ends: the knowledge base from the bundled file and the user's files. */
import { bundledKnowledgeBase } from './bundled';
import { type KnowledgeBaseResult, buildKnowledgeBase } from './knowledge-base';
import { loadKnowledgeBaseText } from './loader';

export type { KbProblem } from './loader';
export type { KnowledgeBase, KnowledgeBaseResult } from './knowledge-base';

export interface KnowledgeBaseInput {
  /** User files, in order; later ones add to earlier ones. */
  files: readonly { path: string; text: string }[];
  useBundled: boolean;
}

export function loadKnowledgeBase(input: KnowledgeBaseInput): KnowledgeBaseResult {
  const loaded = input.files.map((f) => loadKnowledgeBaseText(f.path, f.text));
  return buildKnowledgeBase(input.useBundled ? [bundledKnowledgeBase(), ...loaded] : loaded);
}
