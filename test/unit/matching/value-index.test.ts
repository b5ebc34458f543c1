/**
 * The index of money values (src/diagnostics/matching/value-index.ts) finds, for a figure, the
 * facts a pass over every money fact finds: those with an exact value that agrees with it.
 */
import assert from 'node:assert/strict';
import { agrees } from '../../../src/diagnostics/matching/agreement';
import { moneyFactsGiving } from '../../../src/diagnostics/matching/value-index';
import type { Figure } from '../../../src/diagnostics/figures/figure';
import type { CompiledFact, KnowledgeBase } from '../../../src/knowledge/knowledge-base';
import type { Hedge } from '../../../src/knowledge/schema';
import { knowledgeBasesToCompare } from '../../support/kb-copies';

const money = (lo: number, hi: number, hedge: Hedge, decimals = 0, factor = 1e9): Figure => ({
  kind: 'money',
  type: 'money',
  start: 0,
  end: 0,
  text: '',
  value: { lo, hi },
  hedge,
  decimals,
  factor,
  style: {},
});

/** The former pass: every money fact with an exact value that agrees. */
function byScan(kb: KnowledgeBase, figure: Figure): CompiledFact[] {
  return (kb.factsByType.get('money') ?? []).filter((f) => f.assertions.some((a) => a.assertion.hedge === 'exact' && agrees(figure, a.interval, a.assertion.hedge)));
}

/** Figures at, near and between a knowledge base's money values, in each way a writer hedges or rounds them. */
function figuresFor(kb: KnowledgeBase): [name: string, figure: Figure][] {
  const values = [...new Set((kb.factsByType.get('money') ?? []).flatMap((f) => f.assertions.flatMap((a) => [a.interval.lo, a.interval.hi])))];
  const out: [string, Figure][] = [];
  for (const v of values) {
    out.push(
      [`${v} as written`, money(v, v, 'exact')],
      [`${v} with one decimal`, money(v, v, 'exact', 1)],
      [`about ${v * 1.04}`, money(v * 1.04, v * 1.04, 'about')],
      [`nearly ${v * 1.08}`, money(v * 1.08, v * 1.08, 'nearly')],
      [`more than ${v * 0.93}`, money(v * 0.93, v * 0.93, 'more-than')],
      [`up to ${v}`, money(v, v, 'up-to')],
      [`${v * 0.5} to ${v}`, money(v * 0.5, v, 'range')],
      [`${v} to ${v * 2}`, money(v, v * 2, 'range')],
      [`${v * 1.3}, near none`, money(v * 1.3, v * 1.3, 'exact')],
      [`-${v}`, money(-v, -v, 'exact')],
    );
  }
  return [...out, ['zero', money(0, 0, 'exact')]];
}

describe('money facts giving a figure, by index as by a scan of every money fact', () => {
  for (const [name, kb] of knowledgeBasesToCompare()) {
    const figures = figuresFor(kb);
    const ids = (facts: CompiledFact[]) => facts.map((f) => f.fact.id).sort();
    it(`${name}: every fact that agrees, for ${figures.length} figures`, () => {
      for (const [what, figure] of figures) assert.deepEqual(ids(moneyFactsGiving(kb, figure, Infinity)), ids(byScan(kb, figure)), what);
    });
    it(`${name}: whether one fact alone gives the value`, () => {
      for (const [what, figure] of figures) assert.equal(moneyFactsGiving(kb, figure, 2).length === 1, byScan(kb, figure).length === 1, what);
    });
    it(`${name}: some figure is given by no fact and some by several, so the comparison says something`, () => {
      const counts = figures.map(([, figure]) => byScan(kb, figure).length);
      assert.ok(counts.includes(0) && counts.some((n) => n > 1));
    });
  }
});

describe('the knowledge base\'s lists of values, as its facts give them', () => {
  for (const [name, kb] of knowledgeBasesToCompare())
    it(`${name}: each type's assertions in order, with their values and hedges`, () => {
      for (const [type, facts] of kb.factsByType) {
        const values = kb.valuesByType.get(type)!;
        const expected = facts.flatMap((f) => f.assertions.map((a) => [f, a, a.interval.lo, a.interval.hi, a.assertion.hedge]));
        const entries = Array.from(values.hedges, (hedge, i) => {
          const f = kb.factAt(values.places[i]);
          return [f, f.assertions[values.indexes[i]], values.lo[i], values.hi[i], hedge];
        });
        assert.deepEqual(entries, expected, type);
      }
      assert.deepEqual([...kb.valuesByType.keys()].sort(), [...kb.factsByType.keys()].sort());
    });
});
