/**
 * The editor's dealcheck settings as the extension reads them for the server: where path settings
 * come from, which settings the writer set, and the sources folder the server will read from.
 * Only `vscode` here, so the browser entry can read them before its other modules are set up
 * (src/extension/early-start.ts).
 */
import * as vscode from 'vscode';
import type { PathRequest } from '../server/paths';
import { SETTING_KEYS, type SettingOrigins } from '../server/protocol';

/** Where each path setting's value comes from: the user's settings, or the workspace's (which must stay inside it). */
export function settingOrigins(scope?: vscode.Uri): SettingOrigins {
  const config = vscode.workspace.getConfiguration('dealcheck', scope);
  const origin = (key: string): 'user' | 'workspace' => {
    const i = config.inspect(key);
    return i?.workspaceFolderValue !== undefined || i?.workspaceValue !== undefined ? 'workspace' : 'user';
  };
  return { knowledgeBase: origin('knowledgeBase'), sourcesFolder: origin('sourcesFolder') };
}

/**
 * The settings the writer set somewhere (user, workspace or folder settings): those win over the
 * project's configuration file; the others are the file's (or the defaults). A kind of severity
 * counts on its own (`severity.money`), since VS Code fills in the other kinds' defaults.
 */
export function explicitSettings(scope?: vscode.Uri): string[] {
  const config = vscode.workspace.getConfiguration('dealcheck', scope);
  const out: string[] = [];
  for (const key of SETTING_KEYS) {
    const i = config.inspect<unknown>(key);
    const values = [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue].filter((v) => v !== undefined);
    if (!values.length) continue;
    if (key === 'severity') out.push(...new Set(values.flatMap((v) => (v && typeof v === 'object' ? Object.keys(v).map((k) => `severity.${k}`) : []))));
    else out.push(key);
  }
  return out;
}

/**
 * The sources folder the writer set in the editor (which wins over a configuration file's), when
 * the bundled knowledge base is used: the server reads that knowledge base's source texts from
 * there as it starts, so the extension reads them ahead (prefetchStartupFiles).
 */
export function editorSourcesFolder(): PathRequest | undefined {
  const config = vscode.workspace.getConfiguration('dealcheck');
  const path = config.get<string>('sourcesFolder', '');
  if (!path || !explicitSettings().includes('sourcesFolder') || !config.get<boolean>('useBundledKnowledgeBase', true)) return undefined;
  return { path, origin: settingOrigins().sourcesFolder ?? 'user', from: 'dealcheck.sourcesFolder' };
}
