/**
 * GitHub Actions workflow commands (`::warning file=…,line=…::message`): each conflict becomes an
 * annotation on the pull request's diff, with no upload step. Supported figures are left out.
 * Escaping follows @actions/core: %, CR and LF in the message; also : and , in properties.
 */
import type { Finding } from '../../diagnostics/finding';
import type { Checked } from '../check-files';

const COMMAND: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function* githubChunks(files: readonly Checked[]): Generator<string> {
  for (const file of files) {
    const path = escapeProperty(file.path.replace(/\\/g, '/'));
    if (file.error) yield `::error file=${path},title=${escapeProperty('dealcheck could not check this file')}::${escapeData(file.error)}\n`;
    for (const f of file.findings) {
      if (f.kind !== 'conflict' && f.kind !== 'outdated') continue;
      const { start, end } = f.range;
      const props = `file=${path},line=${start.line + 1},endLine=${end.line + 1},col=${start.character + 1},endColumn=${end.character + 1},title=${escapeProperty(`dealcheck ${f.code}`)}`;
      yield `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}\n`;
    }
  }
}
