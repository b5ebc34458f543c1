/**
 * SARIF for code scanning, rdjson for reviewdog and GitHub workflow annotations, from the built
 * CLI. The SARIF is validated against the SARIF 2.1.0 JSON Schema that @microsoft/sarif-multitool
 * ships, and by the Multitool itself with GitHub's rules (`validate --rule-kind "Sarif;Gh"`), which
 * reports nothing for dealcheck's output and GH2012 errors when a rule lacks its help (checked too,
 * so the test can fail).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { cliPath, repoRoot, requireBuilt } from './helpers';

const KB = join(repoRoot, 'test/fixtures/acme.dealkb.json');
const CONFLICT = 'Acme bought WidgetCo for $5 billion last month.\n';
const SUPPORTED = 'Acme Corp will buy WidgetCo for $3 billion in cash.\n';
const MULTITOOL_PACKAGE = join(repoRoot, 'node_modules/@microsoft/sarif-multitool-linux');
const MULTITOOL = join(MULTITOOL_PACKAGE, 'Sarif.Multitool');

function dealcheck(cwd: string, ...args: string[]) {
  requireBuilt(cliPath);
  const r = spawnSync(process.execPath, [cliPath, '--no-config', '--no-bundled-kb', '--kb', KB, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dealcheck-sarif-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('--format sarif', function () {
  this.timeout(120_000);
  const dir = project({ 'docs/a b.md': `# Deals\n\n${CONFLICT}\n${SUPPORTED}`, 'docs/c.md': CONFLICT });
  const run = dealcheck(dir, '--format', 'sarif', '--include-supported', 'docs');
  const sarif: Json = JSON.parse(run.stdout);
  const results: Json[] = sarif.runs[0].results;

  it('is valid against the SARIF 2.1.0 JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(MULTITOOL_PACKAGE, 'sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
  });

  it('gives paths relative to the base, declared in originalUriBaseIds', () => {
    assert.deepEqual(results.map((r) => r.locations[0].physicalLocation.artifactLocation), [
      { uri: 'docs/a%20b.md', uriBaseId: '%SRCROOT%' },
      { uri: 'docs/a%20b.md', uriBaseId: '%SRCROOT%' },
      { uri: 'docs/c.md', uriBaseId: '%SRCROOT%' },
    ]);
    assert.deepEqual(sarif.runs[0].originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
  });

  it('--sarif-base moves the base; a file outside it gets an absolute URI', () => {
    const inDocs: Json = JSON.parse(dealcheck(dir, '--format', 'sarif', '--sarif-base', 'docs', 'docs/c.md').stdout);
    assert.deepEqual(inDocs.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'c.md', uriBaseId: '%SRCROOT%' });
    const outside: Json = JSON.parse(dealcheck(join(dir, 'docs'), '--format', 'sarif', '--sarif-base', join(dir, 'docs'), '../docs/c.md', join(dir, 'docs/a b.md')).stdout);
    assert.equal(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'c.md');
    const elsewhere: Json = JSON.parse(dealcheck(dir, '--format', 'sarif', '--sarif-base', 'docs/sub', 'docs/c.md').stdout);
    assert.deepEqual(elsewhere.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(join(dir, 'docs/c.md')).href });
  });

  it('describes every rule: name, descriptions, help in text and Markdown, helpUri, default level', () => {
    const rules: Json[] = sarif.runs[0].tool.driver.rules;
    for (const rule of rules) {
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/);
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text, rule.help.markdown]) assert.ok(text.length > 20, rule.id);
      assert.equal(rule.helpUri, `https://github.com/dealcheck/dealcheck#${rule.id.startsWith('unchecked-') ? 'unchecked' : rule.id}`);
    }
    const level = (id: string) => rules.find((r) => r.id === id).defaultConfiguration.level;
    assert.deepEqual([level('money-conflict'), level('money-outdated'), level('money-supported'), level('unchecked-time')], ['warning', 'note', 'none', 'none']);
    for (const r of results) assert.equal(rules[r.ruleIndex].id, r.ruleId);
  });

  it('gives levels as the spec does: a failing result its severity, a passing one "none"', () => {
    assert.deepEqual(results.map((r) => [r.ruleId, r.kind, r.level]), [
      ['money-conflict', 'fail', 'warning'],
      ['money-supported', 'pass', 'none'],
      ['money-conflict', 'fail', 'warning'],
    ]);
  });

  it('gives fingerprints that stay when lines move, and differ between results', () => {
    const moved = project({ 'docs/a b.md': `# Deals\n\nA new opening paragraph.\n\nAnd another.\n\n${CONFLICT}\n${SUPPORTED}`, 'docs/c.md': `\n\n${CONFLICT}` });
    const again: Json[] = JSON.parse(dealcheck(moved, '--format', 'sarif', '--include-supported', 'docs').stdout).runs[0].results;
    const prints = (rs: Json[]) => rs.map((r) => r.partialFingerprints['dealcheckFigure/v1']);
    assert.deepEqual(prints(again), prints(results));
    assert.notDeepEqual(again.map((r) => r.locations[0].physicalLocation.region.startLine), results.map((r) => r.locations[0].physicalLocation.region.startLine));
    assert.equal(new Set(prints(results)).size, results.length);
  });

  it('names the analysis in automationDetails.id (--sarif-category)', () => {
    assert.deepEqual(sarif.runs[0].automationDetails, { id: 'dealcheck/' });
    assert.deepEqual(JSON.parse(dealcheck(dir, '--format', 'sarif', '--sarif-category', 'docs-site', 'docs').stdout).runs[0].automationDetails, { id: 'docs-site/' });
  });

  it('reports a file that could not be read as a tool notification, and still lists the others', () => {
    const withDir = dealcheck(dir, '--format', 'sarif', 'docs/c.md', '/dev/null');
    const log: Json = JSON.parse(withDir.stdout);
    assert.equal(withDir.code, 2);
    assert.equal(log.runs[0].results.length, 1);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^\/dev\/null: not read: it is a device, not a regular file$/);
  });

  function multitool(file: string): Json[] {
    const out = join(dir, `${file}.validation.sarif`);
    const r = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--output', out, file], { cwd: dir, encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    return JSON.parse(readFileSync(out, 'utf8')).runs[0].results;
  }

  it('passes the SARIF Multitool with GitHub\'s rules (validate --rule-kind "Sarif;Gh")', () => {
    writeFileSync(join(dir, 'out.sarif'), run.stdout);
    assert.deepEqual(multitool('out.sarif').map((r: Json) => `${r.level} ${r.ruleId} ${JSON.stringify(r.message.arguments)}`), []);
  });

  it('(the Multitool does catch a rule without help: GH2012)', () => {
    const broken: Json = JSON.parse(run.stdout);
    delete broken.runs[0].tool.driver.rules[0].help;
    writeFileSync(join(dir, 'broken.sarif'), JSON.stringify(broken));
    assert.deepEqual([...new Set(multitool('broken.sarif').map((r: Json) => `${r.level} ${r.ruleId}`))], ['error GH2012']);
  });
});

describe('--format rdjson (reviewdog)', () => {
  it('gives each conflict with 1-based lines, UTF-8 byte columns and the source value as a suggestion', () => {
    const dir = project({ 'a.md': `Über: ${CONFLICT}` });
    const out: Json = JSON.parse(dealcheck(dir, '--format', 'rdjson', 'a.md').stdout);
    assert.deepEqual(out, {
      source: { name: 'dealcheck', url: 'https://github.com/dealcheck/dealcheck' },
      diagnostics: [
        {
          message: "$5 billion conflicts with the source on Acme's acquisition of WidgetCo: $3 billion.",
          location: { path: 'a.md', range: { start: { line: 1, column: 33 }, end: { line: 1, column: 43 } } },
          severity: 'WARNING',
          code: { value: 'money-conflict', url: 'https://github.com/dealcheck/dealcheck#money-conflict' },
          suggestions: [{ range: { start: { line: 1, column: 33 }, end: { line: 1, column: 43 } }, text: '$3 billion' }],
        },
      ],
    });
  });
});

describe('--format github (workflow annotations)', () => {
  it('writes one ::warning per conflict, with escaped properties and message', () => {
    const dir = project({ 'a,b.md': CONFLICT, 'ok.md': SUPPORTED });
    const r = dealcheck(dir, '--format', 'github', '--include-supported', 'a,b.md', 'ok.md');
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      "::warning file=a%2Cb.md,line=1,endLine=1,col=26,endColumn=36,title=dealcheck money-conflict::$5 billion conflicts with the source on Acme's acquisition of WidgetCo: $3 billion.\n",
    );
  });
});
