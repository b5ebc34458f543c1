/** Which paths from settings and knowledge base files the server may read: inside the workspace, unless the user chose them. */
import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { type PathOrigin, displayName, isInside, resolvePaths, resolveUri } from '../../../src/server/paths';

const ws = URI.parse('file:///home/ann/drafts');
const remote = URI.parse('vscode-remote://host:8080/home/ann/drafts');
const vfs = URI.parse('vscode-vfs://github/ann/drafts');

describe('server paths', () => {
  const resolved: [string, URI, string, string][] = [
    ['a relative path', ws, 'kb/team.dealkb.json', 'file:///home/ann/drafts/kb/team.dealkb.json'],
    ['.. is resolved', ws, 'kb/../../secrets.json', 'file:///home/ann/secrets.json'],
    ['an absolute path stays on the workspace file system', remote, '/etc/passwd', 'vscode-remote://host:8080/etc/passwd'],
    ['backslashes are separators', ws, 'kb\\team.yaml', 'file:///home/ann/drafts/kb/team.yaml'],
    ['a Windows path is a file URI', ws, 'C:\\kb\\team.json', 'file:///c%3A/kb/team.json'],
    ['a URI is taken as it is', ws, 'vscode-vfs://github/ann/kb.json', 'vscode-vfs://github/ann/kb.json'],
    ['a virtual workspace', vfs, 'sources', 'vscode-vfs://github/ann/drafts/sources'],
  ];
  for (const [name, base, path, expected] of resolved) it(`resolves ${name}`, () => assert.equal(resolveUri(base, path).toString(), expected));

  const inside: [string, URI, string, boolean][] = [
    ['the folder itself', ws, 'file:///home/ann/drafts', true],
    ['a file below it', ws, 'file:///home/ann/drafts/a/b.json', true],
    ['a sibling whose name starts the same', ws, 'file:///home/ann/drafts-old/kb.json', false],
    ['the parent', ws, 'file:///home/ann', false],
    ['another scheme', ws, 'vscode-remote://host/home/ann/drafts/kb.json', false],
    ['another host', remote, 'vscode-remote://other:8080/home/ann/drafts/kb.json', false],
  ];
  for (const [name, folder, uri, expected] of inside) it(`isInside: ${name}`, () => assert.equal(isInside(folder, URI.parse(uri)), expected));

  const decisions: [string, string, PathOrigin, URI[], [string, boolean][]][] = [
    ['a workspace path inside', 'kb/team.json', 'workspace', [ws], [['file:///home/ann/drafts/kb/team.json', true]]],
    ['a workspace path climbing out', '../other/kb.json', 'workspace', [ws], [['file:///home/ann/other/kb.json', false]]],
    ['a workspace absolute path outside', '/etc/shadow', 'workspace', [ws], [['file:///etc/shadow', false]]],
    ['a workspace absolute path inside', '/home/ann/drafts/kb.json', 'workspace', [ws], [['file:///home/ann/drafts/kb.json', true]]],
    ['a user path outside', '/etc/team.json', 'user', [ws], [['file:///etc/team.json', true]]],
    ['a user path climbing out', '../shared/kb.json', 'user', [ws], [['file:///home/ann/shared/kb.json', true]]],
    ['a relative path in each folder', 'kb.json', 'workspace', [ws, vfs], [['file:///home/ann/drafts/kb.json', true], ['vscode-vfs://github/ann/drafts/kb.json', true]]],
    ['a workspace path with no folder', 'kb.json', 'workspace', [], [['file:///kb.json', false]]],
  ];
  for (const [name, path, origin, folders, expected] of decisions)
    it(`resolvePaths: ${name}`, () =>
      assert.deepEqual(
        resolvePaths({ path, origin }, folders, undefined).map((d) => [d.uri.toString(), d.allowed]),
        expected,
      ));

  it('a refused path says why, without reading anything', () => {
    const [d] = resolvePaths({ path: '../../etc/passwd', origin: 'workspace' }, [ws], undefined);
    assert.equal(d.allowed, false);
    assert.equal(!d.allowed && d.reason, 'it is outside the workspace folder, and only paths in your user settings may point outside it');
  });

  it('names a file by its path in the workspace', () => {
    assert.equal(displayName(URI.parse('file:///home/ann/drafts/kb/a.json'), [ws]), 'kb/a.json');
    assert.equal(displayName(URI.parse('file:///etc/passwd'), [ws]), '/etc/passwd');
  });
});
