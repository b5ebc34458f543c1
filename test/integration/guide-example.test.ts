/**
 * docs/knowledge-base.md's worked example stays true: its knowledge base passes kb check, and the
 * draft's findings are what the guide prints.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath, repoRoot, requireBuilt } from './helpers';

function dealcheck(...args: string[]) {
  requireBuilt(cliPath);
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const guide = readFileSync(join(repoRoot, 'docs/knowledge-base.md'), 'utf8');
const kb = 'test/fixtures/guide/oracle-openai.dealkb.json';

/** The code block right after the line that shows `command`. */
function blockAfter(command: string): string {
  const at = guide.indexOf(`\`${command}\``);
  assert.ok(at >= 0, `the guide does not show ${command}`);
  return guide.slice(at).match(/```text\n([\s\S]*?)```/)![1];
}

describe('the knowledge base guide\'s worked example', function () {
  this.timeout(20_000);

  it('passes kb check against its article', () => {
    const r = dealcheck('kb', 'check', '--sources', 'test/fixtures/guide', kb);
    assert.deepEqual([r.code, r.stdout], [0, '']);
  });

  it('gives the draft the findings the guide shows', () => {
    const command = `dealcheck --kb ${kb} --include-supported test/fixtures/guide/draft.md`;
    const r = dealcheck(...command.split(' ').slice(1));
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('test/')).join('\n') + '\n', blockAfter(command));
  });
});
