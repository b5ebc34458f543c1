/** The report as GitHub-flavoured Markdown: tables a reviewer pastes into a pull request. */
import { type CoverageReport, type ReportFigure, leadingEvidence, percent, sourceValues } from './model';

/** A table cell: no line breaks, pipes escaped, and no HTML a renderer would run. */
export function cell(s: string): string {
  return s.replace(/\r\n?|\n/g, ' ').replace(/[\\|<>`*_[\]]/g, (c) => `\\${c}`);
}

/** Quotes are shortened in a table: the HTML report and the JSON carry them whole. */
const MAX_QUOTE = 160;

function shorten(s: string, max = MAX_QUOTE): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

const VERDICT: Record<ReportFigure['kind'], string> = {
  unchecked: '_unchecked_',
  conflict: '**conflict**',
  outdated: '**outdated**',
  supported: 'supported',
  unverified: '_unverified_',
};

function sources(figure: ReportFigure): string {
  if (figure.kind === 'unverified') return 'no fact in the knowledge base covers it';
  if (figure.kind === 'supported') {
    const e = leadingEvidence(figure)[0];
    return e ? `${cell(e.title)}: “${cell(shorten(e.quote))}”` : '';
  }
  return `the sources say ${cell(sourceValues(figure).join(', '))}`;
}

export function renderMarkdown(report: CoverageReport): string {
  const out: string[] = ['## dealcheck: source coverage', ''];
  out.push('| Draft | Figures | Supported | Conflicts | Outdated | Unverified | Coverage |', '|---|--:|--:|--:|--:|--:|--:|');
  for (const f of report.files) {
    const c = f.counts;
    const note = f.error ? ` (error: ${cell(f.error)})` : f.skipped ? ` (${cell(f.skipped)})` : '';
    out.push(`| ${cell(f.path)}${note} | ${c.figures} | ${c.supported} | ${c.conflict} | ${c.outdated} | ${c.unverified} | ${percent(f.coverage)} |`);
  }
  const t = report.totals;
  if (report.files.length > 1)
    out.push(`| **all ${t.files} drafts** | ${t.figures} | ${t.supported} | ${t.conflict} | ${t.outdated} | ${t.unverified} | ${percent(t.coverage)} |`);
  out.push('', 'Coverage is the share of figures a source supports; unverified figures are those no fact in the knowledge base covers.');
  for (const f of report.files) {
    if (f.unchecked.length) out.push('', ...f.unchecked.map((u) => `> ${cell(f.path)}, line ${u.line + 1}: ${cell(u.message)}`));
    if (!f.figures.length) continue;
    out.push('', `### ${cell(f.path)}`, '', '| Line | Figure | Verdict | Fact | Sources |', '|--:|---|---|---|---|');
    for (const fig of f.figures)
      out.push(`| ${fig.range.start.line + 1} | ${cell(fig.text)} | ${VERDICT[fig.kind]} | ${cell(fig.statement ?? '—')} | ${sources(fig)} |`);
  }
  return out.join('\n') + '\n';
}
