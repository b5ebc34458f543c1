/**
 * `dealcheck report PATH...`: every figure of each draft with its verdict (supported, conflict,
 * outdated, unverified) and its sources, and each draft's coverage. The model and renderers are
 * in src/report/ (pure, shared with the editor); this is the command line around them.
 */
import { REPORT_FORMATS, type ReportFormat, type ReportInput, type Style, coverageReport, renderHtml, renderMarkdown, textChunks } from '../report';
import type { Checked } from './check-files';
import { type Io, writeAll } from './io';
import { batched, jsonChunks } from './json-stream';
import { type RunOptions, finish, loadRun, parseRunArgs } from './run';
import { styleFor } from './style';

export const REPORT_USAGE = `usage: dealcheck report [--format text|json|markdown|html] [options] PATH...

Lists every figure in each draft with its verdict: supported (a source says so, with its
words), conflict (no source says so), outdated (a newer source says otherwise) and unverified
(no fact in the knowledge base covers it), and each draft's coverage: the share of its figures
a source supports.

  --format text|json|markdown|html   output format (default text); html is one self-contained page
  -o, --output FILE                  write the report to FILE
COMMON_OPTIONS`;

function inputs(files: readonly Checked[]): ReportInput[] {
  return files.map((f) => ({ path: f.path, text: f.text ?? '', findings: f.findings, ...(f.skipped ? { skipped: f.skipped } : {}), ...(f.error ? { error: f.error } : {}) }));
}

export function* reportChunks(files: readonly Checked[], format: ReportFormat, style: Style): Generator<string> {
  const all = inputs(files);
  const report = coverageReport(all);
  if (format === 'json') {
    yield* jsonChunks(report);
    yield '\n';
  } else if (format === 'markdown') yield renderMarkdown(report);
  else if (format === 'html') yield renderHtml(report, new Map(all.map((i) => [i.path, i.text])));
  else yield* textChunks(report, style);
}

export async function runReport(argv: string[], io: Io): Promise<number> {
  const parsed = parseRunArgs(argv, io, { command: 'report', usage: REPORT_USAGE, formats: REPORT_FORMATS });
  if (typeof parsed === 'number') return parsed;
  const options: RunOptions = { ...parsed, checkOptions: { includeSupported: true, includeUnverified: true, withFixes: false } };
  const prepared = await loadRun(options, io);
  if (typeof prepared === 'number') return prepared;
  const files = await prepared.check();
  const format = options.format as ReportFormat;
  const style = styleFor(options, io, format === 'text');
  return finish(files, options, prepared, io, (out) => writeAll(out, batched(reportChunks(files, format, style))));
}
