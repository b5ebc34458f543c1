/**
 * Features about what the figure measures: the words of the fact's relation, the fact's own
 * keywords, and its qualifiers (upfront, milestones, a prediction), said near the figure.
 */
import { keywordWeight } from '../evidence';
import { GATES } from '../model';
import type { Candidate } from './candidate';
import { wholeOf } from './parties';

const YEAR_ONLY = /^\s*(?:19|20)\d\d\s*$/;

/**
 * The relation's words near the figure. A specific unit (TFLOPS, stars) names the measure by
 * itself; so does a table column headed by the fact's year ("| Segment | 2024 | 2028 |"); and an
 * implied relation (a market's money figure is its size) goes without saying beside its subject;
 * and a signed percentage ("+35%") names a relation of changes.
 */
export function relationWeight(c: Candidate, subj: number): number {
  const { figure, ev, fact: cf } = c;
  const rel = keywordWeight(ev, cf.keywords, figure);
  const named = namesMeasure(c) ? GATES.namedMeasure : 0;
  const implied = cf.relationImplied && subj >= GATES.said ? GATES.impliedRelation : 0;
  return Math.max(rel, named, implied);
}

/**
 * Whether the figure names the fact's measure without its words: by its unit, as a percentage of
 * the fact's object ("95% of the AI chip market", "27% of OpenAI"), by a table column headed by the
 * fact's year, or ("+35%") by a sign that makes it a change of a relation of changes.
 */
function namesMeasure(c: Candidate): boolean {
  const { figure, ev, fact: cf } = c;
  if ((figure.type === 'spec' || figure.type === 'count') && cf.unit === figure.unit) return true;
  if (cf.fact.object !== undefined && wholeOf(c) === cf.fact.object) return true;
  const year = cf.fact.year;
  if (year !== undefined && (ev.header?.years.get(year) ?? 0) >= GATES.yearColumn && YEAR_ONLY.test(ev.header?.columnHeader ?? '')) return true;
  return !!figure.style.change && !!c.kb.relations.get(cf.fact.relation)?.change;
}

/** The fact's own keywords near the figure. */
export function ownWordsWeight(c: Candidate): number {
  return keywordWeight(c.ev, c.fact.ownKeywords, c.figure);
}

/** Each of the fact's qualifiers: how strongly its words are said near the figure, and whether writers often leave it unsaid. */
export function qualifierWeights(c: Candidate): { id: string; weight: number; implicit: boolean }[] {
  return c.fact.fact.qualifiers.map((q) => ({
    id: q,
    weight: keywordWeight(c.ev, c.kb.qualifierKeywords.get(q)!, c.figure),
    implicit: c.kb.implicitQualifiers.has(q),
  }));
}

/**
 * The plainest alternative to one of the fact's qualifiers said for the figure, when said more
 * plainly than the qualifier itself: "25% cheaper inference" is no reading of a training fact.
 */
export function otherFacetWeight(c: Candidate, own: readonly { id: string; weight: number }[]): { id: string; weight: number } | undefined {
  let best: { id: string; weight: number } | undefined;
  for (const q of own)
    for (const mate of c.kb.facetMates.get(q.id) ?? []) {
      const weight = keywordWeight(c.ev, c.kb.qualifierKeywords.get(mate)!, c.figure);
      if (weight > q.weight && weight > (best?.weight ?? 0)) best = { id: mate, weight };
    }
  return best;
}
