/**
 * The JSON of the server's messages, for the stream transports (stdio, socket, pipe). A dense
 * draft's full diagnostics answer is a few MB, and an edit that changes one finding sends it
 * all again: encoding it whole each time (JSON.stringify, then UTF-8) took about 30 ms. Here
 * each diagnostic is encoded once, when first sent, and kept with it; a list is its items' bytes
 * joined. Characters beyond ASCII are written as \u escapes: the same JSON values, but a client
 * turns pure ASCII into a string on its fast path (a 2.6 MB answer with a few dashes in it took a
 * Node client 30 ms to decode as UTF-8, and its JSON.parse was slower on the two-byte string).
 */
import { randomBytes } from 'node:crypto';
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

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

/**
 * An encoder that keeps each diagnostic's bytes by the diagnostic object: the server hands out
 * the same object for a finding an edit did not touch, and never changes one once made.
 */
export function diagnosticsJsonEncoder(): ContentTypeEncoder {
  const encoded = new WeakMap<object, Buffer>();
  // Stands for the list while the rest of the message is encoded: a string no message holds.
  const marker = `dealcheck-items-${randomBytes(12).toString('hex')}`;
  const quotedMarker = JSON.stringify(marker);
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
    const pieces: Buffer[] = [Buffer.from(asciiJson(outer.slice(0, at)), 'latin1'), Buffer.from('[')];
    const comma = Buffer.from(',');
    list.items.forEach((item, i) => {
      if (i) pieces.push(comma);
      pieces.push(bytesOf(item));
    });
    pieces.push(Buffer.from(']'), Buffer.from(asciiJson(outer.slice(at + quotedMarker.length)), 'latin1'));
    return Buffer.concat(pieces);
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
