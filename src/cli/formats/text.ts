/** For people: `file:line:col  severity  message  (code)`, 1-based like editors show. */
import type { Checked } from '../check-files';
import { plural } from '../io';
import type { Style } from '../../report/text';
import { PLAIN } from '../../report/text';

type Counts = { conflicts: number; outdated: number; supported: number; errors: number; hidden: number; filesWithConflicts: number; files: number };

/**
 * The summary line: conflicts and outdated figures counted apart, in how many of the files
 * checked, then supported figures and what --quiet hid. Counted over every finding, so "--quiet"
 * never prints "0 conflicts" above an exit status of 1.
 */
export function summaryOf(c: Counts): string {
  const flagged = c.conflicts + c.outdated > 0;
  const where = flagged && c.filesWithConflicts < c.files ? `${c.filesWithConflicts} of ${plural(c.files, 'file')}` : plural(c.files, 'file');
  const parts = [
    `${plural(c.conflicts, 'conflict')}${c.outdated ? `, ${c.outdated} outdated` : ''} in ${where}`,
    c.supported ? `${c.supported} supported` : '',
    c.errors ? `${plural(c.errors, 'file')} could not be checked` : '',
    c.hidden ? `${plural(c.hidden, 'finding')} not shown (--quiet shows errors only)` : '',
  ];
  return `${parts.filter(Boolean).join('; ')}.`;
}

function countsOf(files: readonly Checked[], shown: (f: Checked['findings'][number]) => boolean): Counts {
  const c: Counts = { conflicts: 0, outdated: 0, supported: 0, errors: 0, hidden: 0, filesWithConflicts: 0, files: files.length };
  for (const file of files) {
    if (file.error) c.errors++;
    if (file.findings.some((f) => f.kind === 'conflict' || f.kind === 'outdated')) c.filesWithConflicts++;
    for (const f of file.findings) {
      if (f.kind === 'conflict') c.conflicts++;
      else if (f.kind === 'outdated') c.outdated++;
      else if (f.kind === 'supported') c.supported++;
      if (!shown(f)) c.hidden++;
    }
  }
  return c;
}

/** One line per finding (`path:line:col  severity  message  (code)`), then the summary; --quiet keeps the errors' lines only. */
export function* textChunks(files: readonly Checked[], style: Style = PLAIN, quiet = false): Generator<string> {
  const shown = (f: Checked['findings'][number]) => !quiet || f.severity === 'error';
  const severityStyle = { error: style.red, warning: style.yellow, information: style.dim, hint: style.dim };
  for (const file of files) {
    if (file.error) yield `${file.path}: ${style.red(`error: ${file.error}`)}\n`;
    if (file.skipped) yield `${file.path}: ${file.skipped}\n`;
    for (const f of file.findings.filter(shown)) {
      yield `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${severityStyle[f.severity](f.severity)}  ${f.message}  ${style.dim(`(${f.code})`)}\n`;
    }
  }
  const counts = countsOf(files, shown);
  const summary = summaryOf(counts);
  yield `${counts.conflicts || counts.outdated || counts.errors ? style.bold(summary) : summary}\n`;
}
