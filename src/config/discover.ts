/**
 * Finds and reads the configuration file (Node only): from a folder up to the user's home, the
 * first of CONFIG_FILES found wins (lilconfig does the search, as cosmiconfig does for ESLint and
 * Prettier). The CLI starts from the current folder; a language server from the workspace folder.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { lilconfigSync } from 'lilconfig';
import { CONFIG_FILES, type Config, type ConfigProblem, DEFAULT_CONFIG, PACKAGE_FIELD, parseConfigText } from './schema';

export interface LoadedConfig {
  config: Config;
  /** The file it came from (absolute); unset when none was found. */
  file?: string;
  /** The folder its relative paths are relative to: the file's folder, or the search's start. */
  dir: string;
  problems: ConfigProblem[];
}

/** A configuration file larger than this is not read. */
const MAX_CONFIG_BYTES = 1_000_000;

/**
 * lilconfig only finds the file; its text is parsed by parseConfigText, which says where a
 * problem is. package.json is parsed here only to see whether it has the field.
 */
const findOnly = (path: string, content: string) => {
  if (!/(?:^|[\\/])package\.json$/.test(path)) return {};
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return {};
  }
};

/** The configuration file that applies in `startDir`, if any. `stopDir` defaults to the home folder. */
export function findConfigFile(startDir: string, stopDir?: string): string | undefined {
  const explorer = lilconfigSync('dealcheck', {
    searchPlaces: [...CONFIG_FILES],
    packageProp: PACKAGE_FIELD,
    ignoreEmptySearchPlaces: false,
    loaders: { '.json': findOnly, '.yaml': findOnly, '.yml': findOnly, noExt: findOnly },
    ...(stopDir ? { stopDir } : {}),
  });
  try {
    return explorer.search(startDir)?.filepath;
  } catch {
    return undefined;
  }
}

export function loadConfigFile(file: string): LoadedConfig {
  const path = resolve(file);
  const dir = dirname(path);
  const unreadable = (message: string): LoadedConfig => ({ config: DEFAULT_CONFIG, file: path, dir, problems: [{ file: path, line: 0, character: 0, field: '(file)', message }] });
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return unreadable('not a regular file');
    if (stat.size > MAX_CONFIG_BYTES) return unreadable(`larger than ${MAX_CONFIG_BYTES / 1e6} MB`);
    return { ...parseConfigText(path, readFileSync(path, 'utf8')), file: path, dir };
  } catch (e) {
    return unreadable(`cannot read it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The configuration for `startDir`: the file found from there up, or the defaults. */
export function discoverConfig(startDir: string, stopDir?: string): LoadedConfig {
  const file = findConfigFile(startDir, stopDir);
  return file ? loadConfigFile(file) : { config: DEFAULT_CONFIG, dir: resolve(startDir), problems: [] };
}

/** The configuration's knowledge base files and sources folder as absolute paths. */
export function resolveConfigPaths(loaded: LoadedConfig): { knowledgeBase: string[]; sourcesFolder?: string } {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(loaded.dir, p));
  const { knowledgeBase, sourcesFolder } = loaded.config;
  return { knowledgeBase: knowledgeBase.map(abs), ...(sourcesFolder ? { sourcesFolder: abs(sourcesFolder) } : {}) };
}
