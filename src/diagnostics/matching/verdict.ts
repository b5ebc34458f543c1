/**
 * From scored candidates to a verdict: the figure agrees with the sources when it agrees with any
 * plausible reading (a fact scoring close to the best), conflicts when it agrees with none and
 * the best reading is strong enough, and is left alone otherwise.
 */
import type { CompiledAssertion, CompiledFact } from '../../knowledge/knowledge-base';
import type { Figure } from '../figures/figure';
import { agrees } from './agreement';
import { VERDICT } from './model';
import type { Scored } from './score';

export interface Match {
  figure: Figure;
  fact: CompiledFact;
  /** The assertions whose value agrees with the figure; empty for a conflict. */
  agreeing: CompiledAssertion[];
  score: number;
  /** End of the figure's sentence (or table cell), trailing space excluded: where a citation goes. */
  sentenceEnd: number;
}

/**
 * A figure hedged the way a source hedges it ("up to $25 billion") echoes that assertion, so its
 * fact stays plausible further below the best ("Amazon's commitment, up to $25 billion, is mostly
 * conditional" is not the conditional tranche).
 */
function echoes(figure: Figure, fact: CompiledFact): boolean {
  return figure.hedge !== 'exact' && fact.assertions.some((a) => a.assertion.hedge === figure.hedge && agrees(figure, a.interval, a.assertion.hedge));
}

/**
 * "Amazon's $58 billion commitment" names Amazon and no partner, "a $42 billion base" no year:
 * its facts with the same relation and other partners, or other years, are all readings of it,
 * and it agrees with the one it matches.
 */
function unnamedAlike(best: Scored, s: Scored): boolean {
  if (s.fact.fact.relation !== best.fact.fact.relation) return false;
  return (best.objectUnnamed && s.objectUnnamed) || (best.yearUnnamed && s.yearUnnamed && s.fact.fact.object === best.fact.fact.object);
}

/** The same thing measured: facts that differ only in their qualifiers or year are siblings. */
function sameThing(a: Scored, b: Scored): boolean {
  const x = a.fact.fact;
  const y = b.fact.fact;
  return x.subject === y.subject && x.relation === y.relation && x.object === y.object;
}

/** No fact clearly wins: another plausible reading is about something else. Then an unknown figure is not a conflict. */
function ambiguous(best: Scored, plausible: readonly Scored[]): boolean {
  return plausible.some((s) => s !== best && s.positive && !sameThing(best, s) && s.score >= best.score - VERDICT.margin);
}

/** The readings of the figure worth checking it against: the best, those close to it, and those it echoes. */
export function plausibleReadings(figure: Figure, scored: Scored[]): Scored[] {
  if (!scored.length) return [];
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  const best = sorted[0];
  return sorted.filter(
    (s) =>
      s.score >= best.score - VERDICT.margin ||
      (s.score >= best.score - VERDICT.echoMargin && s.fact.fact.subject === best.fact.fact.subject && (echoes(figure, s.fact) || unnamedAlike(best, s))),
  );
}

/** The figure's verdict among its scored readings, or undefined to leave it alone. */
export function verdict(figure: Figure, scored: Scored[], sentenceEnd: number): Match | undefined {
  const plausible = plausibleReadings(figure, scored);
  if (!plausible.length) return undefined;
  for (const s of plausible) {
    const agreeing = s.fact.assertions.filter((a) => agrees(figure, a.interval, a.assertion.hedge));
    if (agreeing.length) return { figure, fact: s.fact, agreeing, score: s.score, sentenceEnd };
  }
  // Saying a writer is wrong takes more than a word or two of evidence; citing them does not.
  const best = plausible[0];
  if (best.score < VERDICT.minConflictScore || !best.positive || ambiguous(best, plausible)) return undefined;
  return { figure, fact: best.fact, agreeing: [], score: best.score, sentenceEnd };
}
