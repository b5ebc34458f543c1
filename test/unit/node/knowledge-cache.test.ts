/**
 * The Node front ends' cache of built knowledge bases (src/node/knowledge-cache.ts): a hit gives
 * the knowledge base that was built, any change to the files' bytes (or to what else the key
 * holds) misses, and a damaged entry is removed and rewritten, never trusted and never a crash.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDocument } from '../../../src/diagnostics/engine';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { type CacheInput, KnowledgeCache, digestText } from '../../../src/node/knowledge-cache';

const root = join(__dirname, '../../..');
const FIXTURE = 'test/fixtures/matching.dealkb.json';
const text = readFileSync(join(root, FIXTURE), 'utf8');
const DRAFT = readFileSync(join(root, 'examples', readdirSync(join(root, 'examples')).find((f) => f.endsWith('.md'))!), 'utf8');
const FILES = [FIXTURE];

function built(source = text) {
  const { kb, problems } = loadKnowledgeBase({ files: [{ path: FIXTURE, text: source }], useBundled: false });
  assert.deepEqual(problems, []);
  return kb;
}

const input = (source = text, overrides: Partial<CacheInput> = {}): CacheInput => ({ files: [{ name: FIXTURE, digest: digestText(source) }], useBundled: false, ...overrides });

describe('the knowledge base cache', () => {
  let dir: string;
  let cache: KnowledgeCache;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dealcheck-kb-cache-'));
    cache = new KnowledgeCache({ dir: join(dir, 'cache'), engine: 'test-engine' });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('misses an entry never written, then hits the one written, which checks as the built one does', () => {
    const key = cache.key(input());
    assert.deepEqual(cache.read(key, FILES), { miss: 'missing' });
    const kb = built();
    const written = cache.write(key, kb, FILES)!;
    assert.equal(written.written, true);
    const hit = cache.read(key, FILES);
    assert.ok(hit.kb);
    for (const other of [written.kb, hit.kb]) assert.deepEqual(checkDocument(DRAFT, other).findings, checkDocument(DRAFT, kb).findings);
  });

  // Each row: what changes between the load written and the load read; the key must differ.
  const changes: [name: string, changed: (c: KnowledgeCache) => string][] = [
    ['one byte of a file', (c) => c.key(input(text.replace('"Amazon"', '"Amazom"')))],
    ['the bundled knowledge base used too', (c) => c.key(input(text, { useBundled: true }))],
    ['the same bytes read as YAML', (c) => c.key(input(text, { files: [{ name: 'matching.dealkb.yaml', digest: digestText(text) }] }))],
    ['another file after it', (c) => c.key({ files: [...input().files, { name: 'b.json', digest: digestText('{}') }], useBundled: false })],
    ['another engine', () => new KnowledgeCache({ dir: 'unused', engine: 'other-engine' }).key(input())],
  ];
  for (const [name, changed] of changes)
    it(`misses after a change: ${name}`, () => {
      const key = cache.key(input());
      cache.write(key, built(), FILES);
      const other = changed(cache);
      assert.notEqual(other, key);
      assert.equal(cache.read(other, FILES).miss, 'missing');
    });

  it('keys the same files by their bytes, not by their names or folders', () => {
    assert.equal(cache.key(input()), cache.key({ files: [{ name: '/elsewhere/copy.dealkb.json', digest: digestText(text) }], useBundled: false }));
  });

  // Each row: damage done to a written entry. The read misses as corrupt, removes the entry, and a rewrite is read again.
  const damage: [name: string, harm: (path: string) => void][] = [
    ['emptied', (p) => truncateSync(p, 0)],
    ['cut short', (p) => truncateSync(p, readFileSync(p).length - 1000)],
    ['one byte of its snapshot flipped', (p) => flip(p, -5000)],
    ['one byte of its header flipped', (p) => flip(p, 40)],
    ['its first bytes another file\'s', (p) => flip(p, 0)],
    ['overwritten with JSON', (p) => writeFileSync(p, '{"format": 1}')],
    ['grown by a byte', (p) => writeFileSync(p, Buffer.concat([readFileSync(p), Buffer.from([0])]))],
  ];
  for (const [name, harm] of damage)
    it(`an entry ${name} is ignored, removed and rewritten`, () => {
      const key = cache.key(input());
      const kb = built();
      cache.write(key, kb, FILES);
      harm(cache.pathOf(key));
      assert.deepEqual(cache.read(key, FILES), { miss: 'corrupt' });
      assert.equal(existsSync(cache.pathOf(key)), false);
      assert.equal(cache.write(key, kb, FILES)!.written, true);
      assert.ok(cache.read(key, FILES).kb);
    });

  it('an entry written under another key is not read under this one', () => {
    const [a, b] = [cache.key(input()), cache.key(input(text, { useBundled: true }))];
    cache.write(a, built(), FILES);
    writeFileSync(cache.pathOf(b), readFileSync(cache.pathOf(a)));
    assert.deepEqual(cache.read(b, FILES), { miss: 'corrupt' });
  });

  it('an entry that cannot be written still gives the knowledge base, and leaves nothing behind', () => {
    const key = cache.key(input());
    // A folder where the entry's file should go: the temporary file is written, and cannot be renamed onto it.
    mkdirSync(cache.pathOf(key), { recursive: true });
    const written = cache.write(key, built(), FILES)!;
    assert.equal(written.written, false);
    assert.deepEqual(checkDocument(DRAFT, written.kb).findings, checkDocument(DRAFT, built()).findings);
    assert.deepEqual(readdirSync(join(dir, 'cache')), [`${key}.kbcache`]);
    assert.equal(cache.read(key, FILES).kb, undefined);
  });

  it('a cache folder that is a file is a miss, and writing to it fails quietly', () => {
    writeFileSync(join(dir, 'cache'), 'not a folder');
    const key = cache.key(input());
    assert.deepEqual(cache.read(key, FILES), { miss: 'missing' });
    assert.equal(cache.write(key, built(), FILES)!.written, false);
  });

  it('keeps the most recently used entries, and removes temporary files left long ago', () => {
    const small = new KnowledgeCache({ dir: join(dir, 'cache'), engine: 'test-engine', maxEntries: 2 });
    const kb = built();
    const keys = ['a', 'b', 'c'].map((k) => small.key(input(`${text}\n${k}`)));
    small.write(keys[0], kb, FILES);
    small.write(keys[1], kb, FILES);
    // The first is used again, so the second is the least recently used when a third is written.
    const past = new Date(Date.now() - 60_000);
    utimesSync(small.pathOf(keys[1]), past, past);
    small.read(keys[0], FILES);
    const stale = join(dir, 'cache', 'x.kbcache.1-0.tmp');
    writeFileSync(stale, 'left behind');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(stale, old, old);
    small.write(keys[2], kb, FILES);
    assert.deepEqual(readdirSync(join(dir, 'cache')).sort(), [keys[0], keys[2]].map((k) => `${k}.kbcache`).sort());
  });

  it('writes no entry for a knowledge base without a snapshot', () => {
    assert.equal(cache.write(cache.key(input()), { ...built() }, FILES), undefined);
    assert.equal(existsSync(join(dir, 'cache')), false);
  });
});

function flip(path: string, at: number): void {
  const bytes = readFileSync(path);
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] ^= 0xff;
  writeFileSync(path, bytes);
}
