/**
 * npm run fuzz [-- CASES] [-- --seed N]: the property tests of test/unit/properties.test.ts on
 * many more random drafts (100,000 by default, shared among the properties as there). Prints
 * each property's count and time, and the total; exits 1 with the shrunk draft on a failure.
 */
import fc from 'fast-check';
import { PROPERTIES } from '../test/unit/properties/properties';

const DEFAULT_CASES = 100_000;

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cases = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? DEFAULT_CASES);
const seed = argument('--seed');
let total = 0;
const started = performance.now();
for (const { name, property, share } of PROPERTIES) {
  const numRuns = Math.round(cases * share);
  const t = performance.now();
  const details = fc.check(property, { numRuns, ...(seed ? { seed: Number(seed) } : {}) });
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  if (details.failed) {
    console.error(`FAILED after ${details.numRuns} cases: ${name}\n${fc.defaultReportMessage(details)}`);
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    console.error(`\n${cause}`);
    process.exit(1);
  }
  total += details.numRuns;
  console.log(`${String(details.numRuns).padStart(7)} cases  ${seconds.padStart(7)} s  ${name}`);
}
console.log(`${String(total).padStart(7)} cases in ${((performance.now() - started) / 1000).toFixed(0)} s, no failure (seed ${seed ?? 'random'})`);
