/** Findings as LSP diagnostics: severity from the settings, a link to the check's docs, the sources as related information. */
import { type Diagnostic, DiagnosticSeverity, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding } from '../diagnostics/finding';
import type { Settings, Severity } from './settings';

export const DOCS_URL = 'https://github.com/dealcheck/dealcheck#';

const SEVERITY: Record<Exclude<Severity, 'ignore'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export type Locate = (finding: Finding, evidence: Finding['evidence'][number]) => { uri: string; line: number } | undefined;

function figureType(code: string): keyof Settings['severity'] {
  return code.replace(/-(conflict|supported|outdated|unverified)$/, '') as keyof Settings['severity'];
}

/**
 * The most a diagnostic may weigh as JSON. A dense draft has thousands, and every pull that
 * changed sends them all: the hover says everything (worked out on demand), the diagnostic only
 * enough to find the figure and its sources.
 */
export const MAX_DIAGNOSTIC_BYTES = 1024;
/** A source's name in related information is cut after this many characters: the hover gives it whole. */
const MAX_RELATED_NAME = 40;

/** The source, shortly: its publisher, or else its title cut short. */
function sourceName(e: Finding['evidence'][number]): string {
  const name = e.publisher ?? e.title;
  return name.length <= MAX_RELATED_NAME ? name : `${name.slice(0, MAX_RELATED_NAME - 1).trimEnd()}…`;
}

/** Keeps a diagnostic within MAX_DIAGNOSTIC_BYTES: related sources go from the last, then the message is cut. */
function withinBudget(d: Diagnostic): Diagnostic {
  let size = JSON.stringify(d).length;
  if (size <= MAX_DIAGNOSTIC_BYTES) return d;
  const related = [...(d.relatedInformation ?? [])];
  while (related.length && size > MAX_DIAGNOSTIC_BYTES) {
    size -= JSON.stringify(related.pop()).length + 1;
  }
  const out: Diagnostic = { ...d, relatedInformation: related.length ? related : undefined };
  if (!related.length) delete out.relatedInformation;
  const message = String(out.message);
  // Escaped characters weigh more than one: cut again until it fits.
  for (let over = JSON.stringify(out).length - MAX_DIAGNOSTIC_BYTES; over > 0 && String(out.message).length > 1; over = JSON.stringify(out).length - MAX_DIAGNOSTIC_BYTES) {
    out.message = `${message.slice(0, Math.max(0, String(out.message).length - over - 1))}…`;
  }
  return out;
}

export function toDiagnostic(finding: Finding, settings: Settings, locate: Locate): Diagnostic | undefined {
  const severity: Severity =
    finding.kind === 'supported' ? (settings.showSupported ? 'hint' : 'ignore')
    : finding.kind === 'unverified' ? (settings.showUnverified ? 'hint' : 'ignore')
    : finding.kind === 'outdated' ? settings.outdatedSeverity
    : finding.kind === 'unchecked' ? 'information'
    : (settings.severity[figureType(finding.code)] ?? 'warning');
  if (severity === 'ignore') return undefined;
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  for (const e of finding.evidence) {
    const at = locate(finding, e);
    if (at)
      relatedInformation.push({
        location: { uri: at.uri, range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } } },
        message: `${e.agrees ? 'agrees' : 'says'} ${e.value} (${sourceName(e)})`,
      });
  }
  // No `data`: a code action finds its figure by the diagnostic's code and range, and thousands
  // of diagnostics need not carry what those already say.
  return withinBudget({
    range: finding.range,
    severity: SEVERITY[severity],
    code: finding.code,
    codeDescription: { href: DOCS_URL + finding.code },
    source: 'dealcheck',
    message: finding.code === 'unchecked-time' ? `${finding.message} (setting: dealcheck.blockTimeBudgetMs)` : finding.message,
    ...(relatedInformation.length ? { relatedInformation } : {}),
  });
}

function samePosition(a: Diagnostic['range']['start'], b: Diagnostic['range']['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

/**
 * Whether two diagnostics say the same, field by field. An edit re-checks the block it touched,
 * which makes new but equal diagnostics: a pull must still be answered "unchanged".
 */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (a === b) return true;
  if (!samePosition(a.range.start, b.range.start) || !samePosition(a.range.end, b.range.end)) return false;
  if (a.severity !== b.severity || a.code !== b.code || a.message !== b.message || a.source !== b.source) return false;
  const ra = a.relatedInformation ?? [];
  const rb = b.relatedInformation ?? [];
  return ra.length === rb.length && ra.every((r, i) => r.message === rb[i].message && r.location.uri === rb[i].location.uri && samePosition(r.location.range.start, rb[i].location.range.start));
}

export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a === b || a.length === b.length && a.every((d, i) => sameDiagnostic(d, b[i]));
}

/**
 * How many items two lists share at their start (`head`) and, after that, at their end (`tail`),
 * compared as objects: the findings of two checks an edit apart are mostly the same objects.
 */
export function sharedEnds<T>(a: readonly T[], b: readonly T[]): { head: number; tail: number } {
  if (a === b) return { head: a.length, tail: 0 };
  const most = Math.min(a.length, b.length);
  let head = 0;
  while (head < most && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < most - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail };
}
