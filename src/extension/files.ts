/**
 * The extension's side of the server's file requests: every knowledge base, source and Markdown
 * file the server reads comes through `vscode.workspace.fs` and `vscode.workspace.findFiles`, so
 * dealcheck works the same on disk, in remote workspaces, in github.dev and vscode.dev. Only
 * regular files are read (a symbolic link only when the server says the user chose the path),
 * each with the size limit the server gives; errors say what went wrong, never what the file holds.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAMES, KB_EXCLUDED_FOLDERS, KB_GLOB, MAX_CONFIG_BYTES, MAX_KNOWLEDGE_BASE_BYTES, NO_SUCH_FILE } from '../server/files';
import type { PathRequest } from '../server/paths';
import { FIND_FILES_REQUEST, type FindFilesParams, READ_FILE_REQUEST, type ReadFileParams, type ReadFileResult } from '../server/protocol';
import { bundledSourceReads } from '../server/source-paths';

/** At most this many files from one search: a workspace with more knowledge base files than this is not one dealcheck serves. */
const MAX_FOUND_FILES = 10_000;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

export async function readFile(params: ReadFileParams): Promise<ReadFileResult> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch {
    return { error: 'it is not a valid URI' };
  }
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (e) {
    const missing = (e as { code?: string }).code === 'FileNotFound' || /EntryNotFound|FileNotFound|ENOENT/.test(String(e));
    return { error: missing ? NO_SUCH_FILE : 'the editor cannot read it' };
  }
  if (stat.type & vscode.FileType.SymbolicLink && !params.followLinks) return { error: 'it is a symbolic link, which dealcheck does not follow in a workspace' };
  if (stat.type & vscode.FileType.Directory) return { error: 'it is a folder' };
  if (!(stat.type & vscode.FileType.File)) return { error: 'it is not a regular file' };
  if (stat.size > params.maxBytes) return { error: `it is larger than ${megabytes(params.maxBytes)}` };
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > params.maxBytes) return { error: `it is larger than ${megabytes(params.maxBytes)}` };
    return { text: new TextDecoder().decode(bytes) };
  } catch {
    return { error: 'the editor cannot read it' };
  }
}

/**
 * Files below the folder that match the glob. VS Code's search follows symbolic links to folders
 * (search.followSymlinks), so a file found through a linked folder, which may lie outside the
 * workspace, is left out; a linked file itself is listed, and refused with a reason when read.
 */
export async function findFiles(params: FindFilesParams): Promise<string[]> {
  const folder = vscode.Uri.parse(params.folder, true);
  const exclude = params.exclude.length ? `{${params.exclude.join(',')}}` : null;
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, params.glob), exclude, MAX_FOUND_FILES);
  const linked = new Map<string, Promise<boolean>>();
  const isLink = (dir: vscode.Uri) => {
    const key = dir.toString();
    if (!linked.has(key)) linked.set(key, Promise.resolve(vscode.workspace.fs.stat(dir)).then((s) => (s.type & vscode.FileType.SymbolicLink) !== 0, () => true));
    return linked.get(key)!;
  };
  // Every folder between the workspace folder and the file is asked about at once: each answer
  // is a round trip through the workbench, a second or more while it starts.
  const throughLink = async (file: vscode.Uri) => {
    const dirs: vscode.Uri[] = [];
    for (let dir = vscode.Uri.joinPath(file, '..'); dir.path.length > folder.path.length && dir.path.startsWith(folder.path); dir = vscode.Uri.joinPath(dir, '..')) dirs.push(dir);
    return (await Promise.all(dirs.map(isLink))).some(Boolean);
  };
  const kept = await Promise.all(found.map(async (u) => ((await throughLink(u)) ? undefined : u.toString())));
  return kept.filter((u): u is string => u !== undefined).sort();
}

/** A read ahead the server has not asked for by then is dropped: it would be stale. */
const PREFETCH_TTL_MS = 60_000;

/** Reads and searches started before the server asks for them, each served once. */
export interface Prefetched {
  reads: Map<string, Promise<ReadFileResult>>;
  finds: Map<string, Promise<string[]>>;
}

function readKey(p: ReadFileParams): string {
  return `${p.uri}\n${p.maxBytes}\n${p.followLinks}`;
}

function findKey(p: Pick<FindFilesParams, 'folder' | 'glob'>): string {
  return `${p.folder}\n${p.glob}`;
}

/**
 * Starts, at once, what the server reads first, while its worker or process starts: each
 * folder's configuration files, the search for the workspace's knowledge base files, and those
 * files, and the bundled knowledge base's source texts when the writer set a sources folder
 * (`bundledSources`). Through `vscode.workspace.fs` each is a round trip to wherever the
 * workspace is (in the browser, the remote server), seconds in all while the workbench is still
 * starting; read ahead, they are ready when the server asks. A first answer waits for the
 * source texts its findings cite (EvidenceLocator.whenLocatable): asked for when the server's
 * load starts, a missing one took 1.3 s to be known missing in a test:web run, after the first
 * screen was checked.
 */
export function prefetchStartupFiles(mark: (what: string) => void = () => {}, bundledSources?: PathRequest): Prefetched {
  const out: Prefetched = { reads: new Map(), finds: new Map() };
  const read = (params: ReadFileParams) => {
    const key = readKey(params);
    const promise = readFile(params);
    out.reads.set(key, promise);
    setTimeout(() => out.reads.get(key) === promise && out.reads.delete(key), PREFETCH_TTL_MS);
    return promise;
  };
  const configs: Promise<unknown>[] = [];
  const kbFiles: Promise<unknown>[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const name of CONFIG_FILE_NAMES) configs.push(read({ uri: vscode.Uri.joinPath(folder.uri, name).toString(), maxBytes: MAX_CONFIG_BYTES, followLinks: false }));
    const params: FindFilesParams = { folder: folder.uri.toString(), glob: KB_GLOB, exclude: KB_EXCLUDED_FOLDERS };
    const search = Promise.resolve(findFiles(params));
    out.finds.set(findKey(params), search);
    setTimeout(() => out.finds.get(findKey(params)) === search && out.finds.delete(findKey(params)), PREFETCH_TTL_MS);
    // Found in the workspace, a knowledge base file is read as the server reads it: no link followed.
    kbFiles.push(search.then((found) => Promise.all(found.map((uri) => read({ uri, maxBytes: MAX_KNOWLEDGE_BASE_BYTES, followLinks: false }))), () => undefined));
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => URI.parse(f.uri.toString()));
  const sources = bundledSources ? bundledSourceReads(bundledSources, folders).map(read) : [];
  // For the start-up timeline: when the editor had answered each kind of request.
  if (sources.length) void Promise.all(sources).then(() => mark('prefetch: bundled source texts read'));
  void Promise.all(configs).then(() => mark('prefetch: configuration files read'));
  void Promise.all([...out.finds.values()]).then(() => mark('prefetch: knowledge base files found'), () => undefined);
  void Promise.all(kbFiles).then(() => mark('prefetch: knowledge base files read'));
  return out;
}

export function serveFiles(client: BaseLanguageClient, prefetched: Prefetched = { reads: new Map(), finds: new Map() }): vscode.Disposable[] {
  /** Each prefetched answer serves once: later reads and searches must see later changes. */
  const take = <T>(map: Map<string, Promise<T>>, key: string): Promise<T> | undefined => {
    const early = map.get(key);
    map.delete(key);
    return early;
  };
  return [
    client.onRequest(READ_FILE_REQUEST, (params: ReadFileParams): Promise<unknown> => take(prefetched.reads, readKey(params)) ?? readFile(params)),
    client.onRequest(FIND_FILES_REQUEST, (params: FindFilesParams): Promise<unknown> => take(prefetched.finds, findKey(params)) ?? findFiles(params)),
  ];
}
