/**
 * The language server in a web worker (vscode.dev, github.dev, VS Code's web-worker extension
 * host): the same server and engine as on Node, over postMessage. It has no file system: the
 * extension reads every file for it through `vscode.workspace.fs`.
 */
import bundledKnowledgeBaseText from 'dealcheck:bundled-knowledge-base-text';
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';
import { epochNow } from './startup';

/** Set by the bundle's first line (scripts/build.mjs): when the worker began to run its script. */
declare const DEALCHECK_SCRIPT_STARTED: number | undefined;

const loaded = epochNow();
/** When the script had arrived over the network, if the browser says: the rest of its start was compiling it. */
const arrived = scriptArrived();
/** The worker's global scope: messages from the extension arrive here, and go back through it. */
const scope = self as unknown as Worker;
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
startServer(connection, {
  bundledKnowledgeBaseText,
  log: (message) => console.error(message),
  // Its files come through the extension: the first check's one-time costs are paid meanwhile.
  warmUp: true,
  startedAt: [
    { what: 'worker', at: performance.timeOrigin },
    ...(typeof DEALCHECK_SCRIPT_STARTED === 'number' ? [{ what: 'script', at: DEALCHECK_SCRIPT_STARTED }] : []),
    ...(arrived === undefined ? [] : [{ what: 'script fetched', at: arrived }]),
    { what: 'script loaded', at: loaded },
  ],
});

function scriptArrived(): number | undefined {
  if (typeof performance.getEntriesByType !== 'function') return undefined;
  const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /server\.js(?:[?&#]|$)/.test(e.name)).pop();
  return entry?.responseEnd ? performance.timeOrigin + entry.responseEnd : undefined;
}
