/**
 * A built knowledge base as bytes, and back: what a cache of it keeps (the Node front ends'
 * src/node/knowledge-cache.ts), so that a second load of the same files skips parsing,
 * validation, merging and index building. Reading a snapshot back is quick because nearly all of
 * it is read only when a check needs it: a fact is compiled from its own JSON when a figure may be
 * about it, an entity or a source when something asks for it by id (hash tables written with
 * the snapshot find them), and a node of the names' index when matching reaches it. A draft about
 * a few parties reaches a few hundred of 87,000 facts; the rest stay bytes, about a third of the
 * memory their objects took, and cost nothing to load.
 *
 * Plain data only (Uint8Array, TextEncoder, JSON), so the engine still runs in a web worker. The
 * bytes are trusted to be what `encodeKnowledgeBase` wrote (a cache checks a digest of them
 * first), but a snapshot that does not hold together is refused with a SnapshotError, never read
 * past its end.
 */
import {
  type AssertionValues,
  type CompiledFact,
  type FactStore,
  type KnowledgeBase,
  type KnowledgeParts,
  FactCompiler,
  assembleKnowledgeBase,
  partsOfKnowledgeBase,
} from './knowledge-base';
import { type FactPlaces, FactPlaceMap } from './lookup';
import { type NodeRecord, PhraseIndex } from './phrase-index';
import type { Entity, Fact, Hedge, Qualifier, Relation, Source, Unit, ValueType } from './schema';

/** The layout below; a snapshot of another format is refused (and its cache rebuilt). Raise it with any change to what is written. */
export const SNAPSHOT_FORMAT = 4;

/** Sections start at multiples of this, so that a section of 8-byte numbers is read in place. */
const SECTION_ALIGNMENT = 8;

/** The bytes of the header's length, before the header. */
const HEADER_LENGTH_BYTES = 4;

/** Bytes of each chunk a section's strings are copied into (see SectionWriter.strings). */
const CHUNK_BYTES = 1 << 20;

/**
 * A snapshot as written: its bytes in chunks, in order, and how many of them are its head (see
 * SnapshotSource). Encoded with a `spill` (EncodeOptions), its records are not among the chunks:
 * they are the `spilled` bytes handed to it, which follow the chunks.
 */
export interface EncodedSnapshot {
  chunks: Uint8Array[];
  headLength: number;
  spilled: number;
}

/**
 * Where a snapshot is read from: its head (the header and every section read at once, the first
 * `headLength` bytes; more may be given), and any range of its bytes, for the records read on
 * demand. A cache reads the head from its file and the records from the file as asked for, so the
 * 48 MB of 100,000 assertions' facts are never read whole.
 */
export interface SnapshotSource {
  head: Uint8Array;
  read(offset: number, length: number): Uint8Array;
}

/** A snapshot held whole in memory, as a source. */
export function snapshotInMemory(bytes: Uint8Array): SnapshotSource {
  return { head: bytes, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

/** A snapshot that does not hold together, or of another format. */
export class SnapshotError extends Error {}

/** What the JSON section "main" holds: the small parts, read at once. */
interface MainSection {
  relations: Relation[];
  qualifiers: Qualifier[];
  units: Unit[];
  keywords: string[];
  measureWords: [ValueType, string[]][];
  byWord: [ValueType, string, number[]][];
  /** The types with facts, in order, each with how many assertions its lists of values hold. */
  types: [ValueType, number][];
  hedges: Hedge[];
  publishers: string[];
  familyHeads: string[];
  describedBy: [string, readonly string[]][];
  groups: [string, string[]][];
  /** The names' index: its roots' records and its word keys; its values are entities' places. */
  names: { roots: { folded: number; exact: number }; keys: string[] };
  namesWithStops: readonly string[];
  /** Each exclusive relation's and qualifier's file (KnowledgeParts.scopeFiles), by its place in the file list (as facts' files are). */
  scopeFiles: [string, number][];
}

/** Bit of a fact's flags: it has a year and a date fact of its subject and relation (CompiledFact.yearHasDateFact). */
const YEAR_HAS_DATE_FACT = 1;

/** A fact written in no file of the list the snapshot was made with. */
const NO_FILE = -1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}

function align(n: number): number {
  return Math.ceil(n / SECTION_ALIGNMENT) * SECTION_ALIGNMENT;
}

/** FNV-1a's offset basis and prime (32 bits): a string's hash over its UTF-8 bytes, for the snapshot's hash tables. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

/** The hash of a string's UTF-8 bytes (hashBytes) and their number; ids and keys are ASCII, read without encoding them. */
function utf8Hash(s: string): { hash: number; length: number } {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= ASCII_END) {
      const bytes = encoder.encode(s);
      return { hash: hashBytes(bytes, 0, bytes.length), length: bytes.length };
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return { hash: h >>> 0, length: s.length };
}

/** The first code unit past ASCII, whose UTF-8 is no longer the unit itself. */
const ASCII_END = 0x80;

/** The slots of a hash table for `n` strings: a power of two at least twice `n`, so that probes stay short. */
function tableSize(n: number): number {
  let size = 8;
  while (size < 2 * n) size *= 2;
  return size;
}

/**
 * Sections of bytes being written, each at an aligned offset: first those read when the snapshot
 * is (its head), then the records, read one by one as they are asked for (see SnapshotSource).
 * With a `spill`, the records are handed to it as they are written, in order, each section
 * followed by its padding, instead of kept: they are most of a large knowledge base's snapshot
 * (64 of its 76 MB), written while the knowledge base they come from is still in memory.
 */
class SectionWriter {
  private readonly sections: { name: string; parts: Uint8Array[]; length: number; onDemand: boolean }[] = [];
  /** The bytes handed to `spill` so far, padding included. */
  private spilled = 0;

  /** `encode`: a string's UTF-8; `spill`: where the records go (see EncodeOptions). */
  constructor(
    private readonly encode: (s: string) => Uint8Array,
    private readonly spill?: (bytes: Uint8Array) => void,
  ) {}

  bytes(name: string, ...parts: Uint8Array[]): void {
    this.sections.push({ name, parts, length: parts.reduce((n, p) => n + p.length, 0), onDemand: false });
  }

  numbers(name: string, array: Int32Array | Uint32Array | Float64Array | Uint8Array): void {
    this.bytes(name, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  }

  json(name: string, value: unknown): void {
    this.bytes(name, encoder.encode(JSON.stringify(value)));
  }

  /**
   * Strings one after another (`name`), where each ends (`name.ends`), and with `hashed` a hash
   * table of them (`name.hash`: each slot 0, or a string's place plus 1) to find one by its text.
   */
  strings(name: string, strings: Iterable<string>, hashed = false): void {
    const section = this.section(name, hashed, false);
    for (const s of strings) section.add(s);
    section.end();
  }

  /** Strings read one at a time as they are asked for (see SnapshotSource): records of entries, facts and names. */
  records(name: string, strings: Iterable<string>): void {
    const section = this.openRecords(name);
    for (const s of strings) section.add(s);
    section.end();
  }

  /** A records section (see records) written a string at a time, for strings handed over rather than asked for. */
  openRecords(name: string): { add(s: string): void; end(): void } {
    return this.section(name, false, true);
  }

  /** A strings section being written (see strings); `onDemand`: its strings are records. */
  private section(name: string, hashed: boolean, onDemand: boolean): { add(s: string): void; end(): void } {
    const spill = onDemand ? this.spill : undefined;
    const ends: number[] = [];
    const hashes: number[] = [];
    const chunks: Uint8Array[] = [];
    let chunk = new Uint8Array(0);
    let used = 0;
    let at = 0;
    // A full chunk is kept, or spilled and its bytes used again.
    const flush = () => {
      if (used && spill) spill(chunk.subarray(0, used));
      else if (used) chunks.push(chunk.subarray(0, used));
      used = 0;
    };
    return {
      add: (s) => {
        const bytes = this.encode(s);
        // Copied into chunks of CHUNK_BYTES: a section is a few parts however many strings it has.
        if (chunk.length - used < bytes.length) {
          flush();
          if (!spill || chunk.length < bytes.length) chunk = new Uint8Array(Math.max(CHUNK_BYTES, bytes.length));
        }
        chunk.set(bytes, used);
        used += bytes.length;
        ends.push((at += bytes.length));
        if (hashed) hashes.push(hashBytes(bytes, 0, bytes.length));
      },
      end: () => {
        flush();
        this.sections.push({ name, parts: chunks, length: at, onDemand });
        if (spill) this.spillPadding(at);
        this.numbers(`${name}.ends`, Uint32Array.from(ends));
        if (hashed) this.numbers(`${name}.hash`, hashTable(hashes));
      },
    };
  }

  /** After a section of `length` bytes spilled, the zeros up to the next aligned offset, as finish places sections. */
  private spillPadding(length: number): void {
    const end = this.spilled + length;
    this.spilled = align(end);
    if (this.spilled > end) this.spill!(new Uint8Array(this.spilled - end));
  }

  /**
   * The header's length, the header (the sections' places, and where the head ends), then the
   * sections, those read on demand last: as chunks, in order, with the head's length.
   */
  finish(): EncodedSnapshot {
    // The records follow the head in the order they were written: as they were spilled, if they were.
    const ordered = [...this.sections.filter((x) => !x.onDemand), ...this.sections.filter((x) => x.onDemand)];
    const places: Record<string, [number, number]> = {};
    let offset = 0;
    let headEnd = 0;
    for (const { name, length, onDemand } of ordered) {
      places[name] = [offset, length];
      offset = align(offset + length);
      if (!onDemand) headEnd = offset;
    }
    // The header says where the head ends, which its own length moves: written again until it stays put (twice, or three times).
    let header = new Uint8Array(0);
    for (let start = -1, next = 0; start !== next; ) {
      start = next;
      header = encoder.encode(JSON.stringify({ format: SNAPSHOT_FORMAT, littleEndian: isLittleEndian(), headLength: start + headEnd, sections: places }));
      next = align(HEADER_LENGTH_BYTES + header.length);
    }
    const start = align(HEADER_LENGTH_BYTES + header.length);
    const head = new Uint8Array(start);
    new DataView(head.buffer).setUint32(0, header.length, true);
    head.set(header, HEADER_LENGTH_BYTES);
    const chunks: Uint8Array[] = [head];
    let at = 0;
    for (const { parts, length, onDemand } of ordered) {
      if (onDemand && this.spill) break;
      chunks.push(...parts);
      const padding = align(at + length) - (at + length);
      if (padding) chunks.push(new Uint8Array(padding));
      at = align(at + length);
    }
    return { chunks, headLength: start + headEnd, spilled: this.spilled };
  }
}

/** A hash table of strings by their hashes (see SectionWriter.strings): each slot 0, or a string's place plus 1. */
function hashTable(hashes: readonly number[]): Int32Array {
  const table = new Int32Array(tableSize(hashes.length));
  const mask = table.length - 1;
  hashes.forEach((hash, i) => {
    let slot = hash & mask;
    while (table[slot]) slot = (slot + 1) & mask;
    table[slot] = i + 1;
  });
  return table;
}

/** The chunks as one array of bytes. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export interface EncodeOptions {
  /**
   * A string's UTF-8, as TextEncoder gives it (a lone surrogate as U+FFFD). Node's Buffer.from
   * does it for a fraction of the cost: TextEncoder costs microseconds a call, and a snapshot of
   * 100,000 assertions has hundreds of thousands of strings (0.45 s against 0.05 s).
   */
  encodeUtf8?: (s: string) => Uint8Array;
  /**
   * Where the records go as they are written, in order (see EncodedSnapshot.spilled): a cache
   * writes them to a file rather than hold them. It must be done with the bytes when it returns:
   * they are written over.
   */
  spill?: (bytes: Uint8Array) => void;
}

/**
 * A snapshot of a knowledge base built from files (buildKnowledgeBase), or of the parts of merged
 * files (knowledgePartsOfMerged), as chunks of bytes in order, or undefined for a knowledge base
 * that was not built so (a test's hand-made one). `files`: the names
 * of the files it was built from, in order (the bundled one's too when it was used), so that a
 * snapshot read back under other names (the same bytes elsewhere) names its facts' files as
 * the caller names them then.
 */
export function encodeKnowledgeBase(kb: KnowledgeBase | KnowledgeParts, files: readonly string[], options: EncodeOptions = {}): EncodedSnapshot | undefined {
  // Parts are written as given (knowledgePartsOfMerged's: the names' index is made here, and let go once its nodes are written).
  const parts = 'indexes' in kb ? kb : partsOfKnowledgeBase(kb);
  if (!parts) return undefined;
  const out = new SectionWriter(options.encodeUtf8 ?? ((s) => encoder.encode(s)), options.spill);
  const entityPlaces = placesById(parts.entities);
  const types = [...parts.valuesByType.keys()];
  const byWord = parts.indexes.byWord;
  if (!(byWord instanceof FactPlaceMap)) return undefined;
  // Each node of the names' index written as it is met, not held as a list of 170,000 records.
  const nameRecords = out.openRecords('names');
  const names = parts.indexes.mentions.records(
    (id) => entityPlaces.get(id) ?? -1,
    (record) => nameRecords.add(JSON.stringify(record)),
  );
  nameRecords.end();
  const hedges = [...new Set([...parts.valuesByType.values()].flatMap((v) => v.hedges))];
  const main: MainSection = {
    relations: [...parts.relations.values()],
    qualifiers: [...parts.qualifiers.values()],
    units: [...parts.units.values()],
    keywords: [...parts.keywords],
    measureWords: [...parts.measureWords].map(([type, words]) => [type, [...words]]),
    byWord: [...byWord.entries()].map(([type, word, places]) => [type, word, [...places]]),
    types: [...parts.valuesByType].map(([type, values]) => [type, values.hedges.length]),
    hedges,
    publishers: [...parts.publishers],
    familyHeads: [...parts.familyHeads],
    describedBy: [...parts.describedBy],
    groups: [...parts.groupsByMember].map(([member, groups]) => [member, [...groups]]),
    names: { roots: names.roots, keys: names.keys },
    namesWithStops: parts.namesWithStops,
    scopeFiles: [...parts.scopeFiles].flatMap(([key, file]) => (files.includes(file) ? [[key, files.indexOf(file)] as [string, number]] : [])),
  };
  out.json('main', main);
  writeRecords(out, 'entities', parts.entities);
  writeRecords(out, 'sources', parts.sources);
  writeFacts(out, parts.facts, files);
  writeByEntity(out, parts, entityPlaces, types);
  writePartners(out, parts);
  for (const [type, values] of parts.valuesByType) writeValues(out, type, values, hedges);
  return out.finish();
}

/** Each id's place in the map's order; the map must be keyed by its entries' ids. */
function placesById(map: ReadonlyMap<string, { id: string }>): Map<string, number> {
  const places = new Map<string, number>();
  for (const [key, value] of map) {
    if (key !== value.id) throw new SnapshotError(`an entry "${value.id}" is kept under "${key}"`);
    places.set(key, places.size);
  }
  return places;
}

/** Entries with ids: their ids (hashed) and, at the same places, their JSON. */
function writeRecords(out: SectionWriter, name: string, map: ReadonlyMap<string, object>): void {
  out.strings(`${name}.ids`, map.keys(), true);
  out.records(`${name}.records`, (function* () {
    for (const v of map.values()) yield JSON.stringify(v);
  })());
}

/** Each fact as JSON, its id (hashed), its flags and its file. */
function writeFacts(out: SectionWriter, facts: FactStore, files: readonly string[]): void {
  const fileIndex = new Map(files.map((f, i) => [f, i]));
  const flags = new Uint8Array(facts.size);
  const factFiles = new Int32Array(facts.size);
  const written = (place: number) => facts.written?.(place) ?? facts.at(place);
  for (let place = 0; place < facts.size; place++) {
    flags[place] = written(place).yearHasDateFact ? YEAR_HAS_DATE_FACT : 0;
    const file = facts.fileAt(place);
    factFiles[place] = file === undefined ? NO_FILE : (fileIndex.get(file) ?? NO_FILE);
  }
  out.records('facts.records', mapped(facts.size, (place) => JSON.stringify(written(place).fact)));
  out.strings('facts.ids', mapped(facts.size, (place) => written(place).fact.id), true);
  out.numbers('facts.flags', flags);
  out.numbers('facts.files', factFiles);
}

/** Something of each of `size` facts, by place, in order, made as it is read. */
function* mapped<T>(size: number, f: (place: number) => T): Generator<T> {
  for (let place = 0; place < size; place++) yield f(place);
}

/**
 * The facts by entity, as one list of places grouped by entity (in the entities' order) and, in
 * each entity's group, by type (in `types`' order): `byEntity.starts` holds where each group
 * starts, and one more for the end.
 */
function writeByEntity(out: SectionWriter, parts: KnowledgeParts, entityPlaces: ReadonlyMap<string, number>, types: readonly ValueType[]): void {
  const byEntity = parts.indexes.byEntity;
  if (!(byEntity instanceof FactPlaceMap)) throw new SnapshotError('its facts by entity are not a map');
  const typeIndex = new Map(types.map((t, i) => [t, i]));
  const groups: [group: number, places: readonly number[]][] = [];
  for (const [type, entity, places] of byEntity.entries()) {
    const e = entityPlaces.get(entity);
    const t = typeIndex.get(type);
    if (e === undefined || t === undefined) throw new SnapshotError(`facts are kept under "${type}|${entity}", which is no entity with facts of its type`);
    groups.push([e * types.length + t, places]);
  }
  groups.sort((a, b) => a[0] - b[0]);
  const starts = new Int32Array(entityPlaces.size * types.length + 1);
  const places = new Int32Array(groups.reduce((n, [, p]) => n + p.length, 0));
  let at = 0;
  let next = 0;
  for (const [group, list] of groups) {
    // The groups before this one that have no places start (and end) here.
    for (; next <= group; next++) starts[next] = at;
    places.set(list, at);
    at += list.length;
  }
  for (; next < starts.length; next++) starts[next] = at;
  out.numbers('byEntity.starts', starts);
  out.numbers('byEntity.places', places);
}

function writePartners(out: SectionWriter, parts: KnowledgeParts): void {
  const partners = parts.partners as Partial<{ parties: ReadonlyMap<string, ReadonlySet<string>> }>;
  if (!partners.parties) throw new SnapshotError('its role partners are not a map');
  out.strings('partners.keys', partners.parties.keys(), true);
  out.numbers('partners.counts', Int32Array.from(partners.parties.values(), (p) => p.size));
}

function writeValues(out: SectionWriter, type: ValueType, values: AssertionValues, hedges: readonly Hedge[]): void {
  const code = new Map(hedges.map((h, i) => [h, i]));
  out.numbers(`values.${type}.places`, Int32Array.from(values.places));
  out.numbers(`values.${type}.indexes`, Int32Array.from(values.indexes));
  out.numbers(`values.${type}.lo`, Float64Array.from(values.lo));
  out.numbers(`values.${type}.hi`, Float64Array.from(values.hi));
  out.numbers(`values.${type}.hedges`, Uint8Array.from(values.hedges, (h) => code.get(h)!));
}

/** The sections of a snapshot: those of its head read in place where their alignment allows, the records through the source. */
class SectionReader {
  private readonly places: Record<string, [number, number]>;
  private readonly start: number;
  readonly headLength: number;

  constructor(private readonly source: SnapshotSource) {
    const head = source.head;
    if (head.length < HEADER_LENGTH_BYTES) throw new SnapshotError('it is too short');
    const length = new DataView(head.buffer, head.byteOffset, head.length).getUint32(0, true);
    if (HEADER_LENGTH_BYTES + length > head.length) throw new SnapshotError('its header runs past its end');
    let header: { format?: unknown; littleEndian?: unknown; headLength?: unknown; sections?: Record<string, [number, number]> };
    try {
      header = JSON.parse(decoder.decode(head.subarray(HEADER_LENGTH_BYTES, HEADER_LENGTH_BYTES + length)));
    } catch {
      throw new SnapshotError('its header is not JSON');
    }
    if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`it is of format ${String(header.format)}, not ${SNAPSHOT_FORMAT}`);
    if (header.littleEndian !== isLittleEndian()) throw new SnapshotError('it was written on a machine of the other byte order');
    if (typeof header.headLength !== 'number' || header.headLength > head.length) throw new SnapshotError('its head is cut short');
    this.headLength = header.headLength;
    this.places = header.sections ?? {};
    this.start = align(HEADER_LENGTH_BYTES + length);
  }

  /** A section's place: its offset in the snapshot, and its length. */
  private place(name: string): [from: number, length: number] {
    const place = this.places[name];
    if (!Array.isArray(place)) throw new SnapshotError(`it has no section "${name}"`);
    const [offset, length] = place;
    const from = this.start + offset;
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(length) || offset < 0 || length < 0) throw new SnapshotError(`its section "${name}" has no place`);
    return [from, length];
  }

  /** A section of the head's bytes (a view, not a copy). */
  section(name: string): Uint8Array {
    const [from, length] = this.place(name);
    if (from + length > this.headLength) throw new SnapshotError(`its section "${name}" runs past its head`);
    return this.source.head.subarray(from, from + length);
  }

  json<T>(name: string): T {
    return JSON.parse(decoder.decode(this.section(name))) as T;
  }

  int32(name: string, length?: number): Int32Array {
    return numbers(name, this.section(name), Int32Array, length);
  }

  float64(name: string, length: number): Float64Array {
    return numbers(name, this.section(name), Float64Array, length);
  }

  /** A strings section of the head (see SectionWriter.strings). */
  strings(name: string, hashed = false): StringTable {
    const bytes = this.section(name);
    return this.table(name, bytes.length, (from, to) => bytes.subarray(from, to), hashed);
  }

  /** A records section, each string read from the source when asked for (see SectionWriter.records). */
  records(name: string): StringTable {
    const [start, length] = this.place(name);
    return this.table(name, length, (from, to) => {
      const bytes = this.source.read(start + from, to - from);
      if (bytes.length !== to - from) throw new SnapshotError(`its section "${name}" was cut short`);
      return bytes;
    });
  }

  private table(name: string, length: number, bytes: (from: number, to: number) => Uint8Array, hashed = false): StringTable {
    const ends = numbers(`${name}.ends`, this.section(`${name}.ends`), Uint32Array);
    return new StringTable(name, length, bytes, ends, hashed ? this.int32(`${name}.hash`) : undefined);
  }
}

type NumberArray<A> = { new (buffer: ArrayBufferLike, offset: number, length: number): A; new (length: number): A; BYTES_PER_ELEMENT: number };

/** A section's numbers (`length` of them, when given): a view of them when aligned for their size, else a copy. */
function numbers<A extends Int32Array | Uint32Array | Float64Array>(name: string, bytes: Uint8Array, type: NumberArray<A>, length?: number): A {
  const size = type.BYTES_PER_ELEMENT;
  if (bytes.length % size || (length !== undefined && bytes.length !== length * size)) throw new SnapshotError(`its section "${name}" does not hold the numbers it should`);
  if (bytes.byteOffset % size === 0) return new type(bytes.buffer, bytes.byteOffset, bytes.length / size);
  const copy = new type(bytes.length / size);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}

/**
 * A list of `n` empty slots that V8 keeps as a plain array: `new Array(n)` of a large n is a
 * dictionary, and the siblings lookup reads a slot of the facts' list hundreds of thousands of
 * times in a check of the dev drafts against 100,000 assertions.
 */
function emptySlots<T>(n: number): (T | undefined)[] {
  const slots: (T | undefined)[] = [];
  for (let i = 0; i < n; i++) slots.push(undefined);
  return slots;
}

/**
 * Strings of a snapshot (see SectionWriter.strings), each read when first asked for, and found by
 * text when hashed. Ids are kept once read (`at`); records are read each time (`text`): whoever
 * asks for one parses it and keeps what it parses to, and kept as well, the JSON of the entries,
 * facts and names' nodes a check reaches was most of what it read.
 */
class StringTable {
  /** The strings read by `at`, made on the first (a table of records never needs it). */
  private read?: (string | undefined)[];

  constructor(
    name: string,
    length: number,
    /** The section's bytes from one offset to another. */
    private readonly bytes: (from: number, to: number) => Uint8Array,
    private readonly ends: Uint32Array,
    private readonly table?: Int32Array,
  ) {
    const last = ends.length ? ends[ends.length - 1] : 0;
    if (last !== length || ends.some((end, i) => end < (i ? ends[i - 1] : 0))) throw new SnapshotError(`its section "${name}" does not end where its strings do`);
    if (table && (table.length < ends.length || table.length & (table.length - 1))) throw new SnapshotError(`its section "${name}.hash" is no hash table of its strings`);
  }

  get size(): number {
    return this.ends.length;
  }

  private from(i: number): number {
    return i ? this.ends[i - 1] : 0;
  }

  /** The string at `i`, kept once read. */
  at(i: number): string {
    const read = (this.read ??= emptySlots(this.ends.length));
    return (read[i] ??= this.text(i));
  }

  /** The string at `i`, read now and not kept. */
  text(i: number): string {
    return decoder.decode(this.bytes(this.from(i), this.ends[i]));
  }

  /** The place of the string `s`, or -1. */
  find(s: string): number {
    const table = this.table!;
    const { hash, length } = utf8Hash(s);
    const mask = table.length - 1;
    for (let slot = hash & mask; table[slot]; slot = (slot + 1) & mask) {
      const i = table[slot] - 1;
      if (i < this.size && this.ends[i] - this.from(i) === length && this.at(i) === s) return i;
    }
    return -1;
  }
}

/**
 * A snapshot's entries with ids (its entities, its sources) as a map: each read from its JSON
 * when first asked for, then kept, so that every `get` of an id gives the same object. Going
 * through the map reads them all: the check never does (the knowledge base keeps what it would
 * look for that way: publishers, family heads, groups).
 */
class RecordMap<V> implements ReadonlyMap<string, V> {
  private readonly byPlace: (V | undefined)[];
  /** The entries read, by id: the check asks for the same few parties over and over. */
  private readonly known = new Map<string, V>();
  private readonly places = new Map<string, number>();

  constructor(
    private readonly ids: StringTable,
    private readonly records: StringTable,
  ) {
    if (records.size !== ids.size) throw new SnapshotError('its ids and entries are not one for one');
    this.byPlace = emptySlots(ids.size);
  }

  get size(): number {
    return this.ids.size;
  }

  /** The entry at a place, in the map's order. */
  at(place: number): V {
    let v = this.byPlace[place];
    if (v === undefined) {
      this.byPlace[place] = v = JSON.parse(this.records.text(place)) as V;
      this.known.set(this.ids.at(place), v);
    }
    return v;
  }

  /** The id at a place. */
  keyAt(place: number): string {
    return this.ids.at(place);
  }

  /** The place of an id, or -1 (remembered: the check asks for the same few parties over and over). */
  placeOf(id: string): number {
    let place = this.places.get(id);
    if (place === undefined) {
      place = this.ids.find(id);
      if (place >= 0) this.places.set(id, place);
    }
    return place;
  }

  get(id: string): V | undefined {
    const v = this.known.get(id);
    if (v !== undefined) return v;
    const place = this.placeOf(id);
    return place < 0 ? undefined : this.at(place);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[string, V]> {
    for (let i = 0; i < this.size; i++) yield [this.ids.at(i), this.at(i)];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.ids.at(i);
  }

  *values(): MapIterator<V> {
    for (let i = 0; i < this.size; i++) yield this.at(i);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(f: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }
}

/**
 * A snapshot's facts, each compiled from its JSON when first asked for, then kept: the same
 * CompiledFact every time, as the engine's memos expect.
 */
class SnapshotFacts implements FactStore {
  private readonly compiled: (CompiledFact | undefined)[];
  private readonly records: StringTable;
  private readonly ids: StringTable;
  private readonly flags: Uint8Array;
  private readonly files: Int32Array;
  private compiledAll = false;

  constructor(
    reader: SectionReader,
    private readonly compiler: FactCompiler,
    private readonly fileNames: readonly string[],
  ) {
    this.records = reader.records('facts.records');
    this.ids = reader.strings('facts.ids', true);
    this.flags = reader.section('facts.flags');
    this.files = reader.int32('facts.files', this.size);
    if (this.ids.size !== this.size || this.flags.length !== this.size) throw new SnapshotError('its facts\' ids, flags and files are not one per fact');
    this.compiled = emptySlots(this.size);
  }

  get size(): number {
    return this.records.size;
  }

  at(place: number): CompiledFact {
    return (this.compiled[place] ??= this.compiler.compile(JSON.parse(this.records.text(place)) as Fact, (this.flags[place] & YEAR_HAS_DATE_FACT) !== 0));
  }

  all(): readonly CompiledFact[] {
    if (!this.compiledAll) for (let place = 0; place < this.size; place++) this.at(place);
    this.compiledAll = true;
    return this.compiled as CompiledFact[];
  }

  placeOf(id: string): number | undefined {
    const place = this.ids.find(id);
    return place < 0 ? undefined : place;
  }

  fileAt(place: number): string | undefined {
    return this.fileNames[this.files[place]];
  }
}

/** The facts by entity a snapshot keeps (see writeByEntity). */
class EntityFactPlaces implements FactPlaces {
  private readonly starts: Int32Array;
  private readonly places: Int32Array;
  private readonly types: ReadonlyMap<ValueType, number>;
  /**
   * The lists asked for, by group (null: empty), as plain lists: siblings are asked for by party
   * over and over (a group's thousand members each ask of its subject's facts).
   */
  private readonly lists = new Map<number, readonly number[] | null>();

  constructor(
    reader: SectionReader,
    private readonly entities: RecordMap<Entity>,
    types: readonly ValueType[],
  ) {
    this.types = new Map(types.map((t, i) => [t, i]));
    this.starts = reader.int32('byEntity.starts', entities.size * types.length + 1);
    this.places = reader.int32('byEntity.places');
    if (this.starts[this.starts.length - 1] !== this.places.length) throw new SnapshotError('its facts by entity do not end where their places do');
  }

  get(type: ValueType, entity: string): ArrayLike<number> | undefined {
    const t = this.types.get(type);
    const e = t === undefined ? -1 : this.entities.placeOf(entity);
    if (e < 0) return undefined;
    const group = e * this.types.size + t!;
    let list = this.lists.get(group);
    if (list === undefined) {
      const from = this.starts[group];
      const to = this.starts[group + 1];
      this.lists.set(group, (list = to > from ? Array.from(this.places.subarray(from, to)) : null));
    }
    return list ?? undefined;
  }
}

function valuesOf(reader: SectionReader, type: ValueType, count: number, hedges: readonly Hedge[]): AssertionValues {
  const codes = reader.section(`values.${type}.hedges`);
  if (codes.length !== count) throw new SnapshotError(`its lists of ${type} values are not of one length`);
  return {
    places: reader.int32(`values.${type}.places`, count),
    indexes: reader.int32(`values.${type}.indexes`, count),
    lo: reader.float64(`values.${type}.lo`, count),
    hi: reader.float64(`values.${type}.hi`, count),
    hedges: Array.from(codes, (code) => hedges[code]),
  };
}

/** The role keys with several parties, and how many (see KnowledgeParts.partners). */
function partnersOf(reader: SectionReader): KnowledgeParts['partners'] {
  const keys = reader.strings('partners.keys', true);
  const counts = reader.int32('partners.counts', keys.size);
  return {
    get(key) {
      const place = keys.find(key);
      return place < 0 ? undefined : counts[place];
    },
  };
}

/**
 * The knowledge base a snapshot holds; `files`: the names its facts' files go by now, in the order
 * of the list it was made with. Throws a SnapshotError for a snapshot that does not hold together.
 */
export function decodeKnowledgeBase(source: SnapshotSource | Uint8Array, files: readonly string[]): KnowledgeBase {
  const reader = new SectionReader(source instanceof Uint8Array ? snapshotInMemory(source) : source);
  const main = reader.json<MainSection>('main');
  const entities = new RecordMap<Entity>(reader.strings('entities.ids', true), reader.records('entities.records'));
  const sources = new RecordMap<Source>(reader.strings('sources.ids', true), reader.records('sources.records'));
  const relations = new Map(main.relations.map((r) => [r.id, r]));
  const names = reader.records('names');
  const types = main.types.map(([type]) => type);
  const parts: KnowledgeParts = {
    sources,
    entities,
    relations,
    qualifiers: new Map(main.qualifiers.map((q) => [q.id, q])),
    units: new Map(main.units.map((u) => [u.id, u])),
    facts: new SnapshotFacts(reader, new FactCompiler(sources, relations), files),
    valuesByType: new Map(main.types.map(([type, count]) => [type, valuesOf(reader, type, count, main.hedges)])),
    measureWords: new Map(main.measureWords.map(([type, words]) => [type, new Set(words)])),
    keywords: main.keywords,
    indexes: {
      mentions: PhraseIndex.fromRecords<string>({ record: (i) => JSON.parse(names.text(i)) as NodeRecord, keys: main.names.keys, value: (place) => entities.keyAt(place) }, main.names.roots),
      byEntity: new EntityFactPlaces(reader, entities, types),
      byWord: new FactPlaceMap(new Map(main.byWord.map(([type, word, places]) => [FactPlaceMap.key(type, word), places]))),
    },
    partners: partnersOf(reader),
    publishers: new Set(main.publishers),
    familyHeads: new Set(main.familyHeads),
    describedBy: new Map(main.describedBy),
    groupsByMember: new Map(main.groups),
    namesWithStops: main.namesWithStops,
    scopeFiles: new Map(main.scopeFiles.flatMap(([key, place]) => (files[place] === undefined ? [] : [[key, files[place]] as [string, string]]))),
  };
  return assembleKnowledgeBase(parts);
}
