/**
 * dealcheck-disable / -enable / -disable-next-line / -disable-line comments, applied to a whole
 * document's findings in one sweep: linear in findings and comments, so a draft with 10,000
 * disable/enable pairs costs no more than one with ten.
 */
import type { Finding } from './finding';
import type { ControlComment } from './markdown/prose';

/** A control comment and the lines it starts and ends on (in the document, or in its block). */
export interface LinedComment extends ControlComment {
  startLine: number;
  endLine: number;
}

/** A control comment in the document: its offset and the lines it starts and ends on. */
export interface PlacedComment extends LinedComment {
  offset: number;
}

/** The line a disable-next-line or disable-line comment silences; undefined for a disable or enable comment. */
export function silencedLine(c: LinedComment): number | undefined {
  return c.directive === 'disable-next-line' ? c.endLine + 1 : c.directive === 'disable-line' ? c.startLine : undefined;
}

/** At most this many codes' kinds are remembered (there are about forty). */
const MAX_KINDS = 1024;

/** Kinds by code, worked out once: a dense draft's findings share a few dozen codes. */
const KINDS = new Map<string, string>();

/** The figure kind a code belongs to, which a comment may name instead of the code ("money"). */
function kindOf(code: string): string {
  let kind = KINDS.get(code);
  if (kind === undefined) {
    kind = code.startsWith('unchecked-') ? 'unchecked' : code.replace(/-(?:conflict|supported|outdated|unverified)$/, '');
    // Codes come from the engine's own few kinds and checks; the bound only guards against surprises.
    if (KINDS.size < MAX_KINDS) KINDS.set(code, kind);
  }
  return kind;
}

function appliesTo(c: ControlComment, code: string): boolean {
  return !c.rules.length || c.rules.some((r) => r === code || r === kindOf(code));
}

interface Switch {
  disabled: boolean;
  /** Order of the comment that set it: the latest comment that applies to a code decides. */
  seq: number;
}

/** The disable / enable state so far: for all checks, and for each code or kind a comment named. */
class Switches {
  private all: Switch = { disabled: false, seq: -1 };
  private byRule = new Map<string, Switch>();
  private seq = 0;

  apply(c: ControlComment): void {
    const s = { disabled: c.directive === 'disable', seq: this.seq++ };
    if (!c.rules.length) this.all = s;
    for (const r of c.rules) this.byRule.set(r, s);
  }

  disabled(code: string): boolean {
    if (!this.byRule.size) return this.all.disabled;
    let decides = this.all;
    const byCode = this.byRule.get(code);
    if (byCode && byCode.seq > decides.seq) decides = byCode;
    const byKind = this.byRule.get(kindOf(code));
    if (byKind && byKind.seq > decides.seq) decides = byKind;
    return decides.disabled;
  }
}

/** Line comments by the line they silence. */
function lineComments(comments: readonly LinedComment[]): Map<number, LinedComment[]> {
  const byLine = new Map<number, LinedComment[]>();
  for (const c of comments) {
    const line = silencedLine(c);
    if (line === undefined) continue;
    const list = byLine.get(line);
    if (list) list.push(c);
    else byLine.set(line, [c]);
  }
  return byLine;
}

/** Indexes of findings in offset order; findings gathered block by block mostly are already. */
function offsetOrder(indexes: number[], offsets: readonly number[]): number[] {
  for (let k = 1; k < indexes.length; k++) if (offsets[indexes[k]] < offsets[indexes[k - 1]]) return indexes.sort((a, b) => offsets[a] - offsets[b]);
  return indexes;
}

/** Marks the findings (at `offsets`) a disable / enable comment before them silences. */
function silenceByRegions(findings: readonly Finding[], offsets: readonly number[], regions: readonly PlacedComment[], silenced: boolean[]): void {
  // Before the first comment nothing is disabled: only the findings after it are looked at.
  const from = regions[0].offset;
  const after: number[] = [];
  for (let i = 0; i < findings.length; i++) if (offsets[i] >= from) after.push(i);
  const switches = new Switches();
  let next = 0;
  for (const i of offsetOrder(after, offsets)) {
    // A comment at the figure's own offset already applies to it.
    while (next < regions.length && regions[next].offset <= offsets[i]) switches.apply(regions[next++]);
    if (switches.disabled(findings[i].code)) silenced[i] = true;
  }
}

/**
 * Which of `findings` (at `offsets` in the document) a control comment silences: true at their
 * index; undefined when none is. Linear in findings when they come in document order.
 */
export function silencedFindings(findings: readonly Finding[], offsets: readonly number[], comments: readonly PlacedComment[]): boolean[] | undefined {
  if (!comments.length) return undefined;
  const silenced = new Array<boolean>(findings.length).fill(false);
  const regions = comments.filter((c) => c.directive === 'disable' || c.directive === 'enable').sort((a, b) => a.offset - b.offset);
  if (regions.length) silenceByRegions(findings, offsets, regions, silenced);
  silenceByLines(findings, comments, silenced);
  return silenced;
}

/**
 * Marks the findings a disable-line or disable-next-line comment silences. Lines are compared
 * as they are: document lines, or lines of one block when findings and comments are a block's.
 */
export function silenceByLines(findings: readonly Finding[], comments: readonly LinedComment[], silenced: boolean[]): void {
  const byLine = lineComments(comments);
  if (byLine.size)
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      if (byLine.get(f.range.start.line)?.some((c) => appliesTo(c, f.code))) silenced[i] = true;
    }
}

/** Keeps the items whose finding no control comment silences; `offsetOf` gives an item's offset in the document. */
export function applyControlComments<T extends { finding: Finding }>(items: T[], comments: readonly PlacedComment[], offsetOf: (item: T) => number): T[] {
  const silenced = silencedFindings(items.map((p) => p.finding), items.map(offsetOf), comments);
  return silenced ? items.filter((_, i) => !silenced[i]) : items;
}
