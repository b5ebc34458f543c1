/** For people: `file:line:col  severity  message  (code)`, 1-based like editors show. */
import type { Checked } from '../check-files';
import { plural } from '../io';
import type { Style } from '../../report/text';
import { PLAIN } from '../../report/text';

export function* textChunks(files: readonly Checked[], style: Style = PLAIN): Generator<string> {
  let conflicts = 0;
  let supported = 0;
  let errors = 0;
  const severityStyle = { error: style.red, warning: style.yellow, information: style.dim, hint: style.dim };
  for (const file of files) {
    if (file.error) {
      errors++;
      yield `${file.path}: ${style.red(`error: ${file.error}`)}\n`;
    }
    if (file.skipped) yield `${file.path}: ${file.skipped}\n`;
    for (const f of file.findings) {
      if (f.kind === 'conflict' || f.kind === 'outdated') conflicts++;
      else if (f.kind === 'supported') supported++;
      yield `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${severityStyle[f.severity](f.severity)}  ${f.message}  ${style.dim(`(${f.code})`)}\n`;
    }
  }
  const summary = `${plural(conflicts, 'conflict')}${supported ? `, ${supported} supported` : ''} in ${plural(files.length, 'file')}${
    errors ? `; ${plural(errors, 'file')} could not be checked` : ''
  }.`;
  yield `${conflicts || errors ? style.bold(summary) : summary}\n`;
}
