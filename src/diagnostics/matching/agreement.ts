/**
 * Whether a writer's figure agrees with a source's value, allowing for hedges and rounding:
 * "nearly $60 billion" agrees with $58 billion, "over 80%" with 80%, "$13 billion" with "$13B+",
 * but "over 70%" does not agree with "over 80%" and "$19 billion" does not agree with $20 billion.
 */
import type { Hedge, ValueType } from '../../knowledge/schema';
import type { Figure, Interval } from '../figures/figure';

/** How far a hedge word lets a figure stray from the number written. */
const HEDGE_SPREAD: Record<Hedge, [number, number]> = {
  exact: [1, 1],
  'up-to': [1, 1],
  range: [1, 1],
  about: [0.985, 1.015],
  estimate: [0.985, 1.015],
  nearly: [0.95, 1],
  'less-than': [0.95, 1],
  'more-than': [1, 1.1],
  'at-least': [1, 1.1],
};

/** Rounding: a writer who writes "$2.5 billion" means 2.45–2.55, but never more than 2% off. */
const MAX_ROUNDING = 0.02;

export function hedged(v: Interval, hedge: Hedge): Interval {
  const [down, up] = HEDGE_SPREAD[hedge];
  return { lo: Math.min(v.lo * down, v.lo * up), hi: Math.max(v.hi * up, v.hi * down) };
}

export function writerInterval(f: Figure): Interval {
  const v = hedged(f.value, f.hedge);
  if (f.type === 'date') return v;
  // A hedged figure ("about 20 months") already allows for its own roughness.
  if (f.hedge === 'about' || f.hedge === 'estimate') return v;
  const rounding = Math.min(0.5 * 10 ** -f.decimals * f.factor, MAX_ROUNDING * Math.abs(f.value.hi));
  return { lo: v.lo - rounding, hi: v.hi + rounding };
}

export function sourceInterval(v: Interval, hedge: Hedge, type: string): Interval {
  if (type === 'date') return v;
  const h = hedged(v, hedge);
  // Floating point: 0.1 * 3 and 0.3 must compare equal.
  const eps = Math.abs(h.hi) * 1e-9;
  return { lo: h.lo - eps, hi: h.hi + eps };
}

function overlap(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

export function agrees(figure: Figure, source: Interval, sourceHedge: Hedge): boolean {
  // A range against a range is a claim about both ends: "30-50%" is not "20-40%", though they overlap.
  if (figure.type !== 'date' && figure.value.lo !== figure.value.hi && source.lo !== source.hi) {
    const writerEnd = (n: number) => writerInterval({ ...figure, value: { lo: n, hi: n } });
    const sourceEnd = (n: number) => sourceInterval({ lo: n, hi: n }, 'exact', figure.type);
    return overlap(writerEnd(figure.value.lo), sourceEnd(source.lo)) && overlap(writerEnd(figure.value.hi), sourceEnd(source.hi));
  }
  return overlap(writerInterval(figure), sourceInterval(source, sourceHedge, figure.type));
}

/** An assertion as agreement needs it: its value's interval and its hedge. */
interface Valued {
  interval: Interval;
  assertion: { hedge: Hedge };
}

/**
 * Whether `finer` names a narrower date inside `coarse`'s that the figure misses: "deliveries
 * start in 2026" does not vouch for "January 2026" when another source dates them to February 2026.
 */
function overruledBy(figure: Figure, coarse: Interval, finer: Interval): boolean {
  const inside = finer.lo >= coarse.lo && finer.hi <= coarse.hi && finer.hi - finer.lo < coarse.hi - coarse.lo;
  return inside && !overlap(figure.value, finer);
}

/**
 * The assertions of one fact that the figure agrees with. A coarser date of a fact stands aside
 * where a finer one of the same fact says otherwise: the finer source tells what the coarser
 * leaves open, and a figure that contains the finer date ("2026", "Q1 2026") agrees with both.
 */
export function agreeingAssertions<A extends Valued>(figure: Figure, assertions: readonly A[]): A[] {
  const agreeing = assertions.filter((a) => agrees(figure, a.interval, a.assertion.hedge));
  if (figure.type !== 'date' || !agreeing.length) return agreeing;
  return agreeing.filter((a) => !assertions.some((b) => overruledBy(figure, a.interval, b.interval)));
}

/** The smallest interval holding all of `xs`. */
function hull(xs: Interval[]): Interval {
  return { lo: Math.min(...xs.map((x) => x.lo)), hi: Math.max(...xs.map((x) => x.hi)) };
}

/**
 * Where the writer's side of `agrees` lies for a figure: the hull of its interval and of each end's
 * (a range against a range compares the ends). A source value that agrees with the figure has its
 * sourceReach overlap this, so an index of values can find the agreeing ones without trying all.
 */
export function agreementReach(figure: Figure): Interval {
  const end = (n: number) => writerInterval({ ...figure, value: { lo: n, hi: n } });
  return hull([writerInterval(figure), end(figure.value.lo), end(figure.value.hi)]);
}

/** Where the source's side of `agrees` lies for a source value: its interval and each end's, as agrees widens them. */
export function sourceReach(source: Interval, sourceHedge: Hedge, type: ValueType): Interval {
  // The hull written out: an index of 100,000 assertions' values asks for every one of them.
  const whole = sourceInterval(source, sourceHedge, type);
  const lo = sourceInterval({ lo: source.lo, hi: source.lo }, 'exact', type);
  const hi = sourceInterval({ lo: source.hi, hi: source.hi }, 'exact', type);
  return { lo: Math.min(whole.lo, lo.lo, hi.lo), hi: Math.max(whole.hi, lo.hi, hi.hi) };
}
