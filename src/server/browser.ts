/**
 * The language server in a web worker (vscode.dev, github.dev, VS Code's web-worker extension
 * host): the same server and engine as on Node, over postMessage. It has no file system: the
 * extension reads every file for it through `vscode.workspace.fs`.
 */
import bundledKnowledgeBaseText from 'dealcheck:bundled-knowledge-base-text';
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';

/** The worker's global scope: messages from the extension arrive here, and go back through it. */
const scope = self as unknown as Worker;
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
startServer(connection, { bundledKnowledgeBaseText, log: (message) => console.error(message) });
