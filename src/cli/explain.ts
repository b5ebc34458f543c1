/**
 * dealcheck explain [--kb FILE]... [--no-bundled-kb] [--format text|json] [--all] DRAFT.md...
 * For each figure: its verdict and why, and every candidate fact with each feature's contribution
 * to its score (Lucene's explain, for a knowledge base's author tuning keywords).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type FigureExplanation, explainDocument } from '../diagnostics/explain';
import type { ExplainedCandidate } from '../diagnostics/matching/matcher';
import { formatKbProblems, loadKnowledgeFiles } from './knowledge-files';
import type { Io } from './main';

export const EXPLAIN_USAGE = `usage: dealcheck explain [--kb FILE]... [--no-bundled-kb] [--format text|json] [--all] DRAFT.md...

Shows why each figure of a draft got its verdict: the facts that could be its subject, each
feature's contribution to their scores (model.json's weights times the feature's value), the
gate that ruled the others out, and why a figure was left alone.

  --kb FILE          an extra knowledge base file (.json, .yaml); repeatable
  --no-bundled-kb    use only the --kb files
  --format text|json text (default) for people, json for tools
  --all              every candidate and every rejected fact, not only the best five
`;

/** Scored candidates shown per figure in text, unless --all. */
const SHOWN_CANDIDATES = 5;

function signed(n: number): string {
  return `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`;
}

function candidateLine(c: ExplainedCandidate): string {
  const parts = c.contributions.map((x) => `${x.feature}${x.on ? `[${x.on}]` : ''} ${signed(x.contribution)} (${x.value.toFixed(2)})`);
  return `    ${c.score!.toFixed(2).padStart(6)} ${c.agrees ? 'agrees  ' : 'disagree'} ${c.fact}\n           ${parts.join(', ')}`;
}

function rejectedLine(rejected: ExplainedCandidate[], all: boolean): string {
  if (all) return rejected.map((c) => `    rejected ${c.fact}: ${c.gate}`).join('\n');
  const byGate = new Map<string, number>();
  for (const c of rejected) byGate.set(c.gate!, (byGate.get(c.gate!) ?? 0) + 1);
  return `    rejected: ${[...byGate].map(([gate, n]) => `${n} (${gate})`).join(', ')}`;
}

function explanationText(path: string, e: FigureExplanation, all: boolean): string {
  const at = `${path}:${e.range.start.line + 1}:${e.range.start.character + 1}`;
  const lines = [`${at}  ${e.text}  (${e.type}${e.unit ? `, ${e.unit}` : ''}${e.hedge !== 'exact' ? `, ${e.hedge}` : ''})`, `  ${e.why}`];
  if (e.context !== undefined) lines.push(`  paragraph before, lending its parties: ${JSON.stringify(e.context.trim().slice(0, 100))}`);
  const scored = e.candidates.filter((c) => c.score !== undefined);
  const rejected = e.candidates.filter((c) => c.score === undefined);
  for (const c of all ? scored : scored.slice(0, SHOWN_CANDIDATES)) lines.push(candidateLine(c));
  if (!all && scored.length > SHOWN_CANDIDATES) lines.push(`    … ${scored.length - SHOWN_CANDIDATES} more scored (--all shows them)`);
  if (rejected.length) lines.push(rejectedLine(rejected, all));
  return `${lines.join('\n')}\n`;
}

export async function runExplain(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kb: { type: 'string', multiple: true, default: [] },
        'no-bundled-kb': { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`dealcheck explain: ${(e as Error).message}\n${EXPLAIN_USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(EXPLAIN_USAGE);
    return 0;
  }
  if (!['text', 'json'].includes(values.format!) || !positionals.length) {
    io.err(`dealcheck explain: ${positionals.length ? `--format must be text or json, not ${values.format}` : 'no DRAFT given'}\n${EXPLAIN_USAGE}`);
    return 2;
  }
  const loaded = loadKnowledgeFiles(values.kb!, !values['no-bundled-kb']);
  if ('error' in loaded) {
    io.err(`dealcheck explain: ${loaded.error}\n`);
    return 2;
  }
  if (loaded.problems.length) {
    io.err(formatKbProblems(loaded.problems));
    return 2;
  }
  const results: { path: string; figures: FigureExplanation[] }[] = [];
  for (const path of positionals) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      io.err(`dealcheck explain: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    results.push({ path, figures: explainDocument(text, loaded.kb) });
  }
  if (values.format === 'json') io.out(`${JSON.stringify({ version: 1, files: results }, null, 2)}\n`);
  else for (const r of results) for (const e of r.figures) io.out(explanationText(r.path, e, values.all!));
  return 0;
}
