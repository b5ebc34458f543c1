// npm run test:vscode — runs the extension's own mocha suite (test/e2e/suite/, written for
// @vscode/test-electron) inside a real VS Code extension host: code-server 4.100.3's, opened
// in Debian's chromium by playwright-core, since no desktop VS Code can be downloaded here.
//
// The workbench is opened with the `payload` query parameter that @vscode/test-web uses:
// extensionDevelopmentPath (this repository, built with `npm run build`) and extensionTestsPath
// (out/test/e2e/suite/index.js). VS Code then runs the suite's `run()` in the extension host,
// hands the reporter's output to window.codeAutomationLog and the result to
// window.codeAutomationExit(code); both are exposed here. The exit code is the suite's.
//
// Environment:
//   E2E_EXTENSION_PATH  extension folder (default: the repository)
//   E2E_SUITE_INDEX     compiled suite entry (default: out/test/e2e/suite/index.js)
//   E2E_WORKSPACE       folder to open (default: a temp copy of test/e2e/fixture)
//   E2E_SKIP_BUILD=1    do not run `npm run build` and the suite's build first
//   E2E_SUITE_TIMEOUT_MS  how long the whole suite may take (default 5 minutes)
//   E2E_VERBOSE=1       also print the workbench's start-up log lines
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { format } from 'node:util';
import { REPO, folderUrl, launchChromium, startCodeServer } from './code-server.mjs';

const extensionPath = resolve(process.env.E2E_EXTENSION_PATH ?? REPO);
const suiteIndex = resolve(process.env.E2E_SUITE_INDEX ?? join(REPO, 'out/test/e2e/suite/index.js'));
const suiteTimeout = Number(process.env.E2E_SUITE_TIMEOUT_MS ?? 300_000);
const verbose = process.env.E2E_VERBOSE === '1';
/** The workbench's own start-up chatter, shown only with E2E_VERBOSE=1. */
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/, // code-server's extension gallery: no network here
];

function run(cmd, args) {
  const t0 = Date.now();
  console.log(`== ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
  return Date.now() - t0;
}

/** Compiles test/e2e/suite/*.ts to out/test/e2e/suite/ (CommonJS), with the repo's script if any. */
async function buildSuite() {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  if (pkg.scripts?.['build:e2e']) {
    run('npm', ['run', '--silent', 'build:e2e']);
    return;
  }
  const srcDir = join(REPO, 'test/e2e/suite');
  if (!existsSync(srcDir)) throw new Error('test/e2e/suite/ does not exist (and package.json has no build:e2e script)');
  const entries = readdirSync(srcDir, { recursive: true })
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(srcDir, f));
  console.log(`== esbuild ${entries.length} files of test/e2e/suite → out/test/e2e/suite (no build:e2e script)`);
  const { build } = await import('esbuild');
  await build({
    entryPoints: entries,
    outdir: join(REPO, 'out/test/e2e/suite'),
    outbase: srcDir,
    // relative imports (src/…) are bundled in; vscode, mocha and other packages stay require()s
    bundle: true,
    packages: 'external',
    external: ['vscode'],
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

async function main() {
  const started = Date.now();
  if (process.env.E2E_SKIP_BUILD !== '1') {
    run('npm', ['run', '--silent', 'build']);
    await buildSuite();
  }
  if (!existsSync(suiteIndex)) throw new Error(`no compiled suite at ${suiteIndex}`);
  const extPkg = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  if (extPkg.main && !existsSync(join(extensionPath, extPkg.main)) && !existsSync(join(extensionPath, `${extPkg.main}.js`))) {
    throw new Error(`the extension's main ${extPkg.main} is missing in ${extensionPath}: run \`npm run build\``);
  }

  let workspace = process.env.E2E_WORKSPACE && resolve(process.env.E2E_WORKSPACE);
  let tempWorkspace;
  if (!workspace) {
    tempWorkspace = workspace = mkdtempSync(join(tmpdir(), 'dealcheck-suite-ws-'));
    cpSync(join(REPO, 'test/e2e/fixture'), workspace, { recursive: true });
    process.on('exit', () => rmSync(tempWorkspace, { recursive: true, force: true }));
  }

  const server = await startCodeServer({ log: () => {} });
  const browser = await launchChromium();
  let code = 1;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(suiteIndex)],
      ['skipWelcome', 'true'],
    ];
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // VS Code passes (type, args[]): the workbench's log and the extension host's console
      const line = Array.isArray(args) ? format(...args) : format(type, args ?? '');
      if (!verbose && NOISE.some((re) => re.test(line))) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (c) => resolveExit(Number(c)));
    page.on('pageerror', (e) => console.error(`[workbench] ${e.message}`));

    console.log(
      `== running ${relative(REPO, suiteIndex) || suiteIndex} in code-server's extension host ` +
        `(extension ${relative(REPO, extensionPath) || '.'}, workspace ${workspace})`,
    );
    await page.goto(folderUrl(server, workspace, { payload: JSON.stringify(payload) }));
    let timer;
    const timeout = new Promise((r) => {
      timer = setTimeout(() => r('timeout'), suiteTimeout);
    });
    const result = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      await page.screenshot({ path: join(REPO, 'test-results/e2e-suite-timeout.png') }).catch(() => {});
      console.error(`\ntest:vscode: the suite did not finish in ${suiteTimeout / 1000} s (screenshot test-results/e2e-suite-timeout.png)`);
      console.error(server.logTail(30));
      code = 1;
    } else {
      code = result;
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  console.log(`\ntest:vscode: suite exited with ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`test:vscode FAILED: ${e.stack ?? e}`);
    process.exit(1);
  },
);
