/**
 * The dealcheck language server: the engine behind LSP. Documents are checked incrementally
 * (only changed blocks), diagnostics are pulled by clients that can (up to date at once) and
 * pushed, debounced, to those that cannot; hovers, quick-fixes and the knowledge base files'
 * own problems come from the same state.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import {
  type CodeAction,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  type InitializeParams,
  type InitializeResult,
  type Position,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { DocumentChecker, type DocumentResult } from '../diagnostics/engine';
import type { Finding } from '../diagnostics/finding';
import { BlockDocument } from '../diagnostics/markdown/block-document';
import { type DiagnosticData, toDiagnostic } from './diagnostics';
import { hoverMarkdown } from './hover';
import { EvidenceLocator, KB_GLOB, KnowledgeHost, bundledKnowledgeBaseFile } from './knowledge-host';
import {
  CHECK_WORKSPACE_REQUEST,
  type CheckWorkspaceResult,
  FACT_AT_REQUEST,
  type FactAtParams,
  type FactAtResult,
  STATUS_NOTIFICATION,
  type StatusParams,
} from './protocol';
import { DEFAULT_SETTINGS, type Settings, parseSettings } from './settings';

const MARKDOWN_GLOB = '**/*.{md,markdown}';

interface OpenDocument {
  uri: string;
  version: number;
  /** Edited in place: typing re-splits only the blocks around each change. */
  doc: BlockDocument;
  checker: DocumentChecker;
  result?: { version: number; value: DocumentResult };
  timer?: ReturnType<typeof setTimeout>;
  /** The last diagnostics a pull returned, and their result id. */
  reported?: { resultId: string; generation: number; items: Diagnostic[] };
}

export interface ServerOptions {
  /** Folder of the server's bundle, to find the shipped copy of the bundled knowledge base. */
  bundleDir: string;
}

function isMarkdown(languageId: string, uri: string): boolean {
  return languageId === 'markdown' || /\.(md|markdown|mdx)$/i.test(uri);
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
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

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new Map<string, OpenDocument>();
  let settings: Settings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  let trusted = true;
  let pull = false;
  let canRefresh = false;
  let canConfigure = false;
  let canWatch = false;
  /** The client runs dealcheck's commands from links in hovers (the VS Code extension does). */
  let commandLinks = false;
  let knowledge: KnowledgeHost | undefined;
  let locator: EvidenceLocator | undefined;
  /** Knowledge base files we published problems on, so fixed files get their problems cleared. */
  let kbUrisWithProblems = new Set<string>();
  /** Bumped when the knowledge base or the settings change: pulled results carry it in their id. */
  let generation = 0;
  let diagnosticCache = new WeakMap<Finding, Diagnostic | null>();
  let reportCounter = 0;
  /** Closed files the workspace check pushed diagnostics for. */
  const pushedForClosed = new Set<string>();
  const bundledFile = bundledKnowledgeBaseFile(options.bundleDir);

  const knowledgeInput = () => ({ folders, settings, trusted });

  function sourcesFolder(): string | undefined {
    if (!trusted || !settings.sourcesFolder) return undefined;
    return isAbsolute(settings.sourcesFolder) ? settings.sourcesFolder : resolve(folders[0] ?? process.cwd(), settings.sourcesFolder);
  }

  function loadKnowledge(publish = true): void {
    generation++;
    diagnosticCache = new WeakMap();
    const state = knowledge ? knowledge.reload(knowledgeInput()) : (knowledge = new KnowledgeHost(knowledgeInput())).state;
    locator = new EvidenceLocator(sourcesFolder(), state.files, bundledFile);
    for (const open of documents.values()) {
      open.checker = new DocumentChecker(state.kb);
      open.result = undefined;
    }
    if (publish) publishKnowledgeProblems();
  }

  /** The knowledge base files' own problems, on those files; cleared once fixed. */
  function publishKnowledgeProblems(): void {
    const state = knowledge!.state;
    const published = new Set<string>();
    for (const [file, problems] of state.problems) {
      const uri = pathToFileURL(file).href;
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
    for (const uri of kbUrisWithProblems) if (!published.has(uri) && ![...state.problems.keys()].some((f) => pathToFileURL(f).href === uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    kbUrisWithProblems = published;
  }

  function kbProblemCount(): number {
    let n = 0;
    for (const ps of knowledge?.state.problems.values() ?? []) n += ps.length;
    return n;
  }

  /** The document's findings (supported ones included) for its current version. */
  function resultOf(open: OpenDocument): DocumentResult {
    if (open.result?.version === open.version) return open.result.value;
    const value = open.checker.check(open.doc, { includeSupported: true, withFixes: false });
    open.result = { version: open.version, value };
    const conflicts = value.findings.filter((f) => f.kind === 'conflict').length;
    const status: StatusParams = {
      uri: open.uri, conflicts, supported: value.findings.length - conflicts, knowledgeBaseProblems: kbProblemCount(), ...(value.skipped ? { skipped: value.skipped } : {}),
    };
    void connection.sendNotification(STATUS_NOTIFICATION, status);
    return value;
  }

  function diagnosticsOf(result: DocumentResult): Diagnostic[] {
    if (!settings.enable) return [];
    if (result.skipped)
      return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'dealcheck', code: 'skipped', message: `dealcheck: ${result.skipped}` }];
    const out: Diagnostic[] = [];
    for (const f of result.findings) {
      // Findings on lines an edit did not move are the same objects as before: so are their diagnostics.
      let d = diagnosticCache.get(f);
      if (d === undefined) diagnosticCache.set(f, (d = toDiagnostic(f, settings, (finding, e) => locator?.locate(finding, e)) ?? null));
      if (d) out.push(d);
    }
    return out;
  }

  function push(open: OpenDocument): void {
    const { version } = open;
    const diagnostics = diagnosticsOf(resultOf(open));
    // Checking is synchronous, so this is the newest text: nothing older can arrive later.
    void connection.sendDiagnostics({ uri: open.uri, version, diagnostics });
  }

  function schedule(open: OpenDocument, immediately = false): void {
    if (open.timer) clearTimeout(open.timer);
    open.timer = undefined;
    if (pull) {
      // The client pulls; still check off the request path so its pull finds the result ready.
      open.timer = setTimeout(() => {
        open.timer = undefined;
        if (documents.get(open.uri) === open) resultOf(open);
      }, immediately ? 0 : settings.debounceMs);
      return;
    }
    open.timer = setTimeout(() => {
      open.timer = undefined;
      if (documents.get(open.uri) === open) push(open);
    }, immediately ? 0 : settings.debounceMs);
  }

  function recheckAll(): void {
    if (pull && canRefresh) void connection.languages.diagnostics.refresh();
    for (const open of documents.values()) schedule(open, true);
  }

  async function fetchSettings(): Promise<void> {
    if (!canConfigure) return;
    const raw = await connection.workspace.getConfiguration('dealcheck');
    const parsed = parseSettings(raw);
    settings = parsed.settings;
    for (const p of parsed.problems) connection.console.warn(p);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { trusted?: boolean; settings?: unknown; commandLinks?: boolean };
    trusted = init.trusted !== false;
    commandLinks = init.commandLinks === true;
    if (init.settings !== undefined) settings = parseSettings(init.settings).settings;
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!folders.length && params.rootUri) folders = [uriToPath(params.rootUri)].filter((p): p is string => !!p);
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    canRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    canConfigure = !!caps.workspace?.configuration;
    canWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    // Ready before the first document opens; settings fetched later reload it only if they differ.
    // Its problems are published once initialized: no notification may precede this answer.
    loadKnowledge(false);
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

  connection.onInitialized(async () => {
    if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dealcheck' });
    if (canWatch && trusted)
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: KB_GLOB }, ...settings.knowledgeBase.map((f) => ({ globPattern: f }))] });
    const before = JSON.stringify(settings);
    await fetchSettings();
    if (JSON.stringify(settings) === before) return publishKnowledgeProblems();
    loadKnowledge();
    recheckAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canConfigure) await fetchSettings();
    else settings = parseSettings((change.settings as { dealcheck?: unknown } | undefined)?.dealcheck).settings;
    loadKnowledge();
    recheckAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    loadKnowledge();
    recheckAll();
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    if (!isMarkdown(t.languageId, t.uri)) return;
    const open: OpenDocument = { uri: t.uri, version: t.version, doc: new BlockDocument(t.text), checker: new DocumentChecker(knowledge!.state.kb) };
    documents.set(t.uri, open);
    if (pushedForClosed.delete(t.uri) && pull) void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
    schedule(open, true);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const open = documents.get(textDocument.uri);
    if (!open) return;
    for (const change of contentChanges) {
      if ('range' in change) open.doc.edit(open.doc.offsetAt(change.range.start), open.doc.offsetAt(change.range.end), change.text);
      else open.doc = new BlockDocument(change.text);
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

  connection.languages.diagnostics.on((params) => {
    const open = documents.get(params.textDocument.uri);
    if (!open) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = diagnosticsOf(resultOf(open));
    // A result id names a list of diagnostics: typing that changes no finding keeps it, and a
    // client that sends it back gets "unchanged" instead of the whole list again.
    const last = open.reported;
    const same = last && last.generation === generation && last.items.length === items.length && last.items.every((d, i) => d === items[i]);
    if (!same) open.reported = { resultId: `${generation}:${++reportCounter}`, generation, items };
    const { resultId } = open.reported!;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.onHover(({ textDocument, position }) => {
    const open = documents.get(textDocument.uri);
    if (!open || !settings.enable) return null;
    const finding = resultOf(open).findings.find((f) => contains(f.range, position));
    if (!finding) return null;
    const links = commandLinks ? { uri: textDocument.uri, position: finding.range.start } : undefined;
    return { contents: { kind: 'markdown', value: hoverMarkdown(finding, links) }, range: finding.range };
  });

  connection.onCodeAction(({ textDocument, range, context }) => {
    const open = documents.get(textDocument.uri);
    if (!open || !settings.enable) return [];
    if (context.only && !context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
    const actions: CodeAction[] = [];
    for (const finding of resultOf(open).findings.filter((f) => overlaps(f.range, range))) {
      const diagnostic = context.diagnostics.find((d) => d.source === 'dealcheck' && (d.data as DiagnosticData | undefined)?.fact === finding.fact && overlaps(d.range, finding.range));
      for (const fix of open.checker.fixesAt(open.doc, finding.range.start)) {
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
  });

  connection.onRequest(FACT_AT_REQUEST, (params: FactAtParams): FactAtResult | null => {
    const open = documents.get(params.uri);
    if (!open) return null;
    const finding = resultOf(open).findings.find((f) => contains(f.range, params.position));
    if (!finding) return null;
    const locations = finding.evidence.flatMap((e) => {
      const at = locator?.locate(finding, e);
      return at ? [{ title: e.title, ...at }] : [];
    });
    return { markdown: hoverMarkdown(finding), locations };
  });

  connection.onRequest(CHECK_WORKSPACE_REQUEST, async (): Promise<CheckWorkspaceResult> => {
    const files = trusted ? folders.flatMap((folder) => fg.sync(MARKDOWN_GLOB, { cwd: folder, ignore: ['**/node_modules/**', '**/.git/**'], absolute: true }).sort()) : [];
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('dealcheck: checking Markdown files', 0, `${files.length} files`, true);
    let conflicts = 0;
    const kb = knowledge!.state.kb;
    for (const [i, file] of files.entries()) {
      if (progress.token.isCancellationRequested) break;
      const uri = pathToFileURL(file).href;
      const open = documents.get(uri);
      let result: DocumentResult;
      if (open) result = resultOf(open);
      else {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        result = new DocumentChecker(kb).check(text, { includeSupported: true, withFixes: false });
        void connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf(result) });
        pushedForClosed.add(uri);
      }
      conflicts += result.findings.filter((f) => f.kind === 'conflict').length;
      progress.report(Math.round(((i + 1) / files.length) * 100), `${i + 1}/${files.length}`);
      // Let other requests (typing) through between files.
      await new Promise((r) => setImmediate(r));
    }
    progress.done();
    return { files: files.length, conflicts };
  });

  connection.listen();
}

declare const DEALCHECK_VERSION: string;
