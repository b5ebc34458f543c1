/** dealcheck kb check, run as a curator runs it: built, in a child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliPath, repoRoot, requireBuilt } from './helpers';

function dealcheck(...args: string[]) {
  requireBuilt(cliPath);
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, DEALCHECK_SOURCES: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sources = process.env.DEALCHECK_SOURCES || resolve(repoRoot, '../shared/sources');
const fixture = 'test/fixtures/kb-check/team.dealkb.json';

describe('dealcheck kb check', function () {
  this.timeout(20_000);

  it('finds the bundled knowledge base sound: every quote verbatim in its source, every value in its quote', () => {
    const r = dealcheck('kb', 'check', '--sources', sources);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, / {2}error {2}/);
    assert.match(r.stderr, /^dealcheck kb check: 0 error\(s\), \d+ warning\(s\), \d+ note\(s\) in src\/knowledge\/bundled\/dealcheck\.dealkb\.json\n$/);
    // The disputes list names the fact whose sources disagree most.
    assert.match(r.stdout, /^src\/knowledge\/bundled\/dealcheck\.dealkb\.json:\d+:\d+ {2}info {2}sources disagree on Amazon's investment in Anthropic: \$25 billion \(ainews-50b-ai-bet, 2026-04, completed\)/m);
  });

  it('reports quotes and values that do not match their source, unused entries and disputes, and exits 1', () => {
    const r = dealcheck('kb', 'check', '--no-bundled-kb', fixture);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        `${fixture}:5:13  warning  source "old-memo" is unused: no assertion cites it  (sources[1].id)`,
        `${fixture}:10:13  warning  entity "gizmo" is unused: no fact has it as subject or object (a draft naming it still counts against facts about others)  (entities[2].id)`,
        `${fixture}:14:13  warning  relation "closing" is unused: no fact has it  (relations[1].id)`,
        // An exclusive relation ("valuation") rules facts out; no fact needs it, so it is never unused.
        `${fixture}:19:13  info  sources disagree on the price Acme pays for WidgetCo: $3 billion (memo, 2026-05); $2.5 billion (memo, 2026-05). Different events (then split the fact), or a real dispute?  (facts[0].id)`,
        `${fixture}:32:38  error  the quote does not write this value ($3 billion) in any spelling dealcheck reads  (facts[1].assertions[0].value)`,
        `${fixture}:32:84  error  the quote is not verbatim in the source text: after "Acme" the source writes "’", the quote "'" (copy quotes and dashes as the source has them)  (facts[1].assertions[0].quote)`,
        `${fixture}:40:38  error  the quote does not write this value (9 months) in any spelling dealcheck reads  (facts[2].assertions[0].value)`,
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, `dealcheck kb check: 3 error(s), 3 warning(s), 1 note(s) in ${fixture}\n`);
  });

  it('counts a used qualifier\'s alternatives (its facet) as used: they rule facts out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-kb-'));
    const quote = 'The chip delivers 900 TFLOPS at FP16.';
    writeFileSync(join(dir, 'note.txt'), `${quote}\n`);
    const file = join(dir, 'chips.dealkb.json');
    const qualifier = (id: string, facet?: string) => ({ id, label: id, keywords: [id], ...(facet ? { facet } : {}) });
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        sources: [{ id: 'note', file: 'note.txt', title: 'Note', date: '2026-06' }],
        entities: [{ id: 'chip', name: 'Chip', kind: 'chip' }],
        relations: [{ id: 'throughput', label: 'throughput', keywords: ['delivers'] }],
        qualifiers: [qualifier('fp16', 'precision'), qualifier('fp8', 'precision'), qualifier('sparse')],
        units: [{ id: 'tflops', type: 'spec', label: 'TFLOPS', spellings: ['TFLOPS'] }],
        facts: [{ id: 'chip-throughput', statement: 'the chip\'s throughput', subject: 'chip', relation: 'throughput', qualifiers: ['fp16'], type: 'spec', unit: 'tflops', assertions: [{ source: 'note', value: 900, quote }] }],
      }),
    );
    const r = dealcheck('kb', 'check', '--no-bundled-kb', '--sources', dir, file);
    assert.equal(r.stderr, `dealcheck kb check: 0 error(s), 1 warning(s), 0 note(s) in ${file}\n`);
    assert.match(r.stdout, /warning {2}qualifier "sparse" is unused: no fact has it {2}\(qualifiers\[2\]\.id\)\n$/);
  });

  it('checks a file together with the bundled knowledge base, whose entities it may use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-kb-'));
    writeFileSync(join(dir, 'memo.txt'), 'Amazon has now put $33 billion into Anthropic.\n');
    const file = join(dir, 'extra.dealkb.json');
    const quote = 'Amazon has now put $33 billion into Anthropic.';
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        sources: [{ id: 'memo', file: 'memo.txt', title: 'Memo', date: '2026-06' }],
        extend: { facts: [{ id: 'amazon-anthropic-investment', assertions: [{ source: 'memo', value: { amount: 33, scale: 'billion' }, quote, status: 'completed' }] }] },
      }),
    );
    const r = dealcheck('kb', 'check', file);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', `dealcheck kb check: 0 error(s), 0 warning(s), 0 note(s) in ${file}\n`]);
  });

  it('exits 2 with the loader\'s errors on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-kb-'));
    const file = join(dir, 'bad.dealkb.json');
    writeFileSync(file, '{ "version": 1, "entities": [{ "id": "amazon", "name": "Amazon", "kind": "company" }] }\n');
    const r = dealcheck('kb', 'check', file);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `${file}:1:38  error  duplicate entity id "amazon", already defined in src/knowledge/bundled/dealcheck.dealkb.json:12: to add aliases or descriptions to it, list it under "extend" → "entities"  (entities[0].id)\n` +
        `dealcheck kb check: 1 error(s), 0 warning(s), 0 note(s) in ${file}\n`,
    );
  });

  const usage: [string, string[]][] = [
    ['an unknown kb command', ['kb', 'chek']],
    ['--no-bundled-kb without a FILE', ['kb', 'check', '--no-bundled-kb']],
    ['an unknown option', ['kb', 'check', '--source', 'x']],
    ['a FILE that cannot be read', ['kb', 'check', 'no-such.dealkb.json']],
  ];
  for (const [name, args] of usage) {
    it(`exits 2 on ${name}`, () => assert.equal(dealcheck(...args).code, 2));
  }
});
