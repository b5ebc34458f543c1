/**
 * The engine never throws and never takes unbounded time (issue 13): each minimized reproducer is
 * a row here, with the exact findings it must give. A block that cannot be checked gives one
 * 'unchecked' finding on its first line; the rest of the document is still checked.
 */
import assert from 'node:assert/strict';
import { DocumentChecker, checkDocument } from '../../src/diagnostics/engine';
import type { Finding } from '../../src/diagnostics/finding';
import { BlockDocument } from '../../src/diagnostics/markdown/block-document';
import { MAX_NESTING } from '../../src/diagnostics/unchecked';
import { loadKnowledgeBase } from '../../src/knowledge';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const CLAIM = 'Amazon invested $35 billion in Anthropic.';

/** [code, line, start character, end character] of each finding. */
type Row = [string, number, number, number];

function rows(findings: Finding[]): Row[] {
  return findings.map((f) => [f.code, f.range.start.line, f.range.start.character, f.range.end.character]);
}

/** A knowledge base whose lookup throws for any text holding BOOM: a stand-in for a bug in the readers. */
const throwing: KnowledgeBase = {
  ...kb,
  findMentions: (text) => {
    if (text.includes('BOOM')) throw new Error('boom');
    return kb.findMentions(text);
  },
};

describe('robustness: the reproducers of issue 13', () => {
  const cases: [name: string, text: string, expected: Row[]][] = [
    ['a GFM autolink inside an unclosed bracket, then a footnote reference', '[www.a.b [^1]', []],
    ['the same typed in a sentence', `See [www.cnbc.com [^1] for more. ${CLAIM}`, [['money-conflict', 0, 49, 60]]],
    ['3,000 nested list markers', `${'- '.repeat(3000)}${CLAIM}`, [['unchecked-nesting', 0, 0, 80]]],
    ['3,000 nested quote markers', `${'> '.repeat(3000)}${CLAIM}`, [['unchecked-nesting', 0, 0, 80]]],
    ['nesting at the limit is checked', `${'> '.repeat(MAX_NESTING)}${CLAIM}`, [['money-conflict', 0, 2 * MAX_NESTING + 16, 2 * MAX_NESTING + 27]]],
    ['a thematic break of many dashes is no nesting', `${'- '.repeat(100)}\n\n${CLAIM}`, [['money-conflict', 2, 16, 27]]],
    ['a byte order mark before the first block', `\uFEFFAmazon invested $35 billion in *Anthropic*.`, [['money-conflict', 0, 17, 28]]],
    ['a byte order mark before front matter', `\uFEFF---\ntitle: x\n---\n${CLAIM}`, [['money-conflict', 3, 16, 27]]],
    ['CR line ends', `Intro.\r\r${CLAIM}\r- one\r- ${CLAIM}\r`, [['money-conflict', 2, 16, 27], ['money-conflict', 4, 18, 29]]],
    ['CRLF line ends', `Intro.\r\n\r\n${CLAIM}\r\n`, [['money-conflict', 2, 16, 27]]],
    ['a leading --- that is no front matter', `---\n\n${CLAIM}\n\n${CLAIM}\n`, [['money-conflict', 2, 16, 27], ['money-conflict', 4, 16, 27]]],
    ['front matter being typed', `---\ntitle: x\n\n${CLAIM}\n`, [['money-conflict', 3, 16, 27]]],
    ['a NUL byte', `${CLAIM}\u0000`, []],
    // Found by npm run fuzz:
    ['a byte order mark before an unclosed HTML comment', `\uFEFF<!--\n# \n\n${CLAIM}\n`, []],
    ['two byte order marks', `\uFEFF\uFEFF ${CLAIM}`, [['money-conflict', 0, 19, 30]]],
    // A line of a byte order mark is no blank line, so an HTML block goes on through the claim, as the parser reads it.
    ['an HTML block, then a line of a byte order mark', `</div>\n\uFEFF\n${CLAIM}`, []],
    ['an HTML block, then a blank line', `</div>\n\n${CLAIM}`, [['money-conflict', 2, 16, 27]]],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(rows(checkDocument(text, kb).findings), expected));
  }

  // Found by npm run fuzz: the readers' patterns took "\r\n" for two characters of space.
  for (const lineBreak of ['\r\n', '\r'])
    it(`a figure and what it counts across ${JSON.stringify(lineBreak)} read as across "\\n"`, () => {
      const draft = '2024\nNVIDIA GPUs command over 70% of the AI accelerator market.\n';
      const read = (text: string) => rows(checkDocument(text, kb, { includeUnverified: true }).findings);
      assert.deepEqual(read(draft.replaceAll('\n', lineBreak)), read(draft));
    });

  it('a block whose check throws is reported once, with the error for the log, and the rest is checked', () => {
    const { findings } = new DocumentChecker(throwing).check(`BOOM ${CLAIM}\n\n${CLAIM}\n`);
    assert.deepEqual(rows(findings), [['unchecked-error', 0, 0, 46], ['money-conflict', 2, 16, 27]]);
    assert.equal(findings[0].severity, 'information');
    assert.equal(findings[0].message, 'dealcheck could not check this paragraph: it hit an internal error (the log has the details). The rest of the document is checked.');
    assert.match(findings[0].detail!, /^Error: boom\n {4}at /);
  });

  it('an unchecked block is silenced like any finding', () => {
    const { findings } = new DocumentChecker(throwing).check(`<!-- dealcheck-disable unchecked -->\n\nBOOM ${CLAIM}\n`);
    assert.deepEqual(findings, []);
  });
});

describe('robustness: the time budget of a block', () => {
  /** A clock that stands still, except that reading a text holding SLOW takes it 5 s further. */
  function slowReader() {
    let now = 0;
    const slow: KnowledgeBase = {
      ...kb,
      findMentions: (text) => {
        if (text.includes('SLOW')) now += 5000;
        return kb.findMentions(text);
      },
    };
    return { kb: slow, clock: () => now };
  }
  const slowClaim = 'SLOW: Amazon invested *$36 billion* in Anthropic.';

  it('a block over its budget is skipped with an information finding; a block within it is checked', () => {
    const { kb: slow, clock } = slowReader();
    const { findings } = new DocumentChecker(slow, { clock }).check(`${CLAIM}\n\n${slowClaim}\n`, { blockBudgetMs: 1000 });
    assert.deepEqual(rows(findings), [['money-conflict', 0, 16, 27], ['unchecked-time', 2, 0, 49]]);
    assert.equal(findings[1].message, 'dealcheck skipped this paragraph: checking it took longer than its time budget of 1000 ms. Raise the budget to check it.');
  });

  it('a larger budget checks the skipped block again', () => {
    const { kb: slow, clock } = slowReader();
    const checker = new DocumentChecker(slow, { clock });
    checker.check(slowClaim, { blockBudgetMs: 1000 });
    assert.deepEqual(rows(checker.check(slowClaim, { blockBudgetMs: 10_000 }).findings), [['money-conflict', 0, 23, 34]]);
  });

  it('no budget (Infinity) never skips', () => {
    const { kb: slow, clock } = slowReader();
    assert.deepEqual(rows(new DocumentChecker(slow, { clock }).check(slowClaim, { blockBudgetMs: Infinity }).findings), [['money-conflict', 0, 23, 34]]);
  });
});

describe('robustness: a check in slices', () => {
  const text = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}: ${CLAIM}\n\n`).join('');

  it('advancing a block at a time gives what check gives', () => {
    const run = new DocumentChecker(kb).begin(text, { includeSupported: true });
    assert.equal(run.total, 12);
    let result;
    let slices = 0;
    // A deadline already past: one block per call.
    while (!(result = run.advance(-Infinity))) slices++;
    assert.equal(slices, 11);
    assert.equal(run.done, 12);
    assert.deepEqual(result, checkDocument(text, kb, { includeSupported: true }));
    assert.equal(run.advance(-Infinity), result, 'a finished run keeps its result');
  });

  it('a run goes stale when its document is edited, and still finishes for the text it began with', () => {
    const doc = new BlockDocument(text);
    const checker = new DocumentChecker(kb);
    const run = checker.begin(doc);
    assert.equal(run.advance(-Infinity), undefined);
    assert.equal(run.stale, false);
    doc.edit(0, 0, 'New. ');
    assert.equal(run.stale, true);
    assert.deepEqual(run.advance(), checkDocument(text, kb));
    assert.deepEqual(checker.check(doc), checkDocument(doc.text, kb));
  });
});
