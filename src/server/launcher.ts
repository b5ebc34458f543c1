#!/usr/bin/env node
/**
 * dealcheck-ls's entry: loads the server bundle (dist/server-main.js) through a V8 code cache
 * kept in the user's cache folder, so a restarted server skips compiling what it compiled last
 * time (about a third of its start-up). Only Node built-ins here; any cache trouble falls back
 * to a plain load.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// Regular expressions go straight to machine code: the first check of a large draft runs each
// of them over every paragraph, where V8's regexp interpreter costs tens of milliseconds.
setFlagsFromString('--regexp-tier-up-ticks=0');

const bundle = join(__dirname, 'server-main.js');
const source = readFileSync(bundle, 'utf8');
const stamp = statSync(bundle);
// Not the shared temp folder: code cache is code, and only this user may write it.
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dealcheck');
const cacheFile = join(cacheDir, `dealcheck-ls-${process.version}-${stamp.size}-${Math.round(stamp.mtimeMs)}.v8cache`);

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
const serverModule = { exports: {} };
wrapper.call(serverModule.exports, serverModule.exports, Module.createRequire(bundle), serverModule, bundle, __dirname);

/** How long after loading the server first tries to write its code cache: once it has checked something, its compiled functions are worth keeping. */
const CODE_CACHE_AFTER_MS = 2000;
/**
 * The most of the last look's stretch the event loop may have been busy for the server to count
 * as idle. Writing the cache takes 40–70 ms of the main thread (createCachedData serialises every
 * compiled function): written while the writer types, it lands on a keystroke's diagnostics.
 */
const IDLE_UTILIZATION = 0.1;
/** How often a busy server looks again whether it is idle enough to write its code cache. */
const CODE_CACHE_RETRY_MS = 500;

function writeCodeCache(): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
    // Caches of earlier builds are dead weight.
    for (const f of readdirSync(cacheDir)) if (f.startsWith('dealcheck-ls-') && join(cacheDir, f) !== cacheFile) rmSync(join(cacheDir, f), { force: true });
  } catch {
    // A read-only or full temp folder only costs the next start its head start.
  }
}

/** Writes the code cache once the event loop was mostly idle over the last `waitMs`; else looks again later. */
function writeCodeCacheWhenIdle(waitMs: number, since = performance.eventLoopUtilization()): void {
  setTimeout(() => {
    const busy = performance.eventLoopUtilization(since);
    if (busy.utilization <= IDLE_UTILIZATION) writeCodeCache();
    else writeCodeCacheWhenIdle(CODE_CACHE_RETRY_MS);
  }, waitMs).unref();
}

if (cachedData === undefined || script.cachedDataRejected) writeCodeCacheWhenIdle(CODE_CACHE_AFTER_MS);
