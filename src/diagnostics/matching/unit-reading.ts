/**
 * Reading the figures of a unit's evidence: each figure's candidate facts scored (score.ts) and its
 * verdict decided (verdict.ts), with the context of its sentence (context/discourse.ts). The
 * matcher reads a unit's figures all at once; a long paragraph's windows (windows.ts) each read
 * their own share of figures from an evidence of a few sentences.
 */
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { claimsNothing, isDenied, lendable } from '../context/discourse';
import type { Figure } from '../figures/figure';
import { sentenceAt, spanIndexAt } from '../reading/layout';
import { checkpoint } from '../budget';
import { type Evidence, askedFor, gatherEvidence, near } from './evidence';
import { VERDICT } from './model';
import { type Rejected, type Scored, isScored, scoreCandidate } from './score';
import { type Match, type VerdictParams, otherDealMate, verdict } from './verdict';
import type { ProseUnit } from '../markdown/prose';
import { withYearFacets } from './year-facet';

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
  const named = near(ev, figure).mentions.map((m) => m.entity);
  // A person named may stand for the company they speak for (features/parties.ts speakerWeight).
  const spokenFor = named.flatMap((e) => kb.entities.get(e)?.speaksFor ?? []);
  return new Set([...named, ...spokenFor, ...(ev.header?.mentions.keys() ?? []), ...lent, ...ev.previous, ...ev.topic]);
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
export function candidatesOf(kb: KnowledgeBase, ev: Evidence, figure: Figure): (Scored | Rejected)[] {
  const out: (Scored | Rejected)[] = [];
  for (const fact of kb.candidateFacts(figure.type, entitiesOf(kb, ev, figure), wordsOf(ev, figure))) {
    // A spec, count or duration is compared in its unit: another unit is another measure.
    if (fact.unit !== figure.unit && (figure.type === 'spec' || figure.type === 'count' || figure.type === 'duration')) continue;
    out.push(scoreCandidate({ kb, ev, figure, fact }));
  }
  return out;
}

export function sentenceEndOf(ev: Evidence, figure: Figure): number {
  const end = sentenceAt(ev.layout, ev.text, figure.start).end;
  return ev.text.slice(0, end).trimEnd().length;
}

/** The figures of another kind in the figure's clause, dates aside: the other sides of what it says ("$38 billion over seven years"). */
export function matesOf(ev: Evidence, figure: Figure): Figure[] {
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

/**
 * The verdicts of `targets`, figures of `ev` that hold every mate of theirs (a figure's mates are
 * in its clause): all of its figures, or those of a window's own sentences.
 */
export function readEvidence(ev: Evidence, kb: KnowledgeBase, targets: readonly Figure[] = ev.figures): ReadFigure[] {
  const readings = new Map<Figure, Reading>();
  for (const figure of targets) {
    // A sentence of hundreds of figures can take long: the block's time budget is checked per figure.
    checkpoint();
    const scored = candidatesOf(kb, ev, figure).filter(isScored);
    readings.set(figure, { figure, sentenceEnd: sentenceEndOf(ev, figure), claimsNothing: claimsNothing(ev, figure), denied: isDenied(ev, figure), scored, mates: matesOf(ev, figure) });
  }
  const scoredOf = (f: Figure) => readings.get(f)!.scored;
  const reads = [...readings.values()].map((r) => {
    const { match } = decide(r, scoredOf);
    return match ? { figure: r.figure, match, sentenceEnd: r.sentenceEnd } : { figure: r.figure, sentenceEnd: r.sentenceEnd };
  });
  return withYearFacets(reads, ev);
}

/** Every figure in the unit, each with the fact it fits and its verdict when one fits, read whole. */
export function readWholeUnit(unit: ProseUnit, kb: KnowledgeBase): ReadFigure[] {
  const ev = gatherEvidence(unit, kb);
  return ev ? readEvidence(ev, kb) : [];
}
