/**
 * The browser entry's language server worker (dist/web/server.js): where its script is loaded
 * from, and its start as soon as the extension host runs the extension's script, before
 * activate() is called (see startEarly).
 */
import * as vscode from 'vscode';
import { scriptFromStack, servedAddress } from './served-address';

/** The extension's own script and the server's, inside the extension's folder. */
export const EXTENSION_SCRIPT = 'dist/web/extension.js';
export const SERVER_SCRIPT = 'dist/web/server.js';

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

/** Where the worker's script is served over HTTP, found without the workbench (see servedAddress); undefined when the browser does not say. */
function servedScript(script: vscode.Uri, ownScript: vscode.Uri): string | undefined {
  return typeof performance.getEntriesByType === 'function' ? servedAddress(script, ownScript, performance.getEntriesByType('resource')) : undefined;
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
export async function startWorker(script: vscode.Uri, ownScript: vscode.Uri, log: (message: string) => void, mark: (what: string) => void): Promise<Worker> {
  if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true));
  const served = servedScript(script, ownScript);
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

/** A worker started before activation (startEarly), for the server script at `script`. */
export interface EarlyWorker {
  /** The server script's location (a URI string), which activate() checks against the extension's own. */
  script: string;
  worker: Promise<Worker>;
}

/**
 * Starts the server's worker while the extension host is still loading this script: the host
 * loads an extension's script first, then sets up its context (storage, secrets: answers from
 * the workbench, which is busy starting) and only then calls activate(), 0.1 to 7 s later in
 * test:web runs: time the worker's script load (and the server's warm-up) can use. The script's
 * location comes from the stack (scriptFromStack); the worker starts only the quick ways (its
 * own https: address, or the address this script was served from, checked as in startWorker),
 * never through the workbench. Undefined when neither is known: activate() starts the worker
 * then, as before. `mark` notes its start-up steps, `log` what went wrong.
 */
export function startEarly(mark: (what: string) => void, log: (message: string) => void): EarlyWorker | undefined {
  let own: vscode.Uri;
  try {
    const location = scriptFromStack(new Error().stack, EXTENSION_SCRIPT);
    if (!location) return undefined;
    own = vscode.Uri.parse(location, true);
  } catch {
    return undefined;
  }
  const script = vscode.Uri.joinPath(own, '..', '..', '..', SERVER_SCRIPT);
  if (script.scheme === 'vscode-remote' && !servedScript(script, own)) return undefined;
  mark('worker wanted');
  const worker = startWorker(script, own, log, mark);
  // Awaited by the client's first start; a failure is its to report.
  worker.catch(() => undefined);
  return { script: script.toString(), worker };
}
