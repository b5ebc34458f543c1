#!/usr/bin/env node
/**
 * dealcheck-ls's entry: loads the server bundle (dist/server-main.js) through a V8 code cache
 * kept in the temp folder, so a restarted server skips compiling what it compiled last time
 * (about a third of its start-up). Only Node built-ins here; any cache trouble falls back to a
 * plain load.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// Regular expressions go straight to machine code: the first check of a large draft runs each
// of them over every paragraph, where V8's regexp interpreter costs tens of milliseconds.
setFlagsFromString('--regexp-tier-up-ticks=0');

const bundle = join(__dirname, 'server-main.js');
const source = readFileSync(bundle, 'utf8');
const stamp = statSync(bundle);
const cacheFile = join(tmpdir(), `dealcheck-ls-${process.version}-${stamp.size}-${Math.round(stamp.mtimeMs)}.v8cache`);

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
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // A read-only or full temp folder only costs the next start its head start.
    }
  }, 2000).unref();
}
