#!/usr/bin/env node
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type CheckJob, runWorker } from './check-files';
import { run } from './main';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (isMainThread) {
  // A reader that closes the pipe early (`dealcheck … | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    workerScript: __filename,
    readStdin,
    isTTY: process.stdout.isTTY,
    env: process.env,
    cwd: process.cwd(),
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
