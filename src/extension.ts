/**
 * The VS Code extension on the desktop (and in any Node extension host): the language server
 * runs as a Node process (dist/server.js) over IPC. Everything else is shared with the browser
 * entry (src/extension-browser.ts) in src/extension/activate.ts.
 */
import type * as vscode from 'vscode';
import { LanguageClient, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { type Deactivate, activateDealcheck } from './extension/activate';

let stop: Deactivate | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  stop = await activateDealcheck(context, 'a Node process', (clientOptions) => new LanguageClient('dealcheck', 'dealcheck', serverOptions, clientOptions));
}

export async function deactivate(): Promise<void> {
  await stop?.();
  stop = undefined;
}
