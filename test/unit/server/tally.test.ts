/** The status's counts of a document's findings by kind, kept from check to check by what changed. */
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/diagnostics/finding';
import { type Tally, countKinds, nextTally } from '../../../src/server/tally';

const kinds: Finding['kind'][] = ['conflict', 'supported', 'unverified', 'outdated', 'unchecked'];
const finding = (i: number): Finding => ({ kind: kinds[i % kinds.length], code: `c${i}` }) as Finding;

describe('server: the status counts', () => {
  it('counts every kind but supported and unverified as a conflict', () => {
    assert.deepEqual(countKinds(Array.from({ length: 10 }, (_, i) => finding(i))), { conflicts: 6, supported: 2, unverified: 2 });
  });

  // Each step changes the list as an edit would; the tally kept from step to step must equal a count of the whole list.
  it('kept from check to check: the same counts as counting the whole list, and the new findings', () => {
    let findings = Array.from({ length: 40 }, (_, i) => finding(i));
    let tally: Tally | undefined;
    const steps: [string, (a: Finding[]) => Finding[], number][] = [
      ['the first check', (a) => a, 40],
      ['the same list', (a) => a, 0],
      ['one replaced', (a) => [...a.slice(0, 7), finding(101), ...a.slice(8)], 1],
      ['two inserted', (a) => [...a.slice(0, 3), finding(102), finding(103), ...a.slice(3)], 2],
      ['three removed', (a) => [...a.slice(0, 10), ...a.slice(13)], 0],
      ['the first and last replaced', (a) => [finding(104), ...a.slice(1, -1), finding(105)], 39],
      ['all gone', () => [], 0],
      ['back again', () => Array.from({ length: 5 }, (_, i) => finding(i + 200)), 5],
    ];
    for (const [name, change, freshCount] of steps) {
      findings = change(findings);
      const next = nextTally(tally, findings);
      tally = next.tally;
      assert.deepEqual({ conflicts: tally.conflicts, supported: tally.supported, unverified: tally.unverified }, countKinds(findings), name);
      assert.equal(next.fresh.length, freshCount, name);
      assert.ok(next.fresh.every((f) => findings.includes(f)), name);
    }
  });
});
