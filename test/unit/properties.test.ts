/**
 * Property tests (issue 13): a few thousand random drafts per run (PROPERTY_RUNS, default 3,000,
 * shared among the properties). `npm run fuzz` runs the same properties on 100,000 and more.
 * A failure prints fast-check's seed and path, and the shrunk draft: add it to robustness.test.ts.
 */
import fc from 'fast-check';
import { PROPERTIES } from './properties/properties';

const TOTAL = Number(process.env.PROPERTY_RUNS ?? 3000);
/**
 * npm test runs the same drafts every time, so a red build is a change's fault, never the draw's;
 * `npm run fuzz` draws new ones (PROPERTY_SEED=random here does too).
 */
const SEED = process.env.PROPERTY_SEED === 'random' ? undefined : Number(process.env.PROPERTY_SEED ?? 20261201);

describe('properties of the engine on random drafts', function () {
  this.timeout(300_000);
  for (const { name, property, share } of PROPERTIES) {
    it(`${name} (${Math.round(TOTAL * share)} drafts)`, () => fc.assert(property, { numRuns: Math.round(TOTAL * share), ...(SEED === undefined ? {} : { seed: SEED }) }));
  }
});
