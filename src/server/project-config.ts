/**
 * The project's configuration file (.dealcheckrc.json, .dealcheckrc.yaml, or a "dealcheck" field
 * in package.json; src/config/), the one the CLI reads, in the language server: so that a draft
 * gets the same findings in CI and in the editor. The server looks in each workspace folder's
 * root, reading through its FileAccess (so it works in the browser too). What the file says
 * applies unless the writer set the same setting in the editor; knowledge base files from both
 * are loaded; its paths must stay inside the workspace, as all workspace paths must.
 */
import ignore, { type Ignore } from 'ignore';
import { type URI, Utils } from 'vscode-uri';
import { CONFIG_FILES, type Config, type ConfigProblem, PACKAGE_FIELD, parseConfigText } from '../config/schema';
import { type FileAccess, MAX_CONFIG_BYTES, NO_SUCH_FILE } from './files';
import { type PathOrigin, type PathRequest, isInside, resolveUri } from './paths';
import type { Settings } from './settings';

export interface ProjectConfig {
  uri: string;
  /** The folder its relative paths are relative to. */
  folder: URI;
  /** Its file name, for messages. */
  name: string;
  config: Config;
  problems: ConfigProblem[];
  ignores: Ignore;
}

/** Whether package.json's text has a "dealcheck" field (only then is it a configuration). */
function hasConfigField(text: string): boolean {
  try {
    const pkg = JSON.parse(text) as unknown;
    return !!pkg && typeof pkg === 'object' && PACKAGE_FIELD in pkg;
  } catch {
    return false;
  }
}

/** The first configuration file in the first folder that has one, in the CLI's order of names; or none. */
export async function findProjectConfig(files: FileAccess, folders: readonly URI[]): Promise<ProjectConfig | undefined> {
  for (const folder of folders) {
    const reads = await Promise.all(
      CONFIG_FILES.map(async (name) => {
        const uri = Utils.joinPath(folder, name).toString();
        return { name, uri, read: await files.read(uri, { maxBytes: MAX_CONFIG_BYTES, followLinks: false }) };
      }),
    );
    for (const { name, uri, read } of reads) {
      if (!('text' in read)) {
        if (read.error === NO_SUCH_FILE) continue;
        const problems = [{ file: uri, line: 0, character: 0, field: '(file)', message: `cannot read the configuration file: ${read.error}` }];
        return { uri, folder, name, config: parseConfigText(uri, '{}').config, problems, ignores: ignore() };
      }
      if (name === 'package.json' && !hasConfigField(read.text)) continue;
      const { config, problems } = parseConfigText(uri, read.text);
      return { uri, folder, name, config, problems, ignores: ignore().add(config.ignores) };
    }
  }
  return undefined;
}

/**
 * The settings in effect: the editor's, where the writer set them (`explicit`: the setting keys,
 * and `severity.<kind>` for one kind's severity), else the configuration file's.
 */
export function effectiveSettings(editor: Settings, explicit: ReadonlySet<string>, project: ProjectConfig | undefined): Settings {
  if (!project) return editor;
  const c = project.config;
  const out: Settings = { ...editor, severity: { ...editor.severity } };
  if (!explicit.has('useBundledKnowledgeBase')) out.useBundledKnowledgeBase = c.useBundledKnowledgeBase;
  if (!explicit.has('outdatedSeverity')) out.outdatedSeverity = c.outdatedSeverity;
  if (!explicit.has('showSupported')) out.showSupported = c.showSupported;
  if (!explicit.has('showUnverified')) out.showUnverified = c.showUnverified;
  for (const [kind, severity] of Object.entries(c.severity) as [keyof Settings['severity'], Settings['severity'][keyof Settings['severity']] | undefined][]) {
    if (severity && !explicit.has(`severity.${kind}`) && !explicit.has('severity')) out.severity[kind] = severity;
  }
  return out;
}

/** The knowledge base files to load: the configuration file's, then the editor's. */
export function knowledgeBaseRequests(editor: Settings, origin: PathOrigin, project: ProjectConfig | undefined): PathRequest[] {
  const fromConfig: PathRequest[] = (project?.config.knowledgeBase ?? []).map((path) => ({ path: resolveUri(project!.folder, path).toString(), origin: 'workspace', from: project!.name }));
  return [...fromConfig, ...editor.knowledgeBase.map((path): PathRequest => ({ path, origin, from: 'dealcheck.knowledgeBase' }))];
}

/** The sources folder: the editor's if the writer set one, else the configuration file's. */
export function sourcesFolderRequest(editor: Settings, explicit: ReadonlySet<string>, origin: PathOrigin, project: ProjectConfig | undefined): PathRequest | undefined {
  const fromConfig = project?.config.sourcesFolder;
  if (fromConfig && !(explicit.has('sourcesFolder') && editor.sourcesFolder))
    return { path: resolveUri(project!.folder, fromConfig).toString(), origin: 'workspace', from: project!.name };
  return editor.sourcesFolder ? { path: editor.sourcesFolder, origin, from: 'dealcheck.sourcesFolder' } : undefined;
}

/** Whether the configuration's `ignores` leave the document out. */
export function isIgnored(project: ProjectConfig | undefined, documentUri: URI): boolean {
  if (!project || !project.config.ignores.length || !isInside(project.folder, documentUri) || documentUri.path === project.folder.path) return false;
  const relative = documentUri.path.slice(project.folder.path.replace(/\/$/, '').length + 1);
  try {
    return project.ignores.ignores(relative);
  } catch {
    return false;
  }
}
