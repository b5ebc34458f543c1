/**
 * The VS Code extension, the same on the desktop and in the browser: starts the dealcheck
 * language server for Markdown (the entry decides how: a Node process, or a web worker), serves
 * it the workspace's files, and adds the commands, the status bar item and the coverage view.
 * All checking happens in the server, off the editor's thread.
 */
import * as vscode from 'vscode';
import {
  type BaseLanguageClient,
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import {
  CHECK_WORKSPACE_REQUEST,
  type CheckWorkspaceResult,
  FACT_AT_REQUEST,
  type FactAtParams,
  type FactAtResult,
  type InitializationOptions,
  REPORT_REQUEST,
  type ReportResult,
  STARTUP_NOTIFICATION,
  STATUS_NOTIFICATION,
  type StartupMark,
  type StartupParams,
  type StatusParams,
  VISIBLE_LINES_NOTIFICATION,
  type VisibleLinesParams,
} from '../server/protocol';
import { epochNow } from '../server/startup';
import { CoverageView } from './coverage';
import { type Prefetched, prefetchStartupFiles, serveFiles } from './files';
import { editorSourcesFolder, explicitSettings, settingOrigins } from './settings';

/**
 * Makes the language client; the entry decides where the server runs. `output` is dealcheck's
 * log; `mark` notes a step of the start-up (the browser entry's worker) for the log's timeline.
 */
export type ClientFactory = (options: LanguageClientOptions, output: vscode.LogOutputChannel, mark: (what: string) => void) => BaseLanguageClient;

/** Schemes of the Markdown documents dealcheck checks: on disk, unsaved, remote, and the browser's virtual file systems. */
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-test-web', 'vsls'];

/** A server that stops more often than this within RESTART_WINDOW_MS is left stopped. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

/** The settings as the server takes them: the values, where path settings come from, and which the writer set. */
function settingsForServer(scope?: vscode.Uri, values?: unknown): Record<string, unknown> {
  const config = values && typeof values === 'object' ? values : JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('dealcheck', scope)));
  return { ...config, $origins: settingOrigins(scope), $explicit: explicitSettings(scope) };
}

/**
 * "Show knowledge base fact" opens the fact as a read-only Markdown document of its own scheme:
 * not an untitled draft, which dealcheck would check (and flag the sources' own differing values).
 */
export const FACT_SCHEME = 'dealcheck-fact';

class FactDocuments implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(FACT_SCHEME, {
    onDidChange: this.changed.event,
    provideTextDocumentContent: (uri) => this.texts.get(uri.toString()) ?? '',
  });

  show(statement: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: FACT_SCHEME, path: `/${statement.replace(/[/\\]/g, '-')}.md` });
    this.texts.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dealcheck.status', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, StatusParams>();

  constructor() {
    this.item.name = 'dealcheck';
    this.item.command = 'workbench.actions.view.problems';
  }

  set(status: StatusParams): void {
    this.byUri.set(status.uri, status);
    this.refresh();
  }

  refresh(): void {
    const editor = vscode.window.activeTextEditor;
    const status = editor && editor.document.languageId === 'markdown' ? this.byUri.get(editor.document.uri.toString()) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    const kb = status.knowledgeBaseProblems ? ` · $(error) knowledge base: ${status.knowledgeBaseProblems}` : '';
    if (status.skipped) this.item.text = `$(circle-slash) dealcheck: skipped${kb}`;
    else this.item.text = `${status.conflicts ? '$(warning)' : '$(check)'} ${status.conflicts} conflict${status.conflicts === 1 ? '' : 's'} · ${status.supported} supported${kb}`;
    const unverified = status.unverified ? `, ${status.unverified} figure(s) no source covers` : '';
    this.item.tooltip = status.skipped
      ? `dealcheck ${status.skipped}`
      : `dealcheck: ${status.conflicts} figure(s) no source supports, ${status.supported} figure(s) the sources support${unverified}. Click for the Problems panel.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** Start-up steps kept for the log: a handful happen; more would be a misbehaving server. */
const MAX_STARTUP_MARKS = 64;

/**
 * One log line: each start-up step in milliseconds after activation (negative: before it), in
 * the order they happened, with the activation's own time so a test can line it up with its clock.
 */
export function startupTimeline(activatedAt: number, marks: readonly StartupMark[]): string {
  const steps = [...marks].sort((a, b) => a.at - b.at).map((m) => `${m.what} ${Math.round(m.at - activatedAt)}${m.detail ? ` (${m.detail})` : ''}`);
  return `start-up timeline, ms after activation at ${new Date(activatedAt).toISOString()}: ${steps.join(' · ')}`;
}

/** What an entry adds to the shared activation. */
export interface EntryOptions {
  /**
   * Steps the entry notes itself, for the start-up timeline: before activate() was called (the
   * extension's script), and those it goes on adding to the array (its worker's start).
   */
  before?: readonly StartupMark[];
  /** Ask the server to answer a long draft's first pull with its first screen (InitializationOptions.earlyDiagnostics). */
  earlyDiagnostics?: boolean;
  /**
   * The reads ahead the entry started itself, before activation (the browser entry's, as its
   * script loads): the first start serves these instead of starting its own.
   */
  prefetched?: Prefetched;
}

/** Stops the language client: what the entries' deactivate() returns. */
export type Deactivate = () => Promise<void>;

/** Where the language server runs, for the log. */
export type ServerHost = 'a Node process' | 'a web worker';

export async function activateDealcheck(
  context: vscode.ExtensionContext,
  host: ServerHost,
  makeClient: ClientFactory,
  options: EntryOptions = {},
): Promise<Deactivate> {
  const { before = [], earlyDiagnostics = false } = options;
  /** The entry's reads ahead, for the first start only: later starts read afresh. */
  let prefetched = options.prefetched;
  const activatedAt = epochNow();
  const output = vscode.window.createOutputChannel('dealcheck', { log: true });
  output.info(`dealcheck ${context.extension.packageJSON.version} activated; its server runs in ${host}`);
  /** The start-up's steps: the extension's, and the server's as it last sent them. */
  const marks: StartupMark[] = [];
  let serverMarks: StartupMark[] = [];
  const mark = (what: string) => void (marks.length < MAX_STARTUP_MARKS && marks.push({ what, at: epochNow() }));
  const timeline = (...more: StartupMark[]) => output.info(startupTimeline(activatedAt, [...before, ...marks, ...serverMarks, ...more]));
  let firstDiagnostics = false;
  /** Logs how long the first document's first diagnostics took from activation, and where that time went: what a writer waits for. */
  const noteDiagnostics = (uri: vscode.Uri, count: number) => {
    if (firstDiagnostics) return;
    firstDiagnostics = true;
    const now = epochNow();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const size = doc ? `, ${(doc.getText().length / 1024).toFixed(0)} KB` : '';
    output.info(`first diagnostics: ${count} for ${uri.path.split('/').pop()}${size}, ${Math.round(now - activatedAt)} ms after activation`);
    mark('first diagnostics received');
    timeline();
  };
  /** The server's start-up steps; when its first answer was a long draft's first screen, they come again with the whole draft's. */
  const serverStartup = (p: StartupParams) => {
    if (!Array.isArray(p?.marks)) return;
    const fresh = p.marks
      .slice(0, MAX_STARTUP_MARKS)
      .filter((m) => typeof m?.what === 'string' && typeof m.at === 'number')
      .map((m) => ({ what: `server: ${m.what}`, at: m.at, ...(typeof m.detail === 'string' ? { detail: m.detail } : {}) }));
    const full = fresh.find((m) => m.what === 'server: answered in full');
    const hadFull = serverMarks.some((m) => m.what === 'server: answered in full');
    serverMarks = fresh;
    if (full?.detail && firstDiagnostics && !hadFull) {
      output.info(`all diagnostics: ${full.detail}, ${Math.round(full.at - activatedAt)} ms after activation`);
      timeline();
    }
  };
  const status = new StatusBar();
  const coverage = new CoverageView();
  const factDocuments = new FactDocuments();
  context.subscriptions.push(output, status, coverage, factDocuments, vscode.window.onDidChangeActiveTextEditor(() => status.refresh()));
  let client: BaseLanguageClient | undefined;
  let clientDisposables: vscode.Disposable[] = [];
  const restarts: number[] = [];
  let toldOfRestart = false;

  /** The writer hears once per session that the server died and came back; the details go to the log. */
  function tellRestarted(): void {
    if (toldOfRestart) return;
    toldOfRestart = true;
    void vscode.window.showWarningMessage('dealcheck: the checker stopped unexpectedly and was restarted; checking goes on.', 'Show log').then((pick) => pick && output.show(true));
  }

  function clientOptions(): LanguageClientOptions {
    const init: InitializationOptions = {
      // Untrusted workspaces: only the bundled knowledge base, no workspace file is read.
      trusted: vscode.workspace.isTrusted,
      settings: settingsForServer(),
      commandLinks: true,
      fileAccess: 'client',
      bundledKnowledgeBaseUri: vscode.Uri.joinPath(context.extensionUri, 'dist/knowledge/dealcheck.dealkb.json').toString(),
    };
    return {
      documentSelector: SCHEMES.map((scheme) => ({ scheme, language: 'markdown' })),
      outputChannel: output,
      initializationOptions: { ...init, startupTimes: true, earlyDiagnostics },
      errorHandler: {
        // A killed server makes every pending write fail (EPIPE) before the connection reports
        // it closed; shutting down on the fourth such error, as the library's default does, stops
        // the client for good. The close handler below decides restarts, with its rate limit.
        error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
        closed: (): CloseHandlerResult => {
          const now = Date.now();
          restarts.push(now);
          while (restarts.length && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
          if (restarts.length > MAX_RESTARTS) {
            return { action: CloseAction.DoNotRestart, message: `dealcheck: the checker stopped ${restarts.length} times in 3 minutes and stays off. See the dealcheck output; "dealcheck: Restart server" starts it again.` };
          }
          output.warn('the dealcheck server stopped; starting it again');
          tellRestarted();
          return { action: CloseAction.Restart, handled: true };
        },
      },
      middleware: {
        // The first answer for a long draft covers what is on screen (earlyDiagnostics).
        async didOpen(document, next) {
          const shown = vscode.window.visibleTextEditors.filter((e) => e.document === document).flatMap((e) => e.visibleRanges);
          if (earlyDiagnostics && shown.length && client) {
            const params: VisibleLinesParams = { uri: client.code2ProtocolConverter.asUri(document.uri), lastLine: Math.max(...shown.map((r) => r.end.line)) };
            await client.sendNotification(VISIBLE_LINES_NOTIFICATION, params);
          }
          await next(document);
        },
        async provideDiagnostics(document, previousResultId, token, next) {
          const report = await next(document, previousResultId, token);
          if (report && 'items' in report && report.items.length) noteDiagnostics(document instanceof vscode.Uri ? document : document.uri, report.items.length);
          return report;
        },
        handleDiagnostics(uri, diagnostics, next) {
          if (diagnostics.length) noteDiagnostics(uri, diagnostics.length);
          next(uri, diagnostics);
        },
        // The hover's "Open source" and "Show fact" links run these two commands, and only these.
        async provideHover(document, position, token, next) {
          const hover = await next(document, position, token);
          for (const c of hover?.contents ?? []) if (c instanceof vscode.MarkdownString) c.isTrusted = { enabledCommands: ['dealcheck.openSource', 'dealcheck.showFact'] };
          return hover;
        },
        workspace: {
          // Tell the server which path settings the workspace set: those must stay inside it.
          async configuration(params, token, next) {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return result.map((value, i) => {
              const item = params.items[i];
              if (item?.section !== 'dealcheck' || !value || typeof value !== 'object') return value;
              return settingsForServer(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined, value);
            });
          },
        },
      },
    };
  }

  const start = async () => {
    for (const d of clientDisposables) d.dispose();
    client = makeClient(clientOptions(), output, mark);
    const ahead = prefetched;
    prefetched = undefined;
    clientDisposables = [
      ...serveFiles(client, ahead ?? (vscode.workspace.isTrusted ? prefetchStartupFiles(mark, editorSourcesFolder()) : undefined)),
      client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => status.set(s)),
      client.onNotification(STARTUP_NOTIFICATION, serverStartup),
    ];
    await client.start();
    mark('client started');
    output.info(`dealcheck: the server is up, ${Math.round(epochNow() - activatedAt)} ms after activation`);
  };

  /** From a hover link: the figure hovered; from the palette: the figure at the cursor. */
  async function factAt(at?: FactAtParams): Promise<FactAtResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!at && editor) {
      const p = editor.selection.active;
      at = { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } };
    }
    if (!at || !client) return undefined;
    const fact = await client.sendRequest<FactAtResult | null>(FACT_AT_REQUEST, at);
    if (!fact) void vscode.window.showInformationMessage('dealcheck: no checked figure at the cursor.');
    return fact ?? undefined;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('dealcheck.checkWorkspace', async () => {
      if (!client) return;
      const result = await client.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(`dealcheck: ${result.conflicts} conflict(s) in ${result.files} Markdown file(s).`);
    }),
    vscode.commands.registerCommand('dealcheck.showFact', async (at?: FactAtParams) => {
      const fact = await factAt(at);
      if (!fact) return;
      const uri = factDocuments.show(fact.statement, fact.markdown);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }),
    vscode.commands.registerCommand('dealcheck.openSource', async (at?: FactAtParams) => {
      const fact = await factAt(at);
      if (!fact) return;
      if (!fact.locations.length) {
        void vscode.window.showInformationMessage('dealcheck: the cited sources are not in the workspace; set "dealcheck.sourcesFolder" to open them.');
        return;
      }
      const pick =
        fact.locations.length === 1
          ? fact.locations[0]
          : await vscode.window.showQuickPick(fact.locations.map((l) => ({ label: l.title, description: vscode.Uri.parse(l.uri).path.split('/').pop(), location: l })), { placeHolder: 'Open which source?' }).then((p) => p?.location);
      if (!pick) return;
      const position = new vscode.Position(pick.line, 0);
      try {
        await vscode.window.showTextDocument(vscode.Uri.parse(pick.uri), { selection: new vscode.Range(position, position), preview: true });
      } catch {
        // In the browser the bundled knowledge base may sit where no editor can open it (an
        // https: extension location on vscode.dev): say so, and show the fact instead.
        void vscode.window.showInformationMessage(`dealcheck: this editor cannot open ${vscode.Uri.parse(pick.uri).path.split('/').pop()} here; the fact is shown instead. Set "dealcheck.sourcesFolder" to a folder of the workspace to open the sources themselves.`);
        const doc = await vscode.workspace.openTextDocument(factDocuments.show(fact.statement, fact.markdown));
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      }
    }),
    vscode.commands.registerCommand('dealcheck.showCoverage', async (uri?: vscode.Uri) => {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document || document.languageId !== 'markdown') {
        void vscode.window.showInformationMessage('dealcheck: open a Markdown draft to see its source coverage.');
        return;
      }
      if (!client) return;
      const report = await client.sendRequest<ReportResult | null>(REPORT_REQUEST, { uri: document.uri.toString() });
      if (!report) {
        void vscode.window.showInformationMessage('dealcheck: this draft is not checked (is dealcheck enabled for it?).');
        return;
      }
      coverage.show(report);
    }),
    vscode.commands.registerCommand('dealcheck.restartServer', async () => {
      restarts.length = 0;
      if (client?.isRunning()) await client.stop();
      await start();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // Trust changes what the server may read: start it again with the new answer.
      await client?.stop();
      await start();
    }),
  );

  await start();
  return async () => {
    await client?.stop();
    client = undefined;
  };
}
