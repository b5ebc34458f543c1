/**
 * Where the source texts the knowledge base quotes are read from, and how: the server's reads
 * (KnowledgeHost) and the extension's reads ahead of them (src/extension/files.ts) both ask
 * here, so the extension asks for exactly the files, with exactly the options, the server will.
 * No knowledge base and no engine here: the extension's bundle stays small.
 */
import type { URI } from 'vscode-uri';
import { BUNDLED_SOURCE_FILES, MAX_SOURCE_BYTES, type ReadOptions } from './files';
import { type PathRequest, isInside, resolvePaths, resolveUri } from './paths';
import type { ReadFileParams } from './protocol';

/** A sources folder dealcheck may read from. */
export interface SourcesFolder {
  uri: URI;
  /** Where a source text must resolve to be read: the workspace folders, and the folder itself when the user chose it. */
  roots: readonly URI[];
  /** The user chose the folder: a symbolic link there is followed. */
  followLinks: boolean;
}

/**
 * The sources folder a request names, resolved inside a workspace folder (or anywhere, for a
 * folder the user chose); a notice when it may not be read.
 */
export function sourcesFolderOf(request: PathRequest, folders: readonly URI[], fallback: URI | undefined): SourcesFolder | { notice: string } {
  const decisions = resolvePaths(request, folders, fallback);
  const decision = decisions.find((d) => d.allowed);
  if (!decision) {
    const refused = decisions.find((d) => !d.allowed);
    return { notice: `${request.from ?? 'dealcheck.sourcesFolder'}: "${request.path}" is not read: ${refused && !refused.allowed ? refused.reason : 'there is no folder to resolve it against'}.` };
  }
  const user = request.origin === 'user';
  return { uri: decision.uri, roots: user ? [...folders, decision.uri] : folders, followLinks: user };
}

/** A source text's file in the folder, whether it resolves outside the roots (then it is not read), and how it is read. */
export function sourceTextOf(folder: SourcesFolder, file: string): { uri: URI; outside: boolean; options: ReadOptions } {
  const uri = resolveUri(folder.uri, file);
  return { uri, outside: !folder.roots.some((r) => isInside(r, uri)), options: { maxBytes: MAX_SOURCE_BYTES, followLinks: folder.followLinks } };
}

/**
 * The reads of the bundled knowledge base's source texts from the sources folder `request`
 * names, as the server starts them when its first load starts (KnowledgeHost.startSourceReads):
 * what the extension reads ahead. None without a workspace folder (the server would resolve
 * against its own fallback folder) or when the folder may not be read.
 */
export function bundledSourceReads(request: PathRequest, folders: readonly URI[]): ReadFileParams[] {
  if (!request.path || !folders.length) return [];
  const folder = sourcesFolderOf(request, folders, undefined);
  if ('notice' in folder) return [];
  return BUNDLED_SOURCE_FILES.map((file) => sourceTextOf(folder, file))
    .filter((s) => !s.outside)
    .map((s) => ({ uri: s.uri.toString(), ...s.options }));
}
