/** dealcheck kb add, run as a curator runs it: built, in a child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot, requireBuilt } from './helpers';

function dealcheck(...args: string[]) {
  requireBuilt(cliPath);
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const article = 'test/fixtures/kb-add/article.txt';

describe('dealcheck kb add', function () {
  this.timeout(20_000);

  it('prints a knowledge base file of candidates, grouped under the facts they match, and reports the figures it cannot place', () => {
    const r = dealcheck('kb', 'add', article, '--source-id', 'ohio-memo');
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(r.stdout);
    assert.deepEqual(file.sources, [{ id: 'ohio-memo', file: 'article.txt', title: 'Stocks Rose 4% on Tuesday' }]);
    assert.deepEqual(file.extend.facts[0], {
      id: 'amazon-anthropic-investment',
      assertions: [{ source: 'ohio-memo', value: { amount: 33, scale: 'billion' }, quote: 'Amazon has now invested $33 billion in Anthropic, the company said on Tuesday.' }],
    });
    // "$12 billion on new data centers in Ohio over 5 years" is capital spending, no known fact:
    // its two figures are new facts, not more assertions of Anthropic's commitment to AWS.
    assert.deepEqual(file.facts.map((f: { type: string; assertions: { quote: string }[] }) => [f.type, f.assertions[0].quote]), [
      ['money', 'AWS will spend $12 billion on new data centers in Ohio over 5 years.'],
      ['duration', 'AWS will spend $12 billion on new data centers in Ohio over 5 years.'],
    ]);
    assert.equal(
      r.stderr,
      `${article}:1:13  not placed: 4% (no fact fits it and its sentence names nothing the knowledge base knows): Stocks Rose 4% on Tuesday\n` +
        `dealcheck kb add: ${file.extend.facts.length} candidate(s) for known facts, 2 new fact(s), 1 figure(s) not placed\n`,
    );
  });

  it('writes the file with -o, and kb check loads it with the bundled knowledge base', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dealcheck-kb-add-')), 'ohio.dealkb.json');
    assert.equal(dealcheck('kb', 'add', article, '-o', out).code, 0);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(file.sources[0].id, 'article');
    // The quotes are the article's own sentences: kb check finds each in it and each value in its quote.
    const r = dealcheck('kb', 'check', '--sources', 'test/fixtures/kb-add', out);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  const usage: [string, string[]][] = [
    ['no ARTICLE', ['kb', 'add']],
    ['an ARTICLE that cannot be read', ['kb', 'add', 'no-such-article.txt']],
    ['a bad --source-id', ['kb', 'add', article, '--source-id', 'Not An Id']],
    ['a broken --kb file', ['kb', 'add', article, '--kb', 'test/fixtures/team.dealkb.json']],
  ];
  for (const [name, args] of usage) it(`exits 2 on ${name}`, () => assert.equal(dealcheck(...args).code, 2));
});
