/** The browser entry's way to the server script's HTTP address without asking the workbench (extension-browser.ts). */

/**
 * Where the extension host fetched a file of this extension from, over HTTP: the resource timing
 * entry of its own script (`ownScript`, fetched just before activation), with the path of
 * `script` in place of its own. The host turns a remote extension's location into such an
 * address with a round trip to the workbench's main thread, which is busy while the workbench
 * starts: seconds, at times. Both files sit in one folder and are served the same way, so the
 * one address tells the other. Undefined when no entry names the script's path (written plainly
 * or encoded, once).
 */
export function servedAddress(script: { path: string }, ownScript: { path: string }, entries: readonly { name: string }[]): string | undefined {
  for (const [own, wanted] of [
    [encodeURIComponent(ownScript.path), encodeURIComponent(script.path)],
    [ownScript.path, script.path],
  ]) {
    const entry = entries.find((e) => e.name.split(own).length === 2);
    if (entry) return entry.name.replace(own, wanted);
  }
  return undefined;
}

/**
 * The address the extension host named this script by when it loaded it, from a stack trace made
 * while the script runs: VS Code's web-worker extension host runs an extension's script with a
 * `//# sourceURL=<its location>#vscode-extension` line, so the first frame names that location
 * (vscode-remote://…/dist/web/extension.js in code-server, https://… on vscode.dev). Undefined
 * when the first frame names no such script (another host, another way of loading it).
 */
export function scriptFromStack(stack: string | undefined, scriptName: string): string | undefined {
  const frame = stack?.split('\n').find((line) => /^\s+at /.test(line));
  const at = frame && /\(?([a-z][\w+.-]*:\/\/[^\s()]+?)(?:#[^\s():]*)?:\d+:\d+\)?\s*$/i.exec(frame);
  if (!at) return undefined;
  return at[1].endsWith(`/${scriptName}`) ? at[1] : undefined;
}
