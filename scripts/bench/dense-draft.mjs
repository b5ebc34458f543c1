// The language server on a dense 1 MB draft (test/corpus drafts end to end: thousands of
// findings), as issue 13 measures it: one-character edit → pull (with the last result id, as
// VS Code sends it) p50 and p95, the share of pulls answered "unchanged", and the weight of the
// diagnostics a full answer carries. Used by `npm run bench`; also runs alone:
//   node scripts/bench/dense-draft.mjs [EDITS]
// Not a test: it prints figures; nothing here asserts a time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, timeRandomEdits } from './lsp-edits.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const require = createRequire(import.meta.url);
const rpc = require(require.resolve('vscode-jsonrpc/node', { paths: [root] }));

/** About 1 MB of the corpus drafts, whose figures the knowledge base mostly covers. */
export function denseDraft(bytes = 1_000_000) {
  const dir = join(root, 'test/corpus');
  const parts = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${parts[i % parts.length]}\n\n`;
  return text;
}

export async function benchDenseDraft({ edits = 100, text = denseDraft() } = {}) {
  const cache = mkdtempSync(join(tmpdir(), 'dealcheck-bench-dense-'));
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : []), join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, XDG_CACHE_HOME: cache } });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  conn.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification(() => {});
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } } });
    conn.sendNotification('initialized', {});
    const uri = 'file:///bench/dense.md';
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const t0 = process.hrtime.bigint();
    // Measured as the JSON the client receives: the diagnostics of one full answer.
    const first = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const openMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const sizes = first.items.map((d) => JSON.stringify(d).length);
    const { times, unchanged } = await timeRandomEdits(conn, uri, text, { edits, resultId: first.resultId });
    return {
      kb: text.length / 1024,
      diagnostics: first.items.length,
      openMs,
      fullAnswerBytes: JSON.stringify(first).length,
      meanBytes: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length),
      maxBytes: Math.max(0, ...sizes),
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      unchanged,
      edits,
    };
  } finally {
    // A clean exit, so that a server run with --cpu-prof (BENCH_SERVER_ARGS) writes its profile.
    const exited = new Promise((r) => child.once('exit', r));
    await conn.sendRequest('shutdown').catch(() => undefined);
    conn.sendNotification('exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    conn.dispose();
    child.kill();
    rmSync(cache, { recursive: true, force: true });
  }
}

/** One line for the bench's report. */
export function denseDraftLine(r) {
  const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  return (
    `Dense ${(r.kb / 1024).toFixed(1)} MB draft (test/corpus end to end, ${r.diagnostics} diagnostics): open → first pull ${f(r.openMs)} ms; ` +
    `edit → pull p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms over ${r.edits} edits, ${r.unchanged} answered "unchanged"; ` +
    `a full answer ${(r.fullAnswerBytes / 1e6).toFixed(2)} MB, ${r.meanBytes.toFixed(0)} bytes per diagnostic on average, ${r.maxBytes} at most.`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(denseDraftLine(await benchDenseDraft({ edits: Number(process.argv[2] ?? 100) })));
}
