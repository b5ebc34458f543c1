/**
 * How the server reads knowledge base files, source texts and (for "check the workspace")
 * Markdown files. Two implementations: the Node server's own disk access (for LSP editors other
 * than VS Code), and requests to the VS Code extension, which reads through `vscode.workspace.fs`
 * and so also works in virtual workspaces (github.dev, vscode.dev, remote file systems) and in
 * the browser, where the server is a web worker with no file system.
 */
import type { Connection } from 'vscode-languageserver';
import {
  FIND_FILES_REQUEST,
  type FindFilesParams,
  READ_FILE_REQUEST,
  type ReadFileParams,
  type ReadFileResult,
} from './protocol';

/** Knowledge base files larger than this are reported, not read (the bundled one is about 60 KB). */
export const MAX_KNOWLEDGE_BASE_BYTES = 5 * 1024 * 1024;
/** Source texts larger than this are not read: they only place a quote's line. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
/** Markdown files larger than this are skipped by "check the workspace" (the engine's own limit is higher). */
export const MAX_MARKDOWN_BYTES = 20 * 1024 * 1024;
/** The workspace's knowledge base files, always loaded. */
export const KB_GLOB = '**/*.dealkb.{json,yaml,yml}';
/** Folders never searched for Markdown files. */
export const EXCLUDED_FOLDERS = ['**/node_modules/**', '**/.git/**'];
/**
 * Folders whose knowledge bases are not loaded unless configured: test fixtures are written to
 * test the loader, not to be checked against (this repository's own would double the bundled facts).
 */
export const KB_EXCLUDED_FOLDERS = [...EXCLUDED_FOLDERS, '**/test/**', '**/tests/**', '**/fixtures/**', '**/__fixtures__/**', '**/testdata/**'];

/**
 * The configuration files the server looks for in each workspace folder (src/config/schema.ts's
 * CONFIG_FILES, in its order; a test holds them equal), named here too so the extension can read
 * them ahead without loading the configuration schema.
 */
export const CONFIG_FILE_NAMES = ['.dealcheckrc.json', '.dealcheckrc.yaml', '.dealcheckrc.yml', 'package.json'] as const;
/**
 * The source texts the bundled knowledge base quotes (its sources' `file` names), named here too
 * so the extension can read them ahead without loading the knowledge base; a test holds them equal.
 */
export const BUNDLED_SOURCE_FILES = ['000_6be140efc5f2d2cc.txt', '001_2742b34474468aeb.txt', '002_0f384feaf4710831.txt', '003_f9fa12afbb7fe71a.txt', '004_a3e0ef59c05434d4.txt'] as const;

/** A configuration file larger than this is reported, not read (as the CLI does). */
export const MAX_CONFIG_BYTES = 1_000_000;

/** What a read of a missing file says, in every FileAccess: a missing configuration file is no error. */
export const NO_SUCH_FILE = 'there is no such file';

export interface ReadOptions {
  /** Files above this size are refused. */
  maxBytes: number;
  /** Follow a symbolic link (only for paths the user chose); otherwise only regular files are read. */
  followLinks: boolean;
}

export type ReadResult = ReadFileResult;

export interface FileAccess {
  /** A regular file's text. Errors say what went wrong in words, never with the file's content. */
  read(uri: string, options: ReadOptions): Promise<ReadResult>;
  /**
   * The SHA-256 of a file's bytes, and how many, under the same checks as `read`, without holding
   * its text: what the knowledge base cache is keyed by (src/node/knowledge-cache.ts). Only the
   * Node server's own access has it.
   */
  digest?(uri: string, options: ReadOptions): Promise<{ sha256: string; bytes: number } | { error: string }>;
  /** Files below `folder` whose relative path matches `glob`, outside `exclude`, sorted; symbolic links are not followed. */
  find(folder: string, glob: string, exclude: readonly string[]): Promise<string[]>;
}

/** File access through the VS Code extension (see src/extension/files.ts for the other side). */
export function clientFileAccess(connection: Connection, log: (message: string) => void): FileAccess {
  return {
    async read(uri, options) {
      const params: ReadFileParams = { uri, maxBytes: options.maxBytes, followLinks: options.followLinks };
      try {
        return await connection.sendRequest<ReadFileResult>(READ_FILE_REQUEST, params);
      } catch (e) {
        return { error: `the editor could not read it (${(e as Error).message})` };
      }
    },
    async find(folder, glob, exclude) {
      const params: FindFilesParams = { folder, glob, exclude: [...exclude] };
      try {
        return (await connection.sendRequest<string[]>(FIND_FILES_REQUEST, params)).sort();
      } catch (e) {
        log(`dealcheck: the editor could not list the files of ${folder}: ${(e as Error).message}`);
        return [];
      }
    },
  };
}
