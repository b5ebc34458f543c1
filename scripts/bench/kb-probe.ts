// The phases of loading a knowledge base and checking drafts against it, timed in one process:
// reading the files, parsing and validating each (loader.ts), merging and indexing them
// (knowledge-base.ts), then checking the drafts as the CLI does. Bundled and run by
// scripts/bench/large-kb.mjs, one fresh process per run, so each figure is a first load and a
// first check, as a CLI run or a server start sees them. Prints one line of JSON.
//   node PROBE.mjs --kb FILE... --drafts FILE...
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkDocument } from '../../src/diagnostics/engine';
import { bundledKnowledgeBase } from '../../src/knowledge/bundled';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledgeBaseText } from '../../src/knowledge/loader';

function listAfter(flag: string): string[] {
  const at = process.argv.indexOf(flag);
  if (at < 0) return [];
  const end = process.argv.findIndex((a, i) => i > at && a.startsWith('--'));
  return process.argv.slice(at + 1, end < 0 ? undefined : end);
}

const kbPaths = listAfter('--kb');
const draftPaths = listAfter('--drafts');

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const t0 = performance.now();
const texts = kbPaths.map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const t1 = performance.now();
const bundled = bundledKnowledgeBase();
const loaded = texts.map((f) => loadKnowledgeBaseText(f.path, f.text));
const t2 = performance.now();
const c2 = cpu();
const { kb, problems } = buildKnowledgeBase([bundled, ...loaded]);
const t3 = performance.now();
const c3 = cpu();
const drafts = draftPaths.map((path) => readFileSync(path, 'utf8'));
const t4 = performance.now();
let findings = 0;
for (const text of drafts) findings += checkDocument(text, kb).findings.length;
const t5 = performance.now();
const c5 = cpu();

console.log(
  JSON.stringify({
    readMs: t1 - t0,
    parseMs: t2 - t1,
    buildMs: t3 - t2,
    loadMs: t3 - t0,
    checkMs: t5 - t4,
    /** CPU time (user and system), which other jobs on the machine inflate less than the wall time. */
    loadCpuMs: c3 - c0,
    parseCpuMs: c2 - c0,
    buildCpuMs: c3 - c2,
    checkCpuMs: c5 - c3,
    facts: kb.facts.length,
    assertions: kb.facts.reduce((n, f) => n + f.assertions.length, 0),
    entities: kb.entities.size,
    problems: problems.length,
    findings,
    heapMB: process.memoryUsage().heapUsed / 2 ** 20,
    rssMB: process.memoryUsage().rss / 2 ** 20,
  }),
);
