/**
 * What `dealcheck` (check) and `dealcheck report` share: the options, the configuration, the
 * knowledge base, the drafts, the check itself, severities, the output and the exit status.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type LoadedConfig, discoverConfig, loadConfigFile, resolveConfigPaths } from '../config/discover';
import { DEFAULT_CONFIG, severityOf } from '../config/schema';
import { type CheckOptions, checkDocument } from '../diagnostics/engine';
import type { Finding } from '../diagnostics/finding';
import { type Checked, type Draft, checkDrafts } from './check-files';
import { EXIT, type Io, UsageError, plural } from './io';
import { STDIN, expandPaths, readDraft } from './inputs';
import { type LoadedKb, loadKb } from './knowledge';

export const COMMON_OPTIONS = `  --kb FILE                 a knowledge base file (.json, .yaml) besides the configured ones; repeatable
  --no-bundled-kb           do not use the bundled knowledge base
  -c, --config FILE         use this configuration file instead of looking for one
  --no-config               use no configuration file
  --no-ignore               check files that .gitignore, .dealcheckignore or "ignores" exclude
  --stdin-filename NAME     the name to report for a draft read from standard input (PATH "-")
  --max-warnings N          fail (exit 1) only when there are more than N warnings
  --color, --no-color       force colour on or off (default: on a terminal; NO_COLOR, FORCE_COLOR)
  -h, --help, --version

PATH is a Markdown file, a folder (its *.md, *.markdown and *.mdx files), a glob, a negated
glob ("!drafts/old/**") or "-" for standard input. Configuration: .dealcheckrc.json,
.dealcheckrc.yaml or a "dealcheck" field in package.json, from the current folder up.

Exit status: 0 nothing failed; 1 a conflict (an error, or warnings beyond --max-warnings);
2 usage, configuration, knowledge base or file errors.
`;

const COMMON = {
  format: { type: 'string' },
  kb: { type: 'string', multiple: true },
  'no-bundled-kb': { type: 'boolean', default: false },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean', default: false },
  'no-ignore': { type: 'boolean', default: false },
  'stdin-filename': { type: 'string' },
  'max-warnings': { type: 'string' },
  output: { type: 'string', short: 'o' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
} as const;

/** Options only the check command takes. */
const CHECK_ONLY = {
  'include-supported': { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  fix: { type: 'boolean', default: false },
  'fix-dry-run': { type: 'boolean', default: false },
  'sarif-base': { type: 'string' },
  'sarif-category': { type: 'string', default: 'dealcheck' },
} as const;

export interface RunOptions {
  command: 'check' | 'report';
  format: string;
  paths: string[];
  kb: string[];
  noBundledKb: boolean;
  config?: string;
  noConfig: boolean;
  ignore: boolean;
  stdinFilename?: string;
  maxWarnings?: number;
  output?: string;
  color?: boolean;
  includeSupported: boolean;
  quiet: boolean;
  fix: boolean;
  fixDryRun: boolean;
  sarifBase?: string;
  sarifCategory: string;
  checkOptions: CheckOptions;
}

declare const DEALCHECK_VERSION: string;
export const VERSION = typeof DEALCHECK_VERSION === 'string' ? DEALCHECK_VERSION : '0.0.0-dev';

/** Parses a command's arguments, or prints help, the version or a usage error and returns the exit status. */
export function parseRunArgs(
  argv: string[],
  io: Io,
  spec: { command: RunOptions['command']; usage: string; formats: readonly string[] },
): Omit<RunOptions, 'checkOptions'> | number {
  const usage = spec.usage.replace('COMMON_OPTIONS', COMMON_OPTIONS);
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: spec.command === 'check' ? { ...COMMON, ...CHECK_ONLY } : COMMON,
    }) as { values: typeof values; positionals: string[] });
  } catch (e) {
    io.err(`dealcheck: ${(e as Error).message}\n\n${usage}`);
    return EXIT.error;
  }
  if (values.help) {
    io.out(usage);
    return EXIT.ok;
  }
  if (values.version) {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const fail = (message: string) => {
    io.err(`dealcheck: ${message}\n`);
    return EXIT.error;
  };
  const format = (values.format as string | undefined) ?? 'text';
  if (!spec.formats.includes(format)) return fail(`--format must be ${spec.formats.slice(0, -1).join(', ')} or ${spec.formats.at(-1)}, not ${format}`);
  if (!positionals.length) {
    io.err(`dealcheck: no PATH given\n\n${usage}`);
    return EXIT.error;
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(String(values['max-warnings'])) || !Number.isSafeInteger(maxWarnings)) return fail(`--max-warnings takes a whole number, not ${values['max-warnings']}`);
  }
  const fix = !!values.fix;
  const fixDryRun = !!values['fix-dry-run'];
  if (fix && fixDryRun) return fail('use either --fix or --fix-dry-run');
  if (fix && positionals.includes(STDIN)) return fail('--fix cannot write to standard input; use --fix-dry-run to see the fixes as a diff');
  if (positionals.filter((p) => p === STDIN).length > 1) return fail('standard input ("-") can be read once');
  if (values['stdin-filename'] !== undefined && !positionals.includes(STDIN)) return fail('--stdin-filename goes with the PATH "-" (standard input)');
  return {
    command: spec.command,
    format,
    paths: positionals,
    kb: (values.kb as string[] | undefined) ?? [],
    noBundledKb: !!values['no-bundled-kb'],
    ...(values.config !== undefined ? { config: values.config as string } : {}),
    noConfig: !!values['no-config'],
    ignore: !values['no-ignore'],
    ...(values['stdin-filename'] !== undefined ? { stdinFilename: values['stdin-filename'] as string } : {}),
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(values.output !== undefined ? { output: values.output as string } : {}),
    ...(values.color ? { color: true } : values['no-color'] ? { color: false } : {}),
    includeSupported: !!values['include-supported'],
    quiet: !!values.quiet,
    fix,
    fixDryRun,
    ...(values['sarif-base'] !== undefined ? { sarifBase: values['sarif-base'] as string } : {}),
    sarifCategory: (values['sarif-category'] as string | undefined) ?? 'dealcheck',
  };
}

export interface Prepared {
  cwd: string;
  config: LoadedConfig;
  kb: LoadedKb;
  drafts: Draft[];
  /** Checks the drafts (in worker threads when worth it), with the configured severities applied. */
  check(): Promise<Checked[]>;
  /** The findings of one text, for a fix's next pass. */
  checkText(text: string): Finding[];
}

function printConfigProblems(config: LoadedConfig, io: Io) {
  for (const p of config.problems) io.err(`${p.file}:${p.line + 1}:${p.character + 1}  error  ${p.message}  (${p.field})\n`);
  io.err(`dealcheck: the configuration has ${plural(config.problems.length, 'error')}\n`);
}

/** The figure type of a check code: "money" of "money-conflict". */
function typeOf(code: string): string {
  return code.slice(0, code.lastIndexOf('-'));
}

/**
 * The configured severities: a conflict gets its figure type's, an outdated figure
 * `outdatedSeverity`; a type set to "ignore" drops all its findings, and an outdated severity
 * of "ignore" drops the outdated ones.
 */
export function applySeverities(findings: readonly Finding[], config: LoadedConfig['config']): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.kind === 'unchecked') {
      out.push(f);
      continue;
    }
    const byType = severityOf(config, typeOf(f.code));
    if (byType === 'ignore') continue;
    const severity = f.kind === 'conflict' ? byType : f.kind === 'outdated' ? config.outdatedSeverity : f.severity;
    if (severity === 'ignore') continue;
    out.push(f.severity === severity ? f : { ...f, severity });
  }
  return out;
}

export async function loadRun(options: RunOptions, io: Io): Promise<Prepared | number> {
  const cwd = io.cwd ?? process.cwd();
  let config: LoadedConfig;
  if (options.noConfig) config = { config: DEFAULT_CONFIG, dir: cwd, problems: [] };
  else if (options.config !== undefined) config = loadConfigFile(resolve(cwd, options.config));
  else config = discoverConfig(cwd);
  if (config.problems.length) {
    printConfigProblems(config, io);
    return EXIT.error;
  }
  const paths = resolveConfigPaths(config);
  const shown = (abs: string) => (relative(cwd, abs).startsWith('..') ? abs : relative(cwd, abs));
  const kb = loadKb([...paths.knowledgeBase.map(shown), ...options.kb], !options.noBundledKb && config.config.useBundledKnowledgeBase, io, cwd);
  if (!kb) return EXIT.error;
  let files: string[];
  try {
    const expanded = await expandPaths(options.paths, {
      cwd,
      ignoreFiles: options.ignore,
      ...(options.ignore ? { ignores: { dir: config.dir, patterns: config.config.ignores } } : {}),
    });
    files = expanded.files;
    if (!options.quiet) for (const p of expanded.ignored) io.err(`dealcheck: ${p} is ignored (.gitignore, .dealcheckignore or "ignores"); --no-ignore checks it\n`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dealcheck: ${e.message}\n`);
      return EXIT.error;
    }
    throw e;
  }
  const drafts: Draft[] = files.map((f) => readDraft(f, cwd));
  if (options.paths.includes(STDIN)) {
    const text = io.readStdin ? await io.readStdin() : '';
    const bom = text.startsWith('\uFEFF');
    drafts.unshift({ path: options.stdinFilename ?? '<stdin>', text: bom ? text.slice(1) : text, ...(bom ? { bom } : {}) });
  }
  const checkOptions = { ...options.checkOptions, ...(options.command === 'check' && config.config.showSupported ? { includeSupported: true } : {}) };
  return {
    cwd,
    config,
    kb,
    drafts,
    async check() {
      const checked = await checkDrafts({ drafts, kbFiles: kb.kbFiles, useBundled: kb.useBundled, ...(kb.cached ? { cached: kb.cached } : {}), options: checkOptions }, kb.kb, io.workerScript);
      return checked.map((c) => ({ ...c, findings: applySeverities(c.findings, config.config) }));
    },
    checkText(text: string) {
      return applySeverities(checkDocument(text, kb.kb, { ...checkOptions, withFixes: true }).findings, config.config);
    },
  };
}

export interface Tally {
  errors: number;
  warnings: number;
  failedFiles: number;
}

export function tally(files: readonly Checked[]): Tally {
  let errors = 0;
  let warnings = 0;
  for (const f of files)
    for (const x of f.findings) {
      if (x.kind !== 'conflict' && x.kind !== 'outdated') continue;
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
    }
  return { errors, warnings, failedFiles: files.filter((f) => f.error).length };
}

/**
 * The exit status: 2 when a file could not be read or checked; 1 on a conflict of severity
 * "error", or on warnings (any, or more than --max-warnings N); else 0.
 */
export function exitStatus(t: Tally, maxWarnings: number | undefined): number {
  if (t.failedFiles) return EXIT.error;
  if (t.errors) return EXIT.findings;
  return t.warnings > (maxWarnings ?? 0) ? EXIT.findings : EXIT.ok;
}

/** Writes the output (to -o FILE or standard output) and works out the exit status. */
export function finish(files: readonly Checked[], options: RunOptions, prepared: Pick<Prepared, 'cwd'>, io: Io, write: (io: Io) => void): number {
  if (options.output !== undefined) {
    const path = resolve(prepared.cwd, options.output);
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (e) {
      io.err(`dealcheck: cannot write ${options.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return EXIT.error;
    }
    try {
      write({ ...io, out: (s) => void writeSync(fd, s) });
    } finally {
      closeSync(fd);
    }
  } else write(io);
  const t = tally(files);
  const status = exitStatus(t, options.maxWarnings);
  if (options.maxWarnings !== undefined && !t.errors && t.warnings > options.maxWarnings)
    io.err(`dealcheck: ${plural(t.warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}\n`);
  return status;
}
