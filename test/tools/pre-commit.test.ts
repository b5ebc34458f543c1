/**
 * The pre-commit hook (.pre-commit-hooks.yaml) as a team uses it: Debian's pre-commit
 * (scripts/e2e/setup.sh installs it) installs dealcheck from this repository as a node hook and
 * runs it on a repository's Markdown files. `pre-commit try-repo` uses this checkout as it is.
 * pre-commit installs the hook afresh for each try-repo (npm install of the repository: minutes).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../integration/helpers';

function sh(cwd: string, cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 540_000,
    env: { ...process.env, PRE_COMMIT_HOME: join(repoRoot, '.cache/pre-commit'), NO_COLOR: '1', PRE_COMMIT_COLOR: 'never' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('the pre-commit hook', function () {
  this.timeout(600_000);

  it('installs from the repository and fails a commit whose draft conflicts, checking only Markdown', () => {
    assert.equal(sh(repoRoot, 'pre-commit', ['--version']).code, 0, 'pre-commit is missing: run `bash scripts/e2e/setup.sh`');
    const repo = mkdtempSync(join(tmpdir(), 'dealcheck-pre-commit-'));
    for (const args of [['init', '-q'], ['config', 'user.email', 'writer@example.com'], ['config', 'user.name', 'Writer']]) sh(repo, 'git', args);
    writeFileSync(join(repo, 'wrong.md'), 'Amazon invested $35 billion in Anthropic this spring.\n');
    writeFileSync(join(repo, 'right.md'), 'Microsoft has put about $13 billion into OpenAI.\n');
    writeFileSync(join(repo, 'notes.txt'), 'Amazon invested $35 billion in Anthropic.\n');
    sh(repo, 'git', ['add', '.']);
    const failing = sh(repo, 'pre-commit', ['try-repo', repoRoot, 'dealcheck', '--files', 'wrong.md', 'right.md', 'notes.txt']);
    assert.equal(failing.code, 1, failing.out);
    assert.match(failing.out, /^dealcheck\.+Failed$/m);
    assert.match(failing.out, /^wrong\.md:1:17 {2}warning {2}\$35 billion conflicts/m);
    // Only Markdown reaches the hook.
    assert.doesNotMatch(failing.out, /notes\.txt/);
    // The clean draft was checked and passed (each try-repo installs afresh, so one run tells both).
    assert.match(failing.out, /^1 conflict in 1 of 2 files\.$/m);
  });
});
