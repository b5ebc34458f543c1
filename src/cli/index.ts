#!/usr/bin/env node
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type CheckJob, runWorker } from './check-files';
import { run } from './main';

// `dealcheck … | head` closes the pipe early: that is the reader being done, not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

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
