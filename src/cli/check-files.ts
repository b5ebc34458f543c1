/**
 * Checks files, in parallel worker threads when there are several files and more than one core.
 * Each worker loads the same knowledge base and checks its share; results come back in order.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkDocument } from '../diagnostics/engine';
import type { Report } from '../diagnostics/finding';
import { type KnowledgeBase, loadKnowledgeBase } from '../knowledge';

export interface CheckJob {
  files: string[];
  kbFiles: { path: string; text: string }[];
  useBundled: boolean;
  includeSupported: boolean;
}

type FileResult = Report['files'][number];

export function checkFilesHere(files: string[], kb: KnowledgeBase, includeSupported: boolean): FileResult[] {
  return files.map((path) => {
    const result = checkDocument(readFileSync(path, 'utf8'), kb, { includeSupported });
    return { path, findings: result.findings, ...(result.skipped ? { skipped: result.skipped } : {}) };
  });
}

/** Worth a thread: the bundle loads in ~50 ms, so only for enough text. */
const MIN_BYTES_FOR_WORKERS = 200_000;

export async function checkFiles(job: CheckJob, kb: KnowledgeBase, workerScript: string | undefined, sizeOf: (f: string) => number): Promise<FileResult[]> {
  const total = job.files.reduce((s, f) => s + sizeOf(f), 0);
  const threads = Math.min(availableParallelism(), job.files.length);
  if (!workerScript || threads < 2 || total < MIN_BYTES_FOR_WORKERS) return checkFilesHere(job.files, kb, job.includeSupported);
  // Deal files round-robin by size so each thread gets a similar amount of text.
  const shares: string[][] = Array.from({ length: threads }, () => []);
  const loads = new Array(threads).fill(0);
  for (const f of [...job.files].sort((a, b) => sizeOf(b) - sizeOf(a))) {
    const i = loads.indexOf(Math.min(...loads));
    shares[i].push(f);
    loads[i] += sizeOf(f);
  }
  // The main thread takes the first share itself.
  const others = shares.slice(1).map(
    (files) =>
      new Promise<FileResult[]>((resolve, reject) => {
        const worker = new Worker(workerScript, { workerData: { ...job, files } satisfies CheckJob });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  );
  const mine = checkFilesHere(shares[0], kb, job.includeSupported);
  const byPath = new Map([...mine, ...(await Promise.all(others)).flat()].map((r) => [r.path, r]));
  return job.files.map((f) => byPath.get(f)!);
}

/** The worker side: check the share and post the results back. */
export function runWorker(job: CheckJob, post: (results: FileResult[]) => void) {
  const { kb } = loadKnowledgeBase({ files: job.kbFiles, useBundled: job.useBundled });
  post(checkFilesHere(job.files, kb, job.includeSupported));
}
