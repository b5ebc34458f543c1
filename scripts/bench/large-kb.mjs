// A large knowledge base for npm run bench (issue 10 §6): the bundled facts copied, each copy with
// entities of its own, until there are 100,000 assertions. Copy "Velorin" renames Amazon to
// "Amazon Velorin" (id amazon-velorin), every alias the same way ("AWS Velorin", "custom chips
// Velorin"), its sources ("anthropic-up-to-4b-velorin") and the names in statements and quotes;
// values, keywords, relations, qualifiers and units stay as they are. So the index holds over a
// thousand times the bundled entities, all distinct, and a draft about the bundled ones must get
// the same findings. The names come from a seeded generator: the same files on every run.
// Written to a temporary folder, never committed. Used by `npm run bench`; also runs alone:
//   node scripts/bench/large-kb.mjs [ASSERTIONS] [DIR]     (writes it, prints the folder and the files)
//   node scripts/bench/large-kb.mjs bench [RUNS] [EDITS]   (the bench's section, after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, timeRandomEdits } from './lsp-edits.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The size. */
export const LARGE_KB_ASSERTIONS = 100_000;

/**
 * The language server reads no knowledge base file over 5 MB (MAX_KNOWLEDGE_BASE_BYTES in
 * src/server/files.ts), so the copies are spread over files of at most this many bytes, as a
 * newsroom would keep one file per batch of articles.
 */
const MAX_FILE_BYTES = 4_000_000;

/** mulberry32: a small seeded generator, so every run writes the same names. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'kr', 'tr', 'st', 'th', 'qu'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'io', 'ei'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'x', 'th'];

/** `count` distinct made-up proper names ("Velorin", "Trastik"), three syllables each. */
export function copyNames(count, seed = 20260410) {
  const random = seeded(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const names = new Set();
  while (names.size < count) {
    const word = pick(ONSETS) + pick(VOWELS) + pick(ONSETS) + pick(VOWELS) + pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    names.add(word[0].toUpperCase() + word.slice(1));
  }
  return [...names];
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Renames, in a text, each entity's name to its copy's name (longest names first). */
function renamer(entities, suffix) {
  const names = [...new Set(entities.map((e) => e.name))].sort((a, b) => b.length - a.length);
  if (!names.length) return (s) => s;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (s) => s.replace(pattern, (m) => `${m} ${suffix}`);
}

/** One copy of the bundled knowledge base's sources, entities and facts, under the name `suffix`. */
function copyOf(bundled, suffix) {
  const tag = suffix.toLowerCase();
  const id = (x) => `${x}-${tag}`;
  const rename = renamer(bundled.entities, suffix);
  return {
    sources: bundled.sources.map((s) => ({ ...s, id: id(s.id), title: `${s.title} (${suffix})`, ...(s.publisher ? { publisher: `${s.publisher} ${suffix}` } : {}) })),
    entities: bundled.entities.map((e) => ({
      ...e,
      id: id(e.id),
      name: `${e.name} ${suffix}`,
      ...(e.aliases ? { aliases: e.aliases.map((a) => `${a} ${suffix}`) } : {}),
      ...(e.family ? { family: id(e.family) } : {}),
    })),
    facts: bundled.facts.map((f) => ({
      ...f,
      id: id(f.id),
      statement: rename(f.statement),
      subject: id(f.subject),
      ...(f.object ? { object: id(f.object) } : {}),
      assertions: f.assertions.map((a) => ({ ...a, source: id(a.source), quote: rename(a.quote) })),
    })),
  };
}

/**
 * Writes the large knowledge base into `dir` (emptied first) and returns its files. The first file
 * also carries the bundled relations, qualifiers and units (loaded beside the bundled knowledge
 * base they count once, being the same entries), so the files work with --no-bundled-kb too.
 */
export function generateLargeKb({ assertions = LARGE_KB_ASSERTIONS, dir = join(tmpdir(), 'dealcheck-bench-large-kb') } = {}) {
  const bundled = JSON.parse(readFileSync(join(root, 'src/knowledge/bundled/dealcheck.dealkb.json'), 'utf8'));
  const perCopy = bundled.facts.reduce((n, f) => n + f.assertions.length, 0);
  const names = copyNames(Math.ceil(assertions / perCopy));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  let file = { version: 1, sources: [], entities: [], relations: bundled.relations, qualifiers: bundled.qualifiers, units: bundled.units, facts: [] };
  let bytes = JSON.stringify(file).length;
  let left = assertions;
  let facts = 0;
  const flush = () => {
    const path = join(dir, `large-${String(files.length).padStart(2, '0')}.dealkb.json`);
    writeFileSync(path, JSON.stringify(file, null, 1));
    files.push(path);
    file = { version: 1, sources: [], entities: [], facts: [] };
    bytes = 0;
  };
  for (const name of names) {
    const copy = copyOf(bundled, name);
    // The last copy is cut to the count: whole facts, then part of one fact's assertions.
    const kept = [];
    for (const f of copy.facts) {
      if (left <= 0) break;
      const a = f.assertions.slice(0, left);
      left -= a.length;
      kept.push({ ...f, assertions: a });
    }
    copy.facts = kept;
    facts += kept.length;
    const size = JSON.stringify(copy, null, 1).length;
    if (bytes + size > MAX_FILE_BYTES) flush();
    for (const k of ['sources', 'entities', 'facts']) file[k].push(...copy[k]);
    bytes += size;
  }
  flush();
  return { dir, files, copies: names.length, facts, assertions: assertions - left, entities: names.length * bundled.entities.length, names };
}

/** The files a folder holds, as generateLargeKb names them. */
export function largeKbFiles(dir) {
  return readdirSync(dir).filter((f) => /^large-\d+\.dealkb\.json$/.test(f)).sort().map((f) => join(dir, f));
}

/** Bundles scripts/bench/kb-probe.ts into `dir` (not minified, so a profile of it reads). */
export async function buildProbe(dir) {
  const { build } = await import('esbuild');
  const outfile = join(dir, 'kb-probe.cjs');
  await build({
    entryPoints: [join(root, 'scripts/bench/kb-probe.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // As scripts/build.mjs: jsonc-parser's UMD build hides its requires from the bundler.
    mainFields: ['module', 'main'],
    define: { DEALCHECK_VERSION: '"bench"' },
    logLevel: 'warning',
  });
  return outfile;
}

/** One fresh process of the probe: the phases' times (see kb-probe.ts); with `cache`, loaded through the cache in that folder. */
export function probe(probePath, kbFiles, draftPaths, nodeArgs = [], cache = undefined) {
  const args = [...nodeArgs, probePath, ...(cache ? ['--cache', cache] : []), '--kb', ...kbFiles, '--drafts', ...draftPaths];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`the knowledge base probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** A process's resident memory now and at its peak, in MB. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))[1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * The language server with the large knowledge base as a workspace's files (found by the
 * *.dealkb.json search, as in VS Code): the 1 MB draft opened in the same folder, its first
 * diagnostics, resident memory then, and one-character edits → pull (with the last result id,
 * as VS Code sends it) p50 and p95. A line naming the last copy's parties is added to the draft,
 * and its conflict must come back: proof that the whole knowledge base was loaded. `cache`: the
 * folder the server keeps its caches in (XDG_CACHE_HOME), left for the next start; a fresh
 * temporary one, removed after, when not given.
 */
export async function benchLargeKbServer({ kb, draft, edits = 300, cache = undefined }) {
  const { spawn } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const { pathToFileURL } = await import('node:url');
  const rpc = createRequire(import.meta.url)(createRequire(import.meta.url).resolve('vscode-jsonrpc/node', { paths: [root] }));
  const name = kb.names.at(-1);
  const claim = `Amazon ${name} has invested $35 billion in Anthropic ${name}.`;
  const doc = `${draft}\n\n${claim}\n`;
  const path = join(kb.dir, 'draft.md');
  writeFileSync(path, doc);
  const uri = pathToFileURL(path).href;
  const cacheHome = cache ?? join(kb.dir, '.cache');
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : []), join(root, 'dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
  });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  try {
    const t0 = process.hrtime.bigint();
    const folder = pathToFileURL(kb.dir).href;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'large-kb' }],
      capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true, workspaceFolders: true } },
    });
    conn.sendNotification('initialized', {});
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: doc } });
    const first = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const openMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const line = doc.split('\n').length - 2;
    if (!first.items.some((d) => d.range.start.line === line && /conflict/.test(String(d.code))))
      throw new Error(`the server did not use the large knowledge base: no conflict on "${claim}"`);
    const opened = memoryOf(child.pid);
    // Offsets below the draft's own length: the claim line after it is never edited.
    const { times } = await timeRandomEdits(conn, uri, doc, { edits, resultId: first.resultId, within: draft.length });
    const after = memoryOf(child.pid);
    return { openMs, diagnostics: first.items.length, rss: opened.rss, peak: after.peak, rssAfter: after.rss, p50: percentile(times, 50), p95: percentile(times, 95), edits };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    await conn.sendRequest('shutdown').catch(() => undefined);
    conn.sendNotification('exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    conn.dispose();
    child.kill();
    if (!cache) rmSync(cacheHome, { recursive: true, force: true });
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median whole-process time of the CLI on the drafts, and its JSON output; `env`: its environment (its cache folder). */
function timeCli(args, drafts, runs, env = process.env) {
  const times = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args, '--format', 'json', ...drafts], { encoding: 'utf8', maxBuffer: 1 << 28, env });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status === 2) throw new Error(`dealcheck failed with the large knowledge base: ${r.stderr.slice(0, 2000)}`);
    stdout = r.stdout;
  }
  return { ms: median(times), stdout };
}

/**
 * The bench's section (issue 10 §6; targets: loading ≤ 1 s; checking the dev drafts ≤ 2× the
 * time with the bundled knowledge base; server RSS ≤ 300 MB; a keystroke p95 ≤ 10 ms on the
 * 1 MB draft). `draft` is the bench's 1 MB draft. The CLI and the server keep built knowledge
 * bases in a cache (src/node/knowledge-cache.ts): each is measured on a first load, which builds
 * and writes the cache entry, and on later loads, which read it back; the cache folders are the
 * bench's own, removed after.
 */
export async function benchLargeKb({ shared, runs, edits, draft, format }) {
  const kb = generateLargeKb();
  const dev = join(shared, 'eval/dev');
  const drafts = readdirSync(dev).filter((f) => f.endsWith('.md')).sort().map((f) => join(dev, f));
  const probePath = await buildProbe(kb.dir);
  const caches = join(kb.dir, 'caches');
  const cacheOf = (name) => join(caches, name);
  const probes = { bundled: [], large: [], first: [], later: [] };
  for (let i = 0; i < runs; i++) {
    probes.bundled.push(probe(probePath, [], drafts));
    probes.large.push(probe(probePath, kb.files, drafts));
    // A first load into a folder of its own, then a later load from it.
    probes.first.push(probe(probePath, kb.files, drafts, [], cacheOf(`probe-${i}`)));
    probes.later.push(probe(probePath, kb.files, drafts, [], cacheOf(`probe-${i}`)));
  }
  const mid = (which, key) => median(probes[which].map((p) => p[key]));
  const without = timeCli([], drafts, runs);
  const kbArgs = kb.files.flatMap((f) => ['--kb', f]);
  const cliEnv = { ...process.env, XDG_CACHE_HOME: cacheOf('cli') };
  const cliFirst = timeCli(kbArgs, drafts, 1, cliEnv);
  const withKb = timeCli(kbArgs, drafts, runs, cliEnv);
  const serverFirst = await benchLargeKbServer({ kb, draft, edits, cache: cacheOf('server') });
  const server = await benchLargeKbServer({ kb, draft, edits, cache: cacheOf('server') });
  rmSync(caches, { recursive: true, force: true });
  const sameFindings = without.stdout === withKb.stdout && without.stdout === cliFirst.stdout;
  const { assertions, facts, entities } = probes.large[0];
  const mb = kb.files.reduce((n, f) => n + readFileSync(f).length, 0) / 1e6;
  const times = (which) => `${format(mid(which, 'loadMs'))} ms (CPU ${format(mid(which, 'loadCpuMs'))} ms)`;
  const rss = (s) => `${s.rss.toFixed(0)} MB (${s.peak.toFixed(0)} MB; ${s.rssAfter.toFixed(0)} MB)`;
  return [
    '',
    `A knowledge base of ${assertions.toLocaleString('en')} assertions (scripts/bench/large-kb.mjs: the bundled facts copied ${kb.copies} times with renamed parties; ${facts.toLocaleString('en')} facts, ${entities.toLocaleString('en')} entities, ${kb.files.length} files, ${mb.toFixed(0)} MB). Medians of ${runs} fresh processes; load average ${loadavg().map((x) => x.toFixed(1)).join(', ')}. "First": no cache entry yet (the load builds and writes one); "later": the entry read back:`,
    '',
    '| measure | bundled knowledge base | large | target |',
    '|---|---|---|---|',
    `| loading, later (cache entry read back) | ${format(mid('bundled', 'loadMs'))} ms | ${times('later')} | ≤ 1 s |`,
    `| loading, first (build, snapshot, cache entry written) | | ${times('first')} | |`,
    `| loading without a cache: read ${format(mid('large', 'readMs'))} ms, parse and validate ${format(mid('large', 'parseMs'))} ms, merge and index ${format(mid('large', 'buildMs'))} ms | | ${times('large')} | |`,
    `| checking the ${drafts.length} dev drafts, after a later load | ${format(mid('bundled', 'checkMs'))} ms | ${format(mid('later', 'checkMs'))} ms (${(mid('later', 'checkMs') / mid('bundled', 'checkMs')).toFixed(2)}×; after a load without a cache ${format(mid('large', 'checkMs'))} ms) | ≤ 2× |`,
    `| the CLI on the dev drafts, whole process, later; first | ${format(without.ms)} ms | ${format(withKb.ms)} ms (${(withKb.ms / without.ms).toFixed(2)}×); ${format(cliFirst.ms)} ms${sameFindings ? ', the same findings' : ', DIFFERENT findings'} | |`,
    `| server RSS with the 1 MB draft open (peak; after ${server.edits} edits), later start; first start | | ${rss(server)}; ${rss(serverFirst)} | ≤ 300 MB |`,
    `| edit → diagnostics on the 1 MB draft, p50 / p95, later start; first start | | ${format(server.p50)} / ${format(server.p95)} ms; ${format(serverFirst.p50)} / ${format(serverFirst.p95)} ms | p95 ≤ 10 ms |`,
    `| server start → first diagnostics of the 1 MB draft, later start; first start | | ${format(server.openMs)} ms; ${format(serverFirst.openMs)} ms | |`,
  ];
}

/** The bench's 1 MB draft, built as scripts/bench.mjs builds it: the dev drafts and the sources, over and over. */
export function oneMegabyteDraft(shared) {
  const dev = join(shared, 'eval/dev');
  const sources = join(shared, 'sources');
  const parts = readdirSync(dev).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dev, f), 'utf8'));
  for (const f of readdirSync(sources).sort()) parts.push(readFileSync(join(sources, f), 'utf8').split('\n').filter((l) => l.trim()).join('\n').replace(/\n(?!\|)/g, '\n\n'));
  let doc = '';
  for (let i = 0; doc.length < 1_000_000; i++) doc += `${parts[i % parts.length]}\n\n`;
  return doc;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'bench') {
    // The bench's section alone: node scripts/bench/large-kb.mjs bench [RUNS] [EDITS] (after npm run build).
    const shared = process.env.DEALCHECK_SHARED ?? resolve(root, '../shared');
    const format = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
    const lines = await benchLargeKb({ shared, runs: Number(process.argv[3] ?? 5), edits: Number(process.argv[4] ?? 300), draft: oneMegabyteDraft(shared), format });
    console.log(lines.join('\n'));
  } else {
    const r = generateLargeKb({ assertions: Number(process.argv[2] ?? LARGE_KB_ASSERTIONS), ...(process.argv[3] ? { dir: resolve(process.argv[3]) } : {}) });
    console.log(`${r.assertions} assertions, ${r.facts} facts, ${r.entities} entities in ${r.copies} copies: ${r.dir}`);
    for (const f of r.files) console.log(f);
  }
}
