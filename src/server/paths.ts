/**
 * Where a path from a setting, a config file or a knowledge base file points, as a URI, and
 * whether dealcheck may read it. Paths that come from the workspace (workspace settings, its
 * config file, its knowledge base files) must stay inside a workspace folder: a cloned
 * repository must not make the editor read /etc/shadow and report whether a quote is in it.
 * Paths the user set in their own settings may point anywhere. Works on URIs, so the same rules
 * hold for files on disk, in github.dev (vscode-vfs://) and in a remote workspace.
 */
import { URI, Utils } from 'vscode-uri';

/** Who wrote a path: the user (user settings, another editor's own config) or the workspace. */
export type PathOrigin = 'user' | 'workspace';

/** A Windows absolute path (C:\kb.json, \\server\share\kb.json): a file URI of its own. */
const WINDOWS_ABSOLUTE = /^(?:[a-zA-Z]:[\\/]|\\\\)/;

/** `path` (relative, absolute, or a URI) resolved against `base`, on base's file system. */
export function resolveUri(base: URI, path: string): URI {
  if (/^[a-zA-Z][\w+.-]+:\/\//.test(path)) return URI.parse(path);
  if (WINDOWS_ABSOLUTE.test(path)) return URI.file(path.replace(/\\/g, '/'));
  // An absolute path names a file on the workspace's own file system (a remote host's, say).
  return Utils.resolvePath(base, path.replace(/\\/g, '/'));
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/** Whether `uri` is `folder` or inside it (after `..` is resolved, which URIs always are here). */
export function isInside(folder: URI, uri: URI): boolean {
  if (folder.scheme !== uri.scheme || folder.authority.toLowerCase() !== uri.authority.toLowerCase()) return false;
  return uri.path === folder.path || uri.path.startsWith(withSlash(folder.path));
}

export interface PathRequest {
  /** As written. */
  path: string;
  origin: PathOrigin;
  /** Where it was written, for messages ("dealcheck.knowledgeBase", ".dealcheckrc.json"). */
  from?: string;
}

export type PathDecision = { uri: URI; allowed: true } | { uri: URI; allowed: false; reason: string };

/**
 * Resolves a path against each folder it may be relative to. A workspace path is allowed only
 * inside the folder it resolves against (or, for an absolute one, inside one of the folders).
 */
export function resolvePaths(request: PathRequest, folders: readonly URI[], fallback: URI | undefined): PathDecision[] {
  const bases = folders.length ? folders : fallback ? [fallback] : [];
  if (!bases.length) {
    const uri = resolveUri(URI.file('/'), request.path);
    return request.origin === 'user' && isAbsolute(request.path)
      ? [{ uri, allowed: true }]
      : [{ uri, allowed: false, reason: 'a relative path needs a workspace folder to resolve against' }];
  }
  const absolute = isAbsolute(request.path);
  const out: PathDecision[] = [];
  const seen = new Set<string>();
  for (const base of absolute ? bases.slice(0, 1) : bases) {
    const uri = resolveUri(base, request.path);
    if (seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    if (request.origin === 'user' || (absolute ? folders.some((f) => isInside(f, uri)) : folders.length > 0 && isInside(base, uri))) out.push({ uri, allowed: true });
    else out.push({ uri, allowed: false, reason: 'it is outside the workspace folder, and only paths in your user settings may point outside it' });
  }
  return out;
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/') || WINDOWS_ABSOLUTE.test(path) || /^[a-zA-Z][\w+.-]+:\/\//.test(path);
}

/** A short, content-free name for messages: the path relative to the first folder holding it. */
export function displayName(uri: URI, folders: readonly URI[]): string {
  for (const f of folders) if (isInside(f, uri) && uri.path !== f.path) return uri.path.slice(withSlash(f.path).length);
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
