/**
 * "dealcheck: Show source coverage": the coverage report of the current draft in a webview
 * beside it: every figure with its verdict (supported, conflict, unverified), the sources'
 * values and quotes, and the share of checkable figures the sources back. The page is static
 * HTML (no scripts) with a strict content security policy.
 */
import * as vscode from 'vscode';
import type { Finding } from '../diagnostics/finding';
import type { ReportResult } from '../server/protocol';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const VERDICT: Record<Finding['kind'], string> = {
  supported: 'supported',
  conflict: 'conflict',
  outdated: 'outdated',
  unverified: 'unverified',
  unchecked: 'not checked',
};

/** The supported share of the figures a fact covers; undefined when none is covered. */
export function coverage(findings: readonly Finding[]): { checkable: number; supported: number; share: number | undefined } {
  const checkable = findings.filter((f) => f.kind !== 'unverified' && f.kind !== 'unchecked').length;
  const supported = findings.filter((f) => f.kind === 'supported').length;
  return { checkable, supported, share: checkable ? supported / checkable : undefined };
}

/** The report page for one draft. */
export function renderCoverageHtml(report: ReportResult, title: string, cspSource: string): string {
  const { findings } = report;
  const c = coverage(findings);
  const count = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).length;
  const rows = findings
    .map((f) => {
      const evidence = f.evidence
        .map((e) => `<li class="${e.agrees ? 'agrees' : 'disagrees'}"><b>${escapeHtml(e.value)}</b> — <i>${escapeHtml(e.title)}</i><blockquote>${escapeHtml(e.quote)}</blockquote></li>`)
        .join('');
      return `<tr class="${f.kind}"><td>${f.range.start.line + 1}:${f.range.start.character + 1}</td><td><code>${escapeHtml(f.text)}</code></td><td>${VERDICT[f.kind]}</td><td>${escapeHtml(f.statement ?? '')}${evidence ? `<ul>${evidence}</ul>` : ''}</td></tr>`;
    })
    .join('\n');
  const share = c.share === undefined ? 'no figure is covered by the knowledge base' : `${Math.round(c.share * 100)}% (${c.supported} of ${c.checkable} checkable figures supported)`;
  const note = report.failed ? '<p class="problem">dealcheck could not check this draft: an internal error (see the dealcheck output).</p>' : report.skipped ? `<p class="problem">${escapeHtml(report.skipped)}</p>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid var(--vscode-panel-border); padding: 4px 8px; text-align: left; vertical-align: top; }
tr.conflict td:nth-child(3) { color: var(--vscode-editorWarning-foreground); }
tr.supported td:nth-child(3) { color: var(--vscode-testing-iconPassed); }
tr.unverified td:nth-child(3) { color: var(--vscode-descriptionForeground); }
blockquote { margin: 2px 0 6px 12px; color: var(--vscode-descriptionForeground); }
</style></head><body>
<h1>Source coverage: ${escapeHtml(title)}</h1>
${note}
<p>Coverage: ${share}. Figures: ${findings.length}; supported ${count('supported')}, conflicts ${count('conflict')}, outdated ${count('outdated')}, unverified ${count('unverified')}.</p>
<table><thead><tr><th>where</th><th>figure</th><th>verdict</th><th>fact and sources</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}

/** Shows the report of `uri` (the active draft) in a webview beside it, replacing an earlier one. */
export class CoverageView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  show(report: ReportResult, title: string): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('dealcheck.coverage', `Coverage: ${title}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, enableFindWidget: true });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.title = `Coverage: ${title}`;
    this.panel.webview.html = renderCoverageHtml(report, title, this.panel.webview.cspSource);
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
