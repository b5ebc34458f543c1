/**
 * A document's findings counted by kind, for the status the server sends after each check. A
 * dense draft has about 10,000 findings and a keystroke changes a few: counting the whole list
 * on every keystroke took about half a millisecond, so a check's count is the last one's, less
 * the findings the edit replaced and plus those it made.
 */
import type { Finding } from '../diagnostics/finding';
import { sharedEnds } from './diagnostics';

export interface KindCounts {
  conflicts: number;
  supported: number;
  unverified: number;
}

/** The counts of a document's last checked findings. */
export interface Tally extends KindCounts {
  findings: readonly Finding[];
}

/** The findings from `from` to `to` counted by kind (conflicts are every kind but supported and unverified). */
export function countKinds(findings: readonly Finding[], from = 0, to = findings.length): KindCounts {
  const counts = { conflicts: 0, supported: 0, unverified: 0 };
  for (let i = from; i < to; i++) {
    const { kind } = findings[i];
    if (kind === 'supported') counts.supported++;
    else if (kind === 'unverified') counts.unverified++;
    else counts.conflicts++;
  }
  return counts;
}

/**
 * The tally of `findings`, from the last one's by what changed between them (the same objects at
 * both ends), and the findings that are new: those between the shared ends.
 */
export function nextTally(last: Tally | undefined, findings: readonly Finding[]): { tally: Tally; fresh: readonly Finding[] } {
  if (!last) return { tally: { findings, ...countKinds(findings) }, fresh: findings };
  const { head, tail } = sharedEnds(last.findings, findings);
  const gone = countKinds(last.findings, head, last.findings.length - tail);
  const came = countKinds(findings, head, findings.length - tail);
  const tally = {
    findings,
    conflicts: last.conflicts - gone.conflicts + came.conflicts,
    supported: last.supported - gone.supported + came.supported,
    unverified: last.unverified - gone.unverified + came.unverified,
  };
  return { tally, fresh: findings.slice(head, findings.length - tail) };
}
