/**
 * dealcheck-disable / -enable / -disable-next-line / -disable-line comments, applied to a whole
 * document's findings in one sweep: linear in findings and comments, so a draft with 10,000
 * disable/enable pairs costs no more than one with ten.
 */
import type { Finding } from './finding';
import type { ControlComment } from './markdown/prose';

/** A control comment in the document: its offset and the lines it starts and ends on. */
export interface PlacedComment extends ControlComment {
  offset: number;
  startLine: number;
  endLine: number;
}

/** The figure kind a code belongs to, which a comment may name instead of the code ("money"). */
function kindOf(code: string): string {
  return code.startsWith('unchecked-') ? 'unchecked' : code.replace(/-(?:conflict|supported|outdated|unverified)$/, '');
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
    let decides = this.all;
    for (const key of [code, kindOf(code)]) {
      const s = this.byRule.get(key);
      if (s && s.seq > decides.seq) decides = s;
    }
    return decides.disabled;
  }
}

/** Line comments by the line they silence. */
function lineComments(comments: readonly PlacedComment[]): Map<number, PlacedComment[]> {
  const byLine = new Map<number, PlacedComment[]>();
  for (const c of comments) {
    const line = c.directive === 'disable-next-line' ? c.endLine + 1 : c.directive === 'disable-line' ? c.startLine : undefined;
    if (line === undefined) continue;
    const list = byLine.get(line);
    if (list) list.push(c);
    else byLine.set(line, [c]);
  }
  return byLine;
}

/** Which of `findings` (at `offsets`) a disable / enable comment before them silences. */
function silencedByRegions(findings: readonly Finding[], offsets: readonly number[], comments: readonly PlacedComment[]): boolean[] {
  const regions = comments.filter((c) => c.directive === 'disable' || c.directive === 'enable').sort((a, b) => a.offset - b.offset);
  const order = findings.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  const silenced = new Array<boolean>(findings.length).fill(false);
  const switches = new Switches();
  let next = 0;
  for (const i of order) {
    // A comment at the figure's own offset already applies to it.
    while (next < regions.length && regions[next].offset <= offsets[i]) switches.apply(regions[next++]);
    silenced[i] = switches.disabled(findings[i].code);
  }
  return silenced;
}

/** Keeps the items whose finding no control comment silences; `offsetOf` gives an item's offset in the document. */
export function applyControlComments<T extends { finding: Finding }>(items: T[], comments: readonly PlacedComment[], offsetOf: (item: T) => number): T[] {
  if (!comments.length) return items;
  const findings = items.map((p) => p.finding);
  const silenced = silencedByRegions(findings, items.map(offsetOf), comments);
  const byLine = lineComments(comments);
  return items.filter((p, i) => !silenced[i] && !byLine.get(p.finding.range.start.line)?.some((c) => appliesTo(c, p.finding.code)));
}
