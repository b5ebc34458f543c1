/**
 * Issue 13's reproducers for the CLI, as regression tests: folder walks that loop through
 * symbolic links, FIFOs and devices given as drafts or knowledge bases, one bad file among good
 * ones, 50,000 findings in JSON and SARIF, and the exit statuses.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Checked } from '../../src/cli/check-files';
import { jsonReportChunks } from '../../src/cli/formats/json';
import { sarifChunks } from '../../src/cli/formats/sarif';
import { batched } from '../../src/cli/json-stream';
import type { Finding } from '../../src/diagnostics/finding';
import { cliPath, repoRoot, requireBuilt } from './helpers';

const KB = join(repoRoot, 'test/fixtures/acme.dealkb.json');
const CONFLICT = 'Acme bought WidgetCo for $5 billion last month.\n';
/**
 * A reproducer must finish in well under this, or it is taken to hang. The 50,000-finding draft
 * takes about 25 s on a 2-core machine under load, so the bound leaves room for a slow CI runner.
 */
const HANG_MS = 90_000;

function dealcheck(cwd: string, ...args: string[]) {
  requireBuilt(cliPath);
  const r = spawnSync(process.execPath, [cliPath, '--no-config', '--no-bundled-kb', '--kb', KB, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: HANG_MS,
    maxBuffer: 1024 * 1024 * 1024,
  });
  assert.equal(r.signal, null, `dealcheck ${args.join(' ')} did not finish in ${HANG_MS / 1000} s`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dealcheck-robust-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

function mkfifo(path: string) {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, String(r.stderr));
}

const paths = (stdout: string) => (JSON.parse(stdout).files as { path: string; error?: string }[]).map((f) => (f.error ? `${f.path}: ${f.error}` : f.path));

describe('CLI robustness (issue 13)', function () {
  this.timeout(300_000);

  it('walks a folder with symbolic links to itself and its parent without following them', () => {
    const dir = folder({ 'docs/a.md': CONFLICT, 'outside/o.md': CONFLICT });
    for (const name of ['self1', 'self2', 'self3']) symlinkSync('.', join(dir, 'docs', name));
    symlinkSync('..', join(dir, 'docs/up'));
    symlinkSync('../outside/o.md', join(dir, 'docs/link.md'));
    const r = dealcheck(dir, '--format', 'json', 'docs');
    assert.deepEqual(paths(r.stdout), ['docs/a.md']);
    assert.equal(r.code, 1);
  });

  const specials: [name: string, make: (dir: string) => string, says: string][] = [
    ['a FIFO', (dir) => (mkfifo(join(dir, 'pipe.md')), 'pipe.md'), 'not read: it is a FIFO, not a regular file'],
    ['/dev/zero', () => '/dev/zero', 'not read: it is a device, not a regular file'],
  ];
  for (const [name, make, says] of specials) {
    it(`reports ${name} given as a draft, not read, and still checks the others (exit 2)`, () => {
      const dir = folder({ 'a.md': CONFLICT });
      const special = make(dir);
      const r = dealcheck(dir, '--format', 'json', special, 'a.md');
      assert.deepEqual(paths(r.stdout), [`${special}: ${says}`, 'a.md']);
      assert.equal(r.code, 2);
      const text = dealcheck(dir, special, 'a.md');
      assert.match(text.stdout, new RegExp(`^${special}: error: ${says}$`, 'm'));
      assert.match(text.stdout, /^a\.md:1:26 {2}warning/m);
    });

    it(`reports ${name} given as --kb, not read (exit 2)`, () => {
      const dir = folder({ 'a.md': CONFLICT });
      const special = make(dir);
      const r = dealcheck(dir, '--kb', special, 'a.md');
      assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', `dealcheck: knowledge base ${special}: ${says}\n`]);
    });
  }

  it('skips a draft over the size limit with the reason', () => {
    const dir = folder({ 'a.md': CONFLICT });
    writeFileSync(join(dir, 'huge.md'), '');
    truncateSync(join(dir, 'huge.md'), 20_000_001);
    const r = dealcheck(dir, '--format', 'json', 'huge.md', 'a.md');
    assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string; skipped?: string }) => [f.path, f.skipped]), [
      ['huge.md', 'skipped because it is larger than 20 MB'],
      ['a.md', undefined],
    ]);
    assert.equal(r.code, 1);
  });

  it('reports every file of a run with a draft that once crashed the engine ([www.a.b [^1])', () => {
    const dir = folder({ 'a.md': 'See [www.cnbc.com [^1] for more.\n\n[www.a.b [^1]\n', 'b.md': CONFLICT });
    const r = dealcheck(dir, '--format', 'json', 'a.md', 'b.md');
    assert.deepEqual(paths(r.stdout), ['a.md', 'b.md']);
    assert.equal(r.code, 1);
  });

  it('writes 50,000 findings as JSON that parses', () => {
    const dir = folder({ 'dense.md': Array.from({ length: 50_000 }, () => 'Acme bought WidgetCo for $5 billion.').join('\n\n') });
    const r = dealcheck(dir, '--format', 'json', 'dense.md');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).files[0].findings.length, 50_000);
  });

  it('streams JSON and SARIF past V8\'s string limit (50,000 findings of 12 KB: about 600 MB) in bounded chunks', () => {
    const V8_MAX_STRING = 2 ** 29 - 24;
    const finding: Finding = {
      kind: 'conflict',
      code: 'money-conflict',
      severity: 'warning',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      text: '$5B',
      message: 'x'.repeat(12_000),
      evidence: [],
      fixes: [],
    };
    const files: Checked[] = [{ path: 'dense.md', findings: Array.from({ length: 50_000 }, (_, i) => ({ ...finding, range: { start: { line: i, character: 0 }, end: { line: i, character: 3 } } })) }];
    for (const [name, chunks] of [
      ['json', jsonReportChunks(files)],
      ['sarif', sarifChunks(files, { version: '1', base: '/w', cwd: '/w', category: 'dealcheck' })],
    ] as const) {
      let total = 0;
      let largest = 0;
      for (const c of batched(chunks)) {
        total += c.length;
        largest = Math.max(largest, c.length);
      }
      assert.ok(total > V8_MAX_STRING, `${name}: ${total}`);
      assert.ok(largest < 1_000_000, `${name}: a chunk of ${largest}`);
    }
  });

  const statuses: [name: string, files: Record<string, string>, args: string[], code: number][] = [
    ['no conflict', { 'a.md': 'Acme Corp will buy WidgetCo for $3 billion in cash.\n' }, ['a.md'], 0],
    ['a conflict', { 'a.md': CONFLICT }, ['a.md'], 1],
    ['a usage error', { 'a.md': CONFLICT }, ['--frobnicate', 'a.md'], 2],
    ['a missing file', {}, ['nope.md'], 2],
    ['a glob that matches nothing', {}, ['drafts/**/*.md'], 2],
    ['a broken knowledge base', { 'a.md': CONFLICT, 'kb.json': '{"version": 1, "facts": [' }, ['--kb', 'kb.json', 'a.md'], 2],
  ];
  for (const [name, files, args, code] of statuses)
    it(`exits ${code} on ${name}`, () => assert.equal(dealcheck(folder(files), ...args).code, code));
});
