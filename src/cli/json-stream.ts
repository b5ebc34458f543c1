/**
 * JSON.stringify(value, null, 2), chunk by chunk: the first levels (a report's files, their
 * findings) are written piece by piece and each deeper value whole, so 50,000 findings never
 * make one string past V8's limit (about 512 MB).
 */

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** An array, or any other iterable object (written as an array, item by item, never held whole). */
function isList(v: unknown): v is Iterable<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function';
}

/** How many levels are written piece by piece: report → files → file → findings. */
const STREAMED_DEPTH = 4;

export function* jsonChunks(value: unknown, indent = '', depth = 0): Generator<string> {
  if (depth >= STREAMED_DEPTH && !(isList(value) && !Array.isArray(value))) {
    const s = JSON.stringify(value, null, 2);
    yield indent ? s.replaceAll('\n', `\n${indent}`) : s;
    return;
  }
  if (!isList(value) && !isPlainObject(value)) return yield JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (isList(value)) {
    let first = true;
    for (const v of value) {
      yield first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      // As JSON.stringify does: undefined and functions in an array are null.
      yield* jsonChunks(v === undefined || typeof v === 'function' ? null : v, inner, depth + 1);
    }
    return yield first ? '[]' : `\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (!entries.length) return yield '{}';
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    yield `${inner}${JSON.stringify(entries[i][0])}: `;
    yield* jsonChunks(entries[i][1], inner, depth + 1);
    yield i + 1 < entries.length ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** Joins small chunks into writes of about `size` characters. */
export function* batched(chunks: Iterable<string>, size = 1 << 16): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const c of chunks) {
    parts.push(c);
    length += c.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length) yield parts.join('');
}

/** A list the JSON streamer writes item by item as `make` yields them, never holding them all. */
export class LazyList<T> {
  constructor(private readonly make: () => Iterable<T>) {}
  [Symbol.iterator](): Iterator<T> {
    return this.make()[Symbol.iterator]();
  }
}
