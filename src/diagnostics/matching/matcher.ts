/**
 * Pairs each figure in a piece of prose with the fact it speaks about, and says whether the
 * sources support it. A figure's path runs one way: its figures are read (figures/), its evidence
 * gathered (evidence.ts, with the context of context/discourse.ts), each candidate fact scored
 * from named features (score.ts, model.json), and the verdict decided (verdict.ts). A figure no
 * fact fits well enough is left alone: an unknown figure is not a conflict.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { claimsNothing, isDenied, lendable } from '../context/discourse';
import type { Figure } from '../figures/figure';
import type { ProseUnit } from '../markdown/prose';
import { sentenceAt, spanIndexAt } from '../reading/layout';
import { agrees } from './agreement';
import { type Evidence, askedFor, gatherEvidence, near } from './evidence';
import { type Contribution, VERDICT } from './model';
import { type Rejected, type Scored, isScored, scoreCandidate } from './score';
import { type Match, type VerdictParams, otherDealMate, unsaidOf, verdict } from './verdict';
import { checkpoint } from '../budget';

export type { Match } from './verdict';

/** A figure of a unit and its verdict: `match` is unset when no fact fits it (an unverified figure). */
export interface ReadFigure {
  figure: Figure;
  match?: Match;
  /** End of the figure's sentence (or table cell), trailing space excluded. */
  sentenceEnd: number;
}

/**
 * The entities a figure may be about: named in its sentence or its headers, lent to its sentence
 * (by the sentence before that names someone, or the paragraph before), or its section's topic.
 * A name in another sentence of the unit weighs nothing for it, so a long paragraph does not make
 * every fact a candidate for every figure.
 */
function entitiesOf(kb: KnowledgeBase, ev: Evidence, figure: Figure): Set<string> {
  const lent = lendable(kb, ev, spanIndexAt(ev.layout.sentences, figure.start));
  return new Set([...near(ev, figure).mentions.map((m) => m.entity), ...(ev.header?.mentions.keys() ?? []), ...lent, ...ev.previous, ...ev.topic]);
}

/** The words said for a figure: in its sentence, its headers, or the question its sentence answers. */
function wordsOf(ev: Evidence, figure: Figure): Set<string> {
  return new Set([...near(ev, figure).keywords.map((k) => k.keyword), ...(ev.header?.keywords.keys() ?? []), ...askedFor(ev, figure)]);
}

/**
 * Every candidate fact for the figure, scored or rejected by a gate. Only facts about an entity
 * the unit names (or is lent), or named by their own words, can pass the gates: the knowledge
 * base's index gives just those.
 */
function candidatesOf(kb: KnowledgeBase, ev: Evidence, figure: Figure): (Scored | Rejected)[] {
  const out: (Scored | Rejected)[] = [];
  for (const fact of kb.candidateFacts(figure.type, entitiesOf(kb, ev, figure), wordsOf(ev, figure))) {
    // A spec, count or duration is compared in its unit: another unit is another measure.
    if (fact.unit !== figure.unit && (figure.type === 'spec' || figure.type === 'count' || figure.type === 'duration')) continue;
    out.push(scoreCandidate({ kb, ev, figure, fact }));
  }
  return out;
}

function sentenceEndOf(ev: Evidence, figure: Figure): number {
  const end = sentenceAt(ev.layout, ev.text, figure.start).end;
  return ev.text.slice(0, end).trimEnd().length;
}

/** The figures of another kind in the figure's clause, dates aside: the other sides of what it says ("$38 billion over seven years"). */
function matesOf(ev: Evidence, figure: Figure): Figure[] {
  const clause = spanIndexAt(ev.layout.clauses, figure.start);
  return ev.figures.filter((f) => f.type !== figure.type && f.type !== 'date' && spanIndexAt(ev.layout.clauses, f.start) === clause);
}

/** A figure's scored readings, with its sentence's end and its mates (see matesOf). */
interface Reading {
  figure: Figure;
  sentenceEnd: number;
  claimsNothing: boolean;
  /** The writer denies it (context/discourse isDenied): no finding at all. */
  denied: boolean;
  scored: Scored[];
  mates: Figure[];
}

/**
 * The figure's verdict among its readings and its mates' (verdict.otherDealMate): a conflict is
 * withdrawn when a mate speaks of another deal. A question or a claim taken back claims nothing
 * ("How much of the $58 billion is cash?"): cite it, never flag it.
 */
export function decide(r: Reading, scoredOf: (f: Figure) => readonly Scored[], params: VerdictParams = VERDICT): { match?: Match; otherDeal?: Figure } {
  if (r.denied) return {};
  const match = verdict(r.figure, r.scored, r.sentenceEnd, params);
  if (!match || match.agreeing.length) return { match };
  if (r.claimsNothing) return {};
  const otherDeal = otherDealMate(match, r.mates.map((figure) => ({ figure, scored: scoredOf(figure) })), params);
  return otherDeal ? { otherDeal } : { match };
}

/** Every figure in the unit, each with the fact it fits and its verdict when one fits. */
export function readUnit(unit: ProseUnit, kb: KnowledgeBase): ReadFigure[] {
  const ev = gatherEvidence(unit, kb);
  if (!ev) return [];
  const readings = new Map<Figure, Reading>();
  for (const figure of ev.figures) {
    // A sentence of hundreds of figures can take long: the block's time budget is checked per figure.
    checkpoint();
    const scored = candidatesOf(kb, ev, figure).filter(isScored);
    readings.set(figure, { figure, sentenceEnd: sentenceEndOf(ev, figure), claimsNothing: claimsNothing(ev, figure), denied: isDenied(ev, figure), scored, mates: matesOf(ev, figure) });
  }
  const scoredOf = (f: Figure) => readings.get(f)!.scored;
  return [...readings.values()].map((r) => {
    const { match } = decide(r, scoredOf);
    return match ? { figure: r.figure, match, sentenceEnd: r.sentenceEnd } : { figure: r.figure, sentenceEnd: r.sentenceEnd };
  });
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
    agrees: s.fact.assertions.some((a) => agrees(figure, a.interval, a.assertion.hedge)),
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
