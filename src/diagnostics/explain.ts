/**
 * Why each figure of a draft got its verdict: every candidate fact with each feature's
 * contribution to its score, the gate that rejected the others, and, for a figure left alone, the
 * reason. The context is the engine's own (the paragraph before a block that names nobody), so
 * what `dealcheck explain` prints is what a check decided.
 */
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { lendContext, namesParty } from './context/discourse';
import { DocumentChecker, documentText } from './engine';
import type { Figure } from './figures/figure';
import type { Finding, Position } from './finding';
import { parseProse } from './markdown/prose';
import { type ExplainedCandidate, type FigureCandidates, candidatesOfUnit, decide, explainCandidates } from './matching/matcher';
import { type Scored, isScored } from './matching/score';
import { nearInSize } from './matching/verdict';
import { VERDICT } from './matching/model';
import type { Match } from './matching/verdict';

export interface FigureExplanation {
  range: { start: Position; end: Position };
  text: string;
  type: Figure['type'];
  unit?: string;
  hedge: Figure['hedge'];
  /** The text before the figure's block that may lend it parties (its block names nobody), if any. */
  context?: string;
  /** The verdict a check reports: conflict, supported, outdated (agrees only with replaced values), or silent (no finding). */
  verdict: 'conflict' | 'supported' | 'outdated' | 'silent';
  /** The fact of the verdict, when the figure has one. */
  fact?: string;
  /** Why, in a sentence. */
  why: string;
  candidates: ExplainedCandidate[];
}

/** Why a figure with no match stayed silent. */
function whySilent(figure: Figure, candidates: ExplainedCandidate[], claimsNothing: boolean, unitLabel: string | undefined, nearBest: boolean): string {
  const scored = candidates.filter((c) => c.score !== undefined);
  if (!candidates.length) return `silent: the sentence names no party and says no word of any ${figure.type}${unitLabel ? ` (${unitLabel})` : ''} fact of the knowledge base`;
  if (!scored.length) {
    const gates = [...new Set(candidates.map((c) => c.gate))];
    return `silent: every candidate fact failed a gate (${gates.join('; ')})`;
  }
  if (claimsNothing) return 'silent: a question or a claim taken back ("We said …", "(not …)") claims nothing, so only a figure that agrees is cited';
  const best = scored[0];
  if (best.score! < VERDICT.minConflictScore) return `silent: the best reading, ${best.fact}, scored ${best.score!.toFixed(2)}, below the ${VERDICT.minConflictScore} a conflict needs`;
  if (best.unsaid?.length) return `silent: the best reading, ${best.fact}, is not a conflict: the sentence does not say its ${best.unsaid.join(' or ')}`;
  if (!nearBest) {
    // A reading about as likely that it is a plausible mistake for would have taken it, unless one agrees (verdict.ts conflictReading).
    const agreeing = candidates.find((c) => c.agrees);
    const but = agreeing ? `, and ${agreeing.fact} agrees with it` : ', and no other reading took it';
    return `silent: the best reading, ${best.fact}, is no plausible mistake: ${figure.text} differs by more than ${VERDICT.sizeRatio} times from every source's value${but}`;
  }
  return `silent: no reading clearly wins: ${scored.filter((c) => c.score! >= best.score! - VERDICT.ambiguity).map((c) => c.fact).join(', ')} are as likely`;
}

function whyMatched(match: Match, reported: Finding | undefined): string {
  const sources = [...new Set(match.agreeing.map((a) => a.source.id))];
  const what = match.agreeing.length
    ? `supported: agrees with ${sources.join(', ')} on ${match.fact.fact.id}`
    : `conflict: agrees with no source on ${match.fact.fact.id}`;
  if (reported?.kind === 'outdated') return `outdated: ${reported.message}`;
  return reported ? what : `${what}, but a dealcheck-disable comment silences it`;
}

/** A figure of a document as a check reads it: its place, its context and its candidate facts. */
export interface DocumentFigure extends FigureCandidates {
  range: { start: Position; end: Position };
  context?: string;
  /** A dealcheck-disable comment silences it. */
  silenced: boolean;
  /** What the check reports for it. */
  reported?: Finding;
}

/** Every figure of a Markdown document with its candidates, in the context a check gives it. */
export function readDocumentFigures(text: string, kb: KnowledgeBase): DocumentFigure[] {
  const checker = new DocumentChecker(kb);
  const { findings } = checker.check(text, { includeSupported: true, includeUnverified: true, withFixes: false });
  const { positionAt } = documentText(text);
  const out: DocumentFigure[] = [];
  for (const block of checker.blockContexts(text)) {
    const { units } = lendContext(parseProse(block.text).units, kb, block.previous, block.topic, block.text);
    for (const unit of units) {
      for (const c of candidatesOfUnit(unit, kb)) {
        const start = positionAt(block.start + unit.start + c.figure.start);
        const end = positionAt(block.start + unit.start + c.figure.end);
        const reported = findings.find((f) => f.range.start.line === start.line && f.range.start.character === start.character);
        // The paragraph before is shown only where it can lend parties: to a unit that names nobody.
        const lent = unit.previous !== undefined && !namesParty(unit.text, kb);
        out.push({ ...c, range: { start, end }, ...(lent ? { context: unit.previous } : {}), silenced: !reported, ...(reported ? { reported } : {}) });
      }
    }
  }
  return out;
}

/** A unit's label as the knowledge base spells it ("TFLOPS", not "tflops"). */
function unitLabel(kb: KnowledgeBase, unit: string): string {
  const u = kb.units.get(unit);
  return u?.label ?? u?.spellings[0] ?? unit;
}

/** Why a figure no fact of its own fits got no finding. */
function whyUnmatched(f: DocumentFigure, scored: readonly Scored[], candidates: ExplainedCandidate[], otherDeal: Figure | undefined, kb: KnowledgeBase): string {
  if (f.denied) return 'silent: the writer denies it ("did not …", "… is false", "misreported as …"), so it is no claim: neither cited nor flagged';
  if (otherDeal) return `silent: ${otherDeal.text} in its clause speaks of another deal than ${scored[0].fact.fact.id}`;
  return whySilent(f.figure, candidates, f.claimsNothing, f.figure.unit && unitLabel(kb, f.figure.unit), !scored.length || nearInSize(f.figure, scored[0].fact));
}

/** A year cited as the year of the fact its clause's figure is read as. */
function yearFacetExplanation(f: DocumentFigure, candidates: ExplainedCandidate[]): FigureExplanation {
  return {
    range: f.range,
    text: f.figure.text,
    type: f.figure.type,
    hedge: f.figure.hedge,
    ...(f.context !== undefined ? { context: f.context } : {}),
    verdict: 'supported',
    fact: f.reported!.fact,
    why: `supported: the year of ${f.reported!.fact}, the fact a figure of its clause is read as`,
    candidates,
  };
}

/** Explains every figure of a Markdown document. */
export function explainDocument(text: string, kb: KnowledgeBase): FigureExplanation[] {
  const figures = readDocumentFigures(text, kb).map((f) => ({ ...f, scored: f.candidates.filter(isScored).sort((a, b) => b.score - a.score) }));
  const scoredOf = new Map(figures.map((f) => [f.figure, f.scored]));
  return figures.map((f) => {
    const { scored } = f;
    const { match, otherDeal } = decide(f, (m) => scoredOf.get(m) ?? []);
    const candidates = explainCandidates(f.figure, f.candidates);
    // A year no fact of its own fits, cited as the year of its clause's fact (matching/year-facet.ts).
    if (!match && f.reported?.kind === 'supported') return yearFacetExplanation(f, candidates);
    return {
      range: f.range,
      text: f.figure.text,
      type: f.figure.type,
      ...(f.figure.unit ? { unit: f.figure.unit } : {}),
      hedge: f.figure.hedge,
      ...(f.context !== undefined ? { context: f.context } : {}),
      verdict: match && f.reported ? (f.reported.kind === 'outdated' ? 'outdated' : match.agreeing.length ? 'supported' : 'conflict') : 'silent',
      ...(match ? { fact: match.fact.fact.id } : {}),
      why: match ? whyMatched(match, f.reported) : whyUnmatched(f, scored, candidates, otherDeal, kb),
      candidates,
    };
  });
}
