/** Every figure in a piece of prose, each once: kinds run over the text, overlaps go to the longer match. */
import type { Figure } from './figure';
import { hedgeAround } from './hedges';
import { FIGURE_KINDS } from './kinds';
import { PER_MILLION_TOKENS } from './kinds/money';
import { DIGITS, decimalsOf, parseDigits } from './numbers';

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function byPosition(a: Figure, b: Figure): number {
  return a.start - b.start || b.end - b.start - (a.end - a.start);
}

/**
 * Figures in `text`, left to right. Spans in `exclude` (names such as "Trainium 2" or
 * "Claude 3.5") are never figures.
 */
export function findFigures(text: string, exclude: readonly { start: number; end: number }[] = []): Figure[] {
  const priority = new Map(FIGURE_KINDS.map((k) => [k.id, k.priority]));
  const all = FIGURE_KINDS.flatMap((k) => (k.mayContain.test(text) ? k.find(text) : []))
    .filter((f) => !exclude.some((e) => overlaps(e, f)))
    .sort((a, b) => byPosition(a, b) || priority.get(a.kind)! - priority.get(b.kind)!);
  const kept: Figure[] = [];
  for (const f of all) {
    if (kept.some((k) => overlaps(k, f))) continue;
    // "over 10 years" is a span of time, not a hedge.
    const hedge = hedgeAround(text, f.start, f.end, f.hedge);
    kept.push({ ...f, hedge: f.type === 'duration' && hedge === 'more-than' ? 'exact' : hedge });
  }
  return kept.sort(byPosition);
}

const BARE_NUMBER = new RegExp(String.raw`(?<![\p{L}\p{N}$.,#-])(${DIGITS})(?![\p{L}\p{N}%$]|[.,]\d)`, 'gu');

/**
 * Ellipsis: "1.8 TFLOPS per watt, against 2.1 for Trainium 2" and "$0.80 per million tokens on
 * Inferentia 2 and $1.20 on the L40S" state the second figure in the first one's unit.
 * Within one sentence, a bare number (or a bare dollar amount) after a spec figure takes its unit.
 */
export function inheritUnits(text: string, figures: Figure[], sentenceEnd: (offset: number) => number, exclude: readonly { start: number; end: number }[]): Figure[] {
  const out = [...figures];
  for (const f of figures) {
    if (f.type !== 'spec' || !f.unit) continue;
    const until = sentenceEnd(f.start);
    if (f.unit === PER_MILLION_TOKENS) {
      for (const g of out) {
        if (g.start > f.end && g.start < until && g.type === 'money' && g.kind === 'money') {
          Object.assign(g, { type: 'spec', unit: f.unit });
        }
      }
      continue;
    }
    BARE_NUMBER.lastIndex = f.end;
    for (let m = BARE_NUMBER.exec(text); m && m.index < until; m = BARE_NUMBER.exec(text)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (out.some((g) => overlaps(g, span)) || exclude.some((e) => overlaps(e, span))) continue;
      const n = parseDigits(m[1]);
      out.push({
        kind: 'spec', type: 'spec', unit: f.unit, ...span, text: m[0],
        value: { lo: n, hi: n }, hedge: hedgeAround(text, span.start, span.end, 'exact'),
        decimals: decimalsOf(m[1]), factor: 1, style: { space: '', unit: '', sep: '-' },
      });
    }
  }
  return out.sort(byPosition);
}

/** A sentence that prices tokens: "a million tokens cost $1.50", "the per-token price is $1.75 per million". */
export const PRICES_TOKENS = /\b(?:a|one|per|every|1)\s*(?:M|million)\s+(?:[\p{L}\p{N}.]+\s+){0,3}?tokens\b|\bper[- ]token\b|\btokens?\b(?:[^.;]|\.\d)*\bper\s+(?:1M|million)\b/iu;

/**
 * "Serving a million tokens costs $0.80 on Inferentia 2 and $2.00 on an H100": in a sentence
 * about the price of tokens, a plain dollar amount under $100 is a price per million tokens.
 */
export function readTokenPrices(text: string, figures: Figure[], sentenceOf: (offset: number) => { start: number; end: number }): Figure[] {
  return figures.map((f) => {
    if (f.type !== 'money' || f.factor !== 1 || f.value.hi >= 100) return f;
    const s = sentenceOf(f.start);
    return PRICES_TOKENS.test(text.slice(s.start, s.end)) ? { ...f, type: 'spec', unit: PER_MILLION_TOKENS } : f;
  });
}

/**
 * "Per watt, Trainium 2 delivers 2.1 TFLOPS": a throughput after a "per watt" of its sentence that
 * is no figure's own ("2.1 TFLOPS per watt") is an efficiency.
 */
export function readPerWatt(text: string, figures: Figure[], sentenceOf: (offset: number) => { start: number; end: number }): Figure[] {
  return figures.map((f) => {
    if (f.type !== 'spec' || f.unit !== 'TFLOPS') return f;
    const s = sentenceOf(f.start);
    const loose = [...text.slice(s.start, f.start).matchAll(/\bper[- ]watt\b/gi)].some(
      (m) => !figures.some((g) => g.start <= s.start + m.index && s.start + m.index < g.end),
    );
    return loose ? { ...f, unit: 'TFLOPS/W' } : f;
  });
}
