/**
 * dealcheck-ls (loaded by launcher.ts): the language server, for VS Code (through the extension) and for any LSP client
 * (`dealcheck-ls --stdio`; also --node-ipc and --socket=PORT).
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

declare const DEALCHECK_VERSION: string;

if (process.argv.includes('--version')) {
  process.stdout.write(`${typeof DEALCHECK_VERSION === 'string' ? DEALCHECK_VERSION : 'dev'}\n`);
} else if (process.argv.includes('--help') || !process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
  process.stdout.write('usage: dealcheck-ls --stdio   (or --node-ipc, --socket=PORT)\nThe dealcheck language server: diagnostics, hovers and quick-fixes for Markdown drafts.\n');
  if (!process.argv.includes('--help')) process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all), { bundleDir: __dirname });
}
