/**
 * The language server in a web worker (vscode.dev, github.dev, VS Code's web-worker extension
 * host): the same server and engine as on Node, over postMessage. It has no file system: the
 * extension reads every file for it through `vscode.workspace.fs`.
 */
import bundledKnowledgeBaseText from 'dealcheck:bundled-knowledge-base-text';
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';
import type { StartupMark } from './protocol';
import { epochNow } from './startup';

/** Set by the bundle's first line (scripts/build.mjs): when the worker began to run its script. */
declare const DEALCHECK_SCRIPT_STARTED: number | undefined;

const loaded = epochNow();
/** How the script came over the network, if the browser says: the rest of its start was compiling it. */
const fetched = scriptFetch();
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
    ...fetched,
    { what: 'script loaded', at: loaded },
  ],
});

/**
 * The script's request from its resource timing entry: when it was sent (after any wait for a
 * connection or the HTTP cache), when its answer began (the server's time) and when it had
 * arrived, with the bytes that came over the wire; none where the browser does not say.
 */
function scriptFetch(): StartupMark[] {
  if (typeof performance.getEntriesByType !== 'function') return [];
  const entry = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /server\.js(?:[?&#]|$)/.test(e.name)).pop();
  if (!entry?.responseEnd) return [];
  const at = (ms: number) => performance.timeOrigin + ms;
  return [
    ...(entry.requestStart ? [{ what: 'script requested', at: at(entry.requestStart) }] : []),
    ...(entry.responseStart ? [{ what: 'script answered', at: at(entry.responseStart) }] : []),
    { what: 'script fetched', at: at(entry.responseEnd), ...(entry.transferSize ? { detail: `${entry.transferSize} bytes` } : {}) },
  ];
}
