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

if (cachedData === undefined || script.cachedDataRejected) {
  // Once the server has checked something, its compiled functions are worth keeping.
  setTimeout(() => {
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
  }, 2000).unref();
}
