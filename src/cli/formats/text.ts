/** For people: `file:line:col  severity  message  (code)`, 1-based like editors show. */
import type { Report } from '../../diagnostics/finding';

export function formatText(report: Report): string {
  const lines: string[] = [];
  let conflicts = 0;
  let supported = 0;
  for (const file of report.files) {
    if (file.skipped) lines.push(`${file.path}: ${file.skipped}`);
    for (const f of file.findings) {
      if (f.kind === 'conflict') conflicts++;
      else supported++;
      lines.push(`${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.message}  (${f.code})`);
    }
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(conflicts, 'conflict')}${supported ? `, ${supported} supported` : ''} in ${plural(report.files.length, 'file')}.`,
  );
  return lines.join('\n') + '\n';
}
