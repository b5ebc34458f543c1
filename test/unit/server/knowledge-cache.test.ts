/**
 * The server's knowledge base through the cache (src/server/knowledge-host.ts with
 * src/node/knowledge-cache.ts): a workspace file is built and written on a first load and read
 * back on the next, from its bytes' digests (the server's own file access) or from its text (files
 * the editor serves); either way the findings, the problems and where related information points
 * are those of a load without a cache, and a damaged entry is rebuilt.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { checkDocument } from '../../../src/diagnostics/engine';
import type { Finding } from '../../../src/diagnostics/finding';
import { KnowledgeCache } from '../../../src/node/knowledge-cache';
import type { FileAccess } from '../../../src/server/files';
import { KnowledgeHost, type KnowledgeInput, type KnowledgeState } from '../../../src/server/knowledge-host';
import { nodeFileAccess } from '../../../src/server/node-files';

const root = join(__dirname, '../../..');
const bundled = JSON.parse(readFileSync(join(root, 'src/knowledge/bundled/dealcheck.dealkb.json'), 'utf8'));

/** The bundled facts again under parties of their own ("Amazon Velorin"), as scripts/bench/large-kb.mjs copies them. */
function copy(suffix: string) {
  const id = (x: string) => `${x}-${suffix.toLowerCase()}`;
  return {
    version: 1,
    sources: bundled.sources.map((s: { id: string }) => ({ ...s, id: id(s.id) })),
    entities: bundled.entities.map((e: { id: string; name: string; aliases?: string[]; family?: string }) => ({
      ...e,
      id: id(e.id),
      name: `${e.name} ${suffix}`,
      ...(e.aliases ? { aliases: e.aliases.map((a) => `${a} ${suffix}`) } : {}),
      ...(e.family ? { family: id(e.family) } : {}),
    })),
    facts: bundled.facts.map((f: { id: string; subject: string; object?: string; assertions: { source: string }[] }) => ({
      ...f,
      id: id(f.id),
      subject: id(f.subject),
      ...(f.object ? { object: id(f.object) } : {}),
      assertions: f.assertions.map((a) => ({ ...a, source: id(a.source) })),
    })),
  };
}

const DRAFT = 'Amazon Velorin has invested $35 billion in Anthropic Velorin. Amazon has invested $8 billion in Anthropic.';

describe('the server\'s knowledge base through the cache', () => {
  let folder: string;
  let cacheDir: string;
  let marks: string[];
  const cache = () => new KnowledgeCache({ dir: cacheDir, engine: 'test-engine', minBytes: 0 });
  let collections: number;
  const host = (files: FileAccess = nodeFileAccess, withCache = true) =>
    new KnowledgeHost(files, () => undefined, (what) => void marks.push(what), withCache ? cache() : undefined, () => void collections++);
  const input = (): KnowledgeInput => ({ folders: [URI.file(folder)], knowledgeBase: [], useBundledKnowledgeBase: true, trusted: true });
  const file = () => join(folder, 'team.dealkb.json');
  /** The draft's findings, and where each finding's evidence points, once the locator has placed them. */
  async function checked(state: KnowledgeState) {
    await state.located;
    const findings = checkDocument(DRAFT, state.kb).findings;
    await state.locator.whenLocatable(findings);
    return { findings, places: findings.flatMap((f: Finding) => f.evidence.map((e) => state.locator.locate(f, e))), problems: [...state.problems] };
  }

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'dealcheck-server-cache-'));
    cacheDir = join(folder, '.cache');
    writeFileSync(file(), JSON.stringify(copy('Velorin'), null, 1));
    marks = [];
    collections = 0;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes an entry on the first load, reads it on the next, and both give what a load without a cache gives', async () => {
    const expected = await checked(await host(nodeFileAccess, false).load(input()));
    assert.ok(expected.findings.some((f) => f.kind === 'conflict') && expected.places.some((p) => p?.uri.endsWith('team.dealkb.json')), 'a conflict cites the workspace file');
    const first = await checked(await host().load(input()));
    assert.ok(marks.includes('knowledge base cached') && !marks.includes('knowledge base read from the cache'));
    assert.equal(collections, 4, 'memory released once the files are parsed, merged, the entry written, and the merge let go');
    assert.equal(readdirSync(cacheDir).length, 1);
    marks = [];
    const later = await checked(await host().load(input()));
    assert.ok(marks.includes('knowledge base read from the cache') && !marks.includes('knowledge base files read'), 'read back without reading the file');
    assert.deepEqual(first, expected);
    assert.deepEqual(later, expected);
  });

  it('reads the entry of files the editor serves, by their text', async () => {
    const served: FileAccess = { read: nodeFileAccess.read, find: nodeFileAccess.find };
    const expected = await checked(await host(served, false).load(input()));
    await host(served).load(input());
    marks = [];
    const later = await checked(await host(served).load(input()));
    assert.ok(marks.includes('knowledge base read from the cache'));
    assert.deepEqual(later, expected);
  });

  // Each row: a change before the second load; the second load builds again (and writes a new entry), finding what a load without a cache finds.
  const changes: [name: string, change: () => void][] = [
    ['a byte of the file changed', () => writeFileSync(file(), readFileSync(file(), 'utf8').replace('"version": 1', '"version":  1'))],
    ['the entry damaged', () => truncateSync(join(cacheDir, readdirSync(cacheDir)[0]), 200)],
    ['the entry removed', () => rmSync(cacheDir, { recursive: true })],
  ];
  for (const [name, change] of changes)
    it(`builds again after ${name}`, async () => {
      await host().load(input());
      change();
      marks = [];
      const again = await checked(await host().load(input()));
      assert.ok(!marks.includes('knowledge base read from the cache') && marks.includes('knowledge base cached'));
      assert.deepEqual(again, await checked(await host(nodeFileAccess, false).load(input())));
    });

  it('places the problems the merge of a large load finds, reading its files again for them', async () => {
    // Unknown parties: found when the files are merged, after the load let each text go.
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('"subject": "amazon-velorin"', '"subject": "amazon-velorinn"'));
    const expected = await checked(await host(nodeFileAccess, false).load(input()));
    const unknown = expected.problems.flatMap(([, ps]) => ps).filter((p) => p.message.startsWith('unknown entity'));
    assert.ok(unknown.length && unknown.every((p) => p.line > 0), 'placed at their lines');
    assert.deepEqual(await checked(await host().load(input())), expected);
    assert.ok(!marks.includes('knowledge base cached'));
  });

  it('caches no load with problems, and keeps the last good knowledge base, read back, in use', async () => {
    const h = host();
    const good = await h.load(input());
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('"version": 1', '"version": 2'));
    const bad = await h.load(input());
    assert.equal(bad.keptLastGood, true);
    assert.equal(bad.kb, good.kb);
    assert.ok([...bad.problems.values()].flat().some((p) => /"version": 1/.test(p.message)));
    assert.equal(readdirSync(cacheDir).length, 1, 'only the good load\'s entry');
    const kept = await checked(bad);
    assert.ok(kept.places.some((p) => p?.uri.endsWith('team.dealkb.json')), 'a fact of the kept knowledge base is placed in the file as it is now');
  });
});
