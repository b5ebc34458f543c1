/**
 * The JSON of the server's messages, for the stream transports (stdio, socket, pipe). A dense
 * draft's full diagnostics answer is a few MB, and an edit that changes one finding sends it
 * all again: encoding it whole each time (JSON.stringify, then UTF-8) took about 30 ms. Here
 * each diagnostic is encoded once, when first sent, and kept with it; a list is its items' bytes
 * joined, and the items it shares at its start and end with the last list sent are copied from
 * that message in two runs (joining thousands of pieces took ~3 ms a full answer). Characters
 * beyond ASCII are written as \u escapes: the same JSON values, but a client turns pure ASCII
 * into a string on its fast path (a 2.6 MB answer with a few dashes in it took a
 * Node client 30 ms to decode as UTF-8, and its JSON.parse was slower on the two-byte string).
 * A long list's message is written into one of two buffers kept from message to message, not a
 * new one: on a virtual machine whose fresh pages each cost a fault into the host (this one's took
 * 10-40 µs a page), filling a new 2.5 MB buffer took 10-25 ms of every full answer.
 */
import { randomBytes } from 'node:crypto';
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';
import { sharedEnds } from './diagnostics';

const NON_ASCII = /[\u0080-\uffff]/g;

/** JSON text with every character beyond ASCII escaped (JSON.stringify already escapes lone surrogates). */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Lists shorter than this are encoded as they are: joining pieces only pays off for long ones. */
export const MIN_JOINED_ITEMS = 64;

/** The list of diagnostics a message carries: a pull's answer, or a push. */
function diagnosticList(msg: Message): { holder: Record<string, unknown>; key: string; items: readonly unknown[] } | undefined {
  const m = msg as { result?: Record<string, unknown> | null; params?: Record<string, unknown> | null };
  if (m.result && typeof m.result === 'object' && Array.isArray(m.result.items)) return { holder: m.result, key: 'items', items: m.result.items as unknown[] };
  if (m.params && typeof m.params === 'object' && Array.isArray(m.params.diagnostics)) return { holder: m.params, key: 'diagnostics', items: m.params.diagnostics as unknown[] };
  return undefined;
}

const COMMA = Buffer.from(',');

/** The last long list encoded: its items, the message that carried them, and where in it each item's bytes begin. */
interface SentList {
  items: readonly unknown[];
  message: Buffer;
  /** The kept buffer `message` was written into (its start). */
  buffer: Buffer;
  starts: Int32Array;
  /** Where the last item's bytes end. */
  end: number;
}

/**
 * The pieces of a list's items joined by commas, and where each item begins among them (from
 * `offset`, where the pieces will begin in the message). The items it shares at its start and end
 * with the last list sent (an edit changes a few diagnostics of thousands) are taken as two runs
 * of that message's bytes, not item by item: a dense draft's full answer is thousands of pieces.
 */
function joinedItems(items: readonly unknown[], last: SentList | undefined, offset: number, bytesOf: (item: unknown) => Buffer): { pieces: Buffer[]; starts: Int32Array; end: number } {
  const { head, tail } = last ? sharedEnds(last.items, items) : { head: 0, tail: 0 };
  const pieces: Buffer[] = [];
  const starts = new Int32Array(items.length);
  let at = offset;
  const add = (bytes: Buffer) => {
    if (pieces.length) {
      pieces.push(COMMA);
      at += COMMA.length;
    }
    pieces.push(bytes);
    at += bytes.length;
  };
  if (head) {
    const shift = offset - last!.starts[0];
    for (let i = 0; i < head; i++) starts[i] = last!.starts[i] + shift;
    add(last!.message.subarray(last!.starts[0], head < last!.items.length ? last!.starts[head] - COMMA.length : last!.end));
  }
  for (let i = head; i < items.length - tail; i++) {
    starts[i] = at + (pieces.length ? COMMA.length : 0);
    add(bytesOf(items[i]));
  }
  if (tail) {
    const from = last!.items.length - tail;
    const shift = at + (pieces.length ? COMMA.length : 0) - last!.starts[from];
    for (let i = 0; i < tail; i++) starts[items.length - tail + i] = last!.starts[from + i] + shift;
    add(last!.message.subarray(last!.starts[from], last!.end));
  }
  return { pieces, starts, end: at };
}

/** A kept buffer grows to this many times the message that outgrew it, so a list that grows by a few items does not make a new one each time. */
const BUFFER_HEADROOM = 1.25;

/**
 * `pieces` copied one after another into `buffer` when they fit, else into a new buffer with
 * room to spare; the message is the start of the buffer it was written into.
 */
export function writeInto(buffer: Buffer | undefined, pieces: readonly Buffer[]): { message: Buffer; buffer: Buffer } {
  let size = 0;
  for (const p of pieces) size += p.length;
  const target = buffer && buffer.length >= size ? buffer : Buffer.allocUnsafeSlow(Math.ceil(size * BUFFER_HEADROOM));
  let at = 0;
  for (const p of pieces) at += p.copy(target, at);
  return { message: target.subarray(0, size), buffer: target };
}

/**
 * An encoder that keeps each diagnostic's bytes by the diagnostic object: the server hands out
 * the same object for a finding an edit did not touch, and never changes one once made.
 *
 * A long list's message is written into the buffer the one before last was: vscode-jsonrpc's
 * stream writer encodes a message only once the last one's write has completed (one message at
 * a time, each write awaited), so that message has left it, while the last one's bytes are still
 * needed to copy its shared runs from.
 */
export function diagnosticsJsonEncoder(): ContentTypeEncoder {
  const encoded = new WeakMap<object, Buffer>();
  // Stands for the list while the rest of the message is encoded: a string no message holds.
  const marker = `dealcheck-items-${randomBytes(12).toString('hex')}`;
  const quotedMarker = JSON.stringify(marker);
  let sent: SentList | undefined;
  /** The buffer the message before last was written into, free again. */
  let spare: Buffer | undefined;
  const bytesOf = (item: unknown): Buffer => {
    if (typeof item !== 'object' || item === null) return Buffer.from(asciiJson(JSON.stringify(item ?? null)), 'latin1');
    let bytes = encoded.get(item);
    if (!bytes) encoded.set(item, (bytes = Buffer.from(asciiJson(JSON.stringify(item)), 'latin1')));
    return bytes;
  };
  const encode = (msg: Message): Buffer => {
    const list = diagnosticList(msg);
    if (!list || list.items.length < MIN_JOINED_ITEMS) return Buffer.from(asciiJson(JSON.stringify(msg)), 'latin1');
    const outer = JSON.stringify({ ...msg, [list.holder === (msg as { result?: unknown }).result ? 'result' : 'params']: { ...list.holder, [list.key]: marker } });
    const at = outer.indexOf(quotedMarker);
    const before = Buffer.from(`${asciiJson(outer.slice(0, at))}[`, 'latin1');
    const joined = joinedItems(list.items, sent, before.length, bytesOf);
    const written = writeInto(spare, [before, ...joined.pieces, Buffer.from(`]${asciiJson(outer.slice(at + quotedMarker.length))}`, 'latin1')]);
    spare = sent?.buffer;
    sent = { items: list.items, message: written.message, buffer: written.buffer, starts: joined.starts, end: joined.end };
    return written.message;
  };
  return {
    name: 'application/json',
    encode: (msg) => {
      try {
        return Promise.resolve(encode(msg));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
