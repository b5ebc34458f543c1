// The language server as the browser runs it (dist/web/server.js in a web worker of Debian's
// chromium, through playwright-core): start → first diagnostics of a draft, and one-character
// edit → diagnostics, with the page playing the VS Code extension (it answers the server's
// file and configuration requests). Used by `npm run bench`; also runs alone:
//   node scripts/bench/web-worker.mjs [DRAFT.md]
// BENCH_SEARCH_MS=N has the workspace search answer N ms late, with the e2e fixture's knowledge
// base file (as the editor does while its workbench starts); BENCH_CLIENT_MS=N has the client
// start (send initialize) N ms after the worker was created (as the browser entry starts the
// worker when the extension host loads its script, and its client in activate(), later);
// BENCH_EDITS=N sets the edits timed.
// Not a test: it prints figures; nothing here asserts a time.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Serves the repository's dist/ and a blank page on 127.0.0.1. */
function serve() {
  return new Promise((resolveServer) => {
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>dealcheck web worker bench</title>');
        return;
      }
      const file = join(root, path);
      if (!file.startsWith(join(root, 'dist')) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/json' }).end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  });
}

/** Runs in the page: a minimal LSP client over postMessage, timing the server in its worker. */
async function inPage({ text, edits, searchMs, clientMs, teamKb }) {
  const t0 = performance.now();
  const worker = new Worker('/dist/web/server.js');
  if (clientMs) await new Promise((resolve) => setTimeout(resolve, clientMs));
  /** When the client started: the extension's activation, for a worker started before it. */
  const clientAt = performance.now() - t0;
  let nextId = 0;
  const pending = new Map();
  const logs = [];
  /** The server's start-up steps (dealcheck/startup), in ms after the worker was created. */
  let startup = [];
  /** Resolves when the server asks for a pull again (after answering the first with the first screen). */
  let refreshed;
  const refresh = new Promise((resolve) => (refreshed = resolve));
  const kb = await (await fetch('/dist/knowledge/dealcheck.dealkb.json')).text();
  worker.onmessage = ({ data: m }) => {
    if (m.method && m.id !== undefined) {
      let result = null;
      if (m.method === 'workspace/configuration') result = m.params.items.map(() => null);
      else if (m.method === 'dealcheck/findFiles' && searchMs !== undefined) {
        // As the editor at start-up: the workspace search answers late, with one knowledge base file.
        setTimeout(() => worker.postMessage({ jsonrpc: '2.0', id: m.id, result: ['file:///bench/team.dealkb.json'] }), searchMs);
        return;
      } else if (m.method === 'dealcheck/findFiles') result = [];
      else if (m.method === 'dealcheck/readFile' && m.params.uri === 'file:///bench/team.dealkb.json') result = { text: teamKb };
      else if (m.method === 'workspace/diagnostic/refresh') refreshed(performance.now() - t0);
      else if (m.method === 'dealcheck/readFile') result = m.params.uri.endsWith('dealcheck.dealkb.json') ? { text: kb } : { error: 'there is no such file' };
      worker.postMessage({ jsonrpc: '2.0', id: m.id, result });
    } else if (m.id !== undefined) pending.get(m.id)?.(m);
    else if (m.method === 'window/logMessage') logs.push(`${Math.round(performance.now() - t0)} ms: ${m.params.message}`);
    else if (m.method === 'dealcheck/startup') startup = m.params.marks.map((k) => `${k.what} ${Math.round(k.at - performance.timeOrigin - t0)}${k.detail ? ` (${k.detail})` : ''}`);
  };
  const request = (method, params) =>
    new Promise((done) => {
      const id = ++nextId;
      pending.set(id, done);
      worker.postMessage({ jsonrpc: '2.0', id, method, params });
    });
  const notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
  await request('initialize', {
    processId: null,
    rootUri: searchMs === undefined ? null : 'file:///bench',
    capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
    initializationOptions: { fileAccess: 'client', bundledKnowledgeBaseUri: 'http://bench/dealcheck.dealkb.json', startupTimes: true, earlyDiagnostics: true },
  });
  const initialized = performance.now() - t0;
  notify('initialized', {});
  const uri = 'file:///bench/draft.md';
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // As the extension in the browser: the first answer may be the first screen's; the server asks
  // for another pull once the whole draft is checked.
  const first = await request('textDocument/diagnostic', { textDocument: { uri } });
  const firstMs = performance.now() - t0;
  let whole = first;
  let wholeMs = firstMs;
  // The start-up marks come just before the first answer, and say whether it was the first screen's.
  if (startup.some((m) => m.includes('the first screen'))) {
    await refresh;
    whole = await request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.result.resultId });
    wholeMs = performance.now() - t0;
  }
  let resultId = whole.result.resultId;
  const times = [];
  let doc = text;
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < edits; i++) {
    const offset = Math.floor(random() * doc.length);
    const before = doc.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - (before.lastIndexOf('\n') + 1);
    const ch = random() < 0.5 ? 'x' : '7';
    doc = before + ch + doc.slice(offset);
    const t = performance.now();
    notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ch }] });
    const r = await request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultId });
    resultId = r.result.resultId;
    times.push(performance.now() - t);
  }
  worker.terminate();
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  return { initialized, clientAt, firstMs, count: first.result.items.length, wholeMs, wholeCount: whole.result.items?.length, p50: pct(50), p95: pct(95), logs, startup };
}

/** Start → first diagnostics and edit latency of the web worker server on `text`. */
export async function benchWebWorker(text, { edits = 100, searchMs, clientMs } = {}) {
  const { launchChromium } = await import('../e2e/code-server.mjs');
  const server = await serve();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const teamKb = readFileSync(join(root, 'test/e2e/fixture/team.dealkb.json'), 'utf8');
    return await page.evaluate(inPage, { text, edits, searchMs, clientMs, teamKb });
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  let text;
  if (file) text = readFileSync(file, 'utf8');
  else {
    const dir = join(root, 'test/corpus');
    const { readdirSync } = await import('node:fs');
    const parts = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
    text = '';
    for (let i = 0; text.length < 100_000; i++) text += `${parts[i % parts.length]}\n\n`;
  }
  // BENCH_SEARCH_MS: the workspace search answers this late, with the e2e fixture's knowledge base (as test:web's).
  const searchMs = process.env.BENCH_SEARCH_MS === undefined ? undefined : Number(process.env.BENCH_SEARCH_MS);
  // BENCH_CLIENT_MS: the client starts this long after the worker (as the browser entry's activate() does).
  const clientMs = Number(process.env.BENCH_CLIENT_MS ?? 0);
  const r = await benchWebWorker(text, { searchMs, clientMs, edits: Number(process.env.BENCH_EDITS ?? 100) });
  console.log(r.logs.join('\n'));
  console.log(`start-up, ms after the worker was created: ${r.startup.join(' · ')}`);
  const client = clientMs ? `; the client started at ${r.clientAt.toFixed(0)} ms, first diagnostics ${(r.firstMs - r.clientAt).toFixed(0)} ms after that` : '';
  console.log(`web worker, ${(text.length / 1024).toFixed(0)} KB: initialize answered ${r.initialized.toFixed(0)} ms after the worker was created; first diagnostics (${r.count}) at ${r.firstMs.toFixed(0)} ms, all (${r.wholeCount}) at ${r.wholeMs.toFixed(0)} ms${client}; edit → diagnostics p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`);
}
