/**
 * Why each figure of a draft got its verdict: every candidate fact with each feature's
 * contribution to its score, the gate that rejected the others, and, for a figure left alone, the
 * reason. The context is the engine's own (the paragraph before a block that names nobody), so
 * what `dealcheck explain` prints is what a check decided.
 */
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { lendContext } from './context/discourse';
import { DocumentChecker, documentText } from './engine';
import type { Figure } from './figures/figure';
import type { Finding, Position } from './finding';
import { parseProse } from './markdown/prose';
import { type ExplainedCandidate, explainUnit } from './matching/matcher';
import { VERDICT } from './matching/model';
import type { Match } from './matching/verdict';

export interface FigureExplanation {
  range: { start: Position; end: Position };
  text: string;
  type: Figure['type'];
  unit?: string;
  hedge: Figure['hedge'];
  /** The text before the figure's block that lent it context, if any. */
  context?: string;
  /** The verdict a check reports: conflict, supported, outdated (agrees only with replaced values), or silent (no finding). */
  verdict: 'conflict' | 'supported' | 'outdated' | 'silent';
  /** The fact of the verdict, when the figure has one. */
  fact?: string;
  /** Why, in a sentence. */
  why: string;
  candidates: ExplainedCandidate[];
}

/** Why a figure with no match stayed silent. */
function whySilent(figure: Figure, candidates: ExplainedCandidate[], question: boolean): string {
  const scored = candidates.filter((c) => c.score !== undefined);
  if (!candidates.length) return `silent: no fact of the knowledge base is a ${figure.type}${figure.unit ? ` in ${figure.unit}` : ''}`;
  if (!scored.length) {
    const gates = [...new Set(candidates.map((c) => c.gate))];
    return `silent: every candidate fact failed a gate (${gates.join('; ')})`;
  }
  if (question) return 'silent: a question claims nothing, so only a figure that agrees is cited';
  return `silent: the best reading, ${scored[0].fact}, scored ${scored[0].score!.toFixed(2)}, below the ${VERDICT.minConflictScore} a conflict needs`;
}

function whyMatched(match: Match, finding: Finding | undefined): string {
  const sources = [...new Set(match.agreeing.map((a) => a.source.id))];
  const what = match.agreeing.length
    ? `supported: agrees with ${sources.join(', ')} on ${match.fact.fact.id}`
    : `conflict: agrees with no source on ${match.fact.fact.id}`;
  if (finding?.kind === 'outdated') return `outdated: ${finding.message}`;
  return finding ? what : `${what}, but a dealcheck-disable comment silences it`;
}

/** Explains every figure of a Markdown document. */
export function explainDocument(text: string, kb: KnowledgeBase): FigureExplanation[] {
  const checker = new DocumentChecker(kb);
  const { findings } = checker.check(text, { includeSupported: true, withFixes: false });
  const { positionAt } = documentText(text);
  const out: FigureExplanation[] = [];
  for (const block of checker.blockContexts(text)) {
    const { units } = lendContext(parseProse(block.text).units, kb, block.previous);
    for (const unit of units) {
      for (const e of explainUnit(unit, kb)) {
        const start = positionAt(block.start + unit.start + e.figure.start);
        const end = positionAt(block.start + unit.start + e.figure.end);
        const finding = findings.find((f) => f.range.start.line === start.line && f.range.start.character === start.character);
        const match = e.match && (e.match.agreeing.length || !e.question) ? e.match : undefined;
        out.push({
          range: { start, end },
          text: e.figure.text,
          type: e.figure.type,
          ...(e.figure.unit ? { unit: e.figure.unit } : {}),
          hedge: e.figure.hedge,
          ...(unit.previous !== undefined ? { context: unit.previous } : {}),
          verdict: match && finding ? (finding.kind === 'outdated' ? 'outdated' : match.agreeing.length ? 'supported' : 'conflict') : 'silent',
          ...(match ? { fact: match.fact.fact.id } : {}),
          why: match ? whyMatched(match, finding) : whySilent(e.figure, e.candidates, e.question),
          candidates: e.candidates,
        });
      }
    }
  }
  return out;
}
