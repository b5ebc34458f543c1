/**
 * Checks drafts, in parallel worker threads when there is enough text and more than one core.
 * Drafts are read in the main thread (read-file.ts) and each is checked on its own: an engine
 * error in one is reported for that draft and never hides the others' findings.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CheckOptions, checkDocument } from '../diagnostics/engine';
import type { Finding } from '../diagnostics/finding';
import { type KnowledgeBase, loadKnowledgeBase } from '../knowledge';
import { KnowledgeCache } from '../node/knowledge-cache';
import type { CachedKb } from './knowledge';

/** A draft to check: read, or with the reason it was not. */
export interface Draft {
  path: string;
  text?: string;
  /** The file began with a UTF-8 byte order mark (kept when a fix rewrites it). */
  bom?: boolean;
  skipped?: string;
  error?: string;
}

export interface Checked extends Draft {
  findings: Finding[];
}

export interface CheckJob {
  drafts: Draft[];
  kbFiles: { path: string; text: string }[];
  useBundled: boolean;
  /** The cache entry the main thread's knowledge base is read from or was written to: a worker reads it rather than build. */
  cached?: CachedKb;
  options: CheckOptions;
}

function checkOne(draft: Draft, kb: KnowledgeBase, options: CheckOptions): Checked {
  if (draft.text === undefined) return { ...draft, findings: [] };
  try {
    const result = checkDocument(draft.text, kb, options);
    return { ...draft, findings: result.findings, ...(result.skipped ? { skipped: result.skipped } : {}) };
  } catch (e) {
    return { ...draft, findings: [], error: `dealcheck could not check it: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function checkDraftsHere(drafts: readonly Draft[], kb: KnowledgeBase, options: CheckOptions): Checked[] {
  return drafts.map((d) => checkOne(d, kb, options));
}

/** Worth a thread: the bundle loads in ~50 ms, so only for enough text. */
const MIN_CHARS_FOR_WORKERS = 200_000;

export async function checkDrafts(job: CheckJob, kb: KnowledgeBase, workerScript: string | undefined): Promise<Checked[]> {
  const sizeOf = (d: Draft) => d.text?.length ?? 0;
  const total = job.drafts.reduce((s, d) => s + sizeOf(d), 0);
  const threads = Math.min(availableParallelism(), job.drafts.length);
  if (!workerScript || threads < 2 || total < MIN_CHARS_FOR_WORKERS) return checkDraftsHere(job.drafts, kb, job.options);
  // Deal drafts out by size so each thread gets a similar amount of text.
  const shares: number[][] = Array.from({ length: threads }, () => []);
  const loads = new Array(threads).fill(0);
  const bySize = job.drafts.map((_, i) => i).sort((a, b) => sizeOf(job.drafts[b]) - sizeOf(job.drafts[a]));
  for (const i of bySize) {
    const t = loads.indexOf(Math.min(...loads));
    shares[t].push(i);
    loads[t] += sizeOf(job.drafts[i]);
  }
  const results: Checked[] = new Array(job.drafts.length);
  const place = (share: number[], checked: Checked[]) => share.forEach((i, k) => (results[i] = checked[k]));
  // The main thread takes the first share itself. A worker that dies has its share checked here.
  const others = shares.slice(1).map(async (share) => {
    const drafts = share.map((i) => job.drafts[i]);
    const checked = await new Promise<Checked[]>((resolve) => {
      const worker = new Worker(workerScript, { workerData: { ...job, drafts } satisfies CheckJob });
      worker.once('message', resolve);
      worker.once('error', () => resolve(checkDraftsHere(drafts, kb, job.options)));
    });
    place(share, checked);
  });
  place(shares[0], checkDraftsHere(shares[0].map((i) => job.drafts[i]), kb, job.options));
  await Promise.all(others);
  return results;
}

/** The worker side: check the share and post the results back. */
export function runWorker(job: CheckJob, post: (results: Checked[]) => void) {
  post(checkDraftsHere(job.drafts, workerKnowledgeBase(job), job.options));
}

/** The main thread's knowledge base, from its cache entry or its files; an entry gone meanwhile throws, and the main thread checks this share itself. */
function workerKnowledgeBase(job: CheckJob): KnowledgeBase {
  if (!job.cached) return loadKnowledgeBase({ files: job.kbFiles, useBundled: job.useBundled }).kb;
  const { dir, engine, key, fileNames } = job.cached;
  const read = new KnowledgeCache({ dir, engine }).read(key, fileNames);
  if (!read.kb) throw new Error(`the knowledge base cache entry is ${read.miss}`);
  return read.kb;
}
