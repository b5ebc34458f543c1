/**
 * dealcheck [--format text|json|sarif] [--kb FILE]... [--no-bundled-kb] [--include-supported] PATH...
 * Exit 0: no conflict; 1: a conflict; 2: usage or knowledge base errors (message on stderr).
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fg from 'fast-glob';
import type { Report } from '../diagnostics/finding';
import { checkFiles } from './check-files';
import { runExplain } from './explain';
import { runKb } from './kb';
import { formatKbProblems, loadKnowledgeFiles } from './knowledge-files';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';

declare const DEALCHECK_VERSION: string;
const VERSION = typeof DEALCHECK_VERSION === 'string' ? DEALCHECK_VERSION : '0.0.0-dev';

const USAGE = `usage: dealcheck [--format text|json|sarif] [--kb FILE]... [--no-bundled-kb] [--include-supported] PATH...

Checks the dollar figures, percentages, multiples, dates, durations and chip specs in Markdown
drafts against the sources in the knowledge base. PATH is a file, a folder (its *.md files) or a glob.

  --format text|json|sarif  output format (default text)
  --kb FILE                 an extra knowledge base file (.json, .yaml); repeatable
  --no-bundled-kb           use only the --kb files
  --include-supported       also list figures the sources support
  --version, --help

Exit status: 0 no conflict, 1 at least one conflict, 2 usage or knowledge base error.
`;

export class UsageError extends Error {}

const MARKDOWN = ['md', 'markdown', 'mdx'];

/** Files, folders and globs to a sorted list of Markdown files. */
export function expandPaths(paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) out.add(p);
    else if (stat?.isDirectory()) {
      const found = fg.sync(`**/*.{${MARKDOWN.join(',')}}`, { cwd: p, ignore: ['**/node_modules/**'], dot: false });
      for (const f of found.sort()) out.add(`${p.replace(/\/+$/, '')}/${f}`);
    } else if (fg.isDynamicPattern(p)) {
      const found = fg.sync(p, { ignore: ['**/node_modules/**'] });
      if (!found.length) throw new UsageError(`no file matches ${p}`);
      for (const f of found.sort()) out.add(f);
    } else throw new UsageError(`no such file or folder: ${p}`);
  }
  return [...out];
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** The script to run in worker threads (the CLI bundle itself), or none to check on one thread. */
  workerScript?: string;
}

export async function run(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'explain') return runExplain(argv.slice(1), io);
  if (argv[0] === 'kb') return runKb(argv.slice(1), io);
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        kb: { type: 'string', multiple: true, default: [] },
        'no-bundled-kb': { type: 'boolean', default: false },
        'include-supported': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.err(`dealcheck: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.version) {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (!['text', 'json', 'sarif'].includes(values.format!)) {
    io.err(`dealcheck: --format must be text, json or sarif, not ${values.format}\n`);
    return 2;
  }
  if (!positionals.length) {
    io.err(`dealcheck: no PATH given\n${USAGE}`);
    return 2;
  }
  const loaded = loadKnowledgeFiles(values.kb!, !values['no-bundled-kb']);
  if ('error' in loaded) {
    io.err(`dealcheck: ${loaded.error}\n`);
    return 2;
  }
  const { kb, problems, files: kbFiles } = loaded;
  if (problems.length) {
    io.err(formatKbProblems(problems));
    return 2;
  }
  let files: string[];
  try {
    files = expandPaths(positionals);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dealcheck: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const includeSupported = values['include-supported']!;
  const job = { files, kbFiles, useBundled: !values['no-bundled-kb'], includeSupported };
  const report: Report = { version: 1, files: await checkFiles(job, kb, io.workerScript, (f) => statSync(f).size) };
  const format = values.format;
  io.out(format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, VERSION) : formatText(report));
  return report.files.some((f) => f.findings.some((x) => x.kind === 'conflict')) ? 1 : 0;
}
