/**
 * The .vsix holds exactly what the extension needs at run time (no src/, test/, node_modules/ or
 * source maps) and stays under 1 MB. Packs with @vscode/vsce as `npm run package` does.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers';

const vsce = join(repoRoot, 'node_modules/@vscode/vsce/vsce');
const EXPECTED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/cli.js',
  'dist/extension.js',
  'dist/knowledge/dealcheck.dealkb.json',
  'dist/server-main.js',
  'dist/server.js',
  'images/icon.png',
  'package.json',
  'schemas/dealkb.schema.json',
  'syntaxes/dealcheck.injection.tmLanguage.json',
];

describe('the .vsix package', function () {
  this.timeout(120_000);

  it('lists exactly the intended files (vsce ls)', () => {
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(files, EXPECTED);
  });

  it('packs under 1 MB (npm run package)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-vsix-'));
    try {
      const out = join(dir, 'dealcheck.vsix');
      execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: repoRoot, stdio: 'pipe' });
      const size = statSync(out).size;
      assert.ok(size < 1024 * 1024, `the .vsix is ${(size / 1024).toFixed(0)} KB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
