/**
 * The project's labelled corpora (test/corpora.json): each one's drafts checked in process with
 * the engine, and scored as a whole and by round. Paths are relative to the repository root.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { checkDocument } from '../../src/diagnostics/engine';
import type { Finding } from '../../src/diagnostics/finding';
import { type KnowledgeBase, loadKnowledgeBase } from '../../src/knowledge';
import { type Located, type Score, loadLabels, score } from './scorer';

export const repoRoot = resolve(__dirname, '../..');

const Bar = z.object({ precision: z.number(), recall: z.number(), coverage: z.number(), openWorldErrors: z.number() });
export const Corpus = z.object({
  name: z.string(),
  dir: z.string(),
  rounds: z.array(z.object({ name: z.string(), match: z.string(), blind: z.boolean().optional() })),
  bar: Bar,
  /** Knowledge base files (relative to the repository) that replace the bundled one. */
  kb: z.array(z.string()).optional(),
});
export type Corpus = z.infer<typeof Corpus>;

export function loadManifest(): Corpus[] {
  return z.object({ $comment: z.string(), corpora: z.array(Corpus) }).parse(JSON.parse(readFileSync(join(repoRoot, 'test/corpora.json'), 'utf8'))).corpora;
}

export function corpusDir(c: Corpus): string {
  return resolve(repoRoot, c.dir);
}

const kbCache = new Map<string, KnowledgeBase>();

/** The knowledge base a corpus is checked against; its problems are a failure, not a skip. */
export function knowledgeBaseFor(c: Corpus): KnowledgeBase {
  const key = (c.kb ?? []).join('\n');
  let kb = kbCache.get(key);
  if (!kb) {
    const files = (c.kb ?? []).map((p) => ({ path: p, text: readFileSync(join(repoRoot, p), 'utf8') }));
    const loaded = loadKnowledgeBase({ files, useBundled: !c.kb });
    if (loaded.problems.length) throw new Error(`${c.name}: its knowledge base has problems: ${loaded.problems.map((p) => `${p.file}:${p.line + 1} ${p.message}`).join('; ')}`);
    kbCache.set(key, (kb = loaded.kb));
  }
  return kb;
}

export interface CheckedCorpus {
  corpus: Corpus;
  labels: Located[];
  findings: Map<string, Finding[]>;
}

/** Checks every draft of a corpus. A corpus whose folder is missing throws, with the reason. */
export function checkCorpus(c: Corpus, kb: KnowledgeBase = knowledgeBaseFor(c)): CheckedCorpus {
  const dir = corpusDir(c);
  if (!existsSync(dir)) throw new Error(`corpus ${c.name}: ${dir} is missing (the shared corpora sit in ../shared beside the checkout)`);
  const labels = loadLabels(dir);
  const findings = new Map<string, Finding[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    findings.set(file, checkDocument(readFileSync(join(dir, file), 'utf8'), kb, { includeSupported: true, withFixes: false, blockBudgetMs: Infinity }).findings);
  }
  return { corpus: c, labels, findings };
}

/** The score of a checked corpus, whole or for one round. */
export function scoreOf(checked: CheckedCorpus, round?: string): Score {
  if (round === undefined) return score(checked.labels, checked.findings);
  const r = checked.corpus.rounds.find((x) => x.name === round)!;
  const match = new RegExp(r.match);
  return score(checked.labels.filter((l) => match.test(l.file)), checked.findings);
}

/** Which round each draft belongs to; a draft in no round is a manifest error. */
export function roundOf(c: Corpus, file: string): string {
  const r = c.rounds.find((x) => new RegExp(x.match).test(file));
  if (!r) throw new Error(`corpus ${c.name}: ${file} belongs to no round of test/corpora.json`);
  return r.name;
}
