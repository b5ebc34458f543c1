/** The knowledge base a command checks against: the bundled file unless --no-bundled-kb, and each --kb file. */
import { readFileSync } from 'node:fs';
import { type KnowledgeBaseResult, loadKnowledgeBase } from '../knowledge';

export type LoadedKnowledge = KnowledgeBaseResult & { files: { path: string; text: string }[] };

/** Reads the --kb files and builds the knowledge base; a file that cannot be read is an error message (exit 2). */
export function loadKnowledgeFiles(paths: readonly string[], useBundled: boolean): LoadedKnowledge | { error: string } {
  const files: { path: string; text: string }[] = [];
  for (const path of paths) {
    try {
      files.push({ path, text: readFileSync(path, 'utf8') });
    } catch (e) {
      return { error: `cannot read knowledge base ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }
  return { ...loadKnowledgeBase({ files, useBundled }), files };
}

/** The knowledge base's problems as `file:line:col  error  message  (field)` lines, and the count. */
export function formatKbProblems(problems: KnowledgeBaseResult['problems']): string {
  const lines = problems.map((p) => `${p.file}:${p.line + 1}:${p.character + 1}  error  ${p.message}  (${p.field})\n`);
  return `${lines.join('')}dealcheck: the knowledge base has ${problems.length} error${problems.length === 1 ? '' : 's'}\n`;
}
