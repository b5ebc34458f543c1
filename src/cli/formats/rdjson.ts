/**
 * reviewdog's Diagnostic Format (rdjson, https://github.com/reviewdog/reviewdog/tree/master/proto/rdf):
 * `reviewdog -f=rdjson` posts each conflict as a review comment, with the source's value as a
 * suggested change. Lines are 1-based and columns count UTF-8 bytes from 1, as rdjson defines;
 * figures a source supports are passing results and are left out.
 */
import type { Finding } from '../../diagnostics/finding';
import { lineStarts } from '../../report/positions';
import type { Checked } from '../check-files';
import { LazyList, jsonChunks } from '../json-stream';
import { DOCS_URL } from '../rules';
import { preferredFix } from '../fix';

const SEVERITY: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARNING', information: 'INFO', hint: 'INFO' };

function positions(text: string) {
  const starts = lineStarts(text);
  return (p: Finding['range']['start']) => {
    const lineText = text.slice(starts[p.line] ?? text.length, (starts[p.line] ?? text.length) + p.character);
    return { line: p.line + 1, column: Buffer.byteLength(lineText, 'utf8') + 1 };
  };
}

function* diagnostics(files: readonly Checked[]) {
  for (const file of files) {
    if (file.error) yield { message: `dealcheck could not check this file: ${file.error}`, location: { path: file.path }, severity: 'ERROR' };
    const at = positions(file.text ?? '');
    for (const f of file.findings) {
      if (f.kind !== 'conflict' && f.kind !== 'outdated') continue;
      const range = (r: Finding['range']) => ({ start: at(r.start), end: at(r.end) });
      const figureEdit = preferredFix(f)?.edits.find((e) => e.range.start.line === f.range.start.line && e.range.start.character === f.range.start.character);
      yield {
        message: f.message,
        location: { path: file.path, range: range(f.range) },
        severity: SEVERITY[f.severity],
        code: { value: f.code, url: `${DOCS_URL}#${f.code}` },
        ...(figureEdit ? { suggestions: [{ range: range(figureEdit.range), text: figureEdit.newText }] } : {}),
      };
    }
  }
}

export function* rdjsonChunks(files: readonly Checked[]): Generator<string> {
  yield* jsonChunks({ source: { name: 'dealcheck', url: DOCS_URL }, diagnostics: new LazyList(() => diagnostics(files)) });
  yield '\n';
}
