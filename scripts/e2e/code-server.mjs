// A throwaway code-server (VS Code 1.100.3 served to a browser) for the end-to-end tests.
//
//   const server = await startCodeServer({ vsix, settings });
//   … drive `${server.url}/?folder=/abs/workspace` with a browser …
//   await server.stop();
//
// Every run gets a fresh profile in a temp folder: XDG_CONFIG_HOME and XDG_DATA_HOME (otherwise
// code-server writes ~/.config/code-server/config.yaml), --user-data-dir with User/settings.json,
// and --extensions-dir. The server binds 127.0.0.1 on a free port, runs in its own process group,
// and that group is killed on stop(), on exit, on SIGINT/SIGTERM and on an uncaught error.
// code-server itself comes from scripts/e2e/install-code-server.sh (.cache/code-server).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The settings every throwaway profile starts with: nothing may steal focus or phone home. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  // Ctrl+H would otherwise put the word at the cursor into the find input, racing the test's own text
  'editor.find.seedSearchStringFromSelection': 'never',
};

/** Path of code-server's entry script: $CODE_SERVER_ENTRY, or the copy in .cache/code-server. */
export function codeServerEntry() {
  const entry =
    process.env.CODE_SERVER_ENTRY ??
    join(REPO, '.cache/code-server/node_modules/code-server/out/node/entry.js');
  if (!existsSync(entry)) {
    throw new Error(`code-server is not installed (${entry} is missing): run \`bash scripts/e2e/setup.sh\``);
  }
  return entry;
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

const live = new Set(); // servers to kill if this process ends abruptly
let hooksInstalled = false;

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: kill the groups outright.
  process.on('exit', () => {
    for (const s of live) s.killNow('SIGKILL');
    for (const s of live) s.removeProfileNow();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping code-server`);
      process.exit(sig === 'SIGINT' ? 130 : 143); // runs the 'exit' handler above
    });
  }
}

/**
 * Starts code-server on a fresh profile.
 * @param {object} [opts]
 * @param {string} [opts.vsix] a .vsix to install into the profile's extensions dir first
 * @param {Record<string, unknown>} [opts.settings] user settings added to BASE_SETTINGS
 * @param {string[]} [opts.args] more code-server arguments
 * @param {number} [opts.timeoutMs] how long to wait for /healthz (default 60 s)
 * @param {boolean} [opts.keepProfile] keep the temp folder after stop() (also $E2E_KEEP_PROFILE=1)
 * @param {(line: string) => void} [opts.log]
 */
export async function startCodeServer(opts = {}) {
  const log = opts.log ?? ((line) => console.log(line));
  const entry = codeServerEntry();
  installExitHooks();

  const root = mkdtempSync(join(tmpdir(), 'dealcheck-code-server-'));
  const dirs = {
    root,
    config: join(root, 'config'),
    data: join(root, 'data'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  const settings = { ...BASE_SETTINGS, ...(opts.settings ?? {}) };
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    // no password prompt, no proxy surprises for 127.0.0.1
    PASSWORD: '',
    NO_PROXY: '127.0.0.1,localhost',
  };
  delete env.VSCODE_IPC_HOOK_CLI; // would make code-server act as a CLI of another window
  const profileArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  if (opts.vsix) {
    const vsix = resolve(opts.vsix);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [entry, ...profileArgs, '--install-extension', vsix], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (r.status !== 0 || /failed|error/i.test(out)) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(`installing ${vsix} into code-server failed (exit ${r.status}):\n${out}`);
    }
    log(`[code-server] installed ${vsix} in ${Date.now() - t0} ms: ${out.split('\n').pop()}`);
  }

  const port = await freePort();
  const logFile = join(root, 'code-server.log');
  const logStream = createWriteStream(logFile);
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    ...profileArgs,
    ...(opts.args ?? []),
  ];
  // detached: the child leads a new process group (setsid), so one kill(-pid) ends the server
  // together with its extension host, file watcher and language servers.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  let exited = null;
  const exitPromise = new Promise((res) => child.on('exit', (code, signal) => res((exited = { code, signal }))));

  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    dirs,
    logFile,
    pid: child.pid,
    /** Sends `signal` to the whole group, synchronously; safe to call twice. */
    killNow(signal = 'SIGTERM') {
      if (exited) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    },
    /** Removes the profile folder (unless kept), synchronously. */
    removeProfileNow() {
      if (opts.keepProfile || process.env.E2E_KEEP_PROFILE === '1') return;
      try {
        rmSync(root, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    },
    /** Last lines of the server's log, for failure messages. */
    logTail(lines = 30) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    async stop() {
      if (!live.has(server)) return;
      live.delete(server);
      server.killNow('SIGTERM');
      const timer = setTimeout(() => server.killNow('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
      // the group may outlive its leader for a moment (extension host, language server)
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group gone */
      }
      logStream.end();
      if (opts.keepProfile || process.env.E2E_KEEP_PROFILE === '1') log(`[code-server] profile kept in ${root}`);
      else server.removeProfileNow();
    },
  };
  live.add(server);

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      const tail = server.logTail();
      await server.stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail}`);
    }
    try {
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      const tail = server.logTail();
      await server.stop();
      throw new Error(`code-server did not answer /healthz on port ${port} in time:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  log(`[code-server] ${server.url} (pid ${child.pid}, profile ${root})`);
  return server;
}

/** The URL that opens `folder` (an absolute path) in the workbench. */
export function folderUrl(server, folder, extraQuery = {}) {
  const q = new URLSearchParams({ folder: resolve(folder), ...extraQuery });
  return `${server.url}/?${q.toString()}`;
}

/** Launches Debian's chromium through playwright-core. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: run \`bash scripts/e2e/setup.sh\``);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
