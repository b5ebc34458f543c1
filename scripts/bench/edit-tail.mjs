// Where the slow keystrokes of the bench's 1 MB draft are: the bench's one-character edits
// (lsp-edits.mjs, the same seeded places) sent to a server, each timed with the block it landed
// in (its kind and size, and whether the edited line is a table's delimiter row), so the slowest
// can be read apart from the rest. Not a test; after `npm run build`:
//   node scripts/bench/edit-tail.mjs [--edits N] [--kb DIR] [--node-args="--cpu-prof ..."] [--json FILE]
// --kb: a folder of *.dealkb.json files (large-kb.mjs writes one) opened as the workspace, as
// large-kb.mjs's bench does. --node-args: given to the server's node (say, --cpu-prof); with
// --json, each edit's send and answer times (process.hrtime, the clock of a V8 CPU profile) are
// written out, so a profile can be cut into one stretch per keystroke (edit-profile.mjs).
// --pipe: the server talks over a Unix socket (--pipe=NAME) and its stdout is this script's, so
// --node-args="--trace-gc" prints each collection among the edits' lines (--verbose).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { oneMegabyteDraft } from './large-kb.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile, positionAt } from './lsp-edits.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const shared = process.env.DEALCHECK_SHARED ?? resolve(root, '../shared');
const { values: args } = parseArgs({
  options: { edits: { type: 'string', default: '300' }, kb: { type: 'string' }, 'node-args': { type: 'string', default: '' }, json: { type: 'string' }, pipe: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
});

/**
 * The blank-line-separated block around `offset` (the draft's blocks are so separated), its kind
 * (a table when any line starts with "|": the draft's tables follow their caption's line), and
 * whether the edited line of `old` (the text before the edit) is a table's delimiter row.
 */
function blockAround(text, old, offset) {
  const before = text.lastIndexOf('\n\n', offset - 1);
  const start = before === -1 ? 0 : before + 2;
  const after = text.indexOf('\n\n', offset);
  const end = after === -1 ? text.length : after;
  const block = text.slice(start, end);
  const kind = /^\|/m.test(block) ? 'table' : block.startsWith('#') ? 'heading' : /^\s*([-*+]|\d+\.)\s/.test(block) ? 'list' : 'paragraph';
  const lineStart = old.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = old.indexOf('\n', offset);
  const line = old.slice(lineStart, lineEnd === -1 ? old.length : lineEnd);
  return { kind, bytes: block.length, delimiterRow: /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line) };
}

/** A process's minor page faults so far (/proc/PID/stat's tenth field): each a page of memory touched for the first time. */
function minorFaults(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
}

const rpc = createRequire(import.meta.url)(createRequire(import.meta.url).resolve('vscode-jsonrpc/node', { paths: [root] }));
const draft = oneMegabyteDraft(shared);
const folder = args.kb ? resolve(args.kb) : join(tmpdir(), 'dealcheck-bench');
const path = join(folder, 'edit-tail-draft.md');
// On a fresh machine the bench's folder is not there until npm run bench has run once.
mkdirSync(folder, { recursive: true });
writeFileSync(path, draft);
const uri = pathToFileURL(path).href;
const nodeArgs = args['node-args'].split(' ').filter(Boolean);
// A cache folder of its own, as the bench's: each run is a first start, which writes the code cache.
const cacheHome = mkdtempSync(join(tmpdir(), 'dealcheck-edit-tail-cache-'));
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
let child;
let conn;
if (args.pipe) {
  // A Unix socket holds back no small write, as TCP does.
  const socketPath = join(tmpdir(), `dealcheck-edit-tail-${process.pid}.sock`);
  const server = createServer();
  const connected = new Promise((r) => server.once('connection', r));
  await new Promise((r) => server.listen(socketPath, r));
  child = spawn(process.execPath, [...nodeArgs, join(root, 'dist/server.js'), `--pipe=${socketPath}`], { stdio: ['ignore', 'inherit', 'inherit'], env });
  const socket = await connected;
  server.close();
  conn = rpc.createMessageConnection(new rpc.SocketMessageReader(socket), new rpc.SocketMessageWriter(socket));
} else {
  child = spawn(process.execPath, [...nodeArgs, join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
}
conn.onRequest('workspace/configuration', (params) => params.items.map(() => null));
conn.onRequest('client/registerCapability', () => null);
conn.onRequest('window/workDoneProgress/create', () => null);
conn.onNotification(() => {});
conn.listen();
const folderUri = pathToFileURL(folder).href;
await conn.sendRequest('initialize', {
  processId: process.pid,
  rootUri: args.kb ? folderUri : null,
  ...(args.kb ? { workspaceFolders: [{ uri: folderUri, name: 'kb' }] } : {}),
  capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true, workspaceFolders: !!args.kb } },
});
conn.sendNotification('initialized', {});
conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });
let { resultId } = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

// The edits of lsp-edits.mjs's timeRandomEdits, each with its block.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
let text = draft;
const edits = [];
for (let i = 0; i < Number(args.edits); i++) {
  const offset = Math.floor(random() * text.length);
  const ch = random() < 0.5 ? 'x' : '7';
  const pos = positionAt(text, offset);
  const before = text;
  text = text.slice(0, offset) + ch + text.slice(offset);
  const around = blockAround(text, before, offset);
  const faultsBefore = minorFaults(child.pid);
  const sent = process.hrtime.bigint();
  conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: pos, end: pos }, text: ch }] });
  const report = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultId });
  const answered = process.hrtime.bigint();
  resultId = report.resultId;
  const faults = minorFaults(child.pid) - faultsBefore;
  edits.push({ i, ms: Number(answered - sent) / 1e6, sentUs: Number(sent / 1000n), answeredUs: Number(answered / 1000n), offset, ...around, unchanged: report.kind === 'unchanged', faults });
  if (args.verbose) console.log(`edit #${i} ${edits[i].ms.toFixed(1)} ms ${around.kind} ${around.bytes} B, ${faults} page faults${around.delimiterRow ? ', delimiter row' : ''}`);
}
await conn.sendRequest('shutdown').catch(() => undefined);
conn.sendNotification('exit');
await new Promise((r) => child.once('exit', r));
conn.dispose();
rmSync(cacheHome, { recursive: true, force: true });

const times = edits.map((e) => e.ms);
const p95 = percentile(times, 95);
console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${edits.length} edits: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
console.log(`server page faults per edit: median ${percentile(edits.map((e) => e.faults), 50)}, p95 ${percentile(edits.map((e) => e.faults), 95)}`);
console.log('slowest tenth (i, ms, kind, block bytes, page faults, delimiter row, unchanged):');
for (const e of [...edits].sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(edits.length / 10)))
  console.log(`  #${e.i}\t${e.ms.toFixed(1)}\t${e.kind}\t${e.bytes}\t${e.faults}${e.delimiterRow ? '\tdelimiter' : ''}${e.unchanged ? '\tunchanged' : ''}`);
if (args.json) writeFileSync(args.json, JSON.stringify(edits));
