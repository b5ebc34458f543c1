/** The report for a terminal: one line per figure under a coverage line per draft. */
import type { FindingKind } from '../diagnostics/finding';
import { type CoverageReport, type FileCoverage, type ReportFigure, leadingEvidence, percent, sourceValues } from './model';

/** Colour functions; identity ones for plain text. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  magenta(s: string): string;
}

const plain = (s: string) => s;
export const PLAIN: Style = { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, magenta: plain };

const VERDICT_WIDTH = 'unverified'.length;

function verdictStyle(style: Style, kind: FindingKind): (s: string) => string {
  return { conflict: style.red, outdated: style.magenta, supported: style.green, unverified: style.yellow, unchecked: style.dim }[kind];
}

/** What the figure is checked against, in one line. */
export function figureDetail(figure: ReportFigure): string {
  if (figure.kind === 'unverified') return 'no fact in the knowledge base covers it';
  const about = figure.statement ?? '';
  if (figure.kind === 'supported') {
    const e = leadingEvidence(figure)[0];
    return e ? `${about}: ${e.title}${e.publisher ? ` (${e.publisher})` : ''}` : about;
  }
  return `${about}: the sources say ${sourceValues(figure).join(', ')}`;
}

export function countsLine(c: FileCoverage['counts'], coverage: number | null): string {
  return `${c.figures} figure${c.figures === 1 ? '' : 's'}: ${c.supported} supported, ${c.conflict} conflict${c.conflict === 1 ? '' : 's'}, ${
    c.outdated ? `${c.outdated} outdated, ` : ''
  }${c.unverified} unverified; coverage ${percent(coverage)}`;
}

export function renderText(report: CoverageReport, style: Style = PLAIN): string {
  return [...textChunks(report, style)].join('');
}

/** Chunk by chunk, so a very large report is never one string. */
export function* textChunks(report: CoverageReport, style: Style = PLAIN): Generator<string> {
  for (const file of report.files) {
    if (file.error) {
      yield `${style.bold(file.path)}: ${style.red(`error: ${file.error}`)}\n\n`;
      continue;
    }
    if (file.skipped) {
      yield `${style.bold(file.path)}: ${style.dim(file.skipped)}\n\n`;
      continue;
    }
    yield `${style.bold(file.path)}  ${countsLine(file.counts, file.coverage)}\n`;
    const width = Math.max(0, ...file.figures.map((f) => f.text.length));
    for (const f of file.figures) {
      const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`.padEnd(8);
      yield `  ${style.dim(where)}${verdictStyle(style, f.kind)(f.kind.padEnd(VERDICT_WIDTH))}  ${f.text.padEnd(width)}  ${figureDetail(f)}\n`;
    }
    for (const u of file.unchecked) yield `  ${style.dim(`${u.line + 1}:1`.padEnd(8))}${style.yellow('unchecked'.padEnd(VERDICT_WIDTH))}  ${u.message}\n`;
    yield '\n';
  }
  const t = report.totals;
  yield style.bold(`${t.files} draft${t.files === 1 ? '' : 's'}, ${countsLine(t, t.coverage)}`) + '\n';
}
