/**
 * A small real LSP client for tests: starts the built server over stdio and speaks JSON-RPC to it.
 * Waiting is on events (a publishDiagnostics for a uri that satisfies a predicate), never on sleeps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot } from './helpers';

export const serverPath = `${repoRoot}/dist/server.js`;

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** Resolves with the first pushed diagnostics for `uri` (from now on) that satisfy `until`. */
  nextDiagnostics(uri: string, until?: (ds: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  notifications: { method: string; params: unknown }[];
  /** Opens `text` as a Markdown document at `uri`, version 1, as an editor does. */
  open(uri: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

/** `settings`: what the client answers for the `dealcheck` section (none: null, the defaults). */
export async function startClient(options: { folder?: string; pull?: boolean; initializationOptions?: unknown; settings?: Record<string, unknown> } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters: { uri: string; until: (ds: Diagnostic[]) => boolean; resolve: (ds: Diagnostic[]) => void }[] = [];
  const notifications: { method: string; params: unknown }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    notifications.push({ method: 'textDocument/publishDiagnostics', params: p });
    for (const w of [...waiters])
      if (w.uri === p.uri && w.until(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
  });
  connection.onNotification((method, params) => {
    notifications.push({ method, params });
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => options.settings ?? null));
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();

  const capabilities: ClientCapabilities = {
    textDocument: {
      hover: { contentFormat: ['markdown'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      publishDiagnostics: { relatedInformation: true, versionSupport: true },
    },
    workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}) },
    window: { workDoneProgress: true },
  };
  const folderUri = options.folder ? pathToFileURL(options.folder).href : null;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    capabilities,
    workspaceFolders: folderUri ? [{ uri: folderUri, name: 'test' }] : null,
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    notifications,
    nextDiagnostics(uri, until = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, until, resolve: (ds) => (clearTimeout(timer), resolve(ds)) });
      });
    },
    open(uri, text) {
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      connection.dispose();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}
