/**
 * The VS Code extension: starts the dealcheck language server for Markdown and adds the commands
 * and the status bar item. All checking happens in the server, off the editor's thread.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  CHECK_WORKSPACE_REQUEST,
  type CheckWorkspaceResult,
  FACT_AT_REQUEST,
  type FactAtParams,
  type FactAtResult,
  STATUS_NOTIFICATION,
  type StatusParams,
} from './server/protocol';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel: output,
    initializationOptions: {
      // Untrusted workspaces: only the bundled knowledge base, no workspace file is read.
      trusted: vscode.workspace.isTrusted,
      settings: vscode.workspace.getConfiguration('dealcheck'),
      commandLinks: true,
    },
    middleware: {
      // The hover's "Open source" and "Show fact" links run these two commands, and only these.
      async provideHover(document, position, token, next) {
        const hover = await next(document, position, token);
        for (const c of hover?.contents ?? []) if (c instanceof vscode.MarkdownString) c.isTrusted = { enabledCommands: ['dealcheck.openSource', 'dealcheck.showFact'] };
        return hover;
      },
    },
  };
  return new LanguageClient('dealcheck', 'dealcheck', serverOptions, clientOptions);
}

class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dealcheck.status', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, StatusParams>();

  constructor() {
    this.item.name = 'dealcheck';
    this.item.command = 'workbench.actions.view.problems';
  }

  set(status: StatusParams): void {
    this.byUri.set(status.uri, status);
    this.refresh();
  }

  refresh(): void {
    const editor = vscode.window.activeTextEditor;
    const status = editor && editor.document.languageId === 'markdown' ? this.byUri.get(editor.document.uri.toString()) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    const kb = status.knowledgeBaseProblems ? ` · $(error) knowledge base: ${status.knowledgeBaseProblems}` : '';
    if (status.skipped) this.item.text = `$(circle-slash) dealcheck: skipped${kb}`;
    else this.item.text = `${status.conflicts ? '$(warning)' : '$(check)'} ${status.conflicts} conflict${status.conflicts === 1 ? '' : 's'} · ${status.supported} supported${kb}`;
    this.item.tooltip = status.skipped
      ? `dealcheck ${status.skipped}`
      : `dealcheck: ${status.conflicts} figure(s) no source supports, ${status.supported} figure(s) the sources support. Click for the Problems panel.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** From a hover link: the figure hovered; from the palette: the figure at the cursor. */
async function factAt(at?: FactAtParams): Promise<FactAtResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!at && editor) {
    const p = editor.selection.active;
    at = { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } };
  }
  if (!at || !client) return undefined;
  const fact = await client.sendRequest<FactAtResult | null>(FACT_AT_REQUEST, at);
  if (!fact) void vscode.window.showInformationMessage('dealcheck: no checked figure at the cursor.');
  return fact ?? undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('dealcheck', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status, vscode.window.onDidChangeActiveTextEditor(() => status.refresh()));

  const start = async () => {
    client = createClient(context, output);
    client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => status.set(s));
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('dealcheck.checkWorkspace', async () => {
      if (!client) return;
      const result = await client.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(`dealcheck: ${result.conflicts} conflict(s) in ${result.files} Markdown file(s).`);
    }),
    vscode.commands.registerCommand('dealcheck.showFact', async (at?: FactAtParams) => {
      const fact = await factAt(at);
      if (!fact) return;
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: fact.markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }),
    vscode.commands.registerCommand('dealcheck.openSource', async (at?: FactAtParams) => {
      const fact = await factAt(at);
      if (!fact) return;
      if (!fact.locations.length) {
        void vscode.window.showInformationMessage('dealcheck: the cited sources are not on disk; set "dealcheck.sourcesFolder" to open them.');
        return;
      }
      const pick =
        fact.locations.length === 1
          ? fact.locations[0]
          : await vscode.window.showQuickPick(fact.locations.map((l) => ({ label: l.title, description: vscode.Uri.parse(l.uri).fsPath.split(/[\\/]/).pop(), location: l })), { placeHolder: 'Open which source?' }).then((p) => p?.location);
      if (!pick) return;
      const position = new vscode.Position(pick.line, 0);
      await vscode.window.showTextDocument(vscode.Uri.parse(pick.uri), { selection: new vscode.Range(position, position), preview: true });
    }),
    vscode.commands.registerCommand('dealcheck.restartServer', async () => {
      await client?.restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      // Trust changes what the server may read: start it again with the new answer.
      await client?.stop();
      await start();
    }),
  );

  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
