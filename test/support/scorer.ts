/**
 * Scores a checker's findings against a labelled corpus, as ../shared/eval/score.py does, and
 * more: a label may name the fact it is about (`[context, figure, kind, factId]`), and then a
 * citation of another fact does not count as a citation, nor a conflict about another fact as a
 * caught conflict. A corpus that cannot be scored (no labels file, a context that is not in its
 * draft, a draft the checker did not report) throws with the file and the label.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Finding } from '../../src/diagnostics/finding';

export const LabelKind = z.enum(['conflict', 'supported', 'silent']);
export const Label = z.union([
  z.tuple([z.string(), z.string(), LabelKind]),
  z.tuple([z.string(), z.string(), LabelKind, z.string()]),
]);
export type Label = z.infer<typeof Label>;
export const Labels = z.record(z.string(), z.array(Label));

export interface Located {
  file: string;
  line: number;
  start: number;
  end: number;
  kind: z.infer<typeof LabelKind>;
  text: string;
  fact?: string;
}

export interface Score {
  /** Conflict findings on conflict labels (of the labelled fact, when named). */
  truePositives: number;
  /** Conflict findings on no conflict label, or on the wrong fact. */
  falsePositives: number;
  /** Conflict labels no conflict finding covers. */
  falseNegatives: number;
  /** Supported labels cited (with the labelled fact, when named). */
  cited: number;
  supportedLabels: number;
  /** Silent labels that got any finding (conflict, supported or outdated). */
  openWorldErrors: number;
  silentLabels: number;
  precision: number;
  recall: number;
  coverage: number;
  openWorldErrorRate: number;
  /** One line per mistake, for a reader. */
  mistakes: string[];
}

function utf16(s: string): number {
  return s.length;
}

/** A label's place: the first line that holds its context, as score.py finds it. */
export function locate(file: string, lines: readonly string[], [context, text, kind, fact]: Label): Located {
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(context);
    if (c < 0) continue;
    const t = context.indexOf(text);
    if (t < 0) throw new Error(`${file}: label text ${JSON.stringify(text)} is not inside its context ${JSON.stringify(context)}`);
    const start = utf16(lines[i].slice(0, c + t));
    return { file, line: i, start, end: start + utf16(text), kind, text, fact };
  }
  throw new Error(`${file}: context not found: ${JSON.stringify(context)}`);
}

function overlaps(f: Finding, l: Located): boolean {
  const { start, end } = f.range;
  if (start.line !== l.line && end.line !== l.line) return false;
  const a = start.line === l.line ? start.character : 0;
  const b = end.line === l.line ? end.character : Infinity;
  return a < l.end && l.start < b;
}

/** The labels of a corpus folder, located in their drafts. */
export function loadLabels(dir: string): Located[] {
  const path = join(dir, 'labels.json');
  if (!existsSync(path)) throw new Error(`${dir}: no labels.json, so the corpus cannot be scored`);
  const labels = Labels.parse(JSON.parse(readFileSync(path, 'utf8')));
  return Object.entries(labels).flatMap(([file, items]) => {
    const draft = join(dir, file);
    if (!existsSync(draft)) throw new Error(`${dir}: labels.json names ${file}, which is not there`);
    const lines = readFileSync(draft, 'utf8').split('\n');
    return items.map((item) => locate(file, lines, item));
  });
}

const ratio = (a: number, b: number) => (b ? a / b : 0);

/** Scores findings per draft (keyed by file name) against the located labels. */
export function score(labels: readonly Located[], findings: ReadonlyMap<string, readonly Finding[]>): Score {
  const s = { truePositives: 0, falsePositives: 0, falseNegatives: 0, cited: 0, supportedLabels: 0, openWorldErrors: 0, silentLabels: 0, mistakes: [] as string[] };
  const files = [...new Set(labels.map((l) => l.file))];
  for (const file of files) {
    const found = findings.get(file);
    if (!found) throw new Error(`${file}: the checker reported nothing for this draft (not even an empty list)`);
    const mine = labels.filter((l) => l.file === file);
    const at = (l: Located) => `${file}:${l.line + 1} ${JSON.stringify(l.text)}`;
    for (const l of mine) {
      const hits = found.filter((f) => overlaps(f, l));
      const conflict = hits.find((f) => f.kind === 'conflict');
      const supported = hits.find((f) => f.kind === 'supported');
      if (l.kind === 'conflict') {
        if (conflict && (!l.fact || conflict.fact === l.fact)) s.truePositives++;
        else {
          s.falseNegatives++;
          s.mistakes.push(`missed    ${at(l)}${conflict ? ` (flagged on ${conflict.fact}, not ${l.fact})` : ''}`);
        }
      } else if (l.kind === 'supported') {
        s.supportedLabels++;
        if (supported && (!l.fact || supported.fact === l.fact)) s.cited++;
        else s.mistakes.push(`uncited   ${at(l)}${supported ? ` (cited ${supported.fact}, not ${l.fact})` : ''}`);
      } else {
        s.silentLabels++;
        const any = hits.find((f) => f.kind !== 'unverified');
        if (any) {
          s.openWorldErrors++;
          s.mistakes.push(`open      ${at(l)}: ${any.kind} on ${any.fact}`);
        }
      }
    }
    for (const f of found.filter((x) => x.kind === 'conflict')) {
      const label = mine.find((l) => l.kind === 'conflict' && overlaps(f, l));
      if (!label || (label.fact && label.fact !== f.fact)) {
        s.falsePositives++;
        s.mistakes.push(`false+    ${file}:${f.range.start.line + 1} ${JSON.stringify(f.text)}: ${f.message.slice(0, 100)}`);
      }
    }
  }
  const flagged = s.truePositives + s.falsePositives;
  return {
    ...s,
    precision: ratio(s.truePositives, flagged),
    recall: ratio(s.truePositives, s.truePositives + s.falseNegatives),
    coverage: ratio(s.cited, s.supportedLabels),
    openWorldErrorRate: ratio(s.openWorldErrors, s.silentLabels),
  };
}

/** "precision 0.97 (30/31) recall …", the figures score.py prints, and the open-world error rate when there are silent labels. */
export function formatScore(s: Score): string {
  const f = (x: number) => x.toFixed(2);
  let line = `precision ${f(s.precision)} (${s.truePositives}/${s.truePositives + s.falsePositives}) recall ${f(s.recall)} (${s.truePositives}/${s.truePositives + s.falseNegatives}) citation-coverage ${f(s.coverage)} (${s.cited}/${s.supportedLabels})`;
  if (s.silentLabels) line += ` open-world-errors ${f(s.openWorldErrorRate)} (${s.openWorldErrors}/${s.silentLabels})`;
  return line;
}
