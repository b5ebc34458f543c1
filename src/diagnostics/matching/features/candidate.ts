/** A candidate reading of a figure: the fact it might speak about, and the unit's evidence. */
import type { CompiledFact, KnowledgeBase } from '../../../knowledge/knowledge-base';
import type { Figure } from '../../figures/figure';
import type { Evidence } from '../evidence';

export interface Candidate {
  kb: KnowledgeBase;
  ev: Evidence;
  figure: Figure;
  fact: CompiledFact;
}
