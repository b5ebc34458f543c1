/**
 * A cache of built knowledge bases on disk, for the Node front ends (the CLI and the language
 * server): a load of the same knowledge base files by the same engine reads back a snapshot of
 * the knowledge base built last time (src/knowledge/snapshot.ts) instead of parsing, validating,
 * merging and indexing them again. 100,000 assertions take some 5 s to build and a few hundred
 * milliseconds to read back.
 *
 * An entry is keyed by a digest (SHA-256) of each file's bytes, in order, with whether it is read
 * as YAML, whether the bundled knowledge base is used, and the engine's id (a digest of the
 * knowledge code, made by scripts/build.mjs): any change to a file or to the engine is another key.
 * Only loads without problems are cached, so an entry never stands for an error message. An
 * entry holds a digest of its snapshot, checked before use: one that is missing, truncated,
 * corrupt or of another format is removed and rebuilt, never trusted and never a crash. Entries
 * are written to a temporary file and renamed, so a reader never sees half of one (nor a change
 * to the one it has open: a new entry is a new file), and the least recently used beyond
 * MAX_CACHE_ENTRIES are removed.
 *
 * Node only (the engine runs in web workers too); the engine never imports this.
 */
import { type Hash, createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { KnowledgeBase } from '../knowledge';
import type { KnowledgeParts } from '../knowledge/knowledge-base';
import { type EncodedSnapshot, SNAPSHOT_FORMAT, type SnapshotSource, concatBytes, decodeKnowledgeBase, encodeKnowledgeBase } from '../knowledge/snapshot';

/** The layout of a cache file below; raise it with any change, and older entries are rebuilt. */
export const CACHE_FORMAT = 1;

/** A cache file's first bytes: a file without them is none of this cache's. */
const MAGIC = Buffer.from('dealcheck knowledge base cache\n');

/** The bytes of the header's length, after MAGIC. */
const HEADER_LENGTH_BYTES = 4;

/** The snapshot starts at a multiple of this in the file, so that its numbers are read in place. */
const SNAPSHOT_ALIGNMENT = 8;

/**
 * Loads whose own files (the bundled one aside) hold fewer bytes than this are built every time:
 * a few thousand assertions build in about a tenth of a second, less than a cache entry costs
 * to write, and the cache folder is not littered with every small test file.
 */
export const MIN_CACHED_BYTES = 1_000_000;

/** Entries kept: enough for a few workspaces and a knowledge base being edited; each may be tens of MB. */
export const MAX_CACHE_ENTRIES = 4;

/** A cache entry's file name ends so; its temporary file, while written, with TEMPORARY_SUFFIX too. */
const ENTRY_SUFFIX = '.kbcache';
const TEMPORARY_SUFFIX = '.tmp';

/** A temporary file this old was left by a process that died while writing it. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** Bytes read at a time when a file is digested: the file is never held whole. */
const DIGEST_CHUNK_BYTES = 1 << 20;

/** Records are read from an entry in blocks of this many bytes (or the record's, if larger), and this many blocks kept. */
const READ_BLOCK_BYTES = 64 * 1024;
const READ_BLOCKS_KEPT = 16;

declare const DEALCHECK_ENGINE_ID: string;

/** The engine's id in a build (scripts/build.mjs), or undefined when running from source: then nothing is cached. */
export function builtEngineId(): string | undefined {
  return typeof DEALCHECK_ENGINE_ID === 'string' ? DEALCHECK_ENGINE_ID : undefined;
}

/** The cache's folder: beside the language server's code cache (launcher.ts), in the user's cache folder. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dealcheck', 'knowledge-bases');
}

/** What a cache key is made of: the files in load order (name, for its format, and digest), and whether the bundled one is used. */
export interface CacheInput {
  files: readonly { name: string; digest: string }[];
  useBundled: boolean;
}

export interface KnowledgeCacheOptions {
  dir: string;
  /** The engine's id (builtEngineId). */
  engine: string;
  /** See MIN_CACHED_BYTES. */
  minBytes?: number;
  /** See MAX_CACHE_ENTRIES. */
  maxEntries?: number;
}

/** Why an entry was not used; undefined for a hit. */
export type CacheMiss = 'missing' | 'corrupt';

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The SHA-256 of an open file's bytes, read a chunk at a time; undefined when it holds more than `maxBytes`. */
export function digestOpenFile(fd: number, maxBytes: number): { digest: string; bytes: number } | undefined {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(Math.min(DIGEST_CHUNK_BYTES, maxBytes + 1));
  let bytes = 0;
  for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
    bytes += n;
    if (bytes > maxBytes) return undefined;
    hash.update(chunk.subarray(0, n));
  }
  return { digest: hash.digest('hex'), bytes };
}

/** A file's digest as reading its text would give it: the SHA-256 of its UTF-8 (for files read as text, as the editor serves them). */
export function digestText(text: string): string {
  return sha256(text);
}

export class KnowledgeCache {
  readonly dir: string;
  readonly minBytes: number;
  private readonly engine: string;
  private readonly maxEntries: number;

  constructor(options: KnowledgeCacheOptions) {
    this.dir = options.dir;
    this.engine = options.engine;
    this.minBytes = options.minBytes ?? MIN_CACHED_BYTES;
    this.maxEntries = options.maxEntries ?? MAX_CACHE_ENTRIES;
  }

  /** A text's digest and bytes as its file's would be in UTF-8 (a text read through the editor). */
  textDigest(text: string): { sha256: string; bytes: number } {
    return { sha256: digestText(text), bytes: Buffer.byteLength(text) };
  }

  /** The key of a load (see the module's comment). */
  key(input: CacheInput): string {
    const files = input.files.map((f) => [/\.ya?ml$/i.test(f.name), f.digest]);
    return sha256(JSON.stringify([CACHE_FORMAT, SNAPSHOT_FORMAT, this.engine, input.useBundled, files]));
  }

  /** The file of a key's entry. */
  pathOf(key: string): string {
    return join(this.dir, `${key}${ENTRY_SUFFIX}`);
  }

  /**
   * The knowledge base cached under `key`, its facts' files named `fileNames` (the load's files in
   * order, the bundled one first when used); or why there is none. The entry's head is read and
   * the rest of it digested (a chunk at a time, never held) to check it whole; its records are
   * then read from the file as the check asks for them, the file kept open until the knowledge
   * base is collected. A corrupt entry is removed.
   */
  read(key: string, fileNames: readonly string[]): { kb: KnowledgeBase; miss?: undefined } | { kb?: undefined; miss: CacheMiss } {
    return this.open(key, fileNames);
  }

  /** See read; `written`: the digest of the snapshot this process just wrote there, which need not be digested again. */
  private open(key: string, fileNames: readonly string[], written?: string): { kb: KnowledgeBase; miss?: undefined } | { kb?: undefined; miss: CacheMiss } {
    const path = this.pathOf(key);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      return { miss: 'missing' };
    }
    let kb: KnowledgeBase;
    try {
      kb = decodeKnowledgeBase(checkedSource(fd, key, written), fileNames);
    } catch {
      closeQuietly(fd);
      removeQuietly(path);
      return { miss: 'corrupt' };
    }
    OPEN_ENTRIES.register(kb, fd);
    try {
      // Its last use, for the pruning of the least recently used.
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // A read-only cache folder is still read.
    }
    return { kb };
  }

  /**
   * A snapshot of `kb` (built from the files of `key`, named `fileNames`, or the parts of their
   * merge: knowledgePartsOfMerged), written under `key`, and the knowledge base it holds, read
   * back: a load that builds uses what a later load will read, so both check alike. Read back
   * from the entry written, its records stay on disk; from memory when it could not be written (a
   * full disk, a read-only cache folder). Undefined when `kb` has no snapshot. The snapshot's
   * records go to a temporary file as they are encoded (see RecordsFile), not into memory beside
   * the knowledge base they come from, and its head is let go once written. `beforeReadBack`,
   * called once the entry is written: where a caller may collect the garbage the writing left
   * (the Node server does, see ServerPlatform.releaseMemory).
   */
  write(key: string, kb: KnowledgeBase | KnowledgeParts, fileNames: readonly string[], beforeReadBack?: () => void): { kb: KnowledgeBase; written: boolean } | undefined {
    const encodeUtf8 = (s: string) => Buffer.from(s, 'utf8');
    const records = new RecordsFile(`${this.pathOf(key)}.${process.pid}-${threadId}.records${TEMPORARY_SUFFIX}`, this.dir);
    try {
      let encoded = encodeKnowledgeBase(kb, fileNames, { encodeUtf8, spill: (bytes) => records.spill(bytes) });
      if (!encoded) return undefined;
      // Records the file could not take are in memory: after the head, as if never spilled.
      if (records.kept) encoded = { ...encoded, chunks: [...encoded.chunks, ...records.kept], spilled: 0 };
      const digest = records.failed ? undefined : this.writeEntry(key, encoded, records.fd);
      // The head (12 MB for 100,000 assertions) is read back from the entry: the one encoded goes first.
      if (digest) {
        encoded = undefined;
        beforeReadBack?.();
      }
      const read = digest ? this.open(key, fileNames, digest).kb : undefined;
      if (read) return { kb: read, written: true };
      // Not written: read back from memory, its records encoded again if they went to the file.
      const whole = !encoded || encoded.spilled ? encodeKnowledgeBase(kb, fileNames, { encodeUtf8 })! : encoded;
      return { kb: decodeKnowledgeBase(concatBytes(whole.chunks), fileNames), written: false };
    } finally {
      records.remove();
    }
  }

  /**
   * Writes an entry: its snapshot's chunks, then the `spilled` bytes of the records file `records`
   * copied after them; gives the snapshot's digest, or undefined when it could not be written.
   * The digest is worked out as the bytes are written, and the header that holds it written last,
   * over a header of the same length.
   */
  private writeEntry(key: string, snapshot: EncodedSnapshot, records?: number): string | undefined {
    const path = this.pathOf(key);
    const temporary = `${path}.${process.pid}-${threadId}${TEMPORARY_SUFFIX}`;
    let digest: string;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const length = snapshot.chunks.reduce((n, c) => n + c.length, 0) + snapshot.spilled;
      const prefix = (sha256: string) => entryPrefix({ format: CACHE_FORMAT, key, length, headLength: snapshot.headLength, sha256 });
      const hash = createHash('sha256');
      const fd = openSync(temporary, 'w', 0o600);
      try {
        writeAll(fd, prefix(DIGEST_PLACEHOLDER));
        for (const chunk of snapshot.chunks) {
          hash.update(chunk);
          writeAll(fd, chunk);
        }
        if (snapshot.spilled) copyRecords(records!, snapshot.spilled, fd, hash);
        digest = hash.digest('hex');
        writeAll(fd, prefix(digest), 0);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
    } catch {
      removeQuietly(temporary);
      return undefined;
    }
    try {
      this.prune(path);
    } catch {
      // An entry too many costs disk space, not correctness: the next write prunes again.
    }
    return digest;
  }

  /** Removes the least recently used entries beyond the limit, and temporary files left by dead writers. */
  private prune(keep: string): void {
    const now = Date.now();
    const entries: { path: string; used: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      const used = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
      if (used === undefined) continue;
      if (name.endsWith(TEMPORARY_SUFFIX) && now - used > STALE_TEMPORARY_MS) removeQuietly(path);
      else if (name.endsWith(ENTRY_SUFFIX) && path !== keep) entries.push({ path, used });
    }
    entries.sort((a, b) => b.used - a.used);
    for (const { path } of entries.slice(this.maxEntries - 1)) removeQuietly(path);
  }
}

/** Removes a file if it can: one that stays is found corrupt, or pruned, again next time. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // A folder where the file should be, or no permission: nothing more to do.
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / SNAPSHOT_ALIGNMENT) * SNAPSHOT_ALIGNMENT;
}

/** Writes all of `bytes`: where the file is at, or at `position`. */
function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, position === undefined ? null : position + at);
}

/**
 * A temporary file a snapshot's records go to while it is encoded (EncodeOptions.spill), made at
 * the first record (a knowledge base without a snapshot leaves no trace) and removed once the
 * entry is written. When it cannot be made, the records are kept in memory instead (`kept`);
 * when a write to it fails (a full disk), it is `failed`, and no entry is written.
 */
class RecordsFile {
  fd: number | undefined;
  kept: Uint8Array[] | undefined;
  failed = false;

  constructor(
    private readonly path: string,
    private readonly dir: string,
  ) {}

  spill(bytes: Uint8Array): void {
    if (this.fd === undefined && !this.kept) this.open();
    // The writer uses its bytes again once this returns.
    if (this.kept) this.kept.push(bytes.slice());
    else if (!this.failed) {
      try {
        writeAll(this.fd!, bytes);
      } catch {
        this.failed = true;
      }
    }
  }

  private open(): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.fd = openSync(this.path, 'w+', 0o600);
    } catch {
      this.kept = [];
    }
  }

  remove(): void {
    if (this.fd === undefined) return;
    closeQuietly(this.fd);
    removeQuietly(this.path);
  }
}

/** A SHA-256 as hex, of its length: an entry's header is written with it first, and with the digest over it once the digest is known. */
const DIGEST_PLACEHOLDER = '0'.repeat(64);

/** An entry's bytes before its snapshot: MAGIC, the header's length, the header, and zeros up to the snapshot's alignment. */
function entryPrefix(entry: EntryHeader): Buffer {
  const header = Buffer.from(JSON.stringify(entry));
  const prefix = Buffer.alloc(alignUp(MAGIC.length + HEADER_LENGTH_BYTES + header.length));
  MAGIC.copy(prefix);
  prefix.writeUInt32LE(header.length, MAGIC.length);
  header.copy(prefix, MAGIC.length + HEADER_LENGTH_BYTES);
  return prefix;
}

/** Copies the first `length` bytes of the records file `from` to where `to` is at, a chunk at a time, each into `hash` too. */
function copyRecords(from: number, length: number, to: number, hash: Hash): void {
  const chunk = Buffer.allocUnsafe(DIGEST_CHUNK_BYTES);
  for (let at = 0; at < length; ) {
    const n = readSync(from, chunk, 0, Math.min(chunk.length, length - at), at);
    if (n === 0) throw new Error('the records file ends early');
    hash.update(chunk.subarray(0, n));
    writeAll(to, chunk.subarray(0, n));
    at += n;
  }
}

/** What an entry's header says: the snapshot's length, its head's, and its digest. */
interface EntryHeader {
  format: number;
  key: string;
  length: number;
  headLength: number;
  sha256: string;
}

/** Entries read, by the knowledge base read from each: its file is closed once the knowledge base is collected. */
const OPEN_ENTRIES = new FinalizationRegistry<number>((fd) => closeQuietly(fd));

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Closed already.
  }
}

/** `bytes.length` bytes of the file at `position`; throws when the file ends before. */
function readExactly(fd: number, bytes: Buffer, position: number): Buffer {
  for (let at = 0; at < bytes.length; ) {
    const n = readSync(fd, bytes, at, bytes.length - at, position + at);
    if (n === 0) throw new Error('the entry ends early');
    at += n;
  }
  return bytes;
}

/**
 * Reads of a snapshot's records (`length` bytes at `start` in the file) through a few blocks kept:
 * a check asks for records near one another (the bundled knowledge base's facts and entities come
 * first, a node's children sit before it), and one read of a block answers many of them.
 */
function blockReader(fd: number, start: number, length: number): (offset: number, n: number) => Uint8Array {
  const blocks = new Map<number, Buffer>();
  return (offset, n) => {
    const first = Math.floor(offset / READ_BLOCK_BYTES) * READ_BLOCK_BYTES;
    let block = blocks.get(first);
    if (!block || offset + n > first + block.length) {
      block = readExactly(fd, Buffer.allocUnsafe(Math.min(Math.max(READ_BLOCK_BYTES, offset + n - first), length - first)), start + first);
      blocks.delete(first);
      if (blocks.size >= READ_BLOCKS_KEPT) blocks.delete(blocks.keys().next().value!);
    }
    // Most recently used last: the first is the one to drop.
    blocks.delete(first);
    blocks.set(first, block);
    return block.subarray(offset - first, offset - first + n);
  };
}

/**
 * The snapshot an open entry holds, as a source (see SnapshotSource), once its header is checked
 * and the digest of all of it matches (or it is the one `written` just now); throws for anything amiss.
 */
function checkedSource(fd: number, key: string, written?: string): SnapshotSource {
  const lead = readExactly(fd, Buffer.alloc(MAGIC.length + HEADER_LENGTH_BYTES), 0);
  if (!lead.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a cache entry');
  const headerLength = lead.readUInt32LE(MAGIC.length);
  const size = fstatSync(fd).size;
  if (MAGIC.length + HEADER_LENGTH_BYTES + headerLength > size) throw new Error('its header runs past its end');
  const header = JSON.parse(readExactly(fd, Buffer.alloc(headerLength), MAGIC.length + HEADER_LENGTH_BYTES).toString('utf8')) as Partial<EntryHeader>;
  const start = alignUp(MAGIC.length + HEADER_LENGTH_BYTES + headerLength);
  if (header.format !== CACHE_FORMAT || header.key !== key) throw new Error('another format or key');
  const { length, headLength } = header;
  if (length !== size - start || typeof headLength !== 'number' || headLength < 0 || headLength > length) throw new Error('truncated or overlong');
  const head = readExactly(fd, Buffer.allocUnsafe(headLength), start);
  const read = blockReader(fd, start, length);
  // Just written by this process, from the snapshot whose digest it holds.
  if (written !== undefined && header.sha256 === written) return { head, read };
  const hash = createHash('sha256').update(head);
  const chunk = Buffer.allocUnsafe(DIGEST_CHUNK_BYTES);
  for (let at = headLength; at < length; ) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, length - at), start + at);
    if (n === 0) throw new Error('the entry ends early');
    hash.update(chunk.subarray(0, n));
    at += n;
  }
  if (hash.digest('hex') !== header.sha256) throw new Error('its digest does not match');
  return { head, read };
}
