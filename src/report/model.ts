/**
 * The source-coverage report: for each draft, every figure found with its verdict (supported,
 * conflict, outdated, unverified), its sources, and the supported share of its figures. Pure (no
 * Node, no editor), so the CLI and the VS Code extension's webview build the same report.
 */
import * as z from 'zod';
import { Finding } from '../diagnostics/finding';

/** A figure as the report lists it: a finding without its fixes (a report edits nothing). */
export const ReportFigure = Finding.omit({ fixes: true });
export type ReportFigure = z.infer<typeof ReportFigure>;

export const Counts = z.object({
  /** Every figure found: each is of a type dealcheck checks (money, percent, …). */
  figures: z.number().int(),
  supported: z.number().int(),
  conflict: z.number().int(),
  outdated: z.number().int(),
  /** Figures no fact of the knowledge base covers: nothing checked them. */
  unverified: z.number().int(),
});
export type Counts = z.infer<typeof Counts>;

/** supported ÷ figures, from 0 to 1; null for a draft with no figure. */
const Coverage = z.number().min(0).max(1).nullable();

export const FileCoverage = z.object({
  path: z.string(),
  counts: Counts,
  coverage: Coverage,
  /** In document order. */
  figures: z.array(ReportFigure),
  /** Paragraphs dealcheck could not check (an error, the time budget, nesting): their figures are not counted. */
  unchecked: z.array(z.object({ line: z.number().int(), message: z.string() })),
  /** Set when the draft was deliberately not checked (too large, not text), with the reason. */
  skipped: z.string().optional(),
  /** Set when the draft could not be read or checked, with the reason. */
  error: z.string().optional(),
});
export type FileCoverage = z.infer<typeof FileCoverage>;

/** `dealcheck report --format json`: the documented contract. */
export const CoverageReport = z.object({
  version: z.literal(1),
  files: z.array(FileCoverage),
  totals: Counts.extend({ files: z.number().int(), coverage: Coverage }),
});
export type CoverageReport = z.infer<typeof CoverageReport>;

/** What a front end hands the report for one draft: its text (for the HTML view) and the engine's findings. */
export interface ReportInput {
  path: string;
  text: string;
  /** From checkDocument(text, kb, { includeSupported: true, includeUnverified: true }). */
  findings: readonly Finding[];
  skipped?: string;
  error?: string;
}

export function emptyCounts(): Counts {
  return { figures: 0, supported: 0, conflict: 0, outdated: 0, unverified: 0 };
}

export function coverageOf(c: Counts): number | null {
  return c.figures ? c.supported / c.figures : null;
}

function fileCoverage(input: ReportInput): FileCoverage {
  const counts = emptyCounts();
  const figures: ReportFigure[] = [];
  const unchecked: FileCoverage['unchecked'] = [];
  for (const { fixes: _fixes, ...finding } of input.findings) {
    if (finding.kind === 'unchecked') {
      unchecked.push({ line: finding.range.start.line, message: finding.message });
      continue;
    }
    counts.figures++;
    counts[finding.kind]++;
    figures.push(finding);
  }
  return {
    path: input.path,
    counts,
    coverage: coverageOf(counts),
    figures,
    unchecked,
    ...(input.skipped !== undefined ? { skipped: input.skipped } : {}),
    ...(input.error !== undefined ? { error: input.error } : {}),
  };
}

export function coverageReport(inputs: readonly ReportInput[]): CoverageReport {
  const files = inputs.map(fileCoverage);
  const totals = emptyCounts();
  for (const f of files) for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += f.counts[k];
  return { version: 1, files, totals: { files: files.length, ...totals, coverage: coverageOf(totals) } };
}

/** "62%"; "n/a" for a draft with no figure. */
export function percent(coverage: number | null): string {
  return coverage === null ? 'n/a' : `${Math.round(coverage * 100)}%`;
}

/** The sources a reader should see first: those that agree, else all, best first (the engine's order). */
export function leadingEvidence(figure: ReportFigure): ReportFigure['evidence'] {
  const agreeing = figure.evidence.filter((e) => e.agrees);
  return agreeing.length ? agreeing : figure.evidence;
}

/** The distinct values the sources give, best first: "$25 billion", "up to $4 billion". */
export function sourceValues(figure: ReportFigure): string[] {
  return [...new Set(figure.evidence.map((e) => e.value))];
}
