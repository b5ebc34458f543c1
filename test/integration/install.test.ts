/**
 * Installing from npm as a user would: `npm pack`, then `npm install -g` of the tarball into a
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
      connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => p.uri === uri && p.diagnostics.length && resolve(p)),
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
});
