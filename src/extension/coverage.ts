/**
 * "dealcheck: Show source coverage": the coverage report of the current draft (src/report/, the
 * same page as `dealcheck report --format html`, rendered by the server) in a webview beside it:
 * every figure highlighted with its verdict and its source's words, and the share the sources
 * back. The page has no script and a strict content security policy of its own.
 */
import * as vscode from 'vscode';
import type { ReportResult } from '../server/protocol';

export class CoverageView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  /** Shows the report in a webview beside the editor, replacing an earlier one. */
  show(report: ReportResult): void {
    const title = `Coverage: ${report.name.split('/').pop()}`;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('dealcheck.coverage', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, enableFindWidget: true });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.title = title;
    this.panel.webview.html = report.html;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
