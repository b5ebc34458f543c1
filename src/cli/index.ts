#!/usr/bin/env node
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type CheckJob, runWorker } from './check-files';
import { run } from './main';

if (isMainThread) {
  run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    workerScript: __filename,
  }).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`dealcheck: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  runWorker(workerData as CheckJob, (results) => parentPort!.postMessage(results));
}
