/**
 * Pairs each figure in a piece of prose with the fact it speaks about, and says whether the
 * sources support it. A figure's path runs one way: its figures are read (figures/), its evidence
 * gathered (evidence.ts, with the context of context/discourse.ts), each candidate fact scored
 * from named features (score.ts, model.json), and the verdict decided (verdict.ts). A figure no
 * fact fits well enough is left alone: an unknown figure is not a conflict.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { claimsNothing, isDenied } from '../context/discourse';
import type { Figure } from '../figures/figure';
import type { ProseUnit } from '../markdown/prose';
import { agreeingAssertions } from './agreement';
import { gatherEvidence } from './evidence';
import type { Contribution } from './model';
import { type Rejected, type Scored, isScored } from './score';
import { type Match, unsaidOf } from './verdict';
import { type ReadFigure, candidatesOf, decide, matesOf, readEvidence, sentenceEndOf } from './unit-reading';
import { readByWindows, readsByWindows } from './windows';
export { originalMatch } from './windows';

export type { Match } from './verdict';
export type { ReadFigure } from './unit-reading';
export { decide } from './unit-reading';

/**
 * Every figure in the unit, each with the fact it fits and its verdict when one fits. A long
 * paragraph is read a window at a time (windows.ts), which gives what reading it whole gives.
 */
export function readUnit(unit: ProseUnit, kb: KnowledgeBase): ReadFigure[] {
  return readUnitKept(unit, kb).reads;
}

/**
 * readUnit's reads, and whether they are the copies a window cache keeps (windows.ts movedReads):
 * those of a figure a keystroke moved nowhere are then the very objects the last check gave.
 */
export function readUnitKept(unit: ProseUnit, kb: KnowledgeBase): { reads: ReadFigure[]; kept: boolean } {
  const ev = gatherEvidence(unit, kb);
  if (!ev) return { reads: [], kept: false };
  return readsByWindows(ev) ? { reads: readByWindows(ev, kb), kept: true } : { reads: readEvidence(ev, kb), kept: false };
}

/** Every figure in the unit that a fact fits, with its verdict. */
export function matchUnit(unit: ProseUnit, kb: KnowledgeBase): Match[] {
  return readUnit(unit, kb).flatMap((r) => (r.match ? [r.match] : []));
}

export interface ExplainedCandidate {
  fact: string;
  /** Undefined when a gate rejected the fact. */
  score?: number;
  agrees: boolean;
  contributions: Contribution[];
  /** The gate that rejected it. */
  gate?: string;
  /** What of its subject, object and relation the sentence leaves unsaid: a conflict needs none. */
  unsaid?: string[];
}

/** A figure with every candidate fact, scored or rejected: what explain shows and what a fit weighs again. */
export interface FigureCandidates {
  figure: Figure;
  sentenceEnd: number;
  /** A question, or a claim taken back: its figure is cited, never flagged. */
  claimsNothing: boolean;
  /** The writer denies it: no finding at all. */
  denied: boolean;
  candidates: (Scored | Rejected)[];
  /** The figures of another kind in its clause (see matesOf). */
  mates: Figure[];
}

/** Every figure of the unit with every candidate fact. */
export function candidatesOfUnit(unit: ProseUnit, kb: KnowledgeBase): FigureCandidates[] {
  const ev = gatherEvidence(unit, kb);
  if (!ev) return [];
  return ev.figures.map((figure) => ({ figure, sentenceEnd: sentenceEndOf(ev, figure), claimsNothing: claimsNothing(ev, figure), denied: isDenied(ev, figure), candidates: candidatesOf(kb, ev, figure), mates: matesOf(ev, figure) }));
}

/** Candidates as explain shows them: scored ones best first, then the rejected ones with their gate. */
export function explainCandidates(figure: Figure, candidates: readonly (Scored | Rejected)[]): ExplainedCandidate[] {
  const scored = candidates.filter(isScored).sort((a, b) => b.score - a.score);
  return [...scored, ...candidates.filter((s) => !isScored(s))].map((s) => ({
    fact: s.fact.fact.id,
    ...(isScored(s) ? { score: s.score, contributions: s.contributions, unsaid: unsaidOf(s) } : { gate: s.gate, contributions: [] }),
    agrees: agreeingAssertions(figure, s.fact.assertions).length > 0,
  }));
}

/** Every candidate fact for every figure of the unit, with the figure's verdict: explain's view of one unit. */
export function explainUnit(unit: ProseUnit, kb: KnowledgeBase): { figure: Figure; match?: Match; claimsNothing: boolean; candidates: ExplainedCandidate[] }[] {
  const all = candidatesOfUnit(unit, kb).map((c) => ({ ...c, scored: c.candidates.filter(isScored) }));
  const byFigure = new Map(all.map((c) => [c.figure, c.scored]));
  const scoredOf = (f: Figure) => byFigure.get(f) ?? [];
  return all.map((c) => ({
    figure: c.figure,
    match: decide(c, scoredOf).match,
    claimsNothing: c.claimsNothing,
    candidates: explainCandidates(c.figure, c.candidates),
  }));
}
