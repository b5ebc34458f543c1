// The phases of loading a knowledge base and checking drafts against it, timed in one process:
// reading the files, parsing and validating each (loader.ts), merging and indexing them
// (knowledge-base.ts), then checking the drafts as the CLI does. With --cache DIR the knowledge
// base is loaded as the CLI loads it (src/cli/knowledge.ts), through the cache of built knowledge
// bases in DIR: built and written when DIR has no entry for the files, read back when it has.
// Bundled and run by scripts/bench/large-kb.mjs, one fresh process per run, so each figure is a
// first load and a first check, as a CLI run or a server start sees them. Prints one line of JSON.
//   node PROBE.mjs [--cache DIR] --kb FILE... --drafts FILE...
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkDocument } from '../../src/diagnostics/engine';
import { bundledKnowledgeBase } from '../../src/knowledge/bundled';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledgeBaseText } from '../../src/knowledge/loader';
import { loadKb } from '../../src/cli/knowledge';
import { KnowledgeCache } from '../../src/node/knowledge-cache';

function listAfter(flag: string): string[] {
  const at = process.argv.indexOf(flag);
  if (at < 0) return [];
  const end = process.argv.findIndex((a, i) => i > at && a.startsWith('--'));
  return process.argv.slice(at + 1, end < 0 ? undefined : end);
}

const kbPaths = listAfter('--kb');
const draftPaths = listAfter('--drafts');
const cacheDir = listAfter('--cache')[0];

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** The load without a cache, by phase. */
function build() {
  const t0 = performance.now();
  const texts = kbPaths.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const t1 = performance.now();
  const bundled = bundledKnowledgeBase();
  const loaded = texts.map((f) => loadKnowledgeBaseText(f.path, f.text));
  const t2 = performance.now();
  const c2 = cpu();
  const { kb, problems } = buildKnowledgeBase([bundled, ...loaded]);
  return { kb, problems: problems.length, readMs: t1 - t0, parseMs: t2 - t1, buildMs: performance.now() - t2, parseCpuMs: c2 - c0 };
}

/** The load through the cache, as the CLI loads it: whether the cache had an entry, and the whole load's time. */
function throughCache(dir: string) {
  let errors = '';
  const cache = new KnowledgeCache({ dir, engine: 'bench' });
  const loaded = loadKb(kbPaths, true, { out: () => undefined, err: (s) => void (errors += s) }, process.cwd(), cache);
  if (!loaded) throw new Error(`the knowledge base did not load: ${errors}`);
  return { kb: loaded.kb, problems: 0, cache: loaded.kbFiles.length ? 'built and written' : 'read back' };
}

const c0 = cpu();
const t0 = performance.now();
const load = cacheDir ? throughCache(cacheDir) : build();
const { kb, problems } = load;
const t3 = performance.now();
const c3 = cpu();
const drafts = draftPaths.map((path) => readFileSync(path, 'utf8'));
const t4 = performance.now();
let findings = 0;
for (const text of drafts) findings += checkDocument(text, kb).findings.length;
const t5 = performance.now();
const c5 = cpu();

const memory = process.memoryUsage();
// Counted without a cache only: a knowledge base read back would compile every fact to list them.
const counts = cacheDir ? {} : { facts: kb.facts.length, assertions: kb.facts.reduce((n, f) => n + f.assertions.length, 0), entities: kb.entities.size };
console.log(
  JSON.stringify({
    ...load,
    kb: undefined,
    loadMs: t3 - t0,
    checkMs: t5 - t4,
    /** CPU time (user and system), which other jobs on the machine inflate less than the wall time. */
    loadCpuMs: c3 - c0,
    checkCpuMs: c5 - c3,
    ...counts,
    problems,
    findings,
    heapMB: memory.heapUsed / 2 ** 20,
    rssMB: memory.rss / 2 ** 20,
  }),
);
