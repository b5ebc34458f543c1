/**
 * Installing from npm as a user would, and the GitHub Action's install and check steps run on
 * the same tarball: `npm pack`, then `npm install -g` of the tarball into a
 * fresh prefix puts `dealcheck` and `dealcheck-ls` on PATH with nothing else installed (the
 * bundles carry their libraries), and both run: the CLI checks a draft, the server answers
 * `initialize` and pushes diagnostics over stdio.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from './helpers';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack, then npm install -g into a fresh prefix', function () {
  this.timeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'dealcheck-install-'));
  const prefix = join(work, 'prefix');
  const bin = join(prefix, 'bin');
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, npm_config_prefix: prefix, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  let tarball: string;
  let files: string[];

  before(() => {
    const out = execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
    const packed = JSON.parse(out.slice(out.indexOf('[')))[0];
    tarball = join(work, packed.filename);
    files = packed.files.map((f: { path: string }) => f.path).sort();
    execFileSync(npm, ['install', '--global', '--offline', tarball], { cwd: work, env, stdio: 'pipe' });
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('packs only the bundles, the knowledge base and the schemas, with no runtime dependency', () => {
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/knowledge/dealcheck.dealkb.json',
      'dist/server-main.js',
      'dist/server.js',
      'package.json',
      'schemas/dealcheckrc.schema.json',
      'schemas/dealkb.schema.json',
    ]);
  });

  it('publishes the production build, without source map references', () => {
    const cli = readFileSync(join(prefix, 'lib/node_modules/dealcheck/dist/cli.js'), 'utf8');
    assert.doesNotMatch(cli, /sourceMappingURL/);
  });

  it('installs dealcheck alone: no other package comes along', () => {
    assert.deepEqual(readdirSync(join(prefix, 'lib/node_modules')), ['dealcheck']);
    assert.equal(existsSync(join(prefix, 'lib/node_modules/dealcheck/node_modules')), false);
    assert.deepEqual(readdirSync(bin).sort(), ['dealcheck', 'dealcheck-ls']);
  });

  it('runs dealcheck from PATH', () => {
    const draft = join(work, 'draft.md');
    writeFileSync(draft, 'Amazon invested $35 billion in Anthropic this spring.\n');
    const r = spawnSync('dealcheck', ['--no-config', draft], { cwd: work, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /draft\.md:1:17 {2}warning {2}\$35 billion conflicts/);
    const report = spawnSync('dealcheck', ['report', '--no-config', '--format', 'json', draft], { cwd: work, env, encoding: 'utf8' });
    assert.equal(JSON.parse(report.stdout).totals.conflict, 1);
  });

  it('runs dealcheck-ls from PATH: initialize, then diagnostics for an opened draft', async () => {
    const child: ChildProcess = spawn('dealcheck-ls', ['--stdio'], { cwd: work, env, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const uri = pathToFileURL(join(work, 'open.md')).href;
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri === uri && p.diagnostics.length) resolve(p);
      }),
    );
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    try {
      const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { serverInfo?: { name: string } };
      assert.equal(init.serverInfo?.name, 'dealcheck-ls');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text: 'Amazon invested $35 billion in Anthropic this spring.\n' },
      });
      const pushed = await diagnostics;
      assert.equal(pushed.diagnostics[0].code, 'money-conflict');
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  describe('action.yml (composite)', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const action: any = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    const step = (name: string) => action.runs.steps.find((s: { name: string }) => s.name === name);

    /** ${{ … }} as GitHub would expand it, for the expressions the action uses. */
    function expand(text: string, inputs: Record<string, string>, outputs: Record<string, string>): string {
      return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
        if (expr.startsWith('inputs.')) return inputs[expr.slice(7)];
        if (expr === 'github.action_path') return repoRoot;
        if (expr.startsWith('steps.check.outputs.')) return outputs[expr.slice(20)] ?? '';
        throw new Error(`the test does not know ${expr}`);
      });
    }

    /** Runs a `run:` step as the runner does (bash -e -o pipefail), returning its status and outputs. */
    function runStep(name: string, inputs: Record<string, string>, cwd: string, outputs: Record<string, string> = {}) {
      const s = step(name);
      const outFile = join(work, `${s.id ?? 'step'}.out`);
      writeFileSync(outFile, '');
      const stepEnv = Object.fromEntries(Object.entries((s.env ?? {}) as Record<string, string>).map(([k, v]) => [k, expand(v, inputs, outputs)]));
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(s.run, inputs, outputs)], {
        cwd,
        env: { ...env, ...stepEnv, GITHUB_OUTPUT: outFile },
        encoding: 'utf8',
      });
      const written = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string]));
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: written };
    }

    const defaults = (): Record<string, string> => Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String((v as { default?: string }).default ?? '')]));

    it('is a composite action: set up Node, install, check, upload SARIF, fail on conflicts', () => {
      assert.equal(action.runs.using, 'composite');
      assert.deepEqual(action.runs.steps.map((s: { name: string; uses?: string }) => [s.name, s.uses ?? 'run']), [
        ['Set up Node.js', 'actions/setup-node@v4'],
        ['Install dealcheck', 'run'],
        ['Check', 'run'],
        ['Upload SARIF to code scanning', 'github/codeql-action/upload-sarif@v3'],
        ['Fail on conflicts', 'run'],
      ]);
      assert.deepEqual(step('Upload SARIF to code scanning').with, { sarif_file: '${{ inputs.sarif-file }}', category: '${{ inputs.category }}' });
    });

    it('installs a given tarball, then checks: SARIF for the upload, annotations, exit code 1 as an output', () => {
      const installDir = mkdtempSync(join(tmpdir(), 'dealcheck-action-'));
      const inputs = { ...defaults(), version: tarball, paths: 'docs "!docs/old/**"', args: '--no-bundled-kb --kb kb.json' };
      const install = runStep('Install dealcheck', { ...inputs }, installDir);
      assert.equal(install.status, 0, install.stderr);
      assert.match(install.stdout, /^0\.1\.0$/m);
      const repo = mkdtempSync(join(tmpdir(), 'dealcheck-action-repo-'));
      writeFileSync(join(repo, 'kb.json'), readFileSync(join(repoRoot, 'test/fixtures/acme.dealkb.json')));
      for (const [p, text] of [['docs/a.md', 'Acme bought WidgetCo for $5 billion last month.\n'], ['docs/old/b.md', 'Acme bought WidgetCo for $9 billion.\n']]) {
        spawnSync('mkdir', ['-p', join(repo, p, '..')]);
        writeFileSync(join(repo, p), text);
      }
      const check = runStep('Check', { ...inputs, paths: 'docs !docs/old/**' }, repo);
      assert.equal(check.status, 0, check.stderr);
      assert.deepEqual(check.outputs, { 'exit-code': '1' });
      assert.match(check.stdout, /^::warning file=docs\/a\.md,line=1,endLine=1,col=26,endColumn=36,title=dealcheck money-conflict::/);
      assert.equal(check.stdout.split('\n').filter(Boolean).length, 1);
      const sarif = JSON.parse(readFileSync(join(repo, 'dealcheck.sarif'), 'utf8'));
      assert.deepEqual(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri), ['docs/a.md']);
      assert.equal(sarif.runs[0].automationDetails.id, 'dealcheck/');
      assert.equal(step('Fail on conflicts').if, "${{ inputs.fail-on-conflict == 'true' && steps.check.outputs.exit-code == '1' }}");
      assert.equal(runStep('Fail on conflicts', inputs, repo, check.outputs).status, 1);
    });

    it('fails the check step on exit 2 (a configuration error)', () => {
      const repo = mkdtempSync(join(tmpdir(), 'dealcheck-action-repo-'));
      writeFileSync(join(repo, '.dealcheckrc.json'), '{"colour": true}');
      const check = runStep('Check', { ...defaults() }, repo);
      assert.equal(check.status, 1);
      assert.deepEqual(check.outputs, { 'exit-code': '2' });
    });
  });
});
