/**
 * The server's knowledge base: the bundled one plus the workspace's files (the configured ones and
 * every *.dealkb.json / *.dealkb.yaml), reloaded when they change. A load with problems reports
 * them on the files and keeps the last good knowledge base in use, so a half-typed edit never
 * turns every check off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import { documentText } from '../diagnostics/engine';
import type { Finding } from '../diagnostics/finding';
import { type KbProblem, type KnowledgeBase, loadKnowledgeBase } from '../knowledge';
import type { Settings } from './settings';

export const KB_GLOB = '**/*.dealkb.{json,yaml,yml}';
/**
 * Folders whose knowledge bases are not loaded unless configured: test fixtures are written to
 * test the loader, not to be checked against (this repository's own would double the bundled facts).
 */
const KB_GLOB_IGNORE = ['**/node_modules/**', '**/.git/**', '**/test/**', '**/tests/**', '**/fixtures/**', '**/__fixtures__/**', '**/testdata/**'];

export interface KnowledgeState {
  kb: KnowledgeBase;
  /** Problems of the latest load, by file path (every loaded file has an entry, maybe empty). */
  problems: Map<string, KbProblem[]>;
  /** Set when the latest load had problems and an earlier good knowledge base is still in use. */
  keptLastGood: boolean;
  files: string[];
}

export interface KnowledgeInput {
  folders: string[];
  settings: Settings;
  /** In an untrusted workspace only the bundled knowledge base is used: no workspace file is read. */
  trusted: boolean;
}

/** The knowledge base files a workspace asks for, configured ones first. */
export function knowledgeBaseFiles(input: KnowledgeInput): string[] {
  if (!input.trusted) return [];
  const out = new Set<string>();
  for (const f of input.settings.knowledgeBase) {
    if (isAbsolute(f)) out.add(f);
    else for (const folder of input.folders.length ? input.folders : [process.cwd()]) out.add(resolve(folder, f));
  }
  for (const folder of input.folders) {
    for (const f of fg.sync(KB_GLOB, { cwd: folder, ignore: KB_GLOB_IGNORE, absolute: true, dot: false }).sort()) out.add(f);
  }
  return [...out];
}

export class KnowledgeHost {
  private lastGood: KnowledgeBase | undefined;
  state: KnowledgeState;

  constructor(input: KnowledgeInput) {
    this.state = this.load(input);
  }

  reload(input: KnowledgeInput): KnowledgeState {
    this.state = this.load(input);
    return this.state;
  }

  private load(input: KnowledgeInput): KnowledgeState {
    const paths = knowledgeBaseFiles(input);
    const files: { path: string; text: string }[] = [];
    const problems = new Map<string, KbProblem[]>(paths.map((p) => [p, []]));
    for (const path of paths) {
      try {
        files.push({ path, text: readFileSync(path, 'utf8') });
      } catch (e) {
        problems.get(path)!.push({
          file: path, line: 0, character: 0, endLine: 0, endCharacter: 0, field: '(file)',
          message: `cannot read the knowledge base file: ${(e as Error).message}`,
        });
      }
    }
    const result = loadKnowledgeBase({ files, useBundled: input.settings.useBundledKnowledgeBase || !input.trusted });
    for (const p of result.problems) problems.set(p.file, [...(problems.get(p.file) ?? []), p]);
    const bad = [...problems.values()].some((ps) => ps.length);
    if (bad && this.lastGood) return { kb: this.lastGood, problems, keptLastGood: true, files: paths };
    if (!bad) this.lastGood = result.kb;
    return { kb: result.kb, problems, keptLastGood: false, files: paths };
  }
}

/**
 * Where a source says what a finding cites: the quoted line of the source text when the sources
 * folder is known, else the fact's entry in the knowledge base file that holds it.
 */
export class EvidenceLocator {
  private texts = new Map<string, string | undefined>();

  constructor(
    private sourcesFolder: string | undefined,
    private kbFiles: string[],
    private bundledFile: string | undefined,
  ) {}

  private read(path: string): string | undefined {
    if (!this.texts.has(path)) {
      let text: string | undefined;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = undefined;
      }
      this.texts.set(path, text);
    }
    return this.texts.get(path);
  }

  private found = new Map<string, { uri: string; line: number } | undefined>();
  private ids = new Map<string, Map<string, number>>();

  /** Offsets of the `id` fields of a knowledge base file, first occurrence of each. */
  private idsIn(path: string, text: string | undefined): Map<string, number> {
    let ids = this.ids.get(path);
    if (!ids) {
      ids = new Map();
      for (const m of text?.matchAll(ID_FIELD) ?? []) if (!ids.has(m[1])) ids.set(m[1], m.index);
      this.ids.set(path, ids);
    }
    return ids;
  }

  /** Cached: every diagnostic of every check asks again. */
  locate(finding: Finding, evidence: Finding['evidence'][number]): { uri: string; line: number } | undefined {
    const key = `${finding.fact}\u0000${evidence.source}\u0000${evidence.quote}`;
    if (!this.found.has(key)) this.found.set(key, this.search(finding, evidence));
    return this.found.get(key);
  }

  private search(finding: Finding, evidence: Finding['evidence'][number]): { uri: string; line: number } | undefined {
    if (this.sourcesFolder) {
      const path = join(this.sourcesFolder, evidence.file);
      const text = this.read(path);
      const at = text?.indexOf(evidence.quote) ?? -1;
      if (text && at >= 0) return { uri: pathToFileURL(path).href, line: documentText(text).positionAt(at).line };
    }
    for (const path of [...this.kbFiles, ...(this.bundledFile ? [this.bundledFile] : [])]) {
      const text = this.read(path);
      const fact = finding.fact === undefined ? -1 : (this.idsIn(path, text).get(finding.fact) ?? -1);
      if (!text || fact < 0) continue;
      const quote = text.indexOf(JSON.stringify(evidence.quote).slice(1, 40), fact);
      return { uri: pathToFileURL(path).href, line: documentText(text).positionAt(quote >= 0 ? quote : fact).line };
    }
    return undefined;
  }
}

const ID_FIELD = /["']?id["']?\s*:\s*["']?([a-z0-9][a-z0-9._-]*)/g;

/** The bundled knowledge base as a file, when the package ships it (for "go to the knowledge base entry"). */
export function bundledKnowledgeBaseFile(dir: string): string | undefined {
  for (const candidate of [join(dir, 'knowledge', 'dealcheck.dealkb.json'), join(dir, '../knowledge/bundled/dealcheck.dealkb.json')])
    if (existsSync(candidate)) return candidate;
  return undefined;
}
