/**
 * dealcheck-ls (loaded by launcher.ts): the language server on Node, for VS Code (through the
 * extension) and for any LSP client (`dealcheck-ls --stdio`; also --node-ipc, --socket=PORT and
 * --pipe=NAME). It reads files itself unless the client offers to (the VS Code extension does).
 */
import { type Socket, createConnection as createSocket } from 'node:net';
import { pathToFileURL } from 'node:url';
import {
  IPCMessageReader,
  IPCMessageWriter,
  type MessageReader,
  type MessageWriter,
  ProposedFeatures,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
} from 'vscode-languageserver/node';
import { KnowledgeCache, builtEngineId, defaultCacheDir } from '../node/knowledge-cache';
import { bundledKnowledgeBaseFile } from './bundled-file';
import { diagnosticsJsonEncoder } from './json-encoder';
import { nodeFileAccess } from './node-files';
import { fullGarbageCollection } from './node-memory';
import { startServer } from './server';
import { epochNow } from './startup';

/** When the server's modules had loaded, for the start-up marks. */
const loaded = epochNow();

declare const DEALCHECK_VERSION: string;

/** A socket's reader and writer, as createServerSocketTransport makes them, with the diagnostics encoder. */
function socketTransport(socket: Socket): [MessageReader, MessageWriter] {
  return [new SocketMessageReader(socket), new SocketMessageWriter(socket, { contentTypeEncoder: diagnosticsJsonEncoder() })];
}

/** The transport the command line asks for, as vscode-languageserver would pick it. */
function transport(argv: string[]): [MessageReader, MessageWriter] | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [flag, value = argv[i + 1]] = argv[i].split('=');
    if (flag === '--stdio') return [new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { contentTypeEncoder: diagnosticsJsonEncoder() })];
    // Node's IPC channel encodes messages itself.
    if (flag === '--node-ipc') return [new IPCMessageReader(process), new IPCMessageWriter(process)];
    if (flag === '--socket') return socketTransport(createSocket(Number(value), '127.0.0.1'));
    if (flag === '--pipe') return socketTransport(createSocket(value));
  }
  return undefined;
}

/** The cache of built knowledge bases (src/node/knowledge-cache.ts): in a build, unless DEALCHECK_KB_CACHE is "off". */
function serverKnowledgeCache(): KnowledgeCache | undefined {
  const engine = builtEngineId();
  return engine && process.env.DEALCHECK_KB_CACHE !== 'off' ? new KnowledgeCache({ dir: defaultCacheDir(), engine }) : undefined;
}

function run(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--version')) {
    process.stdout.write(`${typeof DEALCHECK_VERSION === 'string' ? DEALCHECK_VERSION : 'dev'}\n`);
    return;
  }
  const channel = argv.includes('--help') ? undefined : transport(argv);
  if (!channel) {
    process.stdout.write('usage: dealcheck-ls --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME)\nThe dealcheck language server: diagnostics, hovers and quick-fixes for Markdown drafts.\n');
    if (!argv.includes('--help')) process.exitCode = 2;
    return;
  }
  const [reader, writer] = channel;
  // A message the reader cannot frame (a wrong Content-Length, a header line without a colon)
  // leaves it out of step with the stream for good: every later message would be lost. Exiting
  // lets the client see the server die and start a new one, instead of talking to a deaf server.
  reader.onError((error) => {
    process.stderr.write(`dealcheck-ls: exiting: cannot read the client's messages any more (${error.message.split('\n')[0]}); the client should restart the server\n`);
    process.exit(1);
  });
  let shutdown = false;
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  writer.onError(([error]) => {
    process.stderr.write(`dealcheck-ls: exiting: cannot write to the client (${error.message})\n`);
    process.exit(1);
  });
  const bundled = bundledKnowledgeBaseFile(__dirname);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  connection.onShutdown(() => {
    shutdown = true;
  });
  startServer(connection, {
    files: nodeFileAccess,
    fallbackFolder: pathToFileURL(process.cwd()).href,
    bundledKnowledgeBaseUri: bundled ? pathToFileURL(bundled).href : undefined,
    log: (message) => process.stderr.write(`${message}\n`),
    startedAt: [{ what: 'process', at: performance.timeOrigin }, { what: 'script loaded', at: loaded }],
    releaseMemory: fullGarbageCollection(),
    knowledgeCache: serverKnowledgeCache(),
  });
}

run();
