/**
 * From scored candidates to a verdict: the figure agrees with the sources when it agrees with any
 * plausible reading (a fact scoring close to the best), conflicts when it agrees with none and
 * the best reading is strong enough, and is left alone otherwise.
 */
import type { CompiledAssertion, CompiledFact } from '../../knowledge/knowledge-base';
import type { Figure } from '../figures/figure';
import { agreeingAssertions, agrees } from './agreement';
import { GATES, VERDICT } from './model';

/** The verdict's margins and bar, from model.json unless a fit tries others. */
export type VerdictParams = typeof VERDICT;
import type { Scored } from './score';

export interface Match {
  figure: Figure;
  fact: CompiledFact;
  /** The assertions whose value agrees with the figure; empty for a conflict. */
  agreeing: CompiledAssertion[];
  score: number;
  /** End of the figure's sentence (or table cell), trailing space excluded: where a citation goes. */
  sentenceEnd: number;
  /** Set when the figure states not the fact's value but its year (year-facet.ts): the sources' year is shown for it. */
  facet?: 'year';
}

/** Whether another measure or period is said plainly for the figure (the otherScope feature at least at the plain gate), if not beside it. */
function otherScopeSaid(s: Scored): boolean {
  return s.values.some((v) => v.feature === 'otherScope' && v.value >= GATES.plain);
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

/**
 * What of the fact's subject, object (when it has one), relation and explicit qualifiers the
 * sentence does not say plainly enough for a conflict: a figure is no wrong forecast, upfront part
 * or total unless the sentence says it is one.
 */
export function unsaidOf(s: Scored, params: VerdictParams = VERDICT): string[] {
  const t = params.conflictEvidence;
  const { subject, object, what, qualifiers, namedParty, aboutAnother, ownWordsAlone } = s.evidence;
  // The fact's own words, said plainly with no one else, let a party another figure holds count as said.
  const party = ownWordsAlone ? Math.min(t, params.ownWordsParty) : t;
  // A sentence about a party no knowledge base knows does not say the fact's subject as its own.
  const unsaid = [(subject < party || aboutAnother) && 'subject', object !== undefined && object < party && 'object', what < t && 'relation', qualifiers < t && 'qualifier'];
  // Both parties only implied: evidence to cite, not to contradict.
  if (!unsaid[0] && !unsaid[1] && namedParty < t) unsaid.push('subject or object by name');
  return unsaid.filter(
    (x): x is string => !!x,
  );
}

/** The same thing measured: facts that differ only in their qualifiers or year are siblings. */
function sameThing(a: Scored, b: Scored): boolean {
  const x = a.fact.fact;
  const y = b.fact.fact;
  return x.subject === y.subject && x.relation === y.relation && x.object === y.object;
}

/**
 * The same claim said of a group and of a member of it: one relation, and the same values from the
 * sources ("Trainium cuts training costs by up to 40%", "AWS's custom chips cut training costs by
 * 40%"). A figure that agrees with neither contradicts both alike, so the doubt between them is
 * no doubt about what it measures.
 */
function sameClaim(a: Scored, b: Scored): boolean {
  const x = a.fact.fact;
  const y = b.fact.fact;
  if (x.relation !== y.relation || !(a.subjectGroups.includes(y.subject) || b.subjectGroups.includes(x.subject))) return false;
  const values = (s: Scored) => [...new Set(s.fact.assertions.map((v) => JSON.stringify(v.assertion.value)))].sort().join();
  return values(a) === values(b);
}

/** No fact clearly wins: another plausible reading is about something else. Then an unknown figure is not a conflict. */
function ambiguous(best: Scored, plausible: readonly Scored[], params: VerdictParams): boolean {
  return plausible.some((s) => s !== best && !unsaidOf(s, params).length && !sameThing(best, s) && !sameClaim(best, s) && s.score >= best.score - params.ambiguity);
}

/** The readings of the figure worth checking it against: the best, those close to it, and those it echoes. */
export function plausibleReadings(figure: Figure, scored: Scored[], params: VerdictParams = VERDICT): Scored[] {
  if (!scored.length) return [];
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  const best = sorted[0];
  return sorted.filter(
    (s) =>
      s.score >= best.score - params.margin ||
      (s.score >= best.score - params.echoMargin && s.fact.fact.subject === best.fact.fact.subject && (echoes(figure, s.fact) || unnamedAlike(best, s))),
  );
}

/**
 * Whether the figure is within a plausible mistake of some source's value: a writer who puts a
 * $100 billion commitment at $36 million, or an 18-month horizon at 30 days, is writing about
 * something else. Dates are compared by the knowledge base's own years and never ruled out here.
 */
export function nearInSize(figure: Figure, fact: CompiledFact, params: VerdictParams = VERDICT): boolean {
  if (figure.type === 'date') return true;
  const size = (lo: number, hi: number) => Math.abs((lo + hi) / 2);
  const mine = size(figure.value.lo, figure.value.hi);
  return fact.assertions.some((a) => {
    const theirs = size(a.interval.lo, a.interval.hi);
    return Math.max(mine, theirs) <= params.sizeRatio * Math.min(mine, theirs);
  });
}

/** The figure's verdict among its scored readings, or undefined to leave it alone. */
export function verdict(figure: Figure, scored: Scored[], sentenceEnd: number, params: VerdictParams = VERDICT): Match | undefined {
  const plausible = plausibleReadings(figure, scored, params);
  if (!plausible.length) return undefined;
  for (const s of plausible) {
    const agreeing = agreeingAssertions(figure, s.fact.assertions);
    // A reading another measure or period argues against ("grew 40% in its September quarter") is
    // cited only when the rest of its evidence outweighs that; the figure is no mistake either way.
    if (agreeing.length) return s.score >= params.minCitationScore || !otherScopeSaid(s) ? { figure, fact: s.fact, agreeing, score: s.score, sentenceEnd } : undefined;
  }
  // Saying a writer is wrong takes more than a word or two of evidence; citing them does not.
  const best = conflictReading(figure, scored, plausible, params);
  if (!best || best.score < params.minConflictScore || unsaidOf(best, params).length || ambiguous(best, plausible.filter((s) => s === best || nearInSize(figure, s.fact, params)), params)) return undefined;
  return { figure, fact: best.fact, agreeing: [], score: best.score, sentenceEnd };
}

/**
 * The best plausible reading, or, when the sentence does not say all of the best's parties and
 * relation, the best plausible one it says all of: "One forecast has it adding $10–15 billion
 * more to Anthropic, which would take its total to $30–35 billion" says Amazon's forecast total,
 * though a Microsoft fact whose own words ("take its") it echoes scores a little higher.
 */
function evidencedFirst(plausible: readonly Scored[], params: VerdictParams): Scored {
  if (!unsaidOf(plausible[0], params).length) return plausible[0];
  return plausible.find((s) => !unsaidOf(s, params).length) ?? plausible[0];
}

/**
 * The reading a conflict would be on: the best, unless the figure is no plausible mistake for it
 * (280 MW for a charger's 1.2 MW), when one about as likely that it is a plausible mistake for
 * takes its place (the network's 260 MW). Not when some reading agrees with the figure: the
 * writer may well mean that one.
 */
function conflictReading(figure: Figure, scored: readonly Scored[], plausible: readonly Scored[], params: VerdictParams): Scored | undefined {
  const best = evidencedFirst(plausible, params);
  if (nearInSize(figure, best.fact, params)) return best;
  if (scored.some((s) => agreeingAssertions(figure, s.fact.assertions).length)) return undefined;
  return plausible.find((s) => s.score >= best.score - params.ambiguity && nearInSize(figure, s.fact, params));
}

/**
 * A figure of another kind in the conflict's clause that reads best as its own deal's other side
 * (a fact of the same subject and object: the commitment's money beside its term) but is no
 * plausible mistake for that side's value: "Commit $12 million over three years to AWS" speaks of
 * another deal than Anthropic's $100 billion commitment, so its three years are not that
 * commitment's term either.
 */
export function otherDealMate(match: Match, mates: readonly { figure: Figure; scored: readonly Scored[] }[], params: VerdictParams = VERDICT): Figure | undefined {
  const x = match.fact.fact;
  for (const m of mates) {
    if (!m.scored.length) continue;
    const top = m.scored.reduce((b, s) => (s.score > b.score ? s : b));
    const sameDeal = top.fact.fact.subject === x.subject && top.fact.fact.object === x.object;
    if (sameDeal && !nearInSize(m.figure, top.fact, params)) return m.figure;
  }
  return undefined;
}
