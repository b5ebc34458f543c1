// npm run test:electron — the in-editor suite (test/e2e/suite/) in a desktop VS Code, with
// @vscode/test-electron: for machines that can download VS Code, or that have one
// (VSCODE_EXECUTABLE_PATH). On this project's CI machine, `npm run test:vscode` runs the same
// suite in code-server instead.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const repo = resolve(import.meta.dirname, '../..');
for (const script of ['build', 'build:e2e']) {
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const workspace = mkdtempSync(join(tmpdir(), 'dealcheck-electron-'));
cpSync(join(repo, 'test/e2e/fixture'), workspace, { recursive: true });
try {
  await runTests({
    version: '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'out/test/e2e/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(`in-editor suite failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
