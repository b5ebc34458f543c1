/**
 * The VS Code extension in the browser (vscode.dev, github.dev, any web-worker extension host):
 * the same extension as on the desktop, with the language server in a web worker
 * (dist/web/server.js) instead of a Node process. The server reads no file itself: the extension
 * serves it every file through `vscode.workspace.fs`.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { type Deactivate, activateDealcheck } from './extension/activate';
import { epochNow } from './server/startup';

/** Set by the bundle's first line (scripts/build.mjs): when the extension host began to run this script. */
declare const DEALCHECK_SCRIPT_STARTED: number | undefined;
const loaded = epochNow();

let stop: Deactivate | undefined;

/**
 * The server's worker. VS Code's web-worker extension host refuses to start a worker from a
 * remote extension's location (vscode-remote:, as with code-server or a remote workspace opened
 * in the browser). Its fetch knows where remote resources are served over HTTP: the worker
 * starts from that address (which the browser caches, compiled code included), or else from the
 * script read into memory. Elsewhere (vscode.dev, github.dev: an https: location) it starts from
 * its own address.
 */
async function startWorker(script: vscode.Uri, log: (message: string) => void, mark: (what: string) => void): Promise<Worker> {
  if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true));
  try {
    const response = await fetch(script.toString(true));
    mark('worker script located');
    if (response.ok && /^https?:/.test(response.url)) {
      void response.body?.cancel();
      return new Worker(response.url);
    }
    if (response.ok) return new Worker(URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' })));
    log(`fetching the server script gave HTTP ${response.status}; reading it through the file system`);
  } catch (e) {
    log(`fetching the server script failed (${(e as Error).message}); reading it through the file system`);
  }
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(script));
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  let worker: Worker | undefined;
  const before = [
    ...(typeof DEALCHECK_SCRIPT_STARTED === 'number' ? [{ what: 'extension script', at: DEALCHECK_SCRIPT_STARTED }] : []),
    { what: 'extension script loaded', at: loaded },
  ];
  stop = await activateDealcheck(context, 'a web worker', (clientOptions, output, mark) =>
    new LanguageClient('dealcheck', 'dealcheck', async () => {
      // A restart gets a fresh worker; the old one would otherwise live on, unused.
      worker?.terminate();
      mark('worker wanted');
      worker = await startWorker(serverMain, (message) => output.info(message), mark);
      mark('worker created');
      // Transports, not the worker: the extension host's Worker is a wrapper, so the client's
      // `instanceof Worker` test would fail on it.
      return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
    }, clientOptions),
    // The browser's first check waits for the worker and runs slower: the first screen comes first.
    { before, earlyDiagnostics: true },
  );
}

export async function deactivate(): Promise<void> {
  await stop?.();
  stop = undefined;
}
