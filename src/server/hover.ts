/** What a hover on a checked figure says: the fact, each source's value and words, and the verdict. */
import type { Finding } from '../diagnostics/finding';
import { formatSourceDate } from '../diagnostics/citations';

function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

/** Command links the VS Code extension handles (other clients get none): open a source, show the fact. */
export interface HoverLinks {
  uri: string;
  position: { line: number; character: number };
}

function commandLink(title: string, command: string, args: HoverLinks): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([args]))})`;
}

export function hoverMarkdown(finding: Finding, links?: HoverLinks): string {
  const verdict =
    finding.kind === 'supported'
      ? `✓ **${escapeMarkdown(finding.text)}** agrees with ${finding.evidence.filter((e) => e.agrees).length === 1 ? 'a source' : 'the sources marked ✓'}`
      : finding.kind === 'outdated'
        ? `⏱ **${escapeMarkdown(finding.text)}** agrees only with older values (marked ✓) that newer sources have replaced`
        : `⚠ **${escapeMarkdown(finding.text)}** agrees with no source`;
  const lines = [`**${escapeMarkdown(finding.statement ?? finding.text)}** (dealcheck)`, '', `${verdict}. ${finding.sourcesAgree ? 'The sources agree.' : 'The sources disagree among themselves.'}`, ''];
  for (const e of finding.evidence) {
    const date = formatSourceDate(e.asOf ?? e.date);
    const by = [e.publisher, date && `${e.asOf ? 'as of ' : ''}${date}${e.dateInferred ? ' (date inferred)' : ''}`].filter(Boolean).join(', ');
    const note = [e.status, e.note].filter(Boolean).map((n) => ` (${escapeMarkdown(n!)})`).join('');
    lines.push(`- ${e.agrees ? '✓' : '✗'} **${escapeMarkdown(e.value)}**${note} — *${escapeMarkdown(e.title)}*${by ? `, ${escapeMarkdown(by)}` : ''}`);
    lines.push(`  > "${escapeMarkdown(e.quote)}"`);
  }
  if (links) lines.push('', `${commandLink('Open source', 'dealcheck.openSource', links)} · ${commandLink('Show fact', 'dealcheck.showFact', links)}`);
  return lines.join('\n');
}
