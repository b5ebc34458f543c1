/** `dealcheck explain`, run as a user runs it: built, in a child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliPath, repoRoot, requireBuilt } from './helpers';

function dealcheck(...args: string[]) {
  requireBuilt(cliPath);
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Explained {
  range: { start: { line: number; character: number } };
  text: string;
  verdict: string;
  fact?: string;
  why: string;
  candidates: { fact: string; score?: number; gate?: string; contributions: { feature: string; contribution: number }[] }[];
}

describe('dealcheck explain', () => {
  it('prints each figure with its verdict, its reason and each feature\'s contribution', () => {
    const r = dealcheck('explain', 'examples/draft.md');
    assert.equal(r.code, 0, r.stderr);
    const block = r.stdout.split(/\n(?=\S)/).find((b) => b.startsWith('examples/draft.md:3:17  $35 billion  (money)'));
    assert.ok(block, r.stdout);
    const lines = block.split('\n').filter((l) => !l.startsWith('  paragraph before, '));
    assert.equal(lines[1], '  conflict: agrees with no source on amazon-anthropic-investment');
    assert.match(lines[2], /^ +\d+\.\d\d disagree amazon-anthropic-investment$/);
    // Each feature's value (in brackets) and its contribution, model.json's weight times the value.
    assert.match(lines[3], /^ +subject \+\d\.\d\d \(1\.00\), object \+\d\.\d\d \(1\.00\), relation \+\d\.\d\d \(1\.00\)/);
  });

  it('in JSON, the contributions of a scored candidate add up to its score, and silent figures say why', () => {
    const r = dealcheck('explain', '--format', 'json', 'examples/draft.md');
    const figures: Explained[] = JSON.parse(r.stdout).files[0].figures;
    assert.deepEqual(
      figures.map((f) => [f.text, f.verdict, f.fact ?? null]),
      [
        ['$35 billion', 'conflict', 'amazon-anthropic-investment'],
        ['$13 billion', 'supported', 'microsoft-openai-investment'],
        ['$50 billion', 'conflict', 'amazon-anthropic-investment'],
        ['$8 billion', 'conflict', 'amazon-openai-investment'],
        ['$3 billion', 'silent', null],
        ['2014', 'silent', null],
      ],
    );
    for (const f of figures)
      for (const c of f.candidates)
        if (c.score !== undefined) assert.ok(Math.abs(c.contributions.reduce((s, x) => s + x.contribution, 0) - c.score) < 1e-9, `${f.text} ${c.fact}`);
        else assert.ok(c.gate, `${f.text} ${c.fact} has neither a score nor a gate`);
    for (const f of figures.filter((x) => x.verdict === 'silent')) assert.match(f.why, /^silent: /);
  });

  it('answers --help, and refuses a missing draft with exit 2', () => {
    assert.equal(dealcheck('explain', '--help').code, 0);
    const r = dealcheck('explain');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no DRAFT given/);
  });

  it('uses only the --kb files with --no-bundled-kb', () => {
    const r = dealcheck('explain', '--no-bundled-kb', '--kb', 'test/fixtures/matching.dealkb.json', '--format', 'json', 'examples/draft.md');
    const figures: Explained[] = JSON.parse(r.stdout).files[0].figures;
    assert.ok(figures.every((f) => f.candidates.every((c) => !c.fact.startsWith('amazon-openai-compute'))));
  });
});
