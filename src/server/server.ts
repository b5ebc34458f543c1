/**
 * The dealcheck language server: the engine behind LSP, on any platform. The Node entry
 * (index.ts) and the web worker entry (browser.ts) give it a connection and, for Node, its own
 * disk access; everything else is here. Documents are checked incrementally (only changed
 * blocks), diagnostics are pulled by clients that can (up to date at once) and pushed, debounced,
 * to those that cannot; hovers, quick-fixes and the knowledge base files' own problems come from
 * the same state. Every handler is guarded: an engine error costs one document's findings (with
 * an information diagnostic saying so and the error in the log), never the server.
 */
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Disposable,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  type InitializeParams,
  type InitializeResult,
  type Position,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import * as z from 'zod';
import { type CheckOptions, DocumentChecker, type DocumentResult } from '../diagnostics/engine';
import type { Finding } from '../diagnostics/finding';
import { BlockDocument } from '../diagnostics/markdown/block-document';
import { WARM_UP_DRAFT } from './warm-up';
import { type ReportInput, renderReport } from '../report';
import type { KnowledgeBase } from '../knowledge';
import { bundledKnowledgeBase } from '../knowledge/bundled';
import { buildKnowledgeBase } from '../knowledge/knowledge-base';
import { sameDiagnostics, sharedEnds, toDiagnostic } from './diagnostics';
import { EXCLUDED_FOLDERS, type FileAccess, MAX_MARKDOWN_BYTES, type ReadOptions, clientFileAccess } from './files';
import { hoverMarkdown } from './hover';
import { type KindCounts, type Tally, countKinds, nextTally } from './tally';
import { KB_GLOB, type KnowledgeBaseCache, KnowledgeHost, type KnowledgeInput, type KnowledgeState } from './knowledge-host';
import { displayName } from './paths';
import { type ProjectConfig, effectiveSettings, findProjectConfig, isIgnored, knowledgeBaseRequests, sourcesFolderRequest } from './project-config';
import {
  CHECK_WORKSPACE_REQUEST,
  type CheckWorkspaceResult,
  FACT_AT_REQUEST,
  type FactAtParams,
  type FactAtResult,
  type InitializationOptions,
  REPORT_REQUEST,
  type ReportParams,
  type ReportResult,
  STARTUP_NOTIFICATION,
  STATUS_NOTIFICATION,
  VISIBLE_LINES_NOTIFICATION,
  type VisibleLinesParams,
  type StartupMark,
  type StartupParams,
  type StatusParams,
} from './protocol';
import { StartupMarks } from './startup';
import { DEFAULT_SETTINGS, type Settings, parseSettings } from './settings';

const MARKDOWN_GLOB = '**/*.{md,markdown}';

/** The engine's interface as the server uses it; tests give the server a failing one. */
export type Checker = Pick<DocumentChecker, 'begin' | 'check' | 'fixesAt'>;

/**
 * How long a check works before it lets other messages through (a hover, an edit that makes it
 * stale): short enough that a writer never notices, long enough that yielding costs nothing.
 */
export const CHECK_SLICE_MS = 15;

/**
 * The warm-up (ServerPlatform.warmUp) takes a step only once the first knowledge base load has
 * waited this long for a file: an answer the extension read ahead comes back within a message's
 * round trip, and the load should have it at once, not after a step of the warm-up. A step on a
 * cold engine takes 0.1 to 1 s on a busy machine; in test:web runs the load waited that long for
 * each answer the extension already had.
 */
export const WARM_UP_AFTER_WAIT_MS = 100;

/**
 * Once the search for knowledge base files has answered, the load waits for those files' reads,
 * which the extension read ahead, and a step of the warm-up that began meanwhile held the answer
 * up (by 0.4 to 1.5 s in 6 of 25 test:web runs). So a step is taken only once a read has waited
 * this long: in those runs 9 of 13 reads still pending when the server asked came back within
 * 0.5 s, and the other 4 took 0.7 to 1.8 s, time a step can use.
 */
export const WARM_UP_AFTER_READ_WAIT_MS = 500;

/** How often the warm-up looks whether the load is waiting (a timer in a worker costs nothing). */
const WARM_UP_POLL_MS = 20;

/**
 * Before `initialize` the warm-up waits this long before each step, and takes it only if
 * `initialize` has not come meanwhile: one already on its way (the client started with the
 * worker) is answered first, and a worker started before its client (the browser entry starts it
 * while the extension host is still loading the extension) warms up until the client comes. An
 * `initialize` that comes during a step waits for that step (a block of the warm-up draft).
 */
const WARM_UP_IDLE_MS = 50;

/**
 * A draft's first pull is answered once the check has passed this many lines, if the whole check
 * takes longer (and the client asked for it): the first screen of an editor that opens the draft
 * at its top, which is what the writer looks at first. The rest follows with a refresh. A client
 * that says which lines are on screen (VISIBLE_LINES_NOTIFICATION) gets those instead.
 */
export const FIRST_SCREEN_LINES = 100;
/** Visible-line hints kept for documents not yet opened: a client sends one just before each didOpen. */
const MAX_VISIBLE_HINTS = 64;

/** Errors of unchecked paragraphs already logged, so a paragraph that fails on every keystroke is logged once. */
const MAX_LOGGED_ERRORS = 200;

export interface ServerPlatform {
  /** The server's own file access (the Node server's disk); none in a web worker. */
  files?: FileAccess;
  /** Where relative paths from user settings resolve when no workspace folder is open. */
  fallbackFolder?: string;
  /** The shipped copy of the bundled knowledge base, unless the client names one. */
  bundledKnowledgeBaseUri?: string;
  /** Its text, when the server carries it (saves reading it at start-up). */
  bundledKnowledgeBaseText?: string;
  /** Makes a checker for a knowledge base (default: the engine's DocumentChecker). */
  createChecker?: (kb: KnowledgeBase) => Checker;
  /** Writes a line to the server's own log even before the connection is up (stderr for Node). */
  log?: (message: string) => void;
  /** Steps of the start-up before the server began (its process or worker, its script), for the start-up marks. */
  startedAt?: StartupMark[];
  /**
   * Check a short draft (WARM_UP_DRAFT) against the bundled knowledge base before the client's
   * `initialize` comes and while the first knowledge base load waits for its files, and stop once
   * that load is done: the first check's one-time costs are then paid while the server would
   * otherwise wait (the web worker, started before its client, whose files come through the
   * extension).
   */
  warmUp?: boolean;
  /**
   * Hands the memory a knowledge base load left behind back to the system (Node: a full garbage
   * collection). Loading 100,000 assertions reads and parses 66 MB of JSON, and V8 keeps the pages
   * of that peak long after: about 600 MB of resident memory for a heap of about 220 MB.
   */
  releaseMemory?: () => void;
  /** Where built knowledge bases are kept between loads and starts (the Node server's: src/node/knowledge-cache.ts). */
  knowledgeCache?: KnowledgeBaseCache;
}

/** What a check of a document gave: the engine's result, or the internal error that stopped it. */
interface CheckResult extends DocumentResult {
  failed?: boolean;
  /** Set when the configuration file's `ignores` leave the document out: the file's name. */
  ignoredBy?: string;
}

interface OpenDocument {
  uri: string;
  version: number;
  /** Edited in place: typing re-splits only the blocks around each change. */
  doc: BlockDocument;
  checker?: Checker;
  result?: { version: number; generation: number; value: CheckResult };
  /** The check under way, shared by every request that wants its answer. */
  running?: { version: number; generation: number; promise: Promise<CheckResult | undefined> };
  timer?: ReturnType<typeof setTimeout>;
  /** The last diagnostics a pull returned, and their result id. */
  reported?: { resultId: string; items: Diagnostic[] };
  /** The check's first answer covers the draft up to this line (the first screen). */
  firstScreenLines: number;
  /** The findings of the first screen, while the check of the rest goes on: for the document's first pull. */
  early?: { version: number; generation: number; findings: Finding[] };
  /** Pulls waiting for `early`. */
  earlyWaiters?: (() => void)[];
  /** A pull was answered with `early`: once the whole check is done the client is asked to pull again. */
  owesRefresh?: boolean;
  /** The last check's findings counted by kind, which the next check's count starts from. */
  tally?: Tally;
}

const Origins = z.object({
  knowledgeBase: z.enum(['user', 'workspace']).catch('user'),
  sourcesFolder: z.enum(['user', 'workspace']).catch('user'),
});
/** A client that does not say where a setting came from is taken at its word: the user's own. */
const USER_ORIGINS: z.infer<typeof Origins> = { knowledgeBase: 'user', sourcesFolder: 'user' };

function originsOf(raw: unknown): z.infer<typeof Origins> {
  const value = raw && typeof raw === 'object' ? (raw as { $origins?: unknown }).$origins : undefined;
  const parsed = Origins.safeParse(value ?? {});
  return parsed.success ? parsed.data : USER_ORIGINS;
}

/**
 * The settings the writer set, which the configuration file does not override: the client says
 * (`$explicit`, as the VS Code extension does), or else every key it sent is one; a kind of
 * severity counts on its own (`severity.money`).
 */
function explicitKeys(raw: unknown): ReadonlySet<string> {
  if (!raw || typeof raw !== 'object') return new Set();
  const listed = (raw as { $explicit?: unknown }).$explicit;
  if (Array.isArray(listed)) return new Set(listed.filter((k): k is string => typeof k === 'string'));
  const keys = Object.keys(raw).filter((k) => !k.startsWith('$'));
  const severity = (raw as { severity?: unknown }).severity;
  const kinds = severity && typeof severity === 'object' ? Object.keys(severity).map((k) => `severity.${k}`) : [];
  return new Set([...keys.filter((k) => k !== 'severity'), ...kinds]);
}

/** Configuration files the server watches, wherever the client watches from. */
const CONFIG_GLOB = '**/{.dealcheckrc.json,.dealcheckrc.yaml,.dealcheckrc.yml,package.json}';

function isMarkdown(languageId: string, uri: string): boolean {
  return languageId === 'markdown' || /\.(md|markdown|mdx)$/i.test(uri);
}

function parseUri(uri: string): URI | undefined {
  try {
    return URI.parse(uri);
  } catch {
    return undefined;
  }
}

function contains(range: Finding['range'], p: Position): boolean {
  const { start, end } = range;
  if (p.line < start.line || p.line > end.line) return false;
  if (p.line === start.line && p.character < start.character) return false;
  if (p.line === end.line && p.character > end.character) return false;
  return true;
}

function overlaps(a: Finding['range'], b: Finding['range']): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * Lets other messages (typing, hovers) through between pieces of long work. A browser has no
 * setImmediate, and clamps a chain of setTimeout(0) to 4 ms each: a quarter of each 15 ms slice
 * would be spent waiting. A message to itself comes back as soon as the queue allows.
 */
const yieldNow: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : typeof MessageChannel === 'function'
      ? messageYield()
      : () => new Promise((resolve) => setTimeout(resolve, 0));

function messageYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}

const EMPTY: CheckResult = { findings: [] };

export function startServer(connection: Connection, platform: ServerPlatform = {}): void {
  const documents = new Map<string, OpenDocument>();
  /** The settings in effect: the editor's where set, else the configuration file's (project-config.ts). */
  let settings: Settings = DEFAULT_SETTINGS;
  /** The settings as the editor sent them, and which of them the writer set. */
  let editorSettings: Settings = DEFAULT_SETTINGS;
  let explicit: ReadonlySet<string> = new Set();
  let origins = USER_ORIGINS;
  /** The project's configuration file (.dealcheckrc.*), when the workspace has one. */
  let project: ProjectConfig | undefined;
  let folders: URI[] = [];
  let trusted = true;
  let pull = false;
  let canRefresh = false;
  let canConfigure = false;
  let canRegisterConfiguration = false;
  let canWatch = false;
  /** The client runs dealcheck's commands from links in hovers (the VS Code extension does). */
  let commandLinks = false;
  let files: FileAccess = platform.files ?? clientFileAccess(connection, (m) => log(m));
  let bundledUri = platform.bundledKnowledgeBaseUri;
  let host: KnowledgeHost;
  let knowledge: KnowledgeState | undefined;
  /** Settles once the first knowledge base load after `initialized` is done; checks wait for it. */
  let knowledgeReady: Promise<void>;
  let markReady: () => void = () => {};
  knowledgeReady = new Promise((resolve) => (markReady = resolve));
  let loads = 0;
  let loading: Promise<void> = Promise.resolve();
  /** Knowledge base files we published problems on, so fixed files get their problems cleared. */
  let kbUrisWithProblems = new Set<string>();
  const shownNotices = new Set<string>();
  /** Bumped when the knowledge base or the settings change: results of an older generation are stale. */
  let generation = 0;
  let diagnosticCache = new WeakMap<Finding, Diagnostic | null>();
  /** Each diagnostic past the related-information limit as shown, without its sources' rows (withoutRelated). */
  const relatedDropped = new WeakMap<Diagnostic, Diagnostic>();
  /**
   * The findings `diagnosticsOf` last turned into diagnostics, with each one's diagnostic (null
   * when its kind is not shown), under the cache it used: the next check's findings are mostly
   * the same objects in the same order, and those before and after its edit take their
   * diagnostics from here, without a cache lookup each.
   */
  let lastDiagnosed: { cache: WeakMap<Finding, Diagnostic | null>; findings: readonly Finding[]; diagnostics: (Diagnostic | null)[]; shown: Diagnostic[] } | undefined;
  let reportCounter = 0;
  let watchers: Disposable | undefined;
  const loggedErrors = new Set<string>();
  /** The client sent its settings with `initialize` (the VS Code extension does). */
  let settingsFromClient = false;
  /** Closed files the workspace check pushed diagnostics for. */
  const pushedForClosed = new Set<string>();
  const createChecker = platform.createChecker ?? ((kb: KnowledgeBase) => new DocumentChecker(kb));
  const startup = new StartupMarks(platform.startedAt);
  /** The client asked for the start-up marks (the VS Code extension does). */
  let sendStartup = false;
  /** Files asked of the client or the disk so far. */
  let fileRequests = 0;
  /** The document the first diagnostics were for. */
  let firstAnswered: string | undefined;
  /** The last line on screen of documents about to open, as the client said. */
  const visibleHints = new Map<string, number>();
  /** Answer a long draft's first pull with its first screen (the client asked, and can be told to pull again). */
  let earlyAnswers = false;

  /** `initialize` came: before it the warm-up has the server to itself (see warmUp). */
  let initializeCame = false;
  /**
   * A search for files has answered (the first knowledge base load's, for its files): what the
   * load waits for after it are those files' reads, which the extension read ahead (see
   * WARM_UP_AFTER_READ_WAIT_MS).
   */
  let searched = false;
  /** File requests not answered yet, and when one was last asked or answered: whether the load is waiting (see warmUp). */
  let pendingFiles = 0;
  let lastFileActivity = 0;

  function counted<T>(request: Promise<T>): Promise<T> {
    fileRequests++;
    pendingFiles++;
    lastFileActivity = performance.now();
    const settle = () => {
      pendingFiles--;
      lastFileActivity = performance.now();
    };
    request.then(settle, settle);
    return request;
  }

  function countingFiles(inner: FileAccess): FileAccess {
    const digest = inner.digest?.bind(inner);
    return {
      read: (uri, options) => counted(inner.read(uri, options)),
      find: (folder, glob, exclude) => {
        const found = counted(inner.find(folder, glob, exclude));
        const settle = () => void (searched = true);
        found.then(settle, settle);
        return found;
      },
      ...(digest ? { digest: (uri: string, options: ReadOptions) => counted(digest(uri, options)) } : {}),
    };
  }

  /**
   * Tells a client that asked when each step of the start-up happened: with the first
   * diagnostics, and, when those were the first screen's, again with the whole draft's.
   */
  function firstAnswer(uri: string, count: number, firstScreen: boolean): void {
    const name = uri.split('/').pop();
    if (!startup.has('answered')) {
      if (!count) return;
      firstAnswered = uri;
      startup.mark('answered', `${count} diagnostics for ${firstScreen ? `the first screen of ${name}` : name}`);
      if (!firstScreen) startup.mark('answered in full');
    } else if (uri === firstAnswered && !firstScreen && !startup.has('answered in full')) startup.mark('answered in full', `${count} diagnostics for ${name}`);
    else return;
    if (sendStartup) void connection.sendNotification(STARTUP_NOTIFICATION, { marks: [...startup.marks] } satisfies StartupParams);
  }

  function log(message: string): void {
    try {
      connection.console.error(message);
    } catch {
      platform.log?.(message);
    }
  }

  /** Runs a handler; an error is logged and answered with `fallback`, so the server lives on. */
  async function guarded<T>(what: string, fallback: T, fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      log(`dealcheck: ${what} failed: ${describeError(e)}`);
      return fallback;
    }
  }

  const knowledgeInput = (): KnowledgeInput => ({
    folders,
    fallbackFolder: platform.fallbackFolder ? parseUri(platform.fallbackFolder) : undefined,
    knowledgeBase: knowledgeBaseRequests(editorSettings, origins.knowledgeBase, project),
    sourcesFolder: sourcesFolderRequest(editorSettings, explicit, origins.sourcesFolder, project),
    useBundledKnowledgeBase: settings.useBundledKnowledgeBase,
    trusted,
    bundledUri,
    bundledText: platform.bundledKnowledgeBaseText,
  });

  /** Reads the configuration file again (none in an untrusted workspace) and works out the settings in effect. */
  async function loadProjectConfig(): Promise<void> {
    try {
      project = trusted ? await findProjectConfig(files, folders) : undefined;
    } catch (e) {
      log(`dealcheck: reading the configuration file failed: ${describeError(e)}`);
      project = undefined;
    }
    settings = effectiveSettings(editorSettings, explicit, project);
  }

  /** The configuration file's problems, shown on it like a knowledge base file's. */
  function withConfigProblems(state: KnowledgeState): KnowledgeState {
    if (!project) return state;
    const problems = project.problems.map((p) => ({ ...p, file: project!.uri, endLine: p.line, endCharacter: p.character + 1 }));
    state.problems.set(project.uri, [...(state.problems.get(project.uri) ?? []), ...problems]);
    return state;
  }

  /** Loads the knowledge base again; loads run one after another and the newest request wins. */
  function reloadKnowledge(): Promise<void> {
    const seq = ++loads;
    loading = loading.then(async () => {
      if (seq !== loads) return;
      let state: KnowledgeState | undefined;
      try {
        await loadProjectConfig();
        startup.mark('configuration file', project ? project.name : 'none');
        state = withConfigProblems(await host.load(knowledgeInput()));
      } catch (e) {
        log(`dealcheck: loading the knowledge base failed: ${describeError(e)}`);
      }
      if (!state || seq !== loads) return;
      applyKnowledge(state);
    });
    return settled();
  }

  /** Resolves once no load is under way, including loads asked for while waiting. */
  async function settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = loading;
      await current;
    } while (current !== loading);
  }

  function applyKnowledge(state: KnowledgeState): void {
    knowledge = state;
    const files = [...state.problems.keys()];
    startup.mark('knowledge base', `${files.length} file(s), ${fileRequests} file request(s)`);
    connection.console.info(`dealcheck: knowledge base: ${settings.useBundledKnowledgeBase || !trusted ? 'the bundled one' : 'no bundled one'}${files.length ? ` and ${files.length} file(s): ${files.join(', ')}` : ''}${state.keptLastGood ? ' (with problems: the last valid one stays in use)' : ''}`);
    generation++;
    diagnosticCache = new WeakMap();
    for (const open of documents.values()) {
      open.checker = createChecker(state.kb);
      open.result = undefined;
    }
    publishKnowledgeProblems();
    showNotices(state);
    // Reading the source texts can add problems (a source outside the workspace) and notices.
    void state.located.then(() => {
      // Once the source texts are placed, nothing of the load is left but garbage; after the
      // diagnostics waiting for them have gone out.
      setTimeout(() => platform.releaseMemory?.(), 0);
      if (knowledge !== state) return;
      publishKnowledgeProblems();
      showNotices(state);
    });
  }

  function showNotices(state: KnowledgeState): void {
    for (const notice of state.notices) {
      if (shownNotices.has(notice)) continue;
      shownNotices.add(notice);
      connection.console.warn(notice);
      void connection.window.showWarningMessage(notice);
    }
  }

  /**
   * The diagnostics of a document as it is now. The related information needs the source
   * texts its findings cite, read while the check runs; a knowledge base that changes meanwhile
   * starts it over.
   */
  async function currentDiagnostics(open: OpenDocument): Promise<{ result: CheckResult; items: Diagnostic[] }> {
    for (;;) {
      const gen = generation;
      const result = await resultOf(open);
      await knowledge?.locator.whenLocatable(result.findings);
      if (gen === generation || documents.get(open.uri) !== open) return { result, items: diagnosticsOf(result) };
    }
  }

  /** The knowledge base files' own problems, on those files; cleared once fixed. */
  function publishKnowledgeProblems(): void {
    const state = knowledge!;
    const published = new Set<string>();
    for (const [uri, problems] of state.problems) {
      const diagnostics: Diagnostic[] = problems.map((p) => ({
        range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: p.endCharacter } },
        severity: DiagnosticSeverity.Error,
        source: 'dealcheck',
        code: 'knowledge-base',
        message: `${p.field}: ${p.message}${state.keptLastGood ? ' (dealcheck keeps using the last valid knowledge base)' : ''}`,
      }));
      if (diagnostics.length) published.add(uri);
      if (diagnostics.length || kbUrisWithProblems.has(uri)) void connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of kbUrisWithProblems) if (!published.has(uri) && !state.problems.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    kbUrisWithProblems = published;
  }

  function kbProblemCount(): number {
    let n = 0;
    for (const ps of knowledge?.problems.values() ?? []) n += ps.length;
    return n;
  }

  function sendStatus(open: OpenDocument, value: CheckResult, counts: KindCounts = countKinds(value.findings)): void {
    const { conflicts, supported, unverified } = counts;
    const skipped = value.failed ? 'could not check this document: an internal error (see the dealcheck output)' : value.ignoredBy ? `skips this document: ${value.ignoredBy} ignores it` : value.skipped;
    const status: StatusParams = { uri: open.uri, conflicts, supported, unverified, knowledgeBaseProblems: kbProblemCount(), ...(skipped ? { skipped } : {}) };
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  function checkOptions(): CheckOptions {
    return { includeSupported: true, includeUnverified: true, withFixes: false, blockBudgetMs: settings.blockTimeBudgetMs };
  }

  /** A paragraph the engine could not check is one information diagnostic; its error goes to the log, once. */
  function logUnchecked(uri: string, findings: readonly Finding[]): void {
    for (const f of findings) {
      if (f.kind !== 'unchecked' || !f.detail) continue;
      const key = `${f.code}\u0000${f.text}\u0000${f.detail}`;
      if (loggedErrors.has(key)) continue;
      if (loggedErrors.size >= MAX_LOGGED_ERRORS) loggedErrors.clear();
      loggedErrors.add(key);
      log(`dealcheck: ${uri}:${f.range.start.line + 1}: ${f.message}\n${f.detail}`);
    }
  }

  /**
   * One check of a document as it is now, a slice at a time: between slices other messages get
   * through, and a newer edit or knowledge base makes this check stale, which drops it
   * (undefined) so the caller starts over on the newest text.
   */
  async function runCheck(open: OpenDocument, version: number, gen: number): Promise<CheckResult | undefined> {
    const stale = () => open.version !== version || generation !== gen || documents.get(open.uri) !== open;
    let value: CheckResult | undefined;
    const started = Date.now();
    const uri = parseUri(open.uri);
    if (uri && isIgnored(project, uri)) {
      open.result = { version, generation: gen, value: { findings: [], ignoredBy: project!.name } };
      sendStatus(open, open.result.value);
      return open.result.value;
    }
    try {
      const run = open.checker!.begin(open.doc, checkOptions());
      startup.mark('check started', `${run.total} blocks`);
      for (;;) {
        value = run.advance(performance.now() + CHECK_SLICE_MS);
        if (value) break;
        if (earlyAnswers && !open.reported && !open.early && run.checkedLines >= open.firstScreenLines) {
          open.early = { version, generation: gen, findings: run.partial() };
          startup.mark('first screen checked', `${run.done} of ${run.total} blocks`);
          for (const wake of open.earlyWaiters?.splice(0) ?? []) wake();
        }
        await yieldNow();
        if (run.stale || stale()) return undefined;
      }
      if (!open.result) connection.console.info(`dealcheck: checked ${open.uri} (${Math.round(open.doc.length / 1024)} KB) in ${Date.now() - started} ms`);
      startup.mark('checked');
    } catch (e) {
      log(`dealcheck: checking ${open.uri} failed: ${describeError(e)}`);
      value = { findings: [], failed: true };
    }
    // Only findings the last check did not have can be errors not yet logged.
    const { tally, fresh } = nextTally(open.tally, value.findings);
    logUnchecked(open.uri, fresh);
    if (stale()) return undefined;
    open.result = { version, generation: gen, value };
    open.tally = tally;
    sendStatus(open, value, tally);
    return value;
  }

  /** The document's findings (supported and unverified ones included) for its current version. */
  async function resultOf(open: OpenDocument): Promise<CheckResult> {
    await knowledgeReady;
    for (;;) {
      if (documents.get(open.uri) !== open) return EMPTY;
      const { version } = open;
      const gen = generation;
      if (open.result?.version === version && open.result.generation === gen) return open.result.value;
      open.checker ??= createChecker(knowledge!.kb);
      if (open.running?.version !== version || open.running.generation !== gen) open.running = { version, generation: gen, promise: runCheck(open, version, gen) };
      const value = await open.running.promise;
      if (value) return value;
    }
  }

  function diagnosticsOf(result: CheckResult): Diagnostic[] {
    if (!settings.enable || result.ignoredBy) return [];
    const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (result.failed)
      return [{
        range: at0, severity: DiagnosticSeverity.Information, source: 'dealcheck', code: 'internal-error',
        message: 'dealcheck could not check this document: an internal error, logged in the dealcheck output. Other documents are still checked.',
      }];
    if (result.skipped) return [{ range: at0, severity: DiagnosticSeverity.Information, source: 'dealcheck', code: 'skipped', message: `dealcheck: ${result.skipped}` }];
    const { findings } = result;
    const last = lastDiagnosed?.cache === diagnosticCache ? lastDiagnosed : undefined;
    // The engine hands out the same list when an edit changed no finding it shows.
    if (last?.findings === findings) return last.shown;
    const { head, tail } = last ? sharedEnds(last.findings, findings) : { head: 0, tail: 0 };
    const shift = (last?.findings.length ?? 0) - findings.length;
    const out: Diagnostic[] = [];
    const diagnostics = new Array<Diagnostic | null>(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const d = i < head ? last!.diagnostics[i] : i >= findings.length - tail ? last!.diagnostics[i + shift] : diagnosticOf(findings[i]);
      diagnostics[i] = d;
      if (d) out.push(out.length < settings.relatedInformationLimit ? d : withoutRelated(d));
    }
    lastDiagnosed = { cache: diagnosticCache, findings, diagnostics, shown: out };
    return out;
  }

  /** A diagnostic past the related-information limit, without its sources' rows: made once per diagnostic, so its encoding is kept too. */
  function withoutRelated(d: Diagnostic): Diagnostic {
    if (!d.relatedInformation) return d;
    let bare = relatedDropped.get(d);
    if (!bare) {
      const { relatedInformation: _, ...rest } = d;
      relatedDropped.set(d, (bare = rest));
    }
    return bare;
  }

  /** A finding's diagnostic, made once: findings on lines an edit did not move are the same objects as before. */
  function diagnosticOf(f: Finding): Diagnostic | null {
    let d = diagnosticCache.get(f);
    if (d === undefined) diagnosticCache.set(f, (d = toDiagnostic(f, settings, (finding, e) => knowledge?.locator.locate(finding, e)) ?? null));
    return d;
  }

  async function push(open: OpenDocument): Promise<void> {
    const { result, items } = await currentDiagnostics(open);
    if (documents.get(open.uri) !== open || !open.result || open.result.value !== result) return;
    firstAnswer(open.uri, items.length, false);
    void connection.sendDiagnostics({ uri: open.uri, version: open.result.version, diagnostics: items });
  }

  function schedule(open: OpenDocument, immediately = false): void {
    if (open.timer) clearTimeout(open.timer);
    // The client pulls: still check off the request path, so its pull finds the result ready.
    const work = pull ? async () => void (await resultOf(open)) : () => push(open);
    open.timer = setTimeout(() => {
      open.timer = undefined;
      if (documents.get(open.uri) === open) void guarded<void>(`checking ${open.uri}`, undefined, work);
    }, immediately ? 0 : settings.debounceMs);
  }

  function recheckAll(): void {
    if (pull && canRefresh) void connection.languages.diagnostics.refresh();
    for (const open of documents.values()) schedule(open, true);
  }

  /** Asks the client for the settings; says whether they changed. */
  async function fetchSettings(): Promise<boolean> {
    if (!canConfigure) return false;
    const [raw] = await connection.workspace.getConfiguration([{ section: 'dealcheck' }]);
    return useSettings(raw);
  }

  /** Takes the settings a client sent; says whether they differ from those in use. */
  function useSettings(raw: unknown): boolean {
    const parsed = parseSettings(raw);
    const before = JSON.stringify([editorSettings, origins, [...explicit]]);
    editorSettings = parsed.settings;
    origins = originsOf(raw);
    explicit = explicitKeys(raw);
    settings = effectiveSettings(editorSettings, explicit, project);
    for (const p of parsed.problems) connection.console.warn(p);
    return JSON.stringify([editorSettings, origins, [...explicit]]) !== before;
  }

  async function registerWatchers(): Promise<void> {
    if (!canWatch || !trusted) return;
    const previous = watchers;
    watchers = undefined;
    previous?.dispose();
    watchers = await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: KB_GLOB }, { globPattern: CONFIG_GLOB }, ...settings.knowledgeBase.map((f) => ({ globPattern: f }))],
    });
  }

  /**
   * Runs the engine on WARM_UP_DRAFT in slices, as a check does, until the first knowledge base
   * load is done (platform.warmUp): whatever it got through by then, the first check of the
   * writer's draft need not compile or optimise again. Nothing of it is kept. Each step waits
   * until the load is waiting for a file (see WARM_UP_AFTER_WAIT_MS): it fills the wait for the
   * configuration files and the editor's search, and never holds up an answer that is already
   * there; once the search has answered, only when a file's read is late (see
   * WARM_UP_AFTER_READ_WAIT_MS). It begins as the server starts: until `initialize` comes,
   * nobody waits for the server (see WARM_UP_IDLE_MS).
   */
  async function warmUp(): Promise<void> {
    let ready = false;
    let steps = 0;
    let run: ReturnType<Checker['begin']> | undefined;
    /** Noted once, as soon as the load is done (before the first check, whose answer carries the marks), if it took a step. */
    const noteDone = () => {
      if (steps && !startup.has('warmed up')) startup.mark('warmed up', run ? `${run.done} of ${run.total} blocks` : 'the knowledge base only');
    };
    void knowledgeReady.then(() => {
      ready = true;
      noteDone();
    });
    /** Whether the warm-up may take a step: false once the load is done. */
    const turn = async (): Promise<boolean> => {
      await yieldNow();
      if (!initializeCame) await new Promise((resolve) => setTimeout(resolve, WARM_UP_IDLE_MS));
      while (!ready && initializeCame && !(pendingFiles > 0 && performance.now() - lastFileActivity >= (searched ? WARM_UP_AFTER_READ_WAIT_MS : WARM_UP_AFTER_WAIT_MS))) {
        await Promise.race([knowledgeReady, new Promise((resolve) => setTimeout(resolve, WARM_UP_POLL_MS))]);
      }
      if (!ready) steps++;
      return !ready;
    };
    // Each step a slice of its own, so messages (the knowledge base load's answers) go between.
    // The bundled knowledge base's parse is kept: the real load takes it from there.
    if (!(await turn())) return;
    const bundled = bundledKnowledgeBase();
    if (!(await turn())) return;
    run = createChecker(buildKnowledgeBase([bundled]).kb).begin(WARM_UP_DRAFT, checkOptions());
    let result: CheckResult | undefined;
    while (!result && (await turn())) result = run.advance(performance.now() + CHECK_SLICE_MS);
    for (const finding of result?.findings ?? []) toDiagnostic(finding, settings, () => undefined);
    noteDone();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    startup.mark('initialize');
    initializeCame = true;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    sendStartup = init.startupTimes === true;
    trusted = init.trusted !== false;
    commandLinks = init.commandLinks === true;
    if (init.fileAccess === 'client' || !platform.files) files = clientFileAccess(connection, log);
    if (typeof init.bundledKnowledgeBaseUri === 'string') bundledUri = init.bundledKnowledgeBaseUri;
    settingsFromClient = init.settings !== undefined;
    earlyAnswers = init.earlyDiagnostics === true;
    if (settingsFromClient) useSettings(init.settings);
    folders = (params.workspaceFolders ?? []).map((f) => parseUri(f.uri)).filter((u): u is URI => !!u);
    if (!folders.length && params.rootUri) folders = [parseUri(params.rootUri)].filter((u): u is URI => !!u);
    files = countingFiles(files);
    host = new KnowledgeHost(files, log, (what, detail) => startup.mark(what, detail), platform.knowledgeCache, platform.releaseMemory);
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    canRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    earlyAnswers &&= pull && canRefresh;
    canConfigure = !!caps.workspace?.configuration;
    // Only clients that say they take dynamic registrations get any (Helix logs others as a server bug).
    canRegisterConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    canWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(pull ? { diagnosticProvider: { identifier: 'dealcheck', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'dealcheck-ls', version: typeof DEALCHECK_VERSION === 'string' ? DEALCHECK_VERSION : 'dev' },
    };
  });

  connection.onInitialized(() =>
    guarded('starting up', undefined, async () => {
      startup.mark('initialized');
      try {
        if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dealcheck' }).catch(() => undefined);
        // Settings sent with `initialize` are good enough to start loading; those the client
        // answers with later reload the knowledge base only if they differ.
        const early = settingsFromClient ? reloadKnowledge() : undefined;
        const changed = await guarded('reading the settings', false, fetchSettings);
        startup.mark('settings');
        void guarded('watching the knowledge base files', undefined, registerWatchers);
        await (!early || changed ? reloadKnowledge() : early);
      } finally {
        // Even a failed load must not leave checks waiting: they use the bundled knowledge base.
        if (!knowledge) applyKnowledge(await new KnowledgeHost(files, log).load({ ...knowledgeInput(), trusted: false }));
        markReady();
        recheckAll();
      }
    }),
  );

  connection.onDidChangeConfiguration((change) =>
    guarded('reloading the settings', undefined, async () => {
      const changed = canConfigure ? await fetchSettings() : useSettings((change.settings as { dealcheck?: unknown } | undefined)?.dealcheck);
      // VS Code says "changed" once after registering, with nothing changed.
      if (!changed) return;
      void guarded('watching the knowledge base files', undefined, registerWatchers);
      await reloadKnowledge();
      recheckAll();
    }),
  );

  connection.onDidChangeWatchedFiles(() =>
    guarded('reloading the knowledge base', undefined, async () => {
      await reloadKnowledge();
      recheckAll();
    }),
  );

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    if (!isMarkdown(t.languageId, t.uri)) return;
    try {
      const hint = visibleHints.get(t.uri);
      visibleHints.delete(t.uri);
      const open: OpenDocument = {
        uri: t.uri, version: t.version, doc: new BlockDocument(t.text), checker: knowledge ? createChecker(knowledge.kb) : undefined,
        firstScreenLines: hint === undefined ? FIRST_SCREEN_LINES : hint + 1,
      };
      documents.set(t.uri, open);
      startup.mark('opened', `${t.uri.split('/').pop()}, ${Math.round(t.text.length / 1024)} KB`);
      if (pushedForClosed.delete(t.uri) && pull) void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
      schedule(open, true);
    } catch (e) {
      log(`dealcheck: opening ${t.uri} failed: ${describeError(e)}`);
    }
  });

  connection.onNotification(VISIBLE_LINES_NOTIFICATION, (p: VisibleLinesParams) => {
    if (typeof p?.uri !== 'string' || !Number.isInteger(p.lastLine) || p.lastLine < 0) return;
    if (visibleHints.size >= MAX_VISIBLE_HINTS) visibleHints.clear();
    visibleHints.set(p.uri, p.lastLine);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const open = documents.get(textDocument.uri);
    if (!open) return;
    try {
      for (const change of contentChanges) {
        if ('range' in change) open.doc.edit(open.doc.offsetAt(change.range.start), open.doc.offsetAt(change.range.end), change.text);
        else open.doc = new BlockDocument(change.text);
      }
    } catch (e) {
      // The server's copy may now differ from the editor's: drop it until the editor sends it whole again.
      log(`dealcheck: applying an edit to ${open.uri} failed: ${describeError(e)}`);
      documents.delete(open.uri);
      return;
    }
    open.version = textDocument.version;
    schedule(open);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const open = documents.get(textDocument.uri);
    if (open?.timer) clearTimeout(open.timer);
    documents.delete(textDocument.uri);
    if (!pull) void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  /** The first screen's diagnostics, if they are for the document as it is now. */
  async function earlyItems(open: OpenDocument): Promise<Diagnostic[] | undefined> {
    let early = open.early;
    // Only the source texts these findings cite are waited for: the others may arrive later.
    while (early) {
      await knowledge?.locator.whenLocatable(early.findings);
      if (open.early === early) break;
      early = open.early;
    }
    if (!early || early.version !== open.version || early.generation !== generation) return undefined;
    return diagnosticsOf({ findings: early.findings });
  }

  /**
   * A document's first pull: the whole check's diagnostics, or, when the first screen is checked
   * before the whole draft, that screen's, and the client is asked to pull again once the rest is
   * done (a refresh). Later pulls always wait for the whole check.
   */
  async function firstDiagnostics(open: OpenDocument, token: CancellationToken): Promise<Diagnostic[] | undefined> {
    const whole = currentDiagnostics(open);
    if (!open.early) {
      const screen = new Promise<void>((resolve) => (open.earlyWaiters ??= []).push(resolve));
      if ((await Promise.race([whole.then(() => 'whole' as const), screen])) === 'whole') return (await whole).items;
    }
    const items = await earlyItems(open);
    if (!items) return (await whole).items;
    // VS Code cancels a pull when it pulls the same document again (at start-up it often does):
    // the first screen is kept for the pull that is answered.
    if (token.isCancellationRequested) return undefined;
    open.owesRefresh = true;
    void whole.then(() => {
      if (!open.owesRefresh || documents.get(open.uri) !== open) return;
      open.owesRefresh = false;
      void connection.languages.diagnostics.refresh();
    });
    return items;
  }

  connection.languages.diagnostics.on((params, token) =>
    guarded<DocumentDiagnosticReport>('answering a diagnostics pull', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async () => {
      const open = documents.get(params.textDocument.uri);
      if (!open) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      let items: Diagnostic[];
      if (earlyAnswers && !open.reported) {
        const first = await firstDiagnostics(open, token);
        if (!first) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        items = first;
      } else {
        items = (await currentDiagnostics(open)).items;
        open.owesRefresh = false;
      }
      open.early = undefined;
      open.earlyWaiters = undefined;
      // A result id names a list of diagnostics: an edit that changes no finding keeps it (the
      // lists are compared by value), and a client that sends it back gets "unchanged".
      const last = open.reported;
      if (!last || !sameDiagnostics(last.items, items)) open.reported = { resultId: `${generation}:${++reportCounter}`, items };
      else open.reported = { resultId: last.resultId, items };
      const { resultId } = open.reported;
      firstAnswer(open.uri, items.length, !!open.owesRefresh);
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    }),
  );

  async function findingAt(uri: string, position: Position): Promise<{ open: OpenDocument; finding: Finding } | undefined> {
    const open = documents.get(uri);
    if (!open || !settings.enable) return undefined;
    const finding = (await resultOf(open)).findings.find((f) => f.kind !== 'unverified' && contains(f.range, position));
    return finding ? { open, finding } : undefined;
  }

  connection.onHover(({ textDocument, position }) =>
    guarded('answering a hover', null, async () => {
      const hit = await findingAt(textDocument.uri, position);
      if (!hit) return null;
      const links = commandLinks ? { uri: textDocument.uri, position: hit.finding.range.start } : undefined;
      return { contents: { kind: 'markdown' as const, value: hoverMarkdown(hit.finding, links) }, range: hit.finding.range };
    }),
  );

  connection.onCodeAction(({ textDocument, range, context }) =>
    guarded('answering a code action request', [] as CodeAction[], async () => {
      const open = documents.get(textDocument.uri);
      if (!open || !settings.enable) return [];
      if (context.only && !context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
      const actions: CodeAction[] = [];
      const { version } = open;
      const findings = (await resultOf(open)).findings.filter((f) => f.kind !== 'unverified' && overlaps(f.range, range));
      // Fixes are worked out on the text as it is now: an edit since would misplace them.
      if (open.version !== version) return [];
      for (const finding of findings) {
        const diagnostic = context.diagnostics.find((d) => d.source === 'dealcheck' && d.code === finding.code && overlaps(d.range, finding.range));
        for (const fix of open.checker!.fixesAt(open.doc, finding.range.start)) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
            isPreferred: fix.preferred,
            edit: { changes: { [textDocument.uri]: fix.edits } },
          });
        }
      }
      return actions;
    }),
  );

  connection.onRequest(FACT_AT_REQUEST, (params: FactAtParams) =>
    guarded('answering dealcheck/factAt', null as FactAtResult | null, async () => {
      const hit = await findingAt(params.uri, params.position);
      if (!hit) return null;
      const { finding } = hit;
      await knowledge?.located;
      const locations = finding.evidence.flatMap((e) => {
        const at = knowledge?.locator.locate(finding, e);
        return at ? [{ title: e.title, ...at }] : [];
      });
      return { statement: finding.statement ?? finding.text, markdown: hoverMarkdown(finding), locations };
    }),
  );

  connection.onRequest(REPORT_REQUEST, (params: ReportParams) =>
    guarded('answering dealcheck/report', null as ReportResult | null, async () => {
      const open = documents.get(params.uri);
      if (!open) return null;
      const result = await resultOf(open);
      const { version } = open;
      const uri = parseUri(open.uri);
      const name = uri ? displayName(uri, folders) : open.uri;
      const input: ReportInput = {
        path: name,
        text: open.doc.text,
        findings: result.findings,
        ...(result.skipped ? { skipped: result.skipped } : {}),
        ...(result.failed ? { error: 'dealcheck could not check it: an internal error (the dealcheck output has the details)' } : {}),
      };
      return { uri: open.uri, version, name, html: renderReport([input], 'html', { title: `dealcheck: source coverage of ${name}` }) };
    }),
  );

  connection.onRequest(CHECK_WORKSPACE_REQUEST, () =>
    guarded('checking the workspace', { files: 0, conflicts: 0 } as CheckWorkspaceResult, async () => {
      await knowledgeReady;
      const found = trusted ? (await Promise.all(folders.map((f) => files.find(f.toString(), MARKDOWN_GLOB, EXCLUDED_FOLDERS)))).flat() : [];
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin('dealcheck: checking Markdown files', 0, `${found.length} files`, true);
      let conflicts = 0;
      const kb = knowledge!.kb;
      try {
        for (const [i, uri] of found.entries()) {
          if (progress.token.isCancellationRequested) break;
          const open = documents.get(uri);
          const parsed = parseUri(uri);
          if (parsed && isIgnored(project, parsed)) continue;
          let result: CheckResult;
          if (open) result = await resultOf(open);
          else {
            const read = await files.read(uri, { maxBytes: MAX_MARKDOWN_BYTES, followLinks: false });
            if (!('text' in read)) continue;
            try {
              result = createChecker(kb).check(read.text, checkOptions());
              logUnchecked(uri, result.findings);
            } catch (e) {
              log(`dealcheck: checking ${uri} failed: ${describeError(e)}`);
              result = { findings: [], failed: true };
            }
            await knowledge?.locator.whenLocatable(result.findings);
            void connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf(result) });
            pushedForClosed.add(uri);
          }
          conflicts += result.findings.filter((f) => f.kind === 'conflict').length;
          progress.report(Math.round(((i + 1) / found.length) * 100), `${i + 1}/${found.length}`);
          // Let other requests (typing) through between files.
          await yieldNow();
        }
      } finally {
        progress.done();
      }
      return { files: found.length, conflicts };
    }),
  );

  connection.listen();
  if (platform.warmUp) void guarded('warming up', undefined, warmUp);
}

declare const DEALCHECK_VERSION: string;
