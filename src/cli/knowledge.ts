/** The knowledge base a run checks against: the bundled one and the user's files, read safely. */
import { resolve } from 'node:path';
import { type KnowledgeBase, loadKnowledgeBase } from '../knowledge';
import { BUNDLED_KB_NAME } from '../knowledge/bundled';
import { KnowledgeCache, builtEngineId, defaultCacheDir } from '../node/knowledge-cache';
import { type Io } from './io';
import { MAX_FILE_BYTES, digestFile, readTextFile } from './read-file';

/** A cache entry a knowledge base was read from or written to: worker threads read it too. */
export interface CachedKb {
  dir: string;
  engine: string;
  key: string;
  fileNames: string[];
}

export interface LoadedKb {
  kb: KnowledgeBase;
  /** The files' texts, for worker threads to build the knowledge base from (none when it was read from the cache). */
  kbFiles: { path: string; text: string }[];
  useBundled: boolean;
  cached?: CachedKb;
}

/**
 * The cache of built knowledge bases the CLI uses (src/node/knowledge-cache.ts): in a build, with
 * the process's environment, unless DEALCHECK_KB_CACHE is "off".
 */
export function cliKnowledgeCache(io: Io): KnowledgeCache | undefined {
  const engine = builtEngineId();
  if (!engine || !io.env || io.env.DEALCHECK_KB_CACHE === 'off') return undefined;
  return new KnowledgeCache({ dir: defaultCacheDir(io.env), engine });
}

/** The names a knowledge base's facts give their files by: the bundled one first when used, then the files as given. */
function fileNamesOf(paths: readonly string[], useBundled: boolean): string[] {
  return [...(useBundled ? [BUNDLED_KB_NAME] : []), ...paths];
}

/** The knowledge base cached for these files, if their bytes are worth a cache and it has them. */
function fromCache(paths: readonly string[], useBundled: boolean, cwd: string, cache: KnowledgeCache): LoadedKb | undefined {
  const digests = paths.map((path) => digestFile(resolve(cwd, path)));
  // A file that cannot be digested is read below, and its problem reported there.
  if (!paths.length || digests.some((d) => d === undefined)) return undefined;
  if (digests.reduce((n, d) => n + d!.bytes, 0) < cache.minBytes) return undefined;
  const key = cache.key({ files: paths.map((name, i) => ({ name, digest: digests[i]!.digest })), useBundled });
  const fileNames = fileNamesOf(paths, useBundled);
  const hit = cache.read(key, fileNames);
  return hit.kb && { kb: hit.kb, kbFiles: [], useBundled, cached: { dir: cache.dir, engine: builtEngineId()!, key, fileNames } };
}

/**
 * A knowledge base built from files worth a cache, as its snapshot gives it back, with the entry
 * written for the next run (see KnowledgeCache.write); the built one when it is not worth one.
 */
function throughCache(loaded: LoadedKb, digests: readonly { sha256: string; bytes: number }[], cache: KnowledgeCache): LoadedKb {
  if (!loaded.kbFiles.length || digests.reduce((n, d) => n + d.bytes, 0) < cache.minBytes) return loaded;
  const key = cache.key({ files: loaded.kbFiles.map((f, i) => ({ name: f.path, digest: digests[i].sha256 })), useBundled: loaded.useBundled });
  const fileNames = fileNamesOf(loaded.kbFiles.map((f) => f.path), loaded.useBundled);
  const snapshot = cache.write(key, loaded.kb, fileNames);
  if (!snapshot) return loaded;
  return { ...loaded, kb: snapshot.kb, ...(snapshot.written ? { cached: { dir: cache.dir, engine: builtEngineId()!, key, fileNames } } : {}) };
}

/**
 * Loads the knowledge base, or reports every problem (file:line:col) on stderr and returns
 * undefined. `paths` are read relative to `cwd` and named as given. With a cache, files worth
 * one are read from it when it has them, and written to it when it has not.
 */
export function loadKb(paths: readonly string[], useBundled: boolean, io: Io, cwd: string, cache = cliKnowledgeCache(io)): LoadedKb | undefined {
  const cached = cache && fromCache(paths, useBundled, cwd, cache);
  if (cached) return cached;
  const kbFiles: { path: string; text: string }[] = [];
  const digests: { sha256: string; bytes: number }[] = [];
  let unreadable = 0;
  for (const path of paths) {
    // The digests of the bytes read, not of those digested above: the entry written must be of what was built.
    const r = readTextFile(resolve(cwd, path), MAX_FILE_BYTES, { digest: !!cache });
    if ('text' in r) {
      kbFiles.push({ path, text: r.text });
      if (r.digest) digests.push(r.digest);
    } else {
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
  const built = { kb, kbFiles, useBundled };
  return cache ? throughCache(built, digests, cache) : built;
}
