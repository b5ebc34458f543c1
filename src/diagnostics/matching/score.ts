/**
 * Scores one candidate fact for a figure: measures the evidence, passes it through the gates (a
 * candidate that fails one is no reading of the figure at all, and explain says which), then sums
 * the features' contributions with the model's weights.
 */
import type { CompiledFact } from '../../knowledge/knowledge-base';
import type { Candidate } from './features/candidate';
import { respective } from './features/respective';
import { type Rivals, namedPartyWeight, objectWeight, soleMakerWeight, otherOwner, otherSubject, rivalParties, roleOrder, shareOfOtherParty, spokenOfElsewhere, subjectWeight } from './features/parties';
import { type OtherScope, otherScope } from './features/scope';
import { perEntity } from './features/per-knowledge-base';
import { siblingMarkWeight } from './features/siblings';
import { otherFacetWeight, ownWordsWeight, qualifierWeights, relationWeight } from './features/words';
import { type YearEvidence, earlierYearWeight, yearEvidence } from './features/year';
import { type Contribution, type FeatureName, type FeatureValue, GATES, WEIGHTS, scoreOf } from './model';
import { LEXICON, alternationOf, escapeRegExp, wordsOf } from '../reading/lexicon';
import { writerSpeaks } from '../context/discourse';
import { entityKind } from '../context/parties';
import { isPartOfBefore, isRestAfterPart, namedWeight, near } from './evidence';

/** A deadline word (the lexicon's, but "in", which dates anything) right before a date. */
const DEADLINE_RIGHT_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${wordsOf(LEXICON.deadlineWords).filter((w) => w !== 'in').map(escapeRegExp).join('|')})\s+$`, 'iu');
/** How far back, in characters, a deadline word before a date is looked for. */
const DEADLINE_LOOKBACK = 24;

/** The evidence measured for a candidate: what the gates and the features are computed from. */
export interface Measures {
  subject: number;
  /** Undefined for a fact without an object. */
  object: number | undefined;
  relation: number;
  ownWords: number;
  qualifiers: ReturnType<typeof qualifierWeights>;
  rivals: Rivals;
  spokenOfElsewhere: boolean;
  siblingMark: number;
  year: YearEvidence | undefined;
  scope: OtherScope;
  roleOrder: number;
  respective: number;
  otherSubject: number;
}

export interface Scored {
  fact: CompiledFact;
  score: number;
  contributions: Contribution[];
  /** The features' values, from which `score` is summed: kept so a fit can weigh them again. */
  values: FeatureValue[];
  /** The fact has an object and nothing near the figure names it ("Amazon's $58 billion commitment"). */
  objectUnnamed: boolean;
  /** The fact is of a year and no year is said near the figure ("a $42 billion base"). */
  yearUnnamed: boolean;
  /** The groups (entities with `members`) the fact's subject, or its line, is a member of. */
  subjectGroups: readonly string[];
  /**
   * How plainly the sentence says who, (to whom) and what: the fact's subject, its object when it
   * has one, and its relation (or its own words, or one of its qualifiers). Citing a figure takes
   * less than saying the writer is wrong: a conflict needs all three (see verdict.ts).
   */
  /**
   * What the sentence says of the fact, for the verdict (see unsaidOf): how plainly the fact's
   * parties, what it measures, and the least said of its explicit qualifiers (1 when it has none)
   * are said. `aboutAnother`: its subject is a party no knowledge base knows and it names the fact's
   * parties (a person's fact: that person) less than plainly ("Ardent Trucks, the nearest US rival,
   * says it delivered 870 trucks"; "Andy Jassy has run Amazon since 2021" of Garman's start as AWS
   * CEO): enough to cite, not to contradict.
   */
  evidence: { subject: number; object?: number; what: number; qualifiers: number; namedParty: number; aboutAnother?: boolean; ownWordsAlone?: boolean };
}

/** Why a candidate is no reading of the figure. */
export interface Rejected {
  fact: CompiledFact;
  gate: string;
}

/**
 * The strongest of the fact's explicit qualifiers said for the figure: what says the fact. A frame
 * ("AI" of AI revenue) says nothing of which fact a figure is; it only must not be missing.
 */
function explicitQualifier(m: Pick<Measures, 'qualifiers'>): number {
  return Math.max(0, ...m.qualifiers.filter((q) => !q.implicit && !q.frames).map((q) => q.weight));
}

/**
 * Gates on what the fact's words say: a date needs its relation's words close by (or, with its
 * subject right beside it, nearby); any other figure needs some word of the fact, unless both its
 * parties are named.
 */
/** Whether a deadline word comes right before the date: "by Q3 2027", "no later than 2026". */
function isDeadline(c: Candidate): boolean {
  return DEADLINE_RIGHT_BEFORE.test(c.ev.text.slice(Math.max(0, c.figure.start - DEADLINE_LOOKBACK), c.figure.start));
}

/**
 * Whether a product has one date only among the facts the knowledge base holds of it (a launch):
 * a product has few dates, so its name beside a date says which without the relation's words. Not
 * so for a company, a person or a field ("generative AI … by 2030"), which many dates may be of.
 */
const hasOneDate = perEntity((kb, product) => kb.candidateFacts('date', [product], []).filter((f) => f.fact.subject === product).length === 1);

/** Whether the fact is a product's and the only date the knowledge base holds of it (hasOneDate). */
function isProductsOnlyDate(c: Candidate): boolean {
  const { subject } = c.fact.fact;
  return entityKind(c.kb, subject) === 'product' && hasOneDate(c.kb, subject);
}

function wordsGate(c: Candidate, m: Pick<Measures, 'subject' | 'object' | 'relation' | 'ownWords' | 'qualifiers'>): string | undefined {
  if (c.figure.type === 'date') {
    // A forecast's own words count here ("AI Foundry is predicted by Q3 2026").
    const said = Math.max(m.relation, m.ownWords, ...m.qualifiers.map((q) => q.weight));
    if (m.subject < GATES.said) return 'a date needs its subject said';
    // A named product and a date: its one dated fact ("It names it "AI Foundry" and dates it to Q4 2026").
    if (isProductsOnlyDate(c)) return undefined;
    // A deadline ("… by Q3 2027") is what the sentence's verb is due by, however far the verb is.
    const plainly = m.subject >= GATES.plain || isDeadline(c);
    return said < (plainly ? GATES.said : GATES.plain) ? 'a date needs its relation said close by' : undefined;
  }
  // Both parties named around the figure imply what is between them: "Amazon: US$25bn into Anthropic".
  const pairNamed = m.object !== undefined && m.subject >= GATES.pairNamed && m.object >= GATES.pairNamed;
  const saysFact = m.relation >= GATES.said || m.ownWords >= GATES.said || explicitQualifier(m) >= GATES.said;
  return saysFact || pairNamed ? undefined : 'no word of the fact is said';
}

/**
 * A dollar amount priced per something ("$3.90 per gallon") is a price of that, not an amount:
 * the fact must speak of it (its statement or keywords say the word, or its stem).
 */
function pricedPerGate(c: Candidate): string | undefined {
  const per = c.figure.style.per;
  if (!per) return undefined;
  const stem = per.replace(/(?:es|s)$/, '');
  const words = [c.fact.fact.statement.toLowerCase(), ...c.fact.keywords];
  return words.some((w) => w.includes(stem)) ? undefined : `priced per ${per}, which the fact is not`;
}

/** An alternative to one of the fact's qualifiers said plainly (inference for a training fact) rules it out. */
function facetGate(c: Candidate, qualifiers: Measures['qualifiers']): string | undefined {
  const other = otherFacetWeight(c, qualifiers);
  return other && other.weight >= GATES.plain ? `another ${c.kb.qualifiers.get(other.id)?.label ?? other.id} is said` : undefined;
}

/** A percentage of another party ("27% of OpenAI") is a part of that party, which the fact does not measure. */
function shareOfGate(c: Candidate): string | undefined {
  const whole = shareOfOtherParty(c);
  return whole ? `a part of ${c.kb.entities.get(whole)?.name ?? whole.slice(whole.indexOf(':') + 1)}, which the fact is not` : undefined;
}

/** A round verb of the lexicon (and a hedge word or two) between a party and the figure right after it: "Anthropic raises $3.5 billion". */
const ROUND_BEFORE_FIGURE = new RegExp(String.raw`^['’]?s?\s+(?:${alternationOf(LEXICON.roundVerbs)})\s+(?:[\p{L}]+\s+){0,2}?$`, 'iu');

/** The fact's object raising the figure itself ("Anthropic raises $3.5 billion") is its round, which an investment in it is not. */
function ownRoundGate(c: Candidate): string | undefined {
  const { object } = c.fact.fact;
  if (object === undefined) return undefined;
  const raises = near(c.ev, c.figure).mentions.some((m) => m.entity === object && m.end <= c.figure.start && ROUND_BEFORE_FIGURE.test(c.ev.text.slice(m.end, c.figure.start)));
  return raises ? `${c.kb.entities.get(object)?.name ?? object} raised it: its own round` : undefined;
}

/** "of" right after a percentage: what follows is the whole it is a part of ("30-50% of cloud spending"). */
const PART_OF_AFTER = /^\s+of\s/iu;

/** A percentage of something ("grow to 30-50% of cloud spending") is a part of it, which a change (growth) is not. */
function partOfGate(c: Candidate): string | undefined {
  if (c.figure.type !== 'percent' || !c.kb.relations.get(c.fact.fact.relation)?.change) return undefined;
  return PART_OF_AFTER.test(c.ev.text.slice(c.figure.end, c.figure.end + PART_OF_REACH)) ? 'a part of a whole, which a change is not' : undefined;
}

/** How far after a percentage its "of" is looked for, in characters. */
const PART_OF_REACH = 4;

/** A fact's parties must be named (or carried), unless a spec or count figure's own words name the thing measured. */
function partiesGate(c: Candidate, m: Pick<Measures, 'subject' | 'object' | 'ownWords' | 'rivals' | 'spokenOfElsewhere'>): string | undefined {
  // A rival named in the sentence for a role that only context fills takes the figure.
  const named =
    !m.rivals.rival &&
    (m.object !== undefined
      ? (m.subject >= GATES.said && m.object >= GATES.said) || (Math.max(m.subject, m.object) >= GATES.soleParty && !m.spokenOfElsewhere)
      : m.subject >= GATES.said && !m.spokenOfElsewhere);
  const unnamedButSpecific = (c.figure.type === 'spec' || c.figure.type === 'count') && m.ownWords >= GATES.specificOwnWords && m.rivals.others === 0;
  return named || unnamedButSpecific ? undefined : 'its parties are not named';
}

/**
 * A sentence in which the writer speaks of themselves ("We spent $14 million on AWS, of which 18%
 * went to AI workloads") has the writer as its subject: the figure is the fact's only if the
 * sentence itself names the fact's subject, not the context or the rest of what it says.
 */
function writerGate(c: Candidate): string | undefined {
  const { subject } = c.fact.fact;
  return writerSpeaks(c.ev, c.figure) && namedWeight(c.kb, c.ev, subject, c.figure) < GATES.said ? 'the writer speaks of themselves' : undefined;
}

/** A figure another party owns by a possessive right before it ("Microsoft's up-to-$5 billion Anthropic stake") is that party's. */
function ownerGate(c: Candidate): string | undefined {
  const owner = otherOwner(c);
  return owner ? `it is ${c.kb.entities.get(owner)?.name ?? owner.slice(owner.indexOf(':') + 1)}'s` : undefined;
}

/** Another year plainly beside the figure rules a fact of a year out, unless a date fact states that year for the same thing. */
function yearGate(c: Candidate, year: YearEvidence | undefined): string | undefined {
  if (!year || c.fact.yearHasDateFact) return undefined;
  return year.other >= GATES.otherYearRules && year.same < year.other ? 'another year is said' : undefined;
}

/** A year before all the sources report of the fact, said for the figure, is another, earlier deal. */
function earlierYearGate(c: Candidate): string | undefined {
  return earlierYearWeight(c) >= GATES.said ? 'a year before the sources report it is said' : undefined;
}

/**
 * How plainly the sentence says what the fact measures: its relation, its own words or one of its
 * qualifiers; for a date, a forecast's words too ("AI Foundry is expected by Q4 2026").
 */
function whatIsSaid(c: Candidate, m: Measures): number {
  const qualifiers = c.figure.type === 'date' ? Math.max(0, ...m.qualifiers.map((q) => q.weight)) : explicitQualifier(m);
  return Math.max(m.relation, m.ownWords, qualifiers);
}

/** Figures said in turn, this one's turn another party's ("Microsoft and Nvidia would invest $5 billion and $10 billion"): not the fact's subject's figure. */
function turnGate(respectiveValue: number): string | undefined {
  return respectiveValue < 0 ? "another party's turn in a series" : undefined;
}

/** A measure or period the fact is not about, said plainly, rules it out. */
function scopeGate(scope: OtherScope): string | undefined {
  return scope.weight >= GATES.otherScope ? `another measure or period is said (${scope.scope})` : undefined;
}

/** The features' values, in the order they are summed. */
function featureValues(m: Measures): FeatureValue[] {
  const values: FeatureValue[] = [
    { feature: 'subject', value: m.subject },
    // A fact with no object counts its subject twice, so facts with and without one compare alike.
    { feature: 'object', value: m.object ?? m.subject },
    { feature: 'relation', value: m.relation },
    { feature: 'ownWords', value: m.ownWords },
    { feature: 'rivals', value: m.rivals.others },
    { feature: 'roleOrder', value: m.roleOrder },
    { feature: 'otherSubject', value: m.otherSubject },
    { feature: 'respective', value: m.respective },
  ];
  for (const q of m.qualifiers) {
    const said = q.weight >= GATES.said;
    const qualifier = (feature: FeatureName, value: number) => values.push({ feature, on: q.id, value });
    // A frame ("AI" of AI revenue) is said of many figures in its passage: it marks none of them.
    qualifier('qualifierSaid', said && !q.frames ? q.weight : 0);
    qualifier('qualifierUnsaid', !said && !q.implicit ? 1 : 0);
    qualifier('implicitQualifierUnsaid', !said && q.implicit ? 1 : 0);
  }
  values.push({ feature: 'siblingMark', value: m.siblingMark });
  if (m.year) {
    const said = m.year.same >= GATES.said;
    values.push({ feature: 'yearSaid', value: said ? m.year.same : 0 });
    values.push({ feature: 'yearUnsaid', value: said ? 0 : 1 });
    values.push({ feature: 'otherYear', value: said ? 0 : m.year.other });
  }
  // Named by the relation or qualifier it belongs to, so explain says which measure or period ruled.
  values.push(m.scope.scope === undefined ? { feature: 'otherScope', value: m.scope.weight } : { feature: 'otherScope', on: m.scope.scope, value: m.scope.weight });
  return values;
}

/** How plainly the sentence says the fact's parties, what it measures and its explicit qualifiers (see Scored). */
function evidenceOf(c: Candidate, m: Measures): Scored['evidence'] {
  const what = whatIsSaid(c, m);
  // The fact's own words name it and no other, qualifiers and all: "describes the total as nearly $65 billion" after its combined investment.
  const qualifiers = Math.max(Math.min(1, ...m.qualifiers.filter((q) => !q.implicit).map((q) => q.weight)), m.ownWords);
  const namedParty = namedPartyWeight(c);
  // A fact about a person is that person's alone: another's sentence does not name them, whatever else it names.
  const plainlyNamed = entityKind(c.kb, c.fact.fact.subject) === 'person' ? m.subject : Math.max(m.subject, m.object ?? 0);
  const aboutAnother = m.otherSubject > 0 && plainlyNamed < GATES.plain;
  // The fact's own words said plainly, and no one else named for the figure (VERDICT.ownWordsParty).
  const ownWordsAlone = m.ownWords >= GATES.plain && m.rivals.others === 0;
  // The maker of one product only names it (soleMakerWeight), though it weighs as a maker in the score.
  const common = { subject: Math.max(m.subject, soleMakerWeight(c)), what, qualifiers, namedParty, aboutAnother, ownWordsAlone };
  return m.object !== undefined ? { ...common, object: m.object } : common;
}

/** Gates on what the figure measures: a price per something else, another facet, a part of a whole, a round of its own. */
function measureGate(c: Candidate, qualifiers: Measures['qualifiers']): string | undefined {
  return pricedPerGate(c) ?? facetGate(c, qualifiers) ?? shareOfGate(c) ?? partOfGate(c) ?? partOfBeforeGate(c, qualifiers) ?? ownRoundGate(c);
}

/**
 * A part of the figure before ("up to $4 billion, starting with a $1.25 billion tranche"), or the
 * rest after a part ("$5 billion upfront, with the other $23 billion …"), is no whole: only a fact
 * whose own qualifier is said (a part tied to milestones) may take it, and never a fact that is a
 * whole by a qualifier of its own (a combined investment).
 */
function partOfBeforeGate(c: Candidate, qualifiers: Measures['qualifiers']): string | undefined {
  const part = isPartOfBefore(c.ev, c.figure) ? 'a part of the figure before' : isRestAfterPart(c.ev, c.figure) ? 'the rest after a part before it' : undefined;
  if (!part) return undefined;
  const whole = qualifiers.some((q) => c.kb.wholeQualifiers.has(q.id));
  return whole || explicitQualifier({ qualifiers }) < GATES.said ? `${part}, which is no whole` : undefined;
}

/**
 * The candidate's score, or the gate it failed. Measures are taken in stages, so a rejected
 * candidate costs little; each stage's object lists its measures rather than spreading the stage
 * before's, since copying objects by spread was a tenth of a paragraph's check.
 */
export function scoreCandidate(c: Candidate, weights: Readonly<Record<FeatureName, number>> = WEIGHTS): Scored | Rejected {
  const { fact: cf } = c;
  const subject = subjectWeight(c);
  const object = objectWeight(c);
  const relation = relationWeight(c, subject);
  const ownWords = ownWordsWeight(c);
  const qualifiers = qualifierWeights(c);
  const wordsFailed = wordsGate(c, { subject, object, relation, ownWords, qualifiers }) ?? measureGate(c, qualifiers);
  if (wordsFailed) return { fact: cf, gate: wordsFailed };
  const scope = otherScope(c);
  const scopeFailed = scopeGate(scope) ?? earlierYearGate(c);
  if (scopeFailed) return { fact: cf, gate: scopeFailed };
  const rivals = rivalParties(c, subject, object);
  const elsewhere = spokenOfElsewhere(c, subject, object);
  const turn = respective(c);
  // The maker of one product only names it: enough for the gate, though it weighs as a maker. So
  // does naming the subject in the figure's turn of a series ("$0.80 and $1.60 on Inferentia 2 and the L40S").
  const gateSubject = Math.max(subject, soleMakerWeight(c), turn === 1 ? GATES.plain : 0);
  const partiesFailed = partiesGate(c, { subject: gateSubject, object, ownWords, rivals, spokenOfElsewhere: elsewhere }) ?? writerGate(c) ?? ownerGate(c);
  if (partiesFailed) return { fact: cf, gate: partiesFailed };
  const siblingMark = siblingMarkWeight(c);
  const year = yearEvidence(c);
  const measures: Measures = { subject, object, relation, ownWords, qualifiers, rivals, spokenOfElsewhere: elsewhere, siblingMark, year, scope, roleOrder: roleOrder(c), respective: turn, otherSubject: otherSubject(c) };
  const lastFailed = yearGate(c, year) ?? turnGate(measures.respective);
  if (lastFailed) return { fact: cf, gate: lastFailed };
  const values = featureValues(measures);
  const { score, contributions } = scoreOf(values, weights);
  return {
    fact: cf,
    score,
    contributions,
    values,
    objectUnnamed: object !== undefined && object < GATES.said,
    yearUnnamed: !!year && year.same < GATES.said && year.other < GATES.said,
    subjectGroups: groupsOf(c),
    evidence: evidenceOf(c, measures),
  };
}

/** The groups the fact's subject belongs to, itself or through its line ("Trainium 2" through "Trainium"). */
function groupsOf(c: Candidate): readonly string[] {
  const { subject } = c.fact.fact;
  const line = c.kb.entities.get(subject)?.family;
  const groups = c.kb.groupsByMember.get(subject) ?? [];
  return line === undefined ? groups : [...groups, ...(c.kb.groupsByMember.get(line) ?? [])];
}

export function isScored(s: Scored | Rejected): s is Scored {
  return 'score' in s;
}
