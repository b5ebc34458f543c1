/**
 * The .vsix holds exactly what the extension needs at run time (no src/, test/, node_modules/,
 * source maps or the CLI) and stays under 1 MB, and its web-worker server bundle under 1 MB
 * with no Node built-in. Packs with @vscode/vsce as `npm run package` does.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './helpers';

const vsce = join(repoRoot, 'node_modules/@vscode/vsce/vsce');
const EXPECTED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/extension.js',
  'dist/knowledge/dealcheck.dealkb.json',
  'dist/server-main.js',
  'dist/server.js',
  'dist/web/extension.js',
  'dist/web/server.js',
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
      // Packing ran the production build (vscode:prepublish): these are the bundles the .vsix holds.
      const web = statSync(join(repoRoot, 'dist/web/server.js')).size;
      assert.ok(web < 1024 * 1024, `the web-worker server bundle is ${(web / 1024).toFixed(0)} KB`);
      const bundle = readFileSync(join(repoRoot, 'dist/web/server.js'), 'utf8') + readFileSync(join(repoRoot, 'dist/web/extension.js'), 'utf8');
      const required = [...bundle.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      assert.deepEqual(required.filter((r) => r.startsWith('node:') || builtinModules.includes(r)), [], 'the web bundles require Node built-ins');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
