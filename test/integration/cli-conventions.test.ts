/**
 * The CLI as teams use linters: subcommands, report formats, standard input, configuration
 * files, ignore files and negated globs, --fix and --fix-dry-run, --quiet, --max-warnings,
 * colour, -o. Each test runs the built CLI in a child process, in a folder of its own, against a
 * one-fact knowledge base (test/fixtures/acme.dealkb.json), so no result moves with the matcher.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoverageReport } from '../../src/report';
import { cliPath, repoRoot, requireBuilt } from './helpers';

const KB = join(repoRoot, 'test/fixtures/acme.dealkb.json');
const DRAFT = readFileSync(join(repoRoot, 'test/fixtures/acme-draft.md'), 'utf8');
const CONFLICT = 'Acme bought WidgetCo for $5 billion last month.\n';
const SUPPORTED = 'Acme Corp will buy WidgetCo for $3 billion in cash.\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function dealcheck(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Run {
  requireBuilt(cliPath);
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR']) if (!env[k]) delete env[k];
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', input: options.input ?? '', env, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with the given files (path → text); `.dealcheckrc.json` points at the Acme knowledge base unless given. */
function project(files: Record<string, string>, config: object | null = { knowledgeBase: [KB], useBundledKnowledgeBase: false }): string {
  const dir = mkdtempSync(join(tmpdir(), 'dealcheck-cli-'));
  if (config) writeFileSync(join(dir, '.dealcheckrc.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('dealcheck report', () => {
  const dir = project({ 'draft.md': DRAFT });

  it('lists every figure with its verdict and the coverage (text)', () => {
    const r = dealcheck(dir, ['report', 'draft.md']);
    assert.equal(r.stdout, [
      "draft.md  4 figures: 1 supported, 1 conflict, 2 unverified; coverage 25%",
      "  3:26    conflict    $5 billion  Acme's acquisition of WidgetCo: the sources say $3 billion",
      "  5:33    supported   $3 billion  Acme's acquisition of WidgetCo: Team memo on the Acme deal",
      '  7:14    unverified  40%         no fact in the knowledge base covers it',
      '  7:21    unverified  2014        no fact in the knowledge base covers it',
      '',
      '1 draft, 4 figures: 1 supported, 1 conflict, 2 unverified; coverage 25%',
      '',
    ].join('\n'));
    assert.equal(r.code, 1);
  });

  it('prints the documented JSON contract (CoverageReport)', () => {
    const r = dealcheck(dir, ['report', '--format', 'json', 'draft.md']);
    const report = CoverageReport.parse(JSON.parse(r.stdout));
    assert.deepEqual(report.totals, { files: 1, figures: 4, supported: 1, conflict: 1, outdated: 0, unverified: 2, coverage: 0.25 });
    assert.deepEqual(report.files[0].figures.map((f) => [f.kind, f.code, f.text]), [
      ['conflict', 'money-conflict', '$5 billion'],
      ['supported', 'money-supported', '$3 billion'],
      ['unverified', 'percent-unverified', '40%'],
      ['unverified', 'date-unverified', '2014'],
    ]);
    assert.equal(report.files[0].figures[1].evidence[0].quote, 'Acme will buy WidgetCo for $3 billion in cash.');
  });

  it('prints a Markdown table for a pull request', () => {
    const md = dealcheck(dir, ['report', '--format', 'markdown', 'draft.md']).stdout;
    assert.match(md, /^\| draft\.md \| 4 \| 1 \| 1 \| 0 \| 2 \| 25% \|$/m);
    assert.match(md, /^\| 3 \| \$5 billion \| \*\*conflict\*\* \| Acme's acquisition of WidgetCo \| the sources say \$3 billion \|$/m);
  });

  it('writes one self-contained HTML page with -o', () => {
    const r = dealcheck(dir, ['report', '--format', 'html', '-o', 'report.html', 'draft.md']);
    assert.equal(r.stdout, '');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.equal(html.match(/<mark /g)?.length, 4);
    assert.doesNotMatch(html, /<script|<link/);
  });

  it('refuses a format it does not have', () => {
    const r = dealcheck(dir, ['report', '--format', 'sarif', 'draft.md']);
    assert.deepEqual([r.code, r.stderr], [2, 'dealcheck: --format must be text, json, markdown or html, not sarif\n']);
  });
});

describe('dealcheck: standard input', () => {
  const dir = project({});

  it('reads "-" and names it by --stdin-filename', () => {
    const r = dealcheck(dir, ['--stdin-filename', 'notes/today.md', '-'], { input: CONFLICT });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^notes\/today\.md:1:26 {2}warning {2}\$5 billion conflicts/);
  });

  it('names it <stdin> otherwise, and skips a byte order mark', () => {
    const r = dealcheck(dir, ['--format', 'json', '-'], { input: `\uFEFF${CONFLICT}` });
    const file = JSON.parse(r.stdout).files[0];
    assert.deepEqual([file.path, file.findings[0].range.start], ['<stdin>', { line: 0, character: 25 }]);
  });

  it('refuses --fix on standard input, pointing at --fix-dry-run', () => {
    const r = dealcheck(dir, ['--fix', '-'], { input: CONFLICT });
    assert.deepEqual([r.code, r.stderr], [2, 'dealcheck: --fix cannot write to standard input; use --fix-dry-run to see the fixes as a diff\n']);
  });
});

describe('dealcheck: configuration', () => {
  const cases: [name: string, files: Record<string, string>, expected: number][] = [
    ['.dealcheckrc.json', { '.dealcheckrc.json': JSON.stringify({ knowledgeBase: ['kb.json'], useBundledKnowledgeBase: false }) }, 1],
    ['.dealcheckrc.yaml', { '.dealcheckrc.yaml': 'knowledgeBase: [kb.json]\nuseBundledKnowledgeBase: false\n' }, 1],
    ['package.json "dealcheck"', { 'package.json': JSON.stringify({ name: 'x', dealcheck: { knowledgeBase: ['kb.json'], useBundledKnowledgeBase: false } }) }, 1],
    ['a parent folder\'s', { '.dealcheckrc.yaml': 'knowledgeBase: [kb.json]\nuseBundledKnowledgeBase: false\n' }, 1],
  ];
  for (const [name, files, code] of cases)
    it(`reads ${name}, its paths relative to itself`, () => {
      const dir = project({ ...files, 'kb.json': readFileSync(KB, 'utf8'), 'sub/draft.md': CONFLICT }, null);
      const inSub = name.startsWith('a parent');
      const r = dealcheck(inSub ? join(dir, 'sub') : dir, [inSub ? 'draft.md' : 'sub/draft.md']);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stdout, /\$5 billion conflicts with the source on Acme's acquisition of WidgetCo: \$3 billion\./);
    });

  it('applies severities: "error" fails, "ignore" drops the check, "information" passes', () => {
    const dir = project({ 'a.md': CONFLICT });
    const severity = (s: string) => writeFileSync(join(dir, '.dealcheckrc.json'), JSON.stringify({ knowledgeBase: [KB], useBundledKnowledgeBase: false, severity: { money: s } }));
    severity('error');
    assert.match(dealcheck(dir, ['a.md']).stdout, /^a\.md:1:26 {2}error {2}/);
    severity('information');
    const info = dealcheck(dir, ['a.md']);
    assert.deepEqual([info.code, /^a\.md:1:26 {2}information {2}/m.test(info.stdout)], [0, true]);
    severity('ignore');
    assert.deepEqual(dealcheck(dir, ['a.md']), { code: 0, stdout: '0 conflicts in 1 file.\n', stderr: '' });
  });

  it('showSupported lists supported figures', () => {
    const dir = project({ 'a.md': SUPPORTED }, { knowledgeBase: [KB], useBundledKnowledgeBase: false, showSupported: true });
    assert.match(dealcheck(dir, ['a.md']).stdout, /^a\.md:1:33 {2}hint {2}\$3 billion is supported by source team-memo/);
  });

  it('reports each problem in the file at its line, column and field, and exits 2', () => {
    const dir = project({ '.dealcheckrc.yaml': 'knowledgeBase: kb.json\nseverity:\n  money: loud\ncolour: true\n', 'a.md': CONFLICT }, null);
    const r = dealcheck(dir, ['a.md']);
    assert.equal(r.code, 2);
    const rc = join(dir, '.dealcheckrc.yaml');
    assert.deepEqual(r.stderr.split('\n').map((l) => l.replace(/ {2}\(.*\)$/, '').replace(/: .*$/, '').replace(rc, 'RC')), [
      'RC:1:16  error  Invalid input',
      'RC:3:10  error  Invalid option',
      'RC:4:9  error  unknown setting "colour"',
      'dealcheck',
      '',
    ]);
  });

  it('--config names the file; --no-config reads none', () => {
    const dir = project({ 'cfg/dc.yaml': `knowledgeBase: [${KB}]\nuseBundledKnowledgeBase: false\n`, 'a.md': CONFLICT }, { knowledgeBase: ['missing.json'] });
    assert.equal(dealcheck(dir, ['--config', 'cfg/dc.yaml', 'a.md']).code, 1);
    const none = dealcheck(dir, ['--no-config', '--no-bundled-kb', '--kb', KB, 'a.md']);
    assert.equal(none.code, 1, none.stderr);
    const missing = dealcheck(dir, ['a.md']);
    assert.deepEqual([missing.code, missing.stderr], [2, `dealcheck: knowledge base missing.json: cannot read it: no such file\n`]);
  });
});

describe('dealcheck: ignore files and globs', () => {
  const files = {
    '.gitignore': 'vendor/\n*.tmp.md\n!keep.tmp.md\n',
    '.dealcheckignore': 'drafts/archive/\n',
    'a.md': CONFLICT,
    'keep.tmp.md': CONFLICT,
    'skip.tmp.md': CONFLICT,
    'vendor/v.md': CONFLICT,
    'drafts/b.md': CONFLICT,
    'drafts/old/c.md': CONFLICT,
    'drafts/archive/d.md': CONFLICT,
    'node_modules/pkg/readme.md': CONFLICT,
  };
  const paths = (r: Run) => (JSON.parse(r.stdout).files as { path: string }[]).map((f) => f.path);

  it('walks a folder, leaving out what .gitignore, .dealcheckignore and node_modules exclude', () => {
    const dir = project(files);
    assert.deepEqual(paths(dealcheck(dir, ['--format', 'json', '.'])), ['a.md', 'drafts/b.md', 'drafts/old/c.md', 'keep.tmp.md']);
  });

  it('takes negated globs', () => {
    const dir = project(files);
    assert.deepEqual(paths(dealcheck(dir, ['--format', 'json', '**/*.md', '!drafts/old/**'])), ['a.md', 'drafts/b.md', 'keep.tmp.md']);
  });

  it('applies the configuration\'s "ignores", negations included', () => {
    const dir = project(files, { knowledgeBase: [KB], useBundledKnowledgeBase: false, ignores: ['drafts/**', '!drafts/b.md'] });
    assert.deepEqual(paths(dealcheck(dir, ['--format', 'json', '.'])), ['a.md', 'drafts/b.md', 'keep.tmp.md']);
  });

  it('skips a named file that is ignored, saying so, unless --no-ignore', () => {
    const dir = project(files);
    const r = dealcheck(dir, ['--format', 'json', 'a.md', 'vendor/v.md']);
    assert.deepEqual(paths(r), ['a.md']);
    assert.equal(r.stderr, 'dealcheck: vendor/v.md is ignored (.gitignore, .dealcheckignore or "ignores"); --no-ignore checks it\n');
    assert.deepEqual(paths(dealcheck(dir, ['--format', 'json', '--no-ignore', 'a.md', 'vendor/v.md'])), ['a.md', 'vendor/v.md']);
  });
});

describe('dealcheck --fix and --fix-dry-run', () => {
  const TWO = `# Deals\n\n${CONFLICT}\nLater: Acme bought WidgetCo for $4 billion, said the memo.\n`;

  it('--fix-dry-run prints a unified diff that git apply takes, and writes nothing', () => {
    const dir = project({ 'a.md': TWO });
    const r = dealcheck(dir, ['--fix-dry-run', 'a.md']);
    assert.equal(readFileSync(join(dir, 'a.md'), 'utf8'), TWO);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/a\.md\n\+\+\+ b\/a\.md\n@@ /m);
    assert.match(r.stdout, /^-Acme bought WidgetCo for \$5 billion last month\.$/m);
    assert.match(r.stdout, /^\+Acme bought WidgetCo for \$3 billion last month\.\[\^dc-team-memo\]$/m);
    assert.match(r.stdout, /^\+\[\^dc-team-memo\]: "Acme will buy WidgetCo for \$3 billion in cash\." — Team memo on the Acme deal, May 2026\.$/m);
    const git = spawnSync('git', ['apply', '--check', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(git.status, 0, git.stderr);
  });

  it('--fix writes each preferred fix, says what changed, and the draft then checks clean', () => {
    const dir = project({ 'a.md': TWO, 'clean.md': SUPPORTED });
    const r = dealcheck(dir, ['--fix', '.']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, [
      'a.md:3:26  fixed  $5 billion → $3 billion  (Replace with $3 billion — Team memo on the Acme deal)',
      'a.md:5:33  fixed  $4 billion → $3 billion  (Replace with $3 billion — Team memo on the Acme deal)',
      '0 conflicts in 2 files.',
      '',
    ].join('\n'));
    assert.equal(r.stderr, 'dealcheck: applied 2 fixes\n');
    assert.equal(
      readFileSync(join(dir, 'a.md'), 'utf8'),
      '# Deals\n\nAcme bought WidgetCo for $3 billion last month.[^dc-team-memo]\n\nLater: Acme bought WidgetCo for $3 billion, said the memo.[^dc-team-memo]\n\n[^dc-team-memo]: "Acme will buy WidgetCo for $3 billion in cash." — Team memo on the Acme deal, May 2026.\n',
    );
    assert.equal(readFileSync(join(dir, 'clean.md'), 'utf8'), SUPPORTED);
    assert.equal(dealcheck(dir, ['a.md']).code, 0);
  });

  it('keeps a byte order mark and CRLF line endings', () => {
    const dir = project({ 'a.md': `\uFEFF# Deals\r\n\r\n${CONFLICT.replace('\n', '\r\n')}` });
    assert.equal(dealcheck(dir, ['--fix', 'a.md']).code, 0);
    const fixed = readFileSync(join(dir, 'a.md'), 'utf8');
    assert.ok(fixed.startsWith('\uFEFF# Deals\r\n\r\nAcme bought WidgetCo for $3 billion last month.[^dc-team-memo]\r\n'), JSON.stringify(fixed));
    assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/);
  });
});

describe('dealcheck: --quiet, --max-warnings, colour, -o', () => {
  const dir = project({ 'a.md': CONFLICT, 'b.md': CONFLICT });

  it('--max-warnings N fails only past N warnings', () => {
    assert.equal(dealcheck(dir, ['--max-warnings', '2', '.']).code, 0);
    const r = dealcheck(dir, ['--max-warnings', '1', '.']);
    assert.deepEqual([r.code, r.stderr], [1, 'dealcheck: 2 warnings, more than --max-warnings 1\n']);
    assert.equal(dealcheck(dir, ['--max-warnings', 'many', '.']).code, 2);
  });

  it('--quiet prints errors only; warnings still fail the run', () => {
    const r = dealcheck(dir, ['--quiet', '.']);
    assert.deepEqual([r.code, r.stdout], [1, '2 conflicts in 2 files; 2 findings not shown (--quiet shows errors only).\n']);
  });

  const colours: [name: string, args: string[], env: Record<string, string>, coloured: boolean][] = [
    ['off when not a terminal', [], {}, false],
    ['on with FORCE_COLOR=1', [], { FORCE_COLOR: '1' }, true],
    ['off with FORCE_COLOR=0', [], { FORCE_COLOR: '0' }, false],
    ['off with NO_COLOR=1 and --color unset', [], { NO_COLOR: '1' }, false],
    ['on with --color, whatever NO_COLOR says', ['--color'], { NO_COLOR: '1' }, true],
    ['off with --no-color, whatever FORCE_COLOR says', ['--no-color'], { FORCE_COLOR: '1' }, false],
  ];
  for (const [name, args, env, coloured] of colours)
    it(`colour is ${name}`, () => assert.equal(/\x1b\[/.test(dealcheck(dir, [...args, 'a.md'], { env }).stdout), coloured));

  it('never colours a machine format', () => assert.doesNotMatch(dealcheck(dir, ['--format', 'json', 'a.md'], { env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[/));

  it('-o writes the output to a file', () => {
    const r = dealcheck(dir, ['--format', 'json', '-o', 'out.json', 'a.md']);
    assert.deepEqual([r.code, r.stdout], [1, '']);
    assert.equal(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).files[0].path, 'a.md');
  });
});

describe('dealcheck: subcommands', () => {
  it('checks a draft named like a subcommand when written as a path', () => {
    const dir = project({ report: CONFLICT });
    cpSync(join(dir, 'report'), join(dir, 'report.md'));
    assert.match(dealcheck(dir, ['./report']).stdout, /^\.\/report:1:26 {2}warning/);
  });

  it('--help lists the report subcommand', () => {
    const r = dealcheck(repoRoot, ['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ {7}dealcheck report \[options\] PATH\.\.\./m);
  });
});
