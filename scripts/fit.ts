// npm run fit [-- --write] [--rounds]: fits the matcher's weights (model.json "features") and the
// verdict's margins on the labelled corpora of test/corpora.json, by coordinate descent.
//
// It cross-validates by round: for each blind round, it fits on every other round and scores the
// round left out, and prints those held-out scores, which say how the model does on drafts it has
// not seen. Then it fits on all rounds and prints the table; --write saves it to model.json.
//
// The candidates and their features' values are read once per draft (they do not depend on the
// weights); each trial only sums them again and decides, so a trial takes milliseconds.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../src/diagnostics/finding';
import { type DocumentFigure, readDocumentFigures } from '../src/diagnostics/explain';
import { FEATURE_NAMES, type FeatureName, MODEL, VERDICT, WEIGHTS } from '../src/diagnostics/matching/model';
import { type Scored, isScored } from '../src/diagnostics/matching/score';
import type { VerdictParams } from '../src/diagnostics/matching/verdict';
import { decide } from '../src/diagnostics/matching/matcher';
import { type Corpus, corpusDir, knowledgeBaseFor, loadManifest, repoRoot, roundOf } from '../test/support/corpora';
import { type Located, type Score, formatScore, loadLabels, score } from '../test/support/scorer';

interface Draft {
  corpus: Corpus;
  file: string;
  round: string;
  figures: (DocumentFigure & { scored: Scored[] })[];
}

interface Params {
  weights: Record<FeatureName, number>;
  verdict: VerdictParams;
}

/** Reads every draft of every corpus once. */
function readCorpora(): { drafts: Draft[]; labels: Map<Corpus, Located[]> } {
  const drafts: Draft[] = [];
  const labels = new Map<Corpus, Located[]>();
  for (const corpus of loadManifest()) {
    const kb = knowledgeBaseFor(corpus);
    const dir = corpusDir(corpus);
    labels.set(corpus, loadLabels(dir));
    for (const file of [...new Set(labels.get(corpus)!.map((l) => l.file))]) {
      const figures = readDocumentFigures(readFileSync(join(dir, file), 'utf8'), kb).map((f) => ({ ...f, scored: f.candidates.filter(isScored) }));
      drafts.push({ corpus, file, round: `${corpus.name}/${roundOf(corpus, file)}`, figures });
    }
  }
  return { drafts, labels };
}

/** The findings a draft gets with these weights and margins: what the engine would report. */
function findingsOf(draft: Draft, p: Params): Finding[] {
  const out: Finding[] = [];
  const rescored = new Map(draft.figures.map((f) => [f.figure, f.scored.map((s) => ({ ...s, score: s.values.reduce((sum, v) => sum + p.weights[v.feature] * v.value, 0) }))]));
  for (const f of draft.figures) {
    if (f.silenced) continue;
    const { match } = decide({ ...f, scored: rescored.get(f.figure)! }, (m) => rescored.get(m) ?? [], p.verdict);
    if (!match) continue;
    const kind = match.agreeing.length ? 'supported' : 'conflict';
    out.push({ kind, code: '', severity: 'hint', range: f.range, text: f.figure.text, message: '', fact: match.fact.fact.id, evidence: [], fixes: [] });
  }
  return out;
}

/** Scores of the given drafts, by corpus, added up. */
function scoreDrafts(drafts: readonly Draft[], labels: Map<Corpus, Located[]>, p: Params): Score {
  const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0, cited: 0, supportedLabels: 0, openWorldErrors: 0, silentLabels: 0 };
  const corpora = [...new Set(drafts.map((d) => d.corpus))];
  for (const corpus of corpora) {
    const mine = drafts.filter((d) => d.corpus === corpus);
    const files = new Set(mine.map((d) => d.file));
    const s = score(labels.get(corpus)!.filter((l) => files.has(l.file)), new Map(mine.map((d) => [d.file, findingsOf(d, p)])));
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
  }
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  return {
    ...total,
    mistakes: [],
    precision: ratio(total.truePositives, total.truePositives + total.falsePositives),
    recall: ratio(total.truePositives, total.truePositives + total.falseNegatives),
    coverage: ratio(total.cited, total.supportedLabels),
    openWorldErrorRate: ratio(total.openWorldErrors, total.silentLabels),
  };
}

/**
 * What the fit maximises: the targets as one number. A false conflict and an open-world
 * error cost most (they teach a writer to ignore the tool), a missed conflict a little less, an
 * uncited supported figure least.
 */
function objective(s: Score): number {
  return -(3 * s.falsePositives + 3 * s.openWorldErrors + 2 * s.falseNegatives + (s.supportedLabels - s.cited));
}

/** Multipliers tried for each weight and margin, in turn. */
const STEPS = [0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2];
/** Passes over every parameter; a pass that improves nothing ends the fit. */
const PASSES = 4;

type Knob = { name: string; get(p: Params): number; set(p: Params, v: number): Params };

const KNOBS: Knob[] = [
  ...FEATURE_NAMES.map((f): Knob => ({ name: f, get: (p) => p.weights[f], set: (p, v) => ({ ...p, weights: { ...p.weights, [f]: v } }) })),
  // The plausibility margins are not fitted: they decide which fact a figure is cited with, and most
  // labels do not name their fact, so the fit could not see a citation of the wrong one.
  ...(['minConflictScore', 'ambiguity', 'conflictEvidence'] as const).map(
    (k): Knob => ({ name: k, get: (p) => p.verdict[k], set: (p, v) => ({ ...p, verdict: { ...p.verdict, [k]: v } }) }),
  ),
];

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Coordinate descent from `start`: each knob scaled by each step, the best kept. */
function fit(drafts: readonly Draft[], labels: Map<Corpus, Located[]>, start: Params): Params {
  let best = start;
  let bestValue = objective(scoreDrafts(drafts, labels, best));
  for (let pass = 0; pass < PASSES; pass++) {
    let improved = false;
    for (const knob of KNOBS) {
      for (const step of STEPS) {
        const trial = knob.set(best, round2(knob.get(best) * step));
        const value = objective(scoreDrafts(drafts, labels, trial));
        if (value > bestValue) {
          best = trial;
          bestValue = value;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

const shipped: Params = { weights: { ...WEIGHTS }, verdict: { ...VERDICT } };
const args = process.argv.slice(2);
const { drafts, labels } = readCorpora();
const rounds = [...new Set(drafts.map((d) => d.round))];
console.log(`${drafts.length} drafts in ${rounds.length} rounds, ${drafts.reduce((n, d) => n + d.figures.length, 0)} figures`);

console.log('\nHeld out, each round scored by a model fitted on the others:');
const heldOut: Draft[] = [];
const foldParams = new Map<string, Params>();
for (const r of rounds) {
  const train = drafts.filter((d) => d.round !== r);
  const test = drafts.filter((d) => d.round === r);
  const p = fit(train, labels, shipped);
  foldParams.set(r, p);
  heldOut.push(...test);
  console.log(`  ${r.padEnd(28)} ${formatScore(scoreDrafts(test, labels, p))}`);
}
const pooled = (() => {
  // Each held-out round with its own fold's model, counts added up.
  const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0, cited: 0, supportedLabels: 0, openWorldErrors: 0, silentLabels: 0 };
  for (const r of rounds) {
    const s = scoreDrafts(drafts.filter((d) => d.round === r), labels, foldParams.get(r)!);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
  }
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  return { ...total, mistakes: [], precision: ratio(total.truePositives, total.truePositives + total.falsePositives), recall: ratio(total.truePositives, total.truePositives + total.falseNegatives), coverage: ratio(total.cited, total.supportedLabels), openWorldErrorRate: ratio(total.openWorldErrors, total.silentLabels) };
})();
console.log(`  ${'all rounds, held out'.padEnd(28)} ${formatScore(pooled)}`);
console.log(`  ${'all rounds, shipped model'.padEnd(28)} ${formatScore(scoreDrafts(drafts, labels, shipped))}`);

const final = fit(drafts, labels, shipped);
console.log(`\nFitted on all rounds: ${formatScore(scoreDrafts(drafts, labels, final))}`);
console.log('\n| parameter | shipped | fitted |\n|---|---|---|');
for (const k of KNOBS) console.log(`| ${k.name} | ${k.get(shipped)} | ${k.get(final)} |`);

if (args.includes('--write')) {
  const path = join(repoRoot, 'src/diagnostics/matching/model.json');
  const model = JSON.parse(readFileSync(path, 'utf8')) as typeof MODEL;
  for (const f of FEATURE_NAMES) model.features[f].weight = final.weights[f];
  for (const k of ['minConflictScore', 'ambiguity', 'conflictEvidence'] as const) model.verdict[k].value = final.verdict[k];
  writeFileSync(path, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`\nwrote ${path}`);
}
