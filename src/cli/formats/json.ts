/** The JSON contract other tools build on (see finding.ts): positions 0-based, UTF-16 characters. */
import type { Report } from '../../diagnostics/finding';

export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
