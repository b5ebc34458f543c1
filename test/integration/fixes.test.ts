/**
 * Every fix on the dev drafts does what it says: a "Replace with" fix turns the conflict into a
 * figure the sources support (and cites it), "Cite" adds a citation once, and "Ignore" silences it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../src/diagnostics/engine';
import type { Finding, Position, TextEdit } from '../../src/diagnostics/finding';
import { loadKnowledgeBase } from '../../src/knowledge';
import { devCorpus } from './helpers';

function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const drafts = readdirSync(devCorpus).filter((f) => f.endsWith('.md'));

function findingAt(findings: Finding[], line: number, character: number): Finding | undefined {
  return findings.find((f) => f.range.start.line === line && f.range.start.character === character);
}

describe('fixes on the dev drafts', () => {
  // Each draft as written, and with Windows line endings: a fix must keep a CRLF draft CRLF.
  const variants = drafts.flatMap((draft) => {
    const lf = readFileSync(join(devCorpus, draft), 'utf8');
    return [
      { name: draft, text: lf },
      { name: `${draft} (CRLF)`, text: lf.replace(/\r?\n/g, '\r\n') },
    ];
  });
  for (const { name: draft, text } of variants) {
    const crlf = text.includes('\r\n');
    const { findings } = checkDocument(text, kb, { includeSupported: true });
    for (const finding of findings) {
      const where = `${draft}:${finding.range.start.line + 1} ${finding.text}`;
      for (const fix of finding.fixes) {
        it(`${where}: ${fix.title}`, () => {
          const fixed = applyEdits(text, fix.edits);
          if (crlf) assert.ok(!fixed.replace(/\r\n/g, '').includes('\n'), 'a lone LF in a CRLF draft');
          const after = checkDocument(fixed, kb, { includeSupported: true }).findings;
          const at = findingAt(after, finding.range.start.line, finding.range.start.character);
          if (fix.kind === 'ignore') {
            assert.equal(findingAt(after, finding.range.start.line + 1, finding.range.start.character), undefined);
            assert.equal(at, undefined);
            return;
          }
          assert.ok(at, `no finding at the fixed figure in:\n${fixed}`);
          assert.equal(at.kind, 'supported', at.message);
          const label = fixed.match(/\[\^(dc-[\w-]+)\]/)?.[1];
          assert.ok(label, 'no citation inserted');
          assert.equal(fixed.split(`[^${label}]:`).length - 1, 1, 'the footnote is defined exactly once');
          // A second application of the citation adds nothing new.
          const again = checkDocument(fixed, kb, { includeSupported: true }).findings;
          const cite = findingAt(again, finding.range.start.line, finding.range.start.character)!.fixes.find((f) => f.kind === 'cite')!;
          assert.deepEqual(applyEdits(fixed, cite.edits), fixed);
        });
      }
    }
  }
});
