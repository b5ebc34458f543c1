/** The JSON contract other tools build on (`Report` in finding.ts): positions 0-based, UTF-16 characters. */
import type { Report } from '../../diagnostics/finding';
import type { Checked } from '../check-files';
import { jsonChunks } from '../json-stream';

export function toReport(files: readonly Checked[]): Report {
  return {
    version: 1,
    files: files.map((f) => ({
      path: f.path,
      findings: f.findings,
      ...(f.skipped ? { skipped: f.skipped } : {}),
      ...(f.error ? { error: f.error } : {}),
    })),
  };
}

export function* jsonReportChunks(files: readonly Checked[]): Generator<string> {
  yield* jsonChunks(toReport(files));
  yield '\n';
}
