// npm run bench: how fast dealcheck is, in one run, on this machine.
//  - full CLI check (whole process, median of several runs) of ~10 KB, ~100 KB and ~1 MB drafts,
//    next to markdownlint-cli2 and cspell on the same files;
//  - the language server: one-character edit → up-to-date diagnostics (LSP pull), p50/p95 over
//    a few hundred edits at random places; start → first diagnostics for the 100 KB draft, with
//    and without the code cache an earlier start leaves; server memory (RSS) with each draft
//    open, and again after the edits.
// Drafts are built from the dev corpus and the source articles beside the checkout.
// Not a test: it prints figures; nothing here asserts a time. BENCH_ONLY=large-kb runs only the
// large knowledge base's section (BENCH_RUNS and BENCH_EDITS apply); BENCH_ONLY=typing only the
// keystrokes in long paragraphs of the heavy inputs (BENCH_HEAVY_EDITS applies).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { percentile, timeRandomEdits } from './bench/lsp-edits.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.DEALCHECK_SHARED ?? resolve(root, '../shared');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The one section to run, when set: a quick measure while working on it. */
const ONLY = process.env.BENCH_ONLY;
const SECTIONS_ALONE = ['large-kb', 'typing'];
if (ONLY && !SECTIONS_ALONE.includes(ONLY)) throw new Error(`BENCH_ONLY=${ONLY}: the only parts that run alone are ${SECTIONS_ALONE.join(' and ')}`);
const EDITS = Number(process.env.BENCH_EDITS ?? 300);
const SIZES = [
  ['10 KB', 10_000],
  ['100 KB', 100_000],
  ['1 MB', 1_000_000],
];

for (const f of ['dist/cli.js', 'dist/server.js'])
  if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);

// ---- drafts ---------------------------------------------------------------------------------
function pieces() {
  const dev = join(shared, 'eval/dev');
  const sources = join(shared, 'sources');
  const out = readdirSync(dev).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dev, f), 'utf8'));
  for (const f of readdirSync(sources).sort()) {
    // Source articles are plain text: one paragraph per line, tables kept together.
    const text = readFileSync(join(sources, f), 'utf8');
    out.push(text.split('\n').filter((l) => l.trim()).join('\n').replace(/\n(?!\|)/g, '\n\n'));
  }
  return out;
}

function buildDraft(bytes) {
  const parts = pieces();
  let doc = '';
  for (let i = 0; doc.length < bytes; i++) doc += parts[i % parts.length] + '\n\n';
  return doc;
}

const dir = join(tmpdir(), 'dealcheck-bench');
mkdirSync(dir, { recursive: true });
const drafts = SIZES.map(([label, bytes]) => {
  const path = join(dir, `draft-${bytes}.md`);
  writeFileSync(path, buildDraft(bytes));
  return { label, path, text: readFileSync(path, 'utf8') };
});

// ---- BENCH_ONLY=large-kb: the large knowledge base's section alone (scripts/bench/large-kb.mjs) ----
if (ONLY === 'large-kb') {
  const { benchLargeKb } = await import('./bench/large-kb.mjs');
  const format = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  console.log((await benchLargeKb({ shared, runs: RUNS, edits: EDITS, draft: drafts[2].text, format })).join('\n'));
  process.exit(0);
}

// ---- whole-process timings ------------------------------------------------------------------
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(cmd, args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.error) throw r.error;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

function binOf(pkg, name) {
  // Not require.resolve: packages whose "exports" leave out package.json cannot be resolved that way.
  const pkgJson = join(root, 'node_modules', pkg, 'package.json');
  const { bin } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return join(dirname(pkgJson), typeof bin === 'string' ? bin : bin[name]);
}

const tools = {
  dealcheck: (f) => [process.execPath, [join(root, 'dist/cli.js'), '--format', 'json', f]],
  'markdownlint-cli2': (f) => [process.execPath, [binOf('markdownlint-cli2', 'markdownlint-cli2'), f]],
  cspell: (f) => [process.execPath, [binOf('cspell', 'cspell'), '--no-progress', '--no-summary', f]],
};

// BENCH_ONLY=typing times no whole process.
const cli = (ONLY ? [] : drafts).map((d) => {
  const row = { label: d.label };
  for (const [name, make] of Object.entries(tools)) {
    const [cmd, args] = make(d.path);
    row[name] = timeCommand(cmd, args);
  }
  return row;
});

// ---- the language server ----------------------------------------------------------------------
const rpc = require(require.resolve('vscode-jsonrpc/node', { paths: [root] }));

// Like VS Code, a pull sends back the result id it last got, so an edit that changes no finding
// is answered "unchanged" instead of with the whole list.
const resultIds = new Map();

function startServer(env) {
  resultIds.clear();
  const child = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  return { child, conn };
}

async function initialize(conn) {
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true },
      },
      workspace: { configuration: true },
    },
  });
  conn.sendNotification('initialized', {});
}

async function pull(conn, uri) {
  const report = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultIds.get(uri) });
  resultIds.set(uri, report.resultId);
  return report;
}

/** One start of a server, from spawning it to its first diagnostics for `draft`. */
async function firstDiagnostics(draft, env, { keepAliveMs = 0 } = {}) {
  const t = process.hrtime.bigint();
  const { child, conn } = startServer(env);
  await initialize(conn);
  const uri = pathToFileURL(draft.path).href;
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft.text } });
  const report = await pull(conn, uri);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  // A server writes its code cache for the next start once it has been up for a while.
  if (keepAliveMs) await new Promise((r) => setTimeout(r, keepAliveMs));
  conn.dispose();
  child.kill();
  return { ms, count: report.items?.length ?? 0 };
}

/** A cache folder of the bench's own, so no run reads or leaves a code cache in the user's. */
function cacheEnv() {
  const cache = mkdtempSync(join(tmpdir(), 'dealcheck-bench-cache-'));
  return { env: { ...process.env, XDG_CACHE_HOME: cache }, remove: () => rmSync(cache, { recursive: true, force: true }) };
}

/**
 * Median start-up over RUNS starts: a first start ever (no code cache), and a later start
 * (the code cache an earlier start left).
 */
async function startUp(draft) {
  const fresh = [];
  for (let i = 0; i < RUNS; i++) {
    const { env, remove } = cacheEnv();
    fresh.push((await firstDiagnostics(draft, env)).ms);
    remove();
  }
  const { env, remove } = cacheEnv();
  await firstDiagnostics(draft, env, { keepAliveMs: 3000 });
  const cached = [];
  let count = 0;
  for (let i = 0; i < RUNS; i++) {
    const run = await firstDiagnostics(draft, env);
    cached.push(run.ms);
    count = run.count;
  }
  remove();
  return { fresh: median(fresh), cached: median(cached), count };
}

async function editLatency(draft, edits = EDITS) {
  const cache = cacheEnv();
  const { child, conn } = startServer(cache.env);
  await initialize(conn);
  const uri = pathToFileURL(draft.path).href;
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft.text } });
  await pull(conn, uri);
  const rssOf = () => Number(readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
  const rss = rssOf();
  const { times, resultId } = await timeRandomEdits(conn, uri, draft.text, { edits, resultId: resultIds.get(uri) });
  resultIds.set(uri, resultId);
  const rssAfter = rssOf();
  conn.dispose();
  child.kill();
  cache.remove();
  return { p50: percentile(times, 50), p95: percentile(times, 95), rss, rssAfter };
}

const HEAVY_EDITS = Number(process.env.BENCH_HEAVY_EDITS ?? 30);
// ---- BENCH_ONLY=typing: the keystrokes in long paragraphs alone (scripts/bench/heavy-inputs.mjs) ----
if (ONLY === 'typing') {
  const { benchTyping } = await import('./bench/heavy-inputs.mjs');
  const format = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  console.log((await benchTyping({ shared, dir, edits: HEAVY_EDITS, bigDraft: drafts[1].text, editLatency, format })).join('\n'));
  process.exit(0);
}

const server = [];
for (const d of drafts) server.push({ label: d.label, ...(await editLatency(d)) });
const first = await startUp(drafts[1]);

// ---- report -------------------------------------------------------------------------------------
const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const lines = [];
lines.push(`Machine: ${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${RUNS} runs, ${EDITS} edits.`);
lines.push('');
lines.push(`| draft | dealcheck CLI | markdownlint-cli2 | cspell | dealcheck / markdownlint | edit → diagnostics p50 | p95 | server RSS, opened | after ${EDITS} edits |`);
lines.push('|---|---|---|---|---|---|---|---|---|');
cli.forEach((row, i) => {
  const s = server[i];
  lines.push(
    `| ${row.label} | ${f(row.dealcheck)} ms | ${f(row['markdownlint-cli2'])} ms | ${f(row.cspell)} ms | ${(row.dealcheck / row['markdownlint-cli2']).toFixed(2)} | ${f(s.p50)} ms | ${f(s.p95)} ms | ${s.rss.toFixed(0)} MB | ${s.rssAfter.toFixed(0)} MB |`,
  );
});
lines.push('');
lines.push(
  `Start → first diagnostics (spawn, initialize, open, pull), 100 KB draft, median of ${RUNS}: ${f(first.cached)} ms with the code cache an earlier start left, ${f(first.fresh)} ms on a first start ever (${first.count} diagnostics).`,
);
// ---- the server on a dense 1 MB draft (issue 13's target: edit → pull p95 ≤ 50 ms); see scripts/bench/dense-draft.mjs ----
{
  const { benchDenseDraft, denseDraftLine } = await import('./bench/dense-draft.mjs');
  lines.push('', denseDraftLine(await benchDenseDraft({ edits: Math.min(EDITS, 200) })));
}

// ---- the web-worker server (the browser entry's), in chromium; see scripts/bench/web-worker.mjs ----
try {
  const { benchWebWorker } = await import('./bench/web-worker.mjs');
  const web = await benchWebWorker(drafts[1].text, { edits: Math.min(EDITS, 100) });
  lines.push('');
  lines.push(
    `Web worker (dist/web/server.js in chromium), 100 KB draft: worker created → first diagnostics ${f(web.firstMs)} ms (${web.count} diagnostics; initialize answered at ${f(web.initialized)} ms; all ${web.wholeCount} at ${f(web.wholeMs)} ms); edit → diagnostics p50 ${f(web.p50)} ms, p95 ${f(web.p95)} ms.`,
  );
} catch (e) {
  lines.push('', `Web worker: not measured (${e.message.split('\n')[0]}; it needs chromium: bash scripts/e2e/setup.sh).`);
}
// ---- heavy inputs (issue 13); see scripts/bench/heavy-inputs.mjs --------------------------------
const { benchHeavyInputs } = await import('./bench/heavy-inputs.mjs');
lines.push(...(await benchHeavyInputs({ root, shared, dir, runs: Math.min(RUNS, 3), edits: HEAVY_EDITS, bigDraft: drafts[1].text, editLatency, format: f })));
// ---- a knowledge base of 100,000 assertions (issue 10 §6); see scripts/bench/large-kb.mjs ----
{
  const { benchLargeKb } = await import('./bench/large-kb.mjs');
  lines.push(...(await benchLargeKb({ shared, runs: RUNS, edits: EDITS, draft: drafts[2].text, format: f })));
}
const out = lines.join('\n');
console.log(out);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.md'), out + '\n');
