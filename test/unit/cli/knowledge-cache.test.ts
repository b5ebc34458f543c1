/**
 * The CLI's knowledge base through the cache (src/cli/knowledge.ts): built and written on a first
 * run, read back on the next, built again when a file's bytes change or the entry is damaged,
 * and the same findings every way; worker threads read the entry the main thread used.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDocument } from '../../../src/diagnostics/engine';
import { runWorker } from '../../../src/cli/check-files';
import { type LoadedKb, loadKb } from '../../../src/cli/knowledge';
import { KnowledgeCache } from '../../../src/node/knowledge-cache';

const root = join(__dirname, '../../..');
const fixture = readFileSync(join(root, 'test/fixtures/matching.dealkb.json'), 'utf8');
const DRAFT = readFileSync(join(root, 'examples/draft.md'), 'utf8');

describe('the CLI\'s knowledge base through the cache', () => {
  let dir: string;
  let errors: string;
  const io = () => ({ out: () => undefined, err: (s: string) => void (errors += s) });
  const cacheOf = (minBytes = 0) => new KnowledgeCache({ dir: join(dir, 'cache'), engine: 'test-engine', minBytes });
  const load = (cache = cacheOf(), files = ['kb.dealkb.json']) => loadKb(files, false, io(), dir, cache);
  const entries = () => (existsSync(join(dir, 'cache')) ? readdirSync(join(dir, 'cache')) : []);
  const findings = (loaded: LoadedKb | undefined) => checkDocument(DRAFT, loaded!.kb).findings;
  const expected = () => findings(loadKb(['kb.dealkb.json'], false, io(), dir, undefined));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dealcheck-cli-kb-cache-'));
    writeFileSync(join(dir, 'kb.dealkb.json'), fixture);
    errors = '';
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds and writes an entry on the first run, and reads it on the next, finding the same', () => {
    const first = load()!;
    assert.equal(first.kbFiles.length, 1, 'built from the file');
    assert.ok(first.cached, 'and written');
    assert.equal(entries().length, 1);
    const second = load()!;
    assert.deepEqual(second.kbFiles, [], 'read from the cache');
    assert.deepEqual(second.cached, first.cached);
    for (const loaded of [first, second]) assert.deepEqual(findings(loaded), expected());
    assert.equal(errors, '');
  });

  it('builds again when a byte of the file changes, under a new entry', () => {
    load();
    writeFileSync(join(dir, 'kb.dealkb.json'), fixture.replace('"version": 1', '"version":  1'));
    const changed = load()!;
    assert.equal(changed.kbFiles.length, 1);
    assert.equal(entries().length, 2);
    assert.deepEqual(findings(changed), expected());
  });

  it('builds again and rewrites an entry that was damaged', () => {
    const first = load()!;
    const entry = join(dir, 'cache', entries()[0]);
    truncateSync(entry, 100);
    const rebuilt = load()!;
    assert.equal(rebuilt.kbFiles.length, 1, 'built, not read');
    assert.deepEqual(rebuilt.cached, first.cached);
    assert.deepEqual(load()!.kbFiles, [], 'and read again next time');
    assert.deepEqual(findings(rebuilt), expected());
  });

  // Loads the cache keeps out of: each row's load gives the knowledge base (or its errors) as without a cache, and writes nothing.
  const uncached: [name: string, run: () => LoadedKb | undefined][] = [
    ['files smaller than the cache\'s least', () => load(cacheOf(fixture.length + 1))],
    ['no file but the bundled one', () => loadKb([], true, io(), dir, cacheOf())],
    ['a file with problems', () => (writeFileSync(join(dir, 'kb.dealkb.json'), fixture.replace('"version": 1', '"version": 2')), load())],
    ['a file missing', () => load(cacheOf(), ['missing.dealkb.json'])],
  ];
  for (const [name, run] of uncached)
    it(`writes no entry for ${name}`, () => {
      const loaded = run();
      assert.equal(loaded?.cached, undefined);
      assert.deepEqual(entries(), []);
    });

  it('reports a file with problems as without a cache', () => {
    writeFileSync(join(dir, 'kb.dealkb.json'), fixture.replace('"version": 1', '"version": 2'));
    assert.equal(load(), undefined);
    assert.match(errors, /kb\.dealkb\.json:\d+:\d+ {2}error {2}expected "version": 1, not the number 2/);
  });

  it('a worker thread reads the main thread\'s entry, and throws when it is gone (the main thread then checks its share)', () => {
    const loaded = load()!;
    const job = { drafts: [{ path: 'draft.md', text: DRAFT }], kbFiles: [], useBundled: false, cached: loaded.cached!, options: {} };
    let posted: { findings: unknown[] }[] = [];
    runWorker(job, (results) => (posted = results));
    assert.deepEqual(posted[0].findings, findings(loaded));
    rmSync(join(dir, 'cache'), { recursive: true });
    assert.throws(() => runWorker(job, () => undefined), /cache entry is missing/);
  });
});
