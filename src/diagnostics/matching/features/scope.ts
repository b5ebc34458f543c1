/**
 * A measure or period the fact is not about, said near the figure: "valued at $300 billion",
 * "a $5 billion run-rate", "grew 39% in the June quarter". The knowledge base declares such words
 * in its exclusive relations and qualifiers; a figure plainly said with them is not a reading of
 * a fact of another relation, or without that qualifier.
 */
import type { Scope } from '../../../knowledge/knowledge-base';
import { measureWordWeight, near, wordWeight } from '../evidence';
import { spanIndexAt } from '../../reading/layout';
import { ATTACHMENT } from '../model';
import type { Candidate } from './candidate';

export interface OtherScope {
  /** The strongest weight of such a word for the figure (0 when none is said). */
  weight: number;
  /** The exclusive relation or qualifier it belongs to. */
  scope?: string;
}

function appliesTo(c: Candidate, scope: Scope): boolean {
  const { fact } = c.fact;
  if (scope.types && !scope.types.has(fact.type)) return false;
  return scope.of === 'relation' ? scope.id !== fact.relation : !fact.qualifiers.includes(scope.id);
}

/** Words the fact itself uses say nothing against it ("stake" is an investment word too). */
function ownWords(c: Candidate): Set<string> {
  const words = new Set(c.fact.keywords);
  for (const q of c.fact.fact.qualifiers) for (const k of c.kb.qualifierKeywords.get(q) ?? []) words.add(k);
  return words;
}

/** A word inside a figure or a name says no measure: "a $1.2 billion fund" is no funding round of "the Clean Freight Fund". */
function insideFigureOrName(c: Candidate, hit: { start: number; end: number }): boolean {
  const inside = (s: { start: number; end: number }) => hit.start >= s.start && hit.end <= s.end;
  return c.ev.figures.some(inside) || c.ev.mentions.some(inside);
}

/**
 * A period (a qualifier: "in the third quarter") holds for every figure of its clause: "AWS revenue
 * rose 20% to $33 billion in the quarter" gives both figures for the quarter.
 */
function periodWeight(c: Candidate, hit: { start: number; end: number }): number {
  const { clauses } = c.ev.layout;
  const sameClause = spanIndexAt(clauses, hit.start) === spanIndexAt(clauses, c.figure.start);
  return Math.max(wordWeight(c.ev, hit, c.figure), sameClause ? ATTACHMENT.otherKindFigure : 0);
}

/** The other measure or period said most plainly for the figure. */
export function otherScope(c: Candidate): OtherScope {
  let best: OtherScope = { weight: 0 };
  const own = ownWords(c);
  for (const scope of c.kb.scopes) {
    if (!appliesTo(c, scope)) continue;
    const words = (k: string) => scope.keywords.has(k) && !own.has(k);
    for (const [k, w] of c.ev.header?.keywords ?? []) if (words(k) && w > best.weight) best = { weight: w, scope: scope.id };
    for (const hit of near(c.ev, c.figure).keywords) {
      if (!words(hit.keyword) || insideFigureOrName(c, hit)) continue;
      const w = scope.of === 'relation' ? measureWordWeight(c.ev, hit, c.figure) : periodWeight(c, hit);
      if (w > best.weight) best = { weight: w, scope: scope.id };
    }
  }
  return best;
}
