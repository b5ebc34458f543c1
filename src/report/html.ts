/**
 * The report as one self-contained HTML page: inline CSS, no script, nothing fetched (its CSP
 * forbids it), so it can be attached to a CI run, mailed, or shown in an editor's webview. Each
 * draft is shown as written, every figure highlighted with its verdict and its source's words
 * inline, under a table of each draft's coverage.
 */
import type { FindingKind } from '../diagnostics/finding';
import { type CoverageReport, type FileCoverage, type ReportFigure, leadingEvidence, percent, sourceValues } from './model';
import { lineStarts, offsetAt } from './positions';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const LABEL: Record<FindingKind, string> = { conflict: 'conflict', outdated: 'outdated', supported: 'supported', unverified: 'unverified', unchecked: 'unchecked' };

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --conflict: #d1242f; --conflict-bg: #ffebe9; --outdated: #8250df; --outdated-bg: #fbefff;
  --supported: #1a7f37; --supported-bg: #dafbe1; --unverified: #9a6700; --unverified-bg: #fff8c5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
  --conflict: #ff7b72; --conflict-bg: #4b1113; --outdated: #d2a8ff; --outdated-bg: #2e1b4e;
  --supported: #7ee787; --supported-bg: #0f3a1e; --unverified: #e3b341; --unverified-bg: #3b2d00; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .25rem; font-family: ui-monospace, monospace; }
p.summary, p.counts { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; font-family: ui-monospace, monospace; }
td.coverage { width: 12rem; }
.bar { display: inline-block; width: 6rem; height: .6rem; background: var(--line); border-radius: .3rem; vertical-align: middle; margin-left: .4rem; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--supported); }
.legend span { margin-right: 1rem; }
.draft { white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.7 ui-monospace, "SFMono-Regular", Menlo, monospace; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
mark { color: inherit; border-radius: 3px; padding: 0 .15em; font-weight: 600; }
.note { font: 12.5px/1.45 system-ui, sans-serif; margin: 0 .3em; padding: .05em .45em; border-radius: 4px; border-left: 3px solid; white-space: normal; }
.note b { text-transform: uppercase; font-size: .85em; letter-spacing: .03em; }
.note q { font-style: italic; }
.note cite { font-style: normal; color: var(--muted); }
.conflict { --c: var(--conflict); --cb: var(--conflict-bg); } .outdated { --c: var(--outdated); --cb: var(--outdated-bg); }
.supported { --c: var(--supported); --cb: var(--supported-bg); } .unverified { --c: var(--unverified); --cb: var(--unverified-bg); }
mark.conflict, mark.outdated, mark.supported, mark.unverified { background: var(--cb); box-shadow: inset 0 -2px 0 var(--c); }
.note.conflict, .note.outdated, .note.supported, .note.unverified { background: var(--cb); border-color: var(--c); }
.note b, .legend b { color: var(--c); }
.error { color: var(--conflict); }
`;

function note(figure: ReportFigure): string {
  const kind = `<b>${LABEL[figure.kind]}</b>`;
  if (figure.kind === 'unverified') return `${kind} no fact in the knowledge base covers this figure`;
  const about = figure.statement ? ` ${escapeHtml(figure.statement)}` : '';
  const e = leadingEvidence(figure)[0];
  const quote = e ? ` <q>${escapeHtml(e.quote)}</q> <cite>${escapeHtml(e.title)}${e.publisher ? `, ${escapeHtml(e.publisher)}` : ''}${e.date ? `, ${escapeHtml(e.date)}` : ''}</cite>` : '';
  if (figure.kind === 'supported') return `${kind}${about}:${quote}`;
  return `${kind}${about}: the sources say ${escapeHtml(sourceValues(figure).join(', '))}.${quote}`;
}

/** The draft's text with each figure marked and annotated where it stands. */
function annotated(text: string, figures: readonly ReportFigure[]): string {
  const starts = lineStarts(text);
  const parts: string[] = [];
  let at = 0;
  figures.forEach((figure, i) => {
    const start = offsetAt(starts, text.length, figure.range.start);
    const end = offsetAt(starts, text.length, figure.range.end);
    // Figures never overlap; should one, it is annotated without a second highlight.
    if (start < at) {
      parts.push(`<span class="note ${figure.kind}">${note(figure)}</span>`);
      return;
    }
    parts.push(escapeHtml(text.slice(at, start)));
    parts.push(`<mark class="${figure.kind}" id="figure-${i + 1}" title="${LABEL[figure.kind]}">${escapeHtml(text.slice(start, end))}</mark>`);
    parts.push(`<span class="note ${figure.kind}">${note(figure)}</span>`);
    at = end;
  });
  parts.push(escapeHtml(text.slice(at)));
  return parts.join('');
}

function countsCells(c: FileCoverage['counts'], coverage: number | null): string {
  const bar = coverage === null ? '' : `<span class="bar" aria-hidden="true"><span style="width:${Math.round(coverage * 100)}%"></span></span>`;
  return `<td>${c.figures}</td><td>${c.supported}</td><td>${c.conflict}</td><td>${c.outdated}</td><td>${c.unverified}</td><td class="coverage">${percent(coverage)}${bar}</td>`;
}

export function renderHtml(report: CoverageReport, texts: ReadonlyMap<string, string>, title = 'dealcheck: source coverage'): string {
  const t = report.totals;
  const rows = report.files.map((f) => {
    const status = f.error ? ` <span class="error">error: ${escapeHtml(f.error)}</span>` : f.skipped ? ` (${escapeHtml(f.skipped)})` : '';
    return `<tr><td><a href="#draft-${report.files.indexOf(f) + 1}">${escapeHtml(f.path)}</a>${status}</td>${countsCells(f.counts, f.coverage)}</tr>`;
  });
  if (report.files.length > 1) rows.push(`<tr><td><b>all ${t.files} drafts</b></td>${countsCells(t, t.coverage)}</tr>`);
  const sections = report.files.map((f, i) => {
    const head = `<section id="draft-${i + 1}"><h2>${escapeHtml(f.path)}</h2>`;
    if (f.error) return `${head}<p class="counts error">Not checked: ${escapeHtml(f.error)}</p></section>`;
    if (f.skipped) return `${head}<p class="counts">Not checked: ${escapeHtml(f.skipped)}</p></section>`;
    const c = f.counts;
    const counts = `<p class="counts">${c.figures} figures: ${c.supported} supported, ${c.conflict} conflicting, ${c.outdated} outdated, ${c.unverified} unverified. Coverage ${percent(f.coverage)}.</p>`;
    const unchecked = f.unchecked.map((u) => `<p class="counts error">Line ${u.line + 1}: ${escapeHtml(u.message)}</p>`).join('');
    return `${head}${counts}${unchecked}<div class="draft">${annotated(texts.get(f.path) ?? '', f.figures)}</div></section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${t.files} draft${t.files === 1 ? '' : 's'}, ${t.figures} figures; coverage ${percent(t.coverage)} (the share of figures a source supports).</p>
<p class="legend"><span class="supported"><b>supported</b> a source says so</span><span class="conflict"><b>conflict</b> no source says so</span><span class="outdated"><b>outdated</b> a newer source says otherwise</span><span class="unverified"><b>unverified</b> no fact covers it</span></p>
<table>
<thead><tr><th>Draft</th><th>Figures</th><th>Supported</th><th>Conflicts</th><th>Outdated</th><th>Unverified</th><th>Coverage</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${sections.join('\n')}
</body>
</html>
`;
}

