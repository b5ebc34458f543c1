/**
 * PATH arguments to drafts: files, folders, globs, negated globs (`!drafts/old/**`) and `-`
 * (standard input). Folders and globs are walked with globby, which honours `.gitignore` (up to
 * the repository's root, negations included) and `.dealcheckignore` files, and never follows a
 * symbolic link, so a walk stays inside its folder and cannot loop. Files named on the command
 * line are checked unless an ignore file or the configuration's `ignores` excludes them.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { convertPathToPattern, globby, isDynamicPattern, isIgnoredByIgnoreFilesSync } from 'globby';
import ignore from 'ignore';
import type { Draft } from './check-files';
import { UsageError } from './io';
import { MAX_FILE_BYTES, readTextFile } from './read-file';

export const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'mdx'];
export const STDIN = '-';
/** Ignore files honoured besides .gitignore, in every folder of a walk. */
export const IGNORE_FILE = '.dealcheckignore';
/** Never walked into, as ESLint and markdownlint-cli2 do. */
const ALWAYS_IGNORED = ['**/node_modules/**'];

export interface ExpandOptions {
  cwd: string;
  /** Honour .gitignore and .dealcheckignore files (off with --no-ignore). */
  ignoreFiles: boolean;
  /** The configuration's `ignores` (.gitignore patterns) and the folder they are relative to. */
  ignores?: { dir: string; patterns: readonly string[] };
}

export interface Expanded {
  files: string[];
  /** Files named on the command line that an ignore rule excludes. */
  ignored: string[];
}

function inside(dir: string, path: string): string | undefined {
  const rel = relative(dir, path);
  return !rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
}

function configIgnore(options: ExpandOptions): (path: string) => boolean {
  if (!options.ignores?.patterns.length) return () => false;
  const { dir, patterns } = options.ignores;
  const ig = ignore().add([...patterns]);
  return (path) => {
    const rel = inside(dir, resolve(options.cwd, path));
    return rel !== undefined && ig.ignores(rel);
  };
}

export async function expandPaths(paths: readonly string[], options: ExpandOptions): Promise<Expanded> {
  const negations = paths.filter((p) => p.startsWith('!') && p.length > 1);
  const globOptions = {
    cwd: options.cwd,
    gitignore: options.ignoreFiles,
    ignoreFiles: options.ignoreFiles ? [`**/${IGNORE_FILE}`] : [],
    followSymbolicLinks: false,
    onlyFiles: true,
    ignore: ALWAYS_IGNORED,
  };
  const byConfig = configIgnore(options);
  let byIgnoreFiles: ((path: string) => boolean) | undefined;
  const out = new Set<string>();
  const ignored: string[] = [];
  for (const p of paths) {
    if (p === STDIN || negations.includes(p)) continue;
    let stat;
    try {
      stat = statSync(resolve(options.cwd, p));
    } catch {
      stat = undefined;
    }
    let found: string[];
    if (stat?.isDirectory()) {
      const pattern = `${convertPathToPattern(p.replace(/[\\/]+$/, '') || '/')}/**/*.{${MARKDOWN_EXTENSIONS.join(',')}}`;
      found = (await globby([pattern, ...negations], globOptions)).sort();
    } else if (stat) {
      // Named on the command line: checked whatever it is (read-file.ts refuses what is not a
      // regular file), unless it is ignored.
      if (options.ignoreFiles && inside(options.cwd, resolve(options.cwd, p)) !== undefined) {
        byIgnoreFiles ??= isIgnoredByIgnoreFilesSync(['**/.gitignore', `**/${IGNORE_FILE}`], { cwd: options.cwd, followSymbolicLinks: false, ignore: ALWAYS_IGNORED });
        if (byIgnoreFiles(p)) {
          ignored.push(p);
          continue;
        }
      }
      found = [p];
    } else if (isDynamicPattern(p)) {
      found = (await globby([p, ...negations], globOptions)).sort();
      if (!found.length) throw new UsageError(`no file matches ${p}`);
    } else throw new UsageError(`no such file or folder: ${p}`);
    for (const f of found) {
      if (byConfig(f)) {
        if (found.length === 1 && f === p) ignored.push(p);
      } else out.add(f);
    }
  }
  return { files: [...out], ignored };
}

export function readDraft(path: string, cwd: string): Draft {
  const r = readTextFile(resolve(cwd, path));
  if ('error' in r) return { path, error: r.error };
  if ('tooLarge' in r) return { path, skipped: `skipped because it is larger than ${MAX_FILE_BYTES / 1e6} MB` };
  return { path, text: r.text, ...(r.bom ? { bom: true } : {}) };
}
