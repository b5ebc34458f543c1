/**
 * The VS Code extension in the browser (vscode.dev, github.dev, any web-worker extension host):
 * the same extension as on the desktop, with the language server in a web worker
 * (dist/web/server.js) instead of a Node process. The server reads no file itself: the extension
 * serves it every file through `vscode.workspace.fs`.
 */
// First: the server's worker and the reads ahead start while the rest of this script is set up.
import { early, earlyLog, earlyMarks, prefetched } from './extension/early-start';
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { type Deactivate, activateDealcheck } from './extension/activate';
import { EXTENSION_SCRIPT, SERVER_SCRIPT, startWorker } from './extension/server-worker';
import type { StartupMark } from './server/protocol';
import { epochNow } from './server/startup';

/** Set by the bundle's first line (scripts/build.mjs): when the extension host began to run this script. */
declare const DEALCHECK_SCRIPT_STARTED: number | undefined;
const loaded = epochNow();

let stop: Deactivate | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, SERVER_SCRIPT);
  const ownScript = vscode.Uri.joinPath(context.extensionUri, EXTENSION_SCRIPT);
  const before: StartupMark[] = [
    ...(typeof DEALCHECK_SCRIPT_STARTED === 'number' ? [{ what: 'extension script', at: DEALCHECK_SCRIPT_STARTED }] : []),
    { what: 'extension script loaded', at: loaded },
  ];
  // The steps noted before activation (the worker's start, the reads ahead) and those to come
  // before the shared activation has its log.
  earlyMarks.handOver(before);
  let starting: Promise<Worker> | undefined = firstWorker(serverMain, ownScript);
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
    { before, earlyDiagnostics: true, prefetched },
  );
}

/**
 * The first worker: the one started while this script loaded (startEarly), when it is for this
 * extension's server script, else one started now. The worker starts first of all: loading its
 * script is most of the wait for the first diagnostics, and needs nothing of what the
 * activation sets up meanwhile. Its steps and log lines go where the early ones went.
 */
function firstWorker(serverMain: vscode.Uri, ownScript: vscode.Uri): Promise<Worker> {
  let starting: Promise<Worker>;
  if (early?.script === serverMain.toString()) starting = early.worker;
  else {
    // Started for another script (not this extension's, after all): not used.
    void early?.worker.then((w: Worker) => w.terminate(), () => undefined);
    earlyMarks.note('worker wanted');
    starting = startWorker(serverMain, ownScript, (message) => void earlyLog.push(message), earlyMarks.note);
  }
  // Awaited by the client's first start; a failure is its to report.
  starting.catch(() => undefined);
  return starting;
}

export async function deactivate(): Promise<void> {
  await stop?.();
  stop = undefined;
}
