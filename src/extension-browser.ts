/**
 * The VS Code extension in the browser (vscode.dev, github.dev, any web-worker extension host):
 * the same extension as on the desktop, with the language server in a web worker
 * (dist/web/server.js) instead of a Node process. The server reads no file itself: the extension
 * serves it every file through `vscode.workspace.fs`.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { type Deactivate, activateDealcheck } from './extension/activate';
import { servedAddress } from './extension/served-address';
import { epochNow } from './server/startup';

/** Set by the bundle's first line (scripts/build.mjs): when the extension host began to run this script. */
declare const DEALCHECK_SCRIPT_STARTED: number | undefined;
const loaded = epochNow();

let stop: Deactivate | undefined;

/**
 * Whether `address` serves a file: asked of the network directly (an http address needs no main
 * thread); the body is not read. (A HEAD request would do, but code-server does not answer it.)
 */
async function serves(address: string): Promise<boolean> {
  try {
    const response = await fetch(address);
    void response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The server's worker. VS Code's web-worker extension host refuses to start a worker from a
 * remote extension's location (vscode-remote:, as with code-server or a remote workspace opened
 * in the browser). There the worker starts from the address the extension's own script was
 * served from (servedAddress), checked while the worker loads; else from the address the host's
 * fetch resolves the location to (which the browser caches, compiled code included), or else
 * from the script read into memory. Elsewhere (vscode.dev, github.dev: an https: location) it
 * starts from its own address.
 */
async function startWorker(script: vscode.Uri, ownScript: vscode.Uri, log: (message: string) => void, mark: (what: string) => void): Promise<Worker> {
  if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true));
  const served = typeof performance.getEntriesByType === 'function' ? servedAddress(script, ownScript, performance.getEntriesByType('resource')) : undefined;
  if (served) {
    const worker = new Worker(served);
    mark('worker started from the served address');
    if (await serves(served)) return worker;
    worker.terminate();
    log(`the server script is not served at ${served}; asking the editor where it is`);
  }
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
  const ownScript = vscode.Uri.joinPath(context.extensionUri, 'dist/web/extension.js');
  const before = [
    ...(typeof DEALCHECK_SCRIPT_STARTED === 'number' ? [{ what: 'extension script', at: DEALCHECK_SCRIPT_STARTED }] : []),
    { what: 'extension script loaded', at: loaded },
  ];
  /** The first worker's start-up steps and log lines, noted before the shared activation has its log. */
  const early = (what: string) => void before.push({ what, at: epochNow() });
  const earlyLog: string[] = [];
  // The worker starts first of all: loading its script is most of the wait for the first
  // diagnostics, and needs nothing of what the activation sets up meanwhile.
  early('worker wanted');
  let starting: Promise<Worker> | undefined = startWorker(serverMain, ownScript, (message) => void earlyLog.push(message), early);
  // Awaited by the client's first start; a failure is its to report.
  starting.catch(() => undefined);
  let worker: Worker | undefined;
  stop = await activateDealcheck(context, 'a web worker', (clientOptions, output, mark) =>
    new LanguageClient('dealcheck', 'dealcheck', async () => {
      // A restart gets a fresh worker; the old one would otherwise live on, unused.
      worker?.terminate();
      const first = starting;
      starting = undefined;
      if (!first) mark('worker wanted');
      try {
        worker = await (first ?? startWorker(serverMain, ownScript, (message) => output.info(message), mark));
      } finally {
        for (const message of earlyLog.splice(0)) output.info(message);
      }
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
