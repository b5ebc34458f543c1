/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, the SARIF viewers): paths relative to a
 * base (%SRCROOT%, given in originalUriBaseIds), every rule described with help and a link,
 * results with fingerprints that survive lines moving, levels as the spec (§3.27.10) wants
 * (a passing result has level "none"), and files that could not be checked as notifications.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../diagnostics/finding';
import type { Checked } from '../check-files';
import { LazyList, jsonChunks } from '../json-stream';
import { DOCS_URL, RULES } from '../rules';

export const SRCROOT = '%SRCROOT%';
/** The fingerprint's key: its name says what it hashes, its version lets the recipe change later. */
export const FINGERPRINT_KEY = 'dealcheckFigure/v1';

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifOptions {
  version: string;
  /** Folder the artifact URIs are relative to (absolute). */
  base: string;
  /** The current folder, against which the files' paths are resolved. */
  cwd: string;
  /** automationDetails.id's category: one per analysis, so several dealcheck runs can upload side by side. */
  category: string;
  /** Default level of each conflict and outdated rule, from the configured severities. */
  levels?: Partial<Record<string, Finding['severity'] | 'ignore'>>;
}

/** A path as a URI reference relative to the base, or an absolute file URI when it lies outside. */
export function artifactLocation(path: string, options: Pick<SarifOptions, 'base' | 'cwd'>): { uri: string; uriBaseId?: string } {
  const absolute = resolve(options.cwd, path);
  const rel = relative(options.base, absolute);
  if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(r: Finding['range']) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * Stable while lines move: the check, the file, the figure as written, the fact, and which
 * occurrence of that same figure and fact in the file it is.
 */
export function fingerprint(uri: string, f: Finding, occurrence: number): string {
  return createHash('sha256').update([f.code, uri, f.text, f.fact ?? '', String(occurrence)].join('\u0000')).digest('hex').slice(0, 32);
}

function ruleLevel(id: string, options: SarifOptions): 'error' | 'warning' | 'note' | 'none' {
  if (id.endsWith('-supported') || id.startsWith('unchecked-')) return 'none';
  const configured = options.levels?.[id] ?? (id.endsWith('-outdated') ? 'information' : 'warning');
  return configured === 'ignore' ? 'none' : LEVEL[configured];
}

function result(file: Checked, f: Finding, location: ReturnType<typeof artifactLocation>, occurrence: number) {
  // An outdated figure is for review unless the configuration made it a warning or an error.
  const failing = f.kind === 'conflict' || (f.kind === 'outdated' && (f.severity === 'error' || f.severity === 'warning'));
  const kind = f.kind === 'supported' ? 'pass' : failing ? 'fail' : 'review';
  const index = RULES.findIndex((r) => r.id === f.code);
  return {
    ruleId: f.code,
    ...(index >= 0 ? { ruleIndex: index } : {}),
    kind,
    // §3.27.10: a result whose kind is not "fail" has level "none".
    level: kind === 'fail' ? LEVEL[f.severity] : 'none',
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: { ...region(f.range), snippet: { text: f.text } } } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(location.uri, f, occurrence) },
    ...(f.fixes.some((x) => x.kind !== 'ignore')
      ? {
          fixes: f.fixes
            .filter((x) => x.kind !== 'ignore')
            .map((x) => ({
              description: { text: x.title },
              artifactChanges: [{ artifactLocation: location, replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
            })),
        }
      : {}),
    properties: { fact: f.fact, statement: f.statement, sourcesAgree: f.sourcesAgree, evidence: f.evidence },
  };
}

function* results(files: readonly Checked[], options: SarifOptions): Generator<ReturnType<typeof result>> {
  for (const file of files) {
    const location = artifactLocation(file.path, options);
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      const key = `${f.code}\u0000${f.text}\u0000${f.fact ?? ''}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      yield result(file, f, location, occurrence);
    }
  }
}

export function sarifLog(files: readonly Checked[], options: SarifOptions) {
  const failed = files.filter((f) => f.error);
  const baseUri = pathToFileURL(options.base.endsWith(sep) ? options.base : options.base + sep).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dealcheck',
            version: options.version,
            semanticVersion: options.version,
            informationUri: DOCS_URL,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.shortDescription },
              fullDescription: { text: r.fullDescription },
              help: { text: r.helpText, markdown: r.helpMarkdown },
              helpUri: r.helpUri,
              defaultConfiguration: { level: ruleLevel(r.id, options) },
              properties: { tags: ['fact-checking', r.type] },
            })),
          },
        },
        automationDetails: { id: `${options.category}/` },
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri } },
        invocations: [
          {
            executionSuccessful: failed.length === 0,
            toolExecutionNotifications: failed.map((f) => ({
              level: 'error',
              message: { text: `${f.path}: ${f.error}` },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.path, options) } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: new LazyList(() => results(files, options)),
      },
    ],
  };
}

export function* sarifChunks(files: readonly Checked[], options: SarifOptions): Generator<string> {
  yield* jsonChunks(sarifLog(files, options));
  yield '\n';
}
