/** The stream transports' encoder: each diagnostic's bytes kept, a list's joined, the whole JSON.stringify's with every character beyond ASCII escaped. */
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { MIN_JOINED_ITEMS, asciiJson, diagnosticsJsonEncoder, writeInto } from '../../../src/server/json-encoder';

const diagnostic = (i: number) => ({
  range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
  severity: 2,
  code: 'money-conflict',
  source: 'dealcheck',
  message: `$${i} billion — “quoted”, a line\nbreak, an emoji 💸 and a lone \ud800 surrogate`,
});
const many = Array.from({ length: MIN_JOINED_ITEMS + 3 }, (_, i) => diagnostic(i));

describe('server: the diagnostics JSON encoder', () => {
  const cases: [string, object][] = [
    ['a full pull answer', { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: '1:2', items: many } }],
    ['a push', { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.md', version: 3, diagnostics: many } }],
    ['a short list', { jsonrpc: '2.0', id: 8, result: { kind: 'full', resultId: '1:3', items: many.slice(0, 2) } }],
    ['an empty list', { jsonrpc: '2.0', id: 9, result: { kind: 'full', items: [] } }],
    ['an unchanged answer', { jsonrpc: '2.0', id: 10, result: { kind: 'unchanged', resultId: '1:3' } }],
    ['a list with holes', { jsonrpc: '2.0', id: 11, result: { kind: 'full', items: [...many, null, undefined, 3] } }],
    ['another request', { jsonrpc: '2.0', id: 12, method: 'workspace/configuration', params: { items: [{ section: 'dealcheck' }] } }],
    ['a null result', { jsonrpc: '2.0', id: 13, result: null }],
  ];
  const encoder = diagnosticsJsonEncoder();
  it('escapes exactly the characters beyond ASCII', () => {
    assert.equal(asciiJson(JSON.stringify('a — “b” 💸 \u007f \ud800')), '"a \\u2014 \\u201cb\\u201d \\ud83d\\udcb8 \u007f \\ud800"');
  });
  for (const [name, msg] of cases) {
    it(`${name}: JSON.stringify's text in ASCII, read back as the same value`, async () => {
      for (const round of ['first', 'again, from the kept bytes']) {
        const bytes = Buffer.from(await encoder.encode(msg as never, { charset: 'utf-8' }));
        assert.ok(bytes.every((b) => b < 0x80), round);
        assert.equal(bytes.toString('utf8'), asciiJson(JSON.stringify(msg)), round);
        assert.deepEqual(JSON.parse(bytes.toString('utf8')), JSON.parse(JSON.stringify(msg)), round);
      }
    });
  }

  // An edit changes a few diagnostics of many: the next list shares the last one's objects at its
  // start and end, whose bytes are taken from the last message in two runs.
  it('lists an edit apart: each JSON.stringify\'s text, whatever they share', async () => {
    const fresh = (i: number) => ({ ...diagnostic(i), message: `fresh ${i} — ✓` });
    const next: [string, (items: object[]) => object[]][] = [
      ['one item changed in the middle', (a) => [...a.slice(0, 30), fresh(30), ...a.slice(31)]],
      ['items inserted', (a) => [...a.slice(0, 10), fresh(1), fresh(2), ...a.slice(10)]],
      ['items removed', (a) => [...a.slice(0, 10), ...a.slice(13)]],
      ['the first changed', (a) => [fresh(0), ...a.slice(1)]],
      ['the last changed', (a) => [...a.slice(0, -1), fresh(99)]],
      ['one added at the end', (a) => [...a, fresh(100)]],
      ['one added at the start', (a) => [fresh(101), ...a]],
      ['the same list again', (a) => a],
      ['a copy of it', (a) => [...a]],
      ['the same items but one, as another answer', (a) => [...a.slice(0, 5), ...a.slice(6)]],
      ['nothing shared', (a) => a.map((_, i) => fresh(i + 200))],
      ['only the ends shared', (a) => [a[0], ...a.slice(1, -1).map((_, i) => fresh(i + 300)), a[a.length - 1]]],
    ];
    const seq = diagnosticsJsonEncoder();
    let items: object[] = many;
    let id = 20;
    for (const [name, change] of next) {
      items = change(items);
      const msg = id % 2 ? { jsonrpc: '2.0', id: id++, result: { kind: 'full', resultId: `1:${id}`, items } } : { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: id++, diagnostics: items } };
      const bytes = Buffer.from(await seq.encode(msg as never, { charset: 'utf-8' }));
      assert.equal(bytes.toString('latin1'), asciiJson(JSON.stringify(msg)), name);
    }
  });

  it('writes a message into the buffer it is given when it fits, else into a new one with room to spare', () => {
    const pieces = [Buffer.from('ab'), Buffer.from('cde')];
    const kept = Buffer.alloc(8);
    const fits = writeInto(kept, pieces);
    assert.equal(fits.buffer, kept);
    assert.equal(fits.message.toString(), 'abcde');
    const grown = writeInto(Buffer.alloc(4), pieces);
    assert.ok(grown.buffer.length > 5);
    assert.equal(grown.message.toString(), 'abcde');
    assert.equal(writeInto(undefined, pieces).message.toString(), 'abcde');
  });

  // Its kept buffers are written over two long lists later: safe only while the writer encodes a
  // message after the last one's write has completed, which this holds it to with a stream
  // that takes its time over every write.
  it('through vscode-jsonrpc\'s stream writer on a slow stream: every message arrives as sent', async () => {
    const out = new PassThrough();
    const slow = new Writable({ write: (chunk: Buffer, _enc, done) => setTimeout(() => out.write(Buffer.from(chunk), done), 2) });
    const writer = new StreamMessageWriter(slow, { contentTypeEncoder: diagnosticsJsonEncoder() });
    const reader = new StreamMessageReader(out);
    const received: unknown[] = [];
    reader.listen((m) => received.push(m));
    const sent = Array.from({ length: 6 }, (_, k) => ({ jsonrpc: '2.0', id: k, result: { kind: 'full', resultId: `1:${k}`, items: many.map((d, i) => (i === k * 7 ? { ...d, message: `edit ${k}` } : d)) } }));
    await Promise.all(sent.map((m) => writer.write(m as never)));
    while (received.length < sent.length) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(received, JSON.parse(JSON.stringify(sent)));
    reader.dispose();
    writer.dispose();
  });
});
