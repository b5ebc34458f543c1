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
