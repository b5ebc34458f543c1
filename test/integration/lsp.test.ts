/**
 * The built language server over stdio, with a real LSP client: diagnostics (pushed and pulled),
 * hover, quick-fixes applied and re-checked, context.only, and knowledge base files with errors.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { checkDocument } from '../../src/diagnostics/engine';
import { loadKnowledgeBase } from '../../src/knowledge';
import { devCorpus, requireBuilt } from './helpers';
import { type TestClient, serverPath, startClient } from './lsp-client';

const draftPath = join(devCorpus, 'd1-briefing.md');
const draft = readFileSync(draftPath, 'utf8');
const uri = pathToFileURL(draftPath).href;

function applyEdits(text: string, edits: TextEdit[]): string {
  const offset = (line: number, character: number) => {
    let o = 0;
    for (let l = 0; l < line; l++) o = text.indexOf('\n', o) + 1;
    return o + character;
  };
  const sorted = edits.map((e) => ({ s: offset(e.range.start.line, e.range.start.character), e: offset(e.range.end.line, e.range.end.character), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const e of sorted) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}

const conflictsOf = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).endsWith('-conflict'));
const SEVEN = { start: { line: 8, character: 5 }, end: { line: 8, character: 15 } };

describe('language server over stdio (push diagnostics)', function () {
  this.timeout(20_000);
  let client: TestClient;
  before(async () => {
    requireBuilt(serverPath);
    client = await startClient();
  });
  after(async () => client?.stop());

  it('publishes exactly the engine\'s conflicts for a dev draft, with code, docs link, source and evidence', async () => {
    const published = client.nextDiagnostics(uri, (ds) => ds.length > 0);
    await client.open(uri, draft);
    const diagnostics = await published;
    const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
    const expected = checkDocument(draft, kb).findings;
    assert.deepEqual(
      diagnostics.map((d) => [d.range, d.message, d.code, d.severity, d.source]),
      expected.map((f) => [f.range, f.message, f.code, f.kind === 'outdated' ? 3 : 2, 'dealcheck']),
    );
    const seven = diagnostics.find((d) => String(d.message).startsWith('$7 billion'))!;
    assert.deepEqual(seven.range, SEVEN);
    assert.equal(seven.message, "$7 billion conflicts with the source on the upfront part of Amazon's investment in Anthropic: $5 billion.");
    assert.equal(seven.codeDescription?.href, 'https://github.com/dealcheck/dealcheck#money-conflict');
    assert.ok(seven.relatedInformation?.length, 'no related information');
    assert.match(seven.relatedInformation![0].location.uri, /dealcheck\.dealkb\.json$/);
  });

  it('hovers a conflicting figure with the fact, each source\'s value, title and quote', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 8 } })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.deepEqual(hover.range, SEVEN);
    assert.match(value, /the upfront part of Amazon's investment in Anthropic/);
    assert.match(value, /agrees with no source/);
    assert.match(value, /\*\*\$5 billion\*\* \(invested\) — \*Amazon's \$50 Billion AI Bet/);
    assert.match(value, /The \$25 billion to Anthropic includes \$5 billion upfront and \$20 billion tied to future commercial milestones/);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(nothing, null);
  });

  it('offers a preferred "Replace with" quick-fix that makes the figure supported once applied', async () => {
    const diagnostics = conflictsOf(await currentDiagnostics());
    const seven = diagnostics.find((d) => String(d.message).startsWith('$7 billion'))!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: SEVEN, context: { diagnostics: [seven] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind, !!a.isPreferred]), [
      ["Replace with $5 billion — Amazon's $50 Billion AI Bet: Why It Pays Rivals More Than Allies for Cloud Dominance", 'quickfix', true],
      ['Ignore this figure', 'quickfix', false],
    ]);
    assert.deepEqual(actions[0].diagnostics, [seven]);
    const fixed = applyEdits(draft, actions[0].edit!.changes![uri]);
    assert.match(fixed, /Only \$5 billion of the Anthropic money arrives upfront; the other \$19 billion depends on milestones\.\[\^dc-ainews-50b-ai-bet\]/);
    assert.match(fixed, /\n\[\^dc-ainews-50b-ai-bet\]: "The \$25 billion to Anthropic includes \$5 billion upfront/);

    const after = client.nextDiagnostics(uri, (ds) => !ds.some((d) => String(d.message).startsWith('$7 billion')));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const remaining = conflictsOf(await after);
    assert.equal(remaining.length, diagnostics.length - 1);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 8 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /✓ \*\*\$5 billion\*\* agrees/);
  });

  it('honours context.only', async () => {
    const none = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: SEVEN, context: { diagnostics: [], only: ['refactor'] } });
    assert.deepEqual(none, []);
    const some = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: SEVEN, context: { diagnostics: [], only: ['quickfix'] } })) as CodeAction[];
    assert.ok(some.some((a) => a.title.startsWith('Cite ')), 'a supported figure offers Cite');
  });

  async function currentDiagnostics(): Promise<Diagnostic[]> {
    // An incremental no-op edit forces a fresh publication.
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 100 + Math.floor(Math.random() * 1000) },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }],
    });
    return next;
  }
});

describe('language server: related information up to dealcheck.relatedInformationLimit', function () {
  this.timeout(20_000);
  let client: TestClient;
  before(async () => {
    requireBuilt(serverPath);
    client = await startClient({ settings: { relatedInformationLimit: 2 } });
  });
  after(async () => client?.stop());

  it("lists the sources' rows for the document's first two diagnostics only, and keeps every message", async () => {
    const published = client.nextDiagnostics(uri, (ds) => ds.length > 2);
    await client.open(uri, draft);
    const diagnostics = await published;
    const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
    assert.deepEqual(diagnostics.map((d) => d.message), checkDocument(draft, kb).findings.map((f) => f.message));
    assert.deepEqual(diagnostics.map((d) => (d.relatedInformation?.length ?? 0) > 0), diagnostics.map((_, i) => i < 2));
  });
});

describe('language server over stdio (pull diagnostics)', function () {
  this.timeout(20_000);
  let client: TestClient;
  before(async () => {
    client = await startClient({ pull: true });
  });
  after(async () => client?.stop());

  it('answers textDocument/diagnostic with up-to-date findings right after a change, and "unchanged" when nothing changed', async () => {
    await client.open(uri, draft);
    const first = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, identifier: 'dealcheck' })) as { kind: string; resultId: string; items: Diagnostic[] };
    assert.equal(first.kind, 'full');
    assert.deepEqual(first.items.find((d) => String(d.message).startsWith('$7 billion'))?.range, SEVEN);

    // Type "$5" over "$7" and pull at once: no waiting for a debounce.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 8, character: 5 }, end: { line: 8, character: 7 } }, text: '$5' }],
    });
    const second = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, identifier: 'dealcheck', previousResultId: first.resultId })) as { kind: string; resultId: string; items: Diagnostic[] };
    assert.equal(second.kind, 'full');
    assert.equal(second.items.find((d) => d.range.start.line === 8 && d.range.start.character === 5), undefined);
    assert.equal(second.items.length, first.items.length - 1);

    const third = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, identifier: 'dealcheck', previousResultId: second.resultId })) as { kind: string };
    assert.equal(third.kind, 'unchanged');
    assert.equal(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri).length, 0, 'a pulling client gets no pushed diagnostics for open documents');
  });

  it('after random incremental edits, several to a notification, pulls exactly what a full check of the same text finds', async () => {
    const editedUri = pathToFileURL(join(devCorpus, 'edited.md')).href;
    const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
    const pieces = ['$5 billion', 'Amazon invested ', ' in Anthropic', '\n', '\n\n', '| a | b |', '```\n', '40%', '', 'x'];
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const positionOf = (text: string, offset: number) => {
      const before = text.slice(0, offset);
      return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
    };
    // Long enough that most edits land past the first blocks, where only blocks around an edit are re-split.
    let text = [draft, draft, draft].join('\n');
    await client.open(editedUri, text);
    for (let version = 2; version < 42; version++) {
      const contentChanges = [];
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const start = Math.floor(random() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(random() * 12));
        const insert = pieces[Math.floor(random() * pieces.length)];
        contentChanges.push({ range: { start: positionOf(text, start), end: positionOf(text, end) }, text: insert });
        text = text.slice(0, start) + insert + text.slice(end);
      }
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: editedUri, version }, contentChanges });
      const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: editedUri } })) as { items: Diagnostic[] };
      assert.deepEqual(
        report.items.map((d) => [d.range, d.message]),
        checkDocument(text, kb).findings.map((f) => [f.range, f.message]),
        `version ${version}`,
      );
    }
  });
});

describe('language server: knowledge base files in the workspace', function () {
  this.timeout(20_000);
  let folder: string;
  let client: TestClient;
  const good = JSON.stringify({
    version: 1,
    sources: [{ id: 'memo', file: 'memo.txt', title: 'Team memo' }],
    entities: [{ id: 'acme', name: 'Acme', kind: 'company' }, { id: 'widgetco', name: 'WidgetCo', kind: 'company' }],
    relations: [{ id: 'acquisition', label: 'acquisition price', keywords: ['bought', 'acquired'] }],
    facts: [{ id: 'acme-widgetco', statement: "Acme's price for WidgetCo", subject: 'acme', relation: 'acquisition', object: 'widgetco', type: 'money',
      assertions: [{ source: 'memo', value: { amount: 3, scale: 'billion' }, quote: 'Acme bought WidgetCo for $3 billion.' }] }],
  }, null, 2);
  const broken = good.replace('"amount": 3', '"amount": "3"');

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'dealcheck-ls-'));
    writeFileSync(join(folder, 'team.dealkb.json'), broken);
    writeFileSync(join(folder, 'draft.md'), 'Acme bought WidgetCo for $5 billion.\n');
  });
  after(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports a bad file on the file itself, then uses it once it is fixed', async () => {
    const kbUri = pathToFileURL(join(folder, 'team.dealkb.json')).href;
    const draftUri = pathToFileURL(join(folder, 'draft.md')).href;
    client = await startClient({ folder });
    const problems = await client.nextDiagnostics(kbUri, (ds) => ds.length > 0);
    const line = broken.split('\n').findIndex((l) => l.includes('"value": {'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].range.start.line, line);
    assert.match(String(problems[0].message), /^facts\[0\]\.assertions\[0\]\.value/);

    const clean = client.nextDiagnostics(kbUri, (ds) => ds.length === 0);
    writeFileSync(join(folder, 'team.dealkb.json'), good);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: kbUri, type: 2 }] });
    await clean;

    const flagged = client.nextDiagnostics(draftUri, (ds) => ds.length > 0);
    await client.open(draftUri, 'Acme bought WidgetCo for $5 billion.\n');
    const [d] = await flagged;
    assert.equal(String(d.message), "$5 billion conflicts with the source on Acme's price for WidgetCo: $3 billion.");
    assert.deepEqual(d.range, { start: { line: 0, character: 25 }, end: { line: 0, character: 35 } });

    // Breaking it again keeps the last good knowledge base: the draft is still checked against it.
    const broke = client.nextDiagnostics(kbUri, (ds) => ds.length > 0);
    const still = client.nextDiagnostics(draftUri, (ds) => ds.length === 1);
    writeFileSync(join(folder, 'team.dealkb.json'), broken);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: kbUri, type: 2 }] });
    assert.match(String((await broke)[0].message), /keeps using the last valid knowledge base/);
    await still;
  });

  it('checks every Markdown file in the workspace on request, pushing results for closed files', async () => {
    writeFileSync(join(folder, 'team.dealkb.json'), good);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'team.dealkb.json')).href, type: 2 }] });
    writeFileSync(join(folder, 'closed.md'), '# Notes\n\nAcme bought WidgetCo for $4 billion.\n\nAcme bought WidgetCo for $3 billion.\n');
    const closedUri = pathToFileURL(join(folder, 'closed.md')).href;
    const pushed = client.nextDiagnostics(closedUri, (ds) => ds.length > 0);
    const result = await client.connection.sendRequest('dealcheck/checkWorkspace');
    assert.deepEqual(result, { files: 2, conflicts: 2 });
    const [d] = await pushed;
    assert.deepEqual(d.range, { start: { line: 2, character: 25 }, end: { line: 2, character: 35 } });
    assert.equal(String(d.message), "$4 billion conflicts with the source on Acme's price for WidgetCo: $3 billion.");
  });
});

describe('language server: what must not stop or silence it', function () {
  this.timeout(20_000);

  /** Starts the built server, writes `bytes` to it and resolves with its exit code and stderr. */
  function feed(bytes: string): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdin!.write(bytes);
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  }

  const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
  const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const cases: [string, string, RegExp][] = [
    ['a header line without a colon', `Hello there\r\n\r\n${initialize}`, /Message header must separate key and value using ':'/],
    ['a Content-Length shorter than the message', frame(initialize, 20) + frame(initialize), /cannot read the client's messages any more/],
    ['a header without Content-Length', `Content-Type: application/json\r\n\r\n${initialize}`, /Header must provide a Content-Length property/],
  ];
  for (const [name, bytes, why] of cases)
    it(`exits with a clear line on ${name}, so that the client starts it again`, async () => {
      const { code, stderr } = await feed(bytes);
      assert.equal(code, 1);
      assert.match(stderr, /^dealcheck-ls: exiting: cannot read the client's messages any more \(/m);
      assert.match(stderr, why);
    });

  it('keeps answering after a draft that once crashed the engine', async () => {
    const client = await startClient({ pull: true });
    try {
      const crashUri = 'file:///crash.md';
      await client.open(crashUri, 'See [www.cnbc.com [^1] for more.\n\nAmazon invested $35 billion in Anthropic.\n');
      const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: crashUri } })) as { items: Diagnostic[] };
      assert.deepEqual(report.items.map((d) => [d.code, d.range.start.line]), [['money-conflict', 2]]);
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: crashUri }, position: { line: 2, character: 18 } })) as Hover;
      assert.match((hover.contents as { value: string }).value, /Amazon's investment in Anthropic/);
    } finally {
      await client.stop();
    }
  });
});
