/**
 * The values a knowledge base's facts give, sorted, so that the facts giving a figure's value are
 * found by a binary search and a short walk instead of a pass over every fact of its type: with
 * 100,000 assertions, each "the $50 billion" tried some 40,000 money facts (about 40 ms).
 */
import type { AssertionValues, CompiledAssertion, CompiledFact, KnowledgeBase } from '../../knowledge/knowledge-base';
import type { Hedge, ValueType } from '../../knowledge/schema';
import type { Figure } from '../figures/figure';
import { agreementReach, agrees, sourceReach } from './agreement';

export interface ValueEntry {
  fact: CompiledFact;
  assertion: CompiledAssertion;
}

/** Chosen entries of a type's values (see AssertionValues) by where they reach (agreement.ts sourceReach), for overlap queries. */
export class ValueIndex {
  /** Positions in the values' lists, by the low end of their reach. */
  private readonly order: number[];
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** The highest reach of the entries up to each position: where a query's walk may start. */
  private readonly highestUpTo: Float64Array;

  constructor(
    private readonly values: Readonly<AssertionValues>,
    type: ValueType,
    hedges: ReadonlySet<Hedge>,
    /** The knowledge base's facts by place (KnowledgeBase.factAt): only the entries a query reaches are asked for. */
    private readonly factAt: (place: number) => CompiledFact,
  ) {
    const order: number[] = [];
    const los = new Float64Array(values.lo.length);
    const his = new Float64Array(values.hi.length);
    values.hedges.forEach((hedge, i) => {
      if (!hedges.has(hedge)) return;
      const r = sourceReach({ lo: values.lo[i], hi: values.hi[i] }, hedge, type);
      order.push(i);
      los[i] = r.lo;
      his[i] = r.hi;
    });
    // By the low end; the knowledge base's order among equals.
    order.sort((a, b) => los[a] - los[b] || a - b);
    this.order = order;
    this.lo = Float64Array.from(order, (i) => los[i]);
    this.hi = Float64Array.from(order, (i) => his[i]);
    this.highestUpTo = new Float64Array(order.length);
    let highest = -Infinity;
    for (let k = 0; k < order.length; k++) this.highestUpTo[k] = highest = Math.max(highest, this.hi[k]);
  }

  /** The entries whose reach overlaps [lo, hi], by their low ends: a caller that has enough stops early. */
  *overlapping(lo: number, hi: number): Generator<ValueEntry> {
    // Before the first position whose highest reach gets to `lo`, nothing does.
    for (let k = firstAtLeast(this.highestUpTo, lo); k < this.order.length && this.lo[k] <= hi; k++) {
      const i = this.order[k];
      if (this.hi[k] < lo) continue;
      const fact = this.factAt(this.values.places[i]);
      yield { fact, assertion: fact.assertions[this.values.indexes[i]] };
    }
  }
}

/** The first position of a non-decreasing array holding at least `x` (its length when none does). */
function firstAtLeast(xs: Float64Array, x: number): number {
  let a = 0;
  let b = xs.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (xs[mid] < x) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** The hedges of values a figure's "the" can echo: only an amount given exactly names its fact. */
const EXACT: ReadonlySet<Hedge> = new Set(['exact']);

/** Per knowledge base, the exact values of its money facts, built on the first figure that asks. */
const EXACT_MONEY = new WeakMap<KnowledgeBase, ValueIndex>();

function exactMoneyValues(kb: KnowledgeBase): ValueIndex {
  let index = EXACT_MONEY.get(kb);
  if (!index) {
    const values = kb.valuesByType.get('money') ?? { places: [], indexes: [], lo: [], hi: [], hedges: [] };
    EXACT_MONEY.set(kb, (index = new ValueIndex(values, 'money', EXACT, kb.factAt)));
  }
  return index;
}

/**
 * Up to `atMost` of the money facts with an exact value that agrees with the figure, each once
 * (in no particular order): whether one fact alone gives a value needs two at most.
 */
export function moneyFactsGiving(kb: KnowledgeBase, figure: Figure, atMost: number): CompiledFact[] {
  const found = new Set<CompiledFact>();
  const reach = agreementReach(figure);
  for (const { fact, assertion } of exactMoneyValues(kb).overlapping(reach.lo, reach.hi)) {
    if (found.size >= atMost) break;
    if (agrees(figure, assertion.interval, assertion.assertion.hedge)) found.add(fact);
  }
  return [...found];
}
