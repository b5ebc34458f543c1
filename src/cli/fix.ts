/**
 * --fix and --fix-dry-run: apply each conflict's preferred fix (the source's value in the
 * draft's style, with a footnote citing it), as ESLint applies fixes: in passes, each taking
 * the fixes whose edits do not overlap, then checking the new text again, until nothing is
 * left to fix or MAX_FIX_PASSES is reached. Two fixes inserting the same text at the same
 * place (a footnote definition both cite) insert it once.
 */
import { createTwoFilesPatch } from 'diff';
import type { Finding, Fix, TextEdit } from '../diagnostics/finding';
import { lineStarts, offsetAt } from '../report/positions';

/** As ESLint: a fix can make another possible, but never loop for ever. */
export const MAX_FIX_PASSES = 10;

export interface AppliedFix {
  /** 0-based position of the figure in the text the pass fixed. */
  line: number;
  character: number;
  from: string;
  /** What replaced the figure, or the citation added. */
  to: string;
  title: string;
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** The fix --fix applies: a conflict's or outdated figure's preferred replacement. */
export function preferredFix(f: Finding): Fix | undefined {
  if (f.kind !== 'conflict' && f.kind !== 'outdated') return undefined;
  return f.fixes.find((x) => x.preferred && x.kind === 'replace');
}

function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end) return false; // two insertions: both go in, in order
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** The footnote label a definition edit adds, if it adds one: "[^dc-002]: …". */
function definedLabel(text: string): string | undefined {
  return /(?:^|\n)\[\^([^\]\s]+)\]:/.exec(text)?.[1];
}

/** One pass: the fixes that fit together, applied to `text`. */
export function applyPass(text: string, findings: readonly Finding[]): { text: string; applied: AppliedFix[] } {
  const starts = lineStarts(text);
  const toOffsets = (e: TextEdit): OffsetEdit => ({ start: offsetAt(starts, text.length, e.range.start), end: offsetAt(starts, text.length, e.range.end), text: e.newText });
  const accepted: OffsetEdit[] = [];
  const labels = new Map<string, string>();
  const applied: AppliedFix[] = [];
  for (const f of findings) {
    const fix = preferredFix(f);
    if (!fix) continue;
    const edits = fix.edits.map(toOffsets);
    // The same insertion from an earlier fix of this pass is already there.
    const fresh = edits.filter((e) => !accepted.some((a) => a.start === e.start && a.end === e.end && a.text === e.text));
    if (fresh.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    // Two new definitions under one label (two quotes of one source) would clash: the second waits a pass.
    const defined = fresh.map((e) => [definedLabel(e.text), e.text] as const).filter(([l]) => l !== undefined);
    if (defined.some(([l, t]) => labels.has(l!) && labels.get(l!) !== t)) continue;
    for (const [l, t] of defined) labels.set(l!, t);
    accepted.push(...fresh);
    const figureEdit = edits.find((e) => e.start < e.end) ?? edits[0];
    applied.push({ line: f.range.start.line, character: f.range.start.character, from: f.text, to: figureEdit ? figureEdit.text : f.text, title: fix.title });
  }
  // From the end, so earlier offsets stay valid; at one place, insertions keep the order they were accepted in.
  const order = accepted.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i);
  let out = text;
  for (const { e } of order) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied };
}

/** Fixes a draft: `check` gives the findings (with fixes) of a text. */
export function fixText(text: string, check: (text: string) => readonly Finding[]): { text: string; applied: AppliedFix[]; passes: number } {
  const applied: AppliedFix[] = [];
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const pass = applyPass(text, check(text));
    if (!pass.applied.length || pass.text === text) break;
    passes++;
    applied.push(...pass.applied);
    text = pass.text;
  }
  return { text, applied, passes };
}

/** A unified diff of a draft before and after its fixes, as `git apply` and `patch -p1` take it. */
export function unifiedDiff(path: string, before: string, after: string): string {
  const name = path.replace(/\\/g, '/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
}
