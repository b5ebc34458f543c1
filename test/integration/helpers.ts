/** Shared paths for integration tests: the built CLI, and the corpora beside the checkout. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
export const cliPath = join(repoRoot, 'dist/cli.js');
export const devCorpus = process.env.DEALCHECK_EVAL ?? resolve(repoRoot, '../shared/eval/dev');
export const scorePy = resolve(devCorpus, '../score.py');

export function requireBuilt(path: string) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
}
