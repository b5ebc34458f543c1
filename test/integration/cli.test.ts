/** The command line, run as a user runs it: built, in a child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCorpus, corpusDir, loadManifest, scoreOf } from '../support/corpora';
import { formatScore } from '../support/scorer';
import { cliPath, devCorpus, repoRoot, requireBuilt, scorePy } from './helpers';

function dealcheck(...args: string[]) {
  requireBuilt(cliPath);
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dealcheck CLI', () => {
  it('reports a conflict in text form and exits 1', () => {
    const r = dealcheck('examples/draft.md');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^examples\/draft\.md:3:17 {2}warning {2}\$35 billion conflicts with every source on Amazon's investment in Anthropic: /m);
  });

  it('exits 0 on a draft with no conflict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-'));
    writeFileSync(join(dir, 'ok.md'), 'Microsoft has put about $13 billion into OpenAI.\n');
    const r = dealcheck(join(dir, 'ok.md'));
    assert.deepEqual([r.code, r.stdout], [0, '0 conflicts in 1 file.\n']);
  });

  it('prints the JSON contract with 0-based UTF-16 positions', () => {
    const r = dealcheck('--format', 'json', 'examples/draft.md');
    const report = JSON.parse(r.stdout);
    const first = report.files[0].findings[0];
    assert.equal(report.version, 1);
    assert.deepEqual(
      { kind: first.kind, code: first.code, range: first.range, text: first.text },
      { kind: 'conflict', code: 'money-conflict', range: { start: { line: 2, character: 16 }, end: { line: 2, character: 27 } }, text: '$35 billion' },
    );
    assert.ok(first.evidence.length >= 3);
    assert.ok(first.fixes.some((f: { title: string }) => f.title.startsWith('Replace with $25 billion')));
  });

  it('prints valid SARIF 2.1.0 with evidence', () => {
    const sarif = JSON.parse(dealcheck('--format', 'sarif', 'examples/draft.md').stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results[0];
    assert.equal(result.ruleId, 'money-conflict');
    assert.deepEqual(result.locations[0].physicalLocation.region.startLine, 3);
    assert.ok(result.properties.evidence.length >= 3);
    assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'money-conflict');
  });

  it('exits 2 with file, line, column and field for a broken knowledge base', () => {
    const r = dealcheck('--kb', 'test/fixtures/team.dealkb.json', 'examples/draft.md');
    assert.equal(r.code, 2);
    const line = readFileSync(join(repoRoot, 'test/fixtures/team.dealkb.json'), 'utf8').split('\n').findIndex((l) => l.includes('"25 billion"')) + 1;
    assert.match(r.stderr, new RegExp(`^test/fixtures/team\\.dealkb\\.json:${line}:\\d+  error  expected a number .*  \\(facts\\[0\\]\\.assertions\\[0\\]\\.value\\)$`, 'm'));
  });

  it('exits 2 on usage errors', () => {
    assert.equal(dealcheck('--format', 'xml', 'examples/draft.md').code, 2);
    assert.equal(dealcheck('no/such/file.md').code, 2);
    assert.equal(dealcheck().code, 2);
  });

  it('checks folders and globs', () => {
    const r = dealcheck('--format', 'json', devCorpus);
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path.split('/').pop()), [
      'd1-briefing.md', 'd2-chips.md', 'd3-market.md', 'd4-people.md',
    ]);
  });

  // The corpora are scored in process (test/unit/corpora.test.ts); here the CLI's JSON is scored by the
  // shared scorer, which must give the figures our scorer gives.
  for (const name of ['dev', 'open-dev']) {
    it(`its JSON, scored by ../shared/eval/score.py, gives what test/support/scorer gives on ${name}`, () => {
      const corpus = loadManifest().find((c) => c.name === name)!;
      const dir = corpusDir(corpus);
      assert.ok(existsSync(scorePy), `${scorePy} is missing: the shared corpora must sit in ../shared beside the checkout`);
      const out = join(mkdtempSync(join(tmpdir(), 'dealcheck-')), 'out.json');
      writeFileSync(out, dealcheck('--format', 'json', '--include-supported', dir).stdout);
      const shared = spawnSync('python3', [scorePy, dir, out], { encoding: 'utf8' });
      assert.equal(shared.stdout.trim().split('\n').at(-1), formatScore(scoreOf(checkCorpus(corpus))));
    });
  }
});
