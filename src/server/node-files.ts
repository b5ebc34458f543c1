/**
 * The Node server's own file access, for LSP clients that do not serve files (every editor but
 * VS Code): only `file:` URIs, only regular files (a symbolic link is read only when the user
 * chose the path), each with a size limit, and folder searches that never follow links.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import { digestOpenFile } from '../node/knowledge-cache';
import { type FileAccess, NO_SUCH_FILE, type ReadOptions, type ReadResult } from './files';

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return NO_SUCH_FILE;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return code ? `cannot read it (${code})` : 'cannot read it';
}

/** Reads at most maxBytes + 1 bytes of an open file: enough to tell that it is too large without reading it all. */
function readLimited(fd: number, maxBytes: number): Buffer | undefined {
  const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, null);
    if (n === 0) break;
    total += n;
    if (total > maxBytes) return undefined;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/** Opens a regular file that `options` allow and hands it to `use`; anything else is the reason it was not read. */
function withCheckedFile<T>(path: string, options: ReadOptions, use: (fd: number) => T | { error: string }): T | { error: string } {
  try {
    const link = lstatSync(path);
    if (link.isSymbolicLink() && !options.followLinks) return { error: 'it is a symbolic link, which dealcheck does not follow in a workspace' };
    const target = link.isSymbolicLink() ? statSync(path) : link;
    if (!target.isFile()) return { error: target.isDirectory() ? 'it is a folder' : 'it is not a regular file' };
    // O_NONBLOCK: should the file become a FIFO after the check, opening it must not wait for a
    // writer; fstat then says what was really opened.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { error: stat.isDirectory() ? 'it is a folder' : 'it is not a regular file' };
      if (stat.size > options.maxBytes) return { error: tooLarge(options) };
      return use(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { error: describe(e) };
  }
}

function tooLarge(options: ReadOptions): string {
  return `it is larger than ${Math.round(options.maxBytes / 1024 / 1024)} MB`;
}

export function readFileChecked(path: string, options: ReadOptions): ReadResult {
  return withCheckedFile(path, options, (fd) => {
    const bytes = readLimited(fd, options.maxBytes);
    return bytes ? { text: bytes.toString('utf8') } : { error: tooLarge(options) };
  });
}

/** The digest of a file `readFileChecked` would read (see FileAccess.digest). */
export function digestFileChecked(path: string, options: ReadOptions): { sha256: string; bytes: number } | { error: string } {
  return withCheckedFile(path, options, (fd) => {
    const d = digestOpenFile(fd, options.maxBytes);
    return d ? { sha256: d.digest, bytes: d.bytes } : { error: tooLarge(options) };
  });
}

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export const nodeFileAccess: FileAccess = {
  async read(uri, options) {
    const path = toPath(uri);
    if (!path) return { error: 'this server reads only file: URIs' };
    return readFileChecked(path, options);
  },
  async digest(uri, options) {
    const path = toPath(uri);
    if (!path) return { error: 'this server reads only file: URIs' };
    return digestFileChecked(path, options);
  },
  async find(folder, glob, exclude) {
    const cwd = toPath(folder);
    if (!cwd) return [];
    try {
      // Symbolic links are listed (and then refused with a reason when read), not followed into.
      const found = await fg(glob, { cwd, ignore: [...exclude], absolute: true, dot: false, followSymbolicLinks: false, onlyFiles: false, markDirectories: true, suppressErrors: true });
      return found.filter((p) => !p.endsWith('/')).sort().map((p) => pathToFileURL(p).href);
    } catch {
      return [];
    }
  },
};
