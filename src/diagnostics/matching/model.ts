/**
 * The matcher as a small linear model: a candidate fact's score is the sum of its features'
 * values, each times its weight in model.json, and `explain` lists those contributions, as
 * Lucene's explain does. The gates, the verdict's margins and the evidence weights sit in the
 * same table, so what decides a verdict is all in one place, and `npm run fit` can tune it.
 */
import * as z from 'zod';
import data from './model.json';

const Entry = z.object({ value: z.number(), doc: z.string().min(1) });
const Feature = z.object({ weight: z.number(), doc: z.string().min(1) });

export const FEATURE_NAMES = [
  'subject', 'object', 'relation', 'ownWords', 'rivals', 'roleOrder', 'otherSubject', 'respective', 'qualifierSaid', 'qualifierUnsaid', 'implicitQualifierUnsaid',
  'siblingMark', 'yearSaid', 'yearUnsaid', 'otherYear', 'otherScope',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

function section<K extends string>(keys: readonly K[]) {
  return z.object(Object.fromEntries(keys.map((k) => [k, Entry])) as Record<K, typeof Entry>).strict();
}

export const Model = z
  .object({
    $comment: z.string(),
    features: z.object(Object.fromEntries(FEATURE_NAMES.map((k) => [k, Feature])) as Record<FeatureName, typeof Feature>).strict(),
    gates: section([
      'said', 'plain', 'pairNamed', 'soleParty', 'specificOwnWords', 'impliedRelation', 'namedMeasure', 'yearColumn', 'otherYearRules', 'otherScope',
    ] as const),
    verdict: section(['margin', 'echoMargin', 'minConflictScore', 'minCitationScore', 'ambiguity', 'conflictEvidence', 'ownWordsParty', 'sizeRatio'] as const),
    evidence: section([
      'otherRole', 'carried', 'framingOpening', 'question', 'itemLabel', 'topic', 'implied', 'sentenceSubject', 'relativeSubject', 'measureOwner', 'pronounSubject', 'ellipsis', 'sentenceEllipsis', 'sameMeasure', 'family', 'maker', 'speaker', 'deadlineHost', 'asideHost', 'rowHeader', 'columnHeader',
      'rowParty', 'rowWords', 'frame', 'maxCarriedParties', 'deadlineReach', 'leadReach',
    ] as const),
    attachment: section([
      'otherClause', 'otherFigure', 'otherKindFigure', 'sharedSubject', 'sharedSubjectSpread', 'decayPerWord', 'minDecay', 'joinerWords', 'prepositionReach',
      'labelValueWords', 'lineLabel',
    ] as const),
  })
  .strict();
export type Model = z.infer<typeof Model>;

/**
 * The shipped model; `npm run fit` rewrites model.json's weights. Its test checks it against the
 * schema (the parse gives back the file unchanged), so the engine's start does not parse it again.
 */
export const MODEL = data as unknown as Model;

/** A section's values by name: MODEL.gates.said.value as GATES.said. */
function values<K extends string>(s: Record<K, { value: number }>): Record<K, number> {
  return Object.fromEntries(Object.entries<{ value: number }>(s).map(([k, e]) => [k, e.value])) as Record<K, number>;
}

export const GATES = values(MODEL.gates);
export const VERDICT = values(MODEL.verdict);
export const EVIDENCE = values(MODEL.evidence);
export const ATTACHMENT = values(MODEL.attachment);

/** One feature's part in a score: its value for the candidate, and that times its weight. */
export interface Contribution {
  feature: FeatureName;
  /** What it was measured on, when a feature is measured several times (a qualifier's id). */
  on?: string;
  value: number;
  contribution: number;
}

/** A feature's value, measured on the whole candidate or once per item (each of the fact's qualifiers). */
export type FeatureValue = { feature: FeatureName; on?: string; value: number };

/**
 * The score of a candidate: its features' contributions summed in the order given, which is the
 * order explain shows them in. Zero-valued features are left out of the explanation.
 */
export function scoreOf(values: readonly FeatureValue[], weights: Readonly<Record<FeatureName, number>>): { score: number; contributions: Contribution[] } {
  let score = 0;
  const contributions: Contribution[] = [];
  for (const { feature, on, value } of values) {
    const contribution = weights[feature] * value;
    score += contribution;
    if (value !== 0) contributions.push(on === undefined ? { feature, value, contribution } : { feature, on, value, contribution });
  }
  return { score, contributions };
}

/** The shipped weights, by feature. */
export const WEIGHTS: Readonly<Record<FeatureName, number>> = Object.fromEntries(
  FEATURE_NAMES.map((f) => [f, MODEL.features[f].weight]),
) as Record<FeatureName, number>;
