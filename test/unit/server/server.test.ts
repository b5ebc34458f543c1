/**
 * The server core over LSP (JSON-RPC over in-memory streams, in this process), with engines
 * that fail or stall on purpose: an engine error never stops the server, a long check lets
 * other requests through and is dropped when an edit makes it stale, pulls are "unchanged" when
 * no finding changed, dynamic registration only for clients that declare it, and workspace
 * paths stay inside the workspace.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type MessageConnection, createMessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { type CheckRun, DocumentChecker } from '../../../src/diagnostics/engine';
import type { KnowledgeBase } from '../../../src/knowledge';
import type { FileAccess } from '../../../src/server/files';
import { nodeFileAccess } from '../../../src/server/node-files';
import { type Checker, type ServerPlatform, startServer } from '../../../src/server/server';

interface Client {
  connection: MessageConnection;
  /** Every request and notification the server sent, in order. */
  received: { method: string; params: unknown }[];
  open(uri: string, text: string, version?: number): void;
  pull(uri: string, previousResultId?: string): Promise<{ kind: string; resultId?: string; items?: Diagnostic[] }>;
  dispose(): void;
}

const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: { diagnostic: { dynamicRegistration: false }, hover: { contentFormat: ['markdown'] } },
  workspace: { configuration: true },
};

/** `settings` go with `initialize` and answer `workspace/configuration`, as the VS Code extension does. */
async function connect(
  platform: ServerPlatform,
  options: { capabilities?: ClientCapabilities; settings?: unknown; folder?: string; init?: Record<string, unknown>; initializeAfterMs?: number } = {},
): Promise<Client> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), platform);
  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const received: Client['received'] = [];
  connection.onRequest((method, params) => {
    received.push({ method, params });
    return method === 'workspace/configuration' ? (params as { items: unknown[] }).items.map(() => options.settings ?? null) : null;
  });
  connection.onNotification((method, params) => void received.push({ method, params }));
  connection.listen();
  const folderUri = options.folder ? pathToFileURL(options.folder).href : null;
  if (options.initializeAfterMs) await new Promise((resolve) => setTimeout(resolve, options.initializeAfterMs));
  await connection.sendRequest('initialize', {
    processId: null,
    rootUri: folderUri,
    workspaceFolders: folderUri ? [{ uri: folderUri, name: 'ws' }] : null,
    capabilities: options.capabilities ?? PULL_CAPABILITIES,
    initializationOptions: options.settings === undefined && !options.init ? undefined : { ...(options.settings === undefined ? {} : { settings: options.settings }), ...options.init },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    received,
    open: (uri, text, version = 1) => void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } }),
    pull: (uri, previousResultId) => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId }),
    dispose: () => connection.dispose(),
  };
}

/** A team's knowledge base of one fact, quoting its memo: Acme bought WidgetCo for $3 billion. */
const ACME_KB = {
  version: 1,
  sources: [{ id: 'memo', file: 'memo.txt', title: 'Team memo' }],
  entities: [{ id: 'acme', name: 'Acme', kind: 'company' }, { id: 'widgetco', name: 'WidgetCo', kind: 'company' }],
  relations: [{ id: 'acquisition', label: 'acquisition price', keywords: ['bought'] }],
  facts: [{ id: 'acme-widgetco', statement: "Acme's price for WidgetCo", subject: 'acme', relation: 'acquisition', object: 'widgetco', type: 'money',
    assertions: [{ source: 'memo', value: { amount: 3, scale: 'billion' }, quote: 'Acme bought WidgetCo for $3 billion.' }] }],
};

const DRAFT = 'Amazon invested $35 billion in Anthropic this spring.\n';
const HOVER_AT = { line: 0, character: 20 };

/** A checker that throws on any document holding `BOOM`, and checks the others as the engine does. */
function failingChecker(kb: KnowledgeBase): Checker {
  const real = new DocumentChecker(kb);
  const boom = (doc: { text: string } | string) => {
    if ((typeof doc === 'string' ? doc : doc.text).includes('BOOM')) throw new Error('engine failure on purpose');
  };
  return {
    begin: (doc, options) => (boom(doc), real.begin(doc, options)),
    check: (doc, options) => (boom(doc), real.check(doc, options)),
    fixesAt: (doc, position) => (boom(doc), real.fixesAt(doc, position)),
  };
}

/** The engine's checker with its runs changed by `wrap`: how the tests below hold a check back or slice it finer. */
function withRuns(wrap: (run: CheckRun, doc: Parameters<Checker['begin']>[0]) => CheckRun): (kb: KnowledgeBase) => Checker {
  return (kb) => {
    const real = new DocumentChecker(kb);
    return {
      check: (doc, options) => real.check(doc, options),
      fixesAt: (doc, position) => real.fixesAt(doc, position),
      begin: (doc, options) => wrap(real.begin(doc, options), doc),
    };
  };
}

describe('server core over LSP', function () {
  this.timeout(20_000);

  describe('an engine error', () => {
    let client: Client;
    before(async () => (client = await connect({ files: nodeFileAccess, createChecker: failingChecker })));
    after(() => client.dispose());

    it('costs that document an information diagnostic, and the server keeps answering', async () => {
      client.open('file:///bad.md', `${DRAFT}\nBOOM\n`);
      const bad = await client.pull('file:///bad.md');
      assert.deepEqual(bad.items?.map((d) => [d.code, d.severity, d.range.start]), [['internal-error', 3, { line: 0, character: 0 }]]);
      assert.match(String(bad.items![0].message), /^dealcheck could not check this document: an internal error/);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///bad.md' }, position: HOVER_AT });
      assert.equal(hover, null);
      const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///bad.md' }, range: { start: HOVER_AT, end: HOVER_AT }, context: { diagnostics: [] } });
      assert.deepEqual(actions, []);

      client.open('file:///good.md', DRAFT);
      const good = await client.pull('file:///good.md');
      assert.deepEqual(good.items?.map((d) => d.code), ['money-conflict']);
      const goodHover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///good.md' }, position: HOVER_AT })) as Hover;
      assert.match((goodHover.contents as { value: string }).value, /Amazon's investment in Anthropic/);
      assert.ok(client.received.some((m) => m.method === 'window/logMessage' && /checking file:\/\/\/bad\.md failed: Error: engine failure on purpose/.test((m.params as { message: string }).message)));
    });

    it('is gone once the text no longer causes it', async () => {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///bad.md', version: 2 }, contentChanges: [{ text: DRAFT }] });
      assert.deepEqual((await client.pull('file:///bad.md')).items?.map((d) => d.code), ['money-conflict']);
    });
  });

  describe('a long check', () => {
    /** Runs of documents holding SLOW advance only once released; the others are checked at once. */
    const runs: { advances: number }[] = [];
    let released = false;
    let began: () => void;
    let firstBegan = new Promise<void>((resolve) => (began = resolve));
    const slowChecker = withRuns((run, doc) => {
      if (!(typeof doc === 'string' ? doc : doc.text).includes('SLOW')) return run;
      const record = { advances: 0 };
      runs.push(record);
      began();
      return {
        advance: ((deadline?: number) => {
          record.advances++;
          return released ? run.advance() : undefined;
        }) as CheckRun['advance'],
        get stale() {
          return run.stale;
        },
        done: 0,
        total: 1,
        checkedLines: 0,
        partial: () => [],
      };
    });
    let client: Client;
    before(async () => (client = await connect({ files: nodeFileAccess, createChecker: slowChecker })));
    after(() => client.dispose());

    it('lets a hover through, and is dropped for the newest text when an edit arrives', async () => {
      client.open('file:///long.md', `SLOW\n\n${DRAFT}`);
      const pulled = client.pull('file:///long.md');
      await firstBegan;
      client.open('file:///other.md', DRAFT);
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///other.md' }, position: HOVER_AT })) as Hover;
      assert.match((hover.contents as { value: string }).value, /Amazon's investment in Anthropic/, 'the hover waits for no other check');
      assert.equal(runs.length, 1);

      firstBegan = new Promise<void>((resolve) => (began = resolve));
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: 'file:///long.md', version: 2 },
        contentChanges: [{ range: { start: { line: 2, character: 16 }, end: { line: 2, character: 19 } }, text: '$25' }],
      });
      await firstBegan;
      const stalled = runs[0].advances;
      released = true;
      const report = await pulled;
      assert.equal(runs.length, 2, 'a second run began on the edited text');
      assert.equal(runs[0].advances, stalled, 'the stale run was not advanced again');
      assert.deepEqual(report.items?.map((d) => d.code), [], '$25 billion is supported: the answer is for the newest text');
    });
  });

  describe("a long draft's first pull, for a client that asks for it early (the browser)", () => {
    /** One block a slice, so a draft of many paragraphs takes many slices. */
    const blockAtATime = withRuns((run) =>
      Object.assign(Object.create(run) as CheckRun, { advance: ((deadline?: number) => (deadline === undefined ? run.advance() : run.advance(0))) as CheckRun['advance'] }),
    );
    /** 150 conflicting paragraphs, one every other line (lines 0, 2, …, 298). */
    const LONG = DRAFT.repeat(150).replace(/\n/g, '\n\n');
    const EARLY_CAPABILITIES: ClientCapabilities = { ...PULL_CAPABILITIES, workspace: { configuration: true, diagnostics: { refreshSupport: true } } };
    const refreshes = (client: Client) => client.received.filter((m) => m.method === 'workspace/diagnostic/refresh').length;
    async function until(what: string, ok: () => boolean): Promise<void> {
      for (const deadline = Date.now() + 10_000; !ok(); await new Promise((r) => setTimeout(r, 5))) if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    }
    const lines = (items: Diagnostic[] | undefined) => (items ?? []).map((d) => d.range.start.line);
    const evenLines = (below: number) => Array.from({ length: Math.ceil(below / 2) }, (_, i) => 2 * i);

    const cases: [string, { init?: Record<string, unknown>; capabilities?: ClientCapabilities; visible?: number }, number[], boolean][] = [
      ['is the first 100 lines, then a refresh brings the rest', { init: { earlyDiagnostics: true }, capabilities: EARLY_CAPABILITIES }, evenLines(100), true],
      ['is the lines on screen when the client says which', { init: { earlyDiagnostics: true }, capabilities: EARLY_CAPABILITIES, visible: 9 }, evenLines(10), true],
      ['is the whole draft for a client that did not ask', { capabilities: EARLY_CAPABILITIES }, evenLines(300), false],
      ['is the whole draft for a client that cannot be asked to pull again', { init: { earlyDiagnostics: true } }, evenLines(300), false],
    ];
    for (const [name, options, firstLines, refreshed] of cases)
      it(name, async () => {
        const client = await connect({ files: nodeFileAccess, createChecker: blockAtATime }, options);
        try {
          if (options.visible !== undefined) await client.connection.sendNotification('dealcheck/visibleLines', { uri: 'file:///long.md', lastLine: options.visible });
          client.open('file:///long.md', LONG);
          const first = await client.pull('file:///long.md');
          // (The server also asks for a refresh once its knowledge base is loaded, maybe before this answer.)
          const before = refreshes(client);
          assert.deepEqual(lines(first.items), firstLines);
          assert.ok(first.items?.every((d) => d.code === 'money-conflict'));
          if (!refreshed) return;
          await until('a refresh', () => refreshes(client) === before + 1);
          const whole = await client.pull('file:///long.md', first.resultId);
          assert.equal(whole.kind, 'full');
          assert.deepEqual(lines(whole.items), evenLines(300));
          assert.deepEqual(whole.items?.slice(0, firstLines.length), first.items, 'the first screen is the start of the whole answer');
          const again = await client.pull('file:///long.md', whole.resultId);
          assert.equal(again.kind, 'unchanged');
          assert.equal(refreshes(client), before + 1);
        } finally {
          client.dispose();
        }
      });

    it('is kept for the next pull when the client cancels the first (as VS Code does when it pulls again)', async () => {
      const client = await connect({ files: nodeFileAccess, createChecker: blockAtATime }, { init: { earlyDiagnostics: true }, capabilities: EARLY_CAPABILITIES });
      try {
        client.open('file:///long.md', LONG);
        // VS Code cancels the pull under way and sends the next once the cancelled one is answered.
        const source = new CancellationTokenSource();
        const cancelled = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///long.md' } }, source.token);
        source.cancel();
        await cancelled.catch(() => undefined);
        const first = await client.pull('file:///long.md');
        const before = refreshes(client);
        assert.deepEqual(lines(first.items), evenLines(100));
        await until('a refresh', () => refreshes(client) === before + 1);
      } finally {
        client.dispose();
      }
    });
  });

  describe('the warm-up while the knowledge base files are read (the browser)', () => {
    /** The disk, each search a while late: the server waits for its knowledge base files, as the web worker does. */
    const lateFiles: FileAccess = {
      read: (uri, options) => nodeFileAccess.read(uri, options),
      find: async (folder, glob, exclude) => (await new Promise((r) => setTimeout(r, 300)), nodeFileAccess.find(folder, glob, exclude)),
    };
    const folder = mkdtempSync(join(tmpdir(), 'dealcheck-warm-up-'));
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('runs while the server waits, and changes no diagnostic', async () => {
      const answers: Diagnostic[][] = [];
      for (const warmUp of [false, true]) {
        const client = await connect({ files: lateFiles, warmUp }, { folder, init: { startupTimes: true } });
        try {
          client.open('file:///draft.md', `${DRAFT}\nMicrosoft has put about $13 billion into OpenAI.\n`);
          answers.push((await client.pull('file:///draft.md')).items ?? []);
          const marks = client.received.filter((m) => m.method === 'dealcheck/startup').flatMap((m) => (m.params as { marks: { what: string }[] }).marks.map((k) => k.what));
          assert.equal(marks.includes('warmed up'), warmUp, `start-up marks: ${marks.join(', ')}`);
        } finally {
          client.dispose();
        }
      }
      assert.ok(answers[0].length);
      assert.deepEqual(answers[1], answers[0]);
    });

    it('runs before the client initializes the server (a worker started before its client), and changes no diagnostic', async () => {
      const answers: Diagnostic[][] = [];
      for (const initializeAfterMs of [0, 1500]) {
        const client = await connect({ files: nodeFileAccess, warmUp: true }, { folder, init: { startupTimes: true }, initializeAfterMs });
        try {
          client.open('file:///draft.md', `${DRAFT}\nMicrosoft has put about $13 billion into OpenAI.\n`);
          answers.push((await client.pull('file:///draft.md')).items ?? []);
          const marks = client.received.filter((m) => m.method === 'dealcheck/startup').flatMap((m) => (m.params as { marks: { what: string }[] }).marks.map((k) => k.what));
          assert.equal(marks.includes('warmed up'), initializeAfterMs > 0, `start-up marks: ${marks.join(', ')}`);
        } finally {
          client.dispose();
        }
      }
      assert.ok(answers[0].length);
      assert.deepEqual(answers[1], answers[0]);
    });

    it('takes no step while the files answer at once: an answer read ahead is not held up by it', async () => {
      const client = await connect({ files: nodeFileAccess, warmUp: true }, { folder, init: { startupTimes: true } });
      try {
        client.open('file:///draft.md', `${DRAFT}\nMicrosoft has put about $13 billion into OpenAI.\n`);
        assert.ok((await client.pull('file:///draft.md')).items?.length);
        const marks = client.received.filter((m) => m.method === 'dealcheck/startup').flatMap((m) => (m.params as { marks: { what: string }[] }).marks.map((k) => k.what));
        assert.ok(!marks.includes('warmed up'), `start-up marks: ${marks.join(', ')}`);
      } finally {
        client.dispose();
      }
    });
  });

  describe('the source texts, read while the first check runs (the browser)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dealcheck-sources-'));
    mkdirSync(join(folder, 'sources'));
    writeFileSync(join(folder, 'sources', 'memo.txt'), 'A memo.\nAcme bought WidgetCo for $3 billion.\n');
    writeFileSync(join(folder, 'team.dealkb.json'), JSON.stringify(ACME_KB, null, 2));
    after(() => rmSync(folder, { recursive: true, force: true }));
    const settings = { sourcesFolder: 'sources', $origins: { sourcesFolder: 'workspace' } };
    const draft = pathToFileURL(join(folder, 'draft.md')).href;

    /** The disk, with the workspace search late and the team's source text held until `release()`. */
    function gatedFiles() {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const events: string[] = [];
      const files: FileAccess = {
        read: async (uri, options) => {
          events.push(`read ${uri.split('/').pop()}`);
          if (uri.endsWith('/memo.txt')) await gate;
          return nodeFileAccess.read(uri, options);
        },
        find: async (f, glob, exclude) => {
          await new Promise((r) => setTimeout(r, 100));
          events.push('found');
          return nodeFileAccess.find(f, glob, exclude);
        },
      };
      return { files, release, events };
    }

    async function firstAnswer(text: string, held: boolean): Promise<{ items: Diagnostic[]; events: string[] }> {
      const { files, release, events } = gatedFiles();
      if (!held) release();
      const client = await connect({ files }, { folder, settings });
      try {
        client.open(draft, text);
        const pull = client.pull(draft);
        const answered = await Promise.race([pull.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 500))]);
        release();
        return { items: (await pull).items ?? [], events: answered ? events : [...events, 'not answered while held'] };
      } finally {
        client.dispose();
      }
    }

    it("asks for the bundled knowledge base's source texts before the workspace search answers", async () => {
      const { events } = await firstAnswer(DRAFT, false);
      assert.ok(events.indexOf('found') > events.findIndex((e) => /^read \d+_/.test(e)), events.join(', '));
    });

    it('answers without the texts its findings do not cite, with the diagnostics it gives once they are read', async () => {
      const held = await firstAnswer(DRAFT, true);
      assert.ok(!held.events.includes('not answered while held'), held.events.join(', '));
      assert.ok(held.items.length);
      assert.deepEqual(held.items, (await firstAnswer(DRAFT, false)).items);
    });

    it('waits for the texts its findings cite: the related information points at the quoted line', async () => {
      const held = await firstAnswer('Acme bought WidgetCo for $5 billion.\n', true);
      assert.ok(held.events.includes('not answered while held'), held.events.join(', '));
      assert.deepEqual(held.items.map((d) => d.relatedInformation?.map((r) => [r.location.uri.split('/').pop(), r.location.range.start.line])), [[['memo.txt', 1]]]);
    });
  });

  describe('pulls', () => {
    let client: Client;
    before(async () => (client = await connect({ files: nodeFileAccess })));
    after(() => client.dispose());

    it('are answered "unchanged" after an edit that changes no finding, though the paragraph was checked again', async () => {
      client.open('file:///same.md', DRAFT);
      const first = await client.pull('file:///same.md');
      assert.equal(first.kind, 'full');
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: 'file:///same.md', version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 46 }, end: { line: 0, character: 52 } }, text: 'summer' }],
      });
      const second = await client.pull('file:///same.md', first.resultId);
      assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: 'file:///same.md', version: 3 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Then ' }],
      });
      const moved = await client.pull('file:///same.md', first.resultId);
      assert.equal(moved.kind, 'full');
      assert.deepEqual(moved.items?.[0].range.start, { line: 0, character: 21 });
    });
  });

  describe('the memory a knowledge base load leaves behind', () => {
    let client: Client;
    let releases = 0;
    before(async () => (client = await connect({ files: nodeFileAccess, releaseMemory: () => void releases++ })));
    after(() => client.dispose());
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

    // Each row: what happens, then how many times the memory has been released in all.
    const rows: [what: string, act: () => Promise<unknown>, releases: number][] = [
      ['the first load, once the diagnostics are out', async () => (client.open('file:///mem.md', DRAFT), await client.pull('file:///mem.md')), 1],
      ['a check alone', async () => client.pull('file:///mem.md'), 1],
      ['a reload of the knowledge base', async () => (await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [] }), await client.pull('file:///mem.md')), 2],
    ];
    for (const [what, act, expected] of rows)
      it(`${what}: released ${expected} time(s) in all`, async () => {
        await act();
        await settle();
        assert.equal(releases, expected);
      });
  });

  describe('dynamic registration', () => {
    const cases: [string, ClientCapabilities, string[]][] = [
      ['none for a client that declares none (Helix)', PULL_CAPABILITIES, []],
      [
        'configuration and file watching for a client that declares both (VS Code)',
        { ...PULL_CAPABILITIES, workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
        ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles'],
      ],
    ];
    for (const [name, capabilities, expected] of cases)
      it(name, async () => {
        const client = await connect({ files: nodeFileAccess }, { capabilities });
        client.open('file:///r.md', DRAFT);
        await client.pull('file:///r.md');
        const registered = client.received
          .filter((m) => m.method === 'client/registerCapability')
          .flatMap((m) => (m.params as { registrations: { method: string }[] }).registrations.map((r) => r.method))
          .sort();
        assert.deepEqual(registered, expected);
        client.dispose();
      });
  });

  describe('paths', () => {
    let root: string;
    let ws: string;
    const reads: string[] = [];
    /** The disk, with every read recorded: what is refused must never be read. */
    const recording: FileAccess = {
      read: (uri, options) => (reads.push(uri), nodeFileAccess.read(uri, options)),
      find: (folder, glob, exclude) => nodeFileAccess.find(folder, glob, exclude),
    };
    const kb = (sourceFile: string, amount: number) =>
      JSON.stringify({
        version: 1,
        sources: [{ id: 'memo', file: sourceFile, title: 'Team memo' }],
        entities: [{ id: 'acme', name: 'Acme', kind: 'company' }, { id: 'widgetco', name: 'WidgetCo', kind: 'company' }],
        relations: [{ id: 'acquisition', label: 'acquisition price', keywords: ['bought'] }],
        facts: [{ id: 'acme-widgetco', statement: "Acme's price for WidgetCo", subject: 'acme', relation: 'acquisition', object: 'widgetco', type: 'money',
          assertions: [{ source: 'memo', value: { amount, scale: 'billion' }, quote: `Acme bought WidgetCo for $${amount} billion.` }] }],
      }, null, 2);

    before(() => {
      root = mkdtempSync(join(tmpdir(), 'dealcheck-paths-'));
      ws = join(root, 'ws');
      mkdirSync(join(ws, 'sources'), { recursive: true });
      writeFileSync(join(root, 'outside.dealkb.json'), kb('memo.txt', 3));
      writeFileSync(join(root, 'secret.txt'), 'Acme bought WidgetCo for $3 billion.');
      writeFileSync(join(ws, 'sources', 'memo.txt'), 'Acme bought WidgetCo for $3 billion.');
      symlinkSync(join(root, 'outside.dealkb.json'), join(ws, 'linked.dealkb.json'));
      writeFileSync(join(ws, 'escape.dealkb.json'), kb('../../secret.txt', 3));
      execFileSync('mkfifo', [join(ws, 'pipe.dealkb.json')]);
      writeFileSync(join(ws, 'huge.dealkb.json'), ' '.repeat(5 * 1024 * 1024 + 1));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    const problemsOf = (client: Client, name: string) =>
      client.received
        .filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri.endsWith(`/${name}`))
        .map((m) => (m.params as { diagnostics: Diagnostic[] }).diagnostics.map((d) => [d.range.start.line, d.message]))
        .at(-1);

    it('reads only regular files inside the workspace from workspace settings, and says why not', async () => {
      reads.length = 0;
      const settings = { knowledgeBase: ['../outside.dealkb.json'], sourcesFolder: 'sources', $origins: { knowledgeBase: 'workspace', sourcesFolder: 'workspace' } };
      const client = await connect({ files: recording }, { folder: ws, settings });
      client.open(pathToFileURL(join(ws, 'd.md')).href, 'Acme bought WidgetCo for $5 billion.\n');
      await client.pull(pathToFileURL(join(ws, 'd.md')).href);
      const warnings = client.received.filter((m) => m.method === 'window/showMessageRequest').map((m) => (m.params as { message: string }).message);
      assert.deepEqual(warnings, ['dealcheck.knowledgeBase: "../outside.dealkb.json" is not read: it is outside the workspace folder, and only paths in your user settings may point outside it.']);
      assert.deepEqual(problemsOf(client, 'linked.dealkb.json'), [[0, '(file): cannot read the knowledge base file: it is a symbolic link, which dealcheck does not follow in a workspace']]);
      assert.deepEqual(problemsOf(client, 'pipe.dealkb.json'), [[0, '(file): cannot read the knowledge base file: it is not a regular file']]);
      assert.deepEqual(problemsOf(client, 'huge.dealkb.json'), [[0, '(file): cannot read the knowledge base file: it is larger than 5 MB']]);
      assert.deepEqual(problemsOf(client, 'escape.dealkb.json'), [[5, 'sources: the file "../../secret.txt" is not read: it resolves outside the workspace folder (' + join(root, 'secret.txt') + ')']]);
      assert.deepEqual(reads.filter((u) => !u.startsWith(pathToFileURL(ws).href)), [], 'nothing outside the workspace was read');
      client.dispose();
    });

    it('reads a path from user settings wherever it points', async () => {
      reads.length = 0;
      const settings = { knowledgeBase: ['../outside.dealkb.json'], $origins: { knowledgeBase: 'user' } };
      const client = await connect({ files: recording }, { folder: ws, settings });
      const uri = pathToFileURL(join(ws, 'd.md')).href;
      client.open(uri, 'Acme bought WidgetCo for $5 billion.\n');
      const report = await client.pull(uri);
      assert.deepEqual(report.items?.map((d) => d.message), ["$5 billion conflicts with the source on Acme's price for WidgetCo: $3 billion."]);
      assert.ok(reads.includes(pathToFileURL(join(root, 'outside.dealkb.json')).href));
      client.dispose();
    });
  });

  describe('the project configuration file', () => {
    let ws: string;
    const acme = JSON.stringify(ACME_KB);
    const text = 'Acme bought WidgetCo for $5 billion.\n';
    before(() => {
      ws = mkdtempSync(join(tmpdir(), 'dealcheck-config-'));
      mkdirSync(join(ws, 'kb'));
      mkdirSync(join(ws, 'archive'));
      writeFileSync(join(ws, 'kb', 'team.json'), acme);
      writeFileSync(join(ws, '.dealcheckrc.json'), JSON.stringify({ knowledgeBase: ['kb/team.json'], severity: { money: 'error' }, ignores: ['archive/'], colour: true }, null, 2));
    });
    after(() => rmSync(ws, { recursive: true, force: true }));

    const cases: [string, unknown, string, [string, number][]][] = [
      ['its knowledge base and severities apply', undefined, 'draft.md', [['money-conflict', 1]]],
      ['a severity the writer set in the editor wins', { severity: { money: 'hint' } }, 'draft.md', [['money-conflict', 4]]],
      ['its ignores leave a draft unchecked', undefined, 'archive/old.md', []],
    ];
    for (const [name, settings, file, expected] of cases)
      it(name, async () => {
        const client = await connect({ files: nodeFileAccess }, { folder: ws, settings });
        const uri = pathToFileURL(join(ws, file)).href;
        client.open(uri, text);
        const report = await client.pull(uri);
        assert.deepEqual(report.items?.map((d) => [d.code, d.severity]), expected);
        const configProblems = client.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri.endsWith('/.dealcheckrc.json'));
        assert.deepEqual(
          configProblems.at(-1) && (configProblems.at(-1)!.params as { diagnostics: Diagnostic[] }).diagnostics.map((d) => [d.range.start.line, d.message]),
          [[10, 'colour: unknown setting "colour"']],
          'its own problems are shown on it',
        );
        client.dispose();
      });
  });
});
