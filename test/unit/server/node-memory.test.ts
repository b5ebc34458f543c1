/** The Node server's full garbage collection (src/server/node-memory.ts), handed to the server as releaseMemory. */
import assert from 'node:assert/strict';
import { fullGarbageCollection } from '../../../src/server/node-memory';

describe('fullGarbageCollection', () => {
  it('is a function in Node, without --expose-gc on the command line', () => assert.equal(typeof fullGarbageCollection(), 'function'));

  it('collects what nothing refers to any more', () => {
    const gc = fullGarbageCollection()!;
    gc();
    const before = process.memoryUsage().heapUsed;
    // About 40 MB of objects, dropped at once.
    let garbage: { n: number; s: string }[] | undefined = Array.from({ length: 500_000 }, (_, n) => ({ n, s: `item ${n}` }));
    assert.ok(process.memoryUsage().heapUsed - before > 20e6, 'the garbage was not allocated');
    garbage = undefined;
    gc();
    assert.equal(garbage, undefined);
    assert.ok(process.memoryUsage().heapUsed - before < 10e6, `${((process.memoryUsage().heapUsed - before) / 1e6).toFixed(1)} MB left`);
  });
});
