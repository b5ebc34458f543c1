/** The knowledge base a run checks against: the bundled one and the user's files, read safely. */
import { resolve } from 'node:path';
import { type KnowledgeBase, loadKnowledgeBase } from '../knowledge';
import { type Io } from './io';
import { MAX_FILE_BYTES, readTextFile } from './read-file';

export interface LoadedKb {
  kb: KnowledgeBase;
  kbFiles: { path: string; text: string }[];
  useBundled: boolean;
}

/** Loads the knowledge base, or reports every problem (file:line:col) on stderr and returns undefined. */
/** `paths` are read relative to `cwd` and named as given. */
export function loadKb(paths: readonly string[], useBundled: boolean, io: Io, cwd: string): LoadedKb | undefined {
  const kbFiles: { path: string; text: string }[] = [];
  let unreadable = 0;
  for (const path of paths) {
    const r = readTextFile(resolve(cwd, path));
    if ('text' in r) kbFiles.push({ path, text: r.text });
    else {
      unreadable++;
      io.err(`dealcheck: knowledge base ${path}: ${'error' in r ? r.error : `not read: it is larger than ${MAX_FILE_BYTES / 1e6} MB`}\n`);
    }
  }
  if (unreadable) return undefined;
  let loaded;
  try {
    loaded = loadKnowledgeBase({ files: kbFiles, useBundled });
  } catch (e) {
    io.err(`dealcheck: the knowledge base could not be loaded: ${e instanceof Error ? e.message : String(e)}\n`);
    return undefined;
  }
  const { kb, problems } = loaded;
  if (problems.length) {
    for (const p of problems) io.err(`${p.file}:${p.line + 1}:${p.character + 1}  error  ${p.message}  (${p.field})\n`);
    io.err(`dealcheck: the knowledge base has ${problems.length} error${problems.length === 1 ? '' : 's'}\n`);
    return undefined;
  }
  return { kb, kbFiles, useBundled };
}
