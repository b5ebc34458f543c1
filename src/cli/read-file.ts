/**
 * Reads a file the user named or a folder walk found, safely: only a regular file is opened
 * (a FIFO, a device such as /dev/zero or a socket would block or never end), opened without
 * blocking, and read up to a size limit. Failures come back as a reason, never a throw.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { digestOpenFile } from '../node/knowledge-cache';

export type ReadResult = { text: string; bom: boolean; digest?: { sha256: string; bytes: number } } | { error: string } | { tooLarge: number };

/** A draft or knowledge base larger than this is not read: the engine skips documents past 20 MB anyway. */
export const MAX_FILE_BYTES = 20_000_000;

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message);
}

/** Opens a regular file of at most `maxBytes` and hands it to `use`; anything else is the reason it was not read. */
function withRegularFile<T>(path: string, maxBytes: number, use: (fd: number, size: number) => T): T | { error: string } | { tooLarge: number } {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (e) {
    return { error: `cannot read it: ${errno(e)}` };
  }
  if (!stat.isFile()) return { error: `not read: it is ${kindOf(stat)}, not a regular file` };
  if (stat.size > maxBytes) return { tooLarge: stat.size };
  let fd: number;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, opening it does not hang.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { error: `cannot read it: ${errno(e)}` };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { error: `not read: it is ${kindOf(opened)}, not a regular file` };
    return use(fd, opened.size);
  } catch (e) {
    return { error: `cannot read it: ${errno(e)}` };
  } finally {
    closeSync(fd);
  }
}

/** `digest`: also the SHA-256 of the bytes read, and how many (the knowledge base cache's key, src/node/knowledge-cache.ts). */
export function readTextFile(path: string, maxBytes = MAX_FILE_BYTES, options: { digest?: boolean } = {}): ReadResult {
  return withRegularFile(path, maxBytes, (fd, size) => {
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    // It grew past the limit while being read.
    if (length > maxBytes) return { tooLarge: length };
    const bytes = buffer.subarray(0, length);
    return { ...decode(bytes), ...(options.digest ? { digest: { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: length } } : {}) };
  });
}

/** The SHA-256 of a file's bytes, as readTextFile would read them, without holding them; undefined when it would not read them. */
export function digestFile(path: string, maxBytes = MAX_FILE_BYTES): { digest: string; bytes: number } | undefined {
  const r = withRegularFile(path, maxBytes, (fd) => digestOpenFile(fd, maxBytes));
  return r && 'digest' in r ? r : undefined;
}

/** UTF-8, with a byte order mark set aside: editors hide it, so positions count from after it. */
export function decode(bytes: Uint8Array): { text: string; bom: boolean } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset + (bom ? 3 : 0), bytes.length - (bom ? 3 : 0)).toString('utf8'), bom };
}
