/**
 * A checker that re-checks only changed blocks gives exactly the findings of a full check, after
 * any sequence of edits (issue: incremental checking must never drift from the truth).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentChecker, checkDocument } from '../../src/diagnostics/engine';
import { BlockDocument } from '../../src/diagnostics/markdown/block-document';
import { loadKnowledgeBase } from '../../src/knowledge';
import { knowledgeBaseFromTexts } from '../../src/knowledge/knowledge-base';

const { kb } = knowledgeBaseFromTexts([
  { file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../fixtures/matching.dealkb.json'), 'utf8') },
]);

const PIECES = [
  'Amazon invested $35 billion in Anthropic.', 'Of that, $7 billion is paid upfront.', 'Google has put roughly $4 billion into Anthropic.', 'AWS put $8bn into Anthropic.',
  '| Cloud | Share |\n|---|---|\n| AWS | 31% |', '```\n$3 billion\n', '```', '<!-- dealcheck-disable -->', '<!-- dealcheck-enable -->',
  '<!-- dealcheck-disable-next-line -->', '- Garman joined Amazon in 2004.', '> Trainium 2 posts 850 TFLOPS.', '---', '\n', '\n\n', '    ', '9', ' and ', '$',
];

type CheckOptions = Parameters<typeof checkDocument>[2];

/**
 * Random documents of PIECES, each edited 40 times at random places by a seeded generator: after
 * every edit the incremental check (first run with `first`) equals a full check with `options`.
 */
function randomEditsEqualFullCheck(seed: number, documents: number, options: CheckOptions, first?: CheckOptions): void {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => PIECES[Math.floor(random() * PIECES.length)];
  for (let doc = 0; doc < documents; doc++) {
    it(`document ${doc}: 40 random edits`, () => {
      let text = Array.from({ length: 30 }, pick).join('\n\n');
      const doc = new BlockDocument(text);
      const checker = new DocumentChecker(kb);
      checker.check(doc, first);
      for (let e = 0; e < 40; e++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(random() * 8));
        const insert = random() < 0.3 ? '' : pick();
        text = text.slice(0, start) + insert + text.slice(end);
        doc.edit(start, end, insert);
        assert.deepEqual(checker.check(doc, options), checkDocument(text, kb, options), `after edit ${e}`);
      }
    });
  }
}

describe('incremental checking equals a full check', () => randomEditsEqualFullCheck(5, 25, { includeSupported: true }));

/**
 * A server asks for every kind of finding and no fixes: a check then takes the findings a block
 * showed in the last check from that check's list (see `shownList` in the engine).
 */
describe('incremental checking as a server asks for it equals a full check', () => {
  const options = { includeSupported: true, includeUnverified: true, withFixes: false };
  randomEditsEqualFullCheck(17, 10, options, options);
});

// A keystroke that changes no finding shown hands out the last list itself, which the server
// then recognises without comparing it item by item; one that does gives a new list.
describe('a server\'s check after an edit that changes no finding', () => {
  const options = { includeSupported: true, includeUnverified: true, withFixes: false };
  it('gives the same list when the edit changed no finding, a new one when it did', () => {
    const text = 'Amazon invested $35 billion in Anthropic.\n\nA paragraph with no figure.\n\nGoogle has put roughly $4 billion into Anthropic.\n';
    const doc = new BlockDocument(text);
    const checker = new DocumentChecker(kb);
    const first = checker.check(doc, options).findings;
    assert.ok(first.length >= 2);
    const at = text.indexOf('no figure');
    doc.edit(at, at, 'x');
    const same = checker.check(doc, options).findings;
    assert.equal(same, first);
    doc.edit(0, 0, 'x');
    const moved = checker.check(doc, options).findings;
    assert.notEqual(moved, first);
    assert.deepEqual(moved, checkDocument(doc.text, kb, options).findings);
  });
});

describe('several edits between two checks', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => PIECES[Math.floor(random() * PIECES.length)];
  for (let doc = 0; doc < 10; doc++) {
    it(`document ${doc}: 20 checks after 1-4 edits each`, () => {
      let text = Array.from({ length: 30 }, pick).join('\n\n');
      const doc = new BlockDocument(text);
      const checker = new DocumentChecker(kb);
      checker.check(doc);
      for (let round = 0; round < 20; round++) {
        for (let e = 1 + Math.floor(random() * 4); e > 0; e--) {
          const start = Math.floor(random() * (text.length + 1));
          const end = Math.min(text.length, start + Math.floor(random() * 8));
          const insert = random() < 0.3 ? '' : pick();
          text = text.slice(0, start) + insert + text.slice(end);
          doc.edit(start, end, insert);
        }
        assert.deepEqual(checker.check(doc, { includeSupported: true }), checkDocument(text, kb, { includeSupported: true }), `round ${round}`);
      }
    });
  }
});

/**
 * A check takes the last check's result for every block that is as it was, in the same topic and
 * after the same blocks: an edit far above a block must still re-check it when it changed the
 * heading it sits under or the paragraph that lends it context.
 */
const UPFRONT = 'Of that, $7 billion is paid upfront.\n';
const SCALED_TABLE = '## Market sizes\n\nSizes in $ billions; the last column is our own.\n\n| Segment | 2024 | 2028 | 2030 |\n|---|---|---|---|\n| AI inference serving | 28 | 200 | 480 |\n';
const PRICE_TABLE = 'Cost per million tokens:\n\n| Chip | Cost |\n|---|---|\n| Trainium 2 | $1.50 |\n| H100 | $2.50 |\n';

describe('an edit re-checks the blocks whose context it changed', () => {
  const FAR = '\n\nSome words.\n\nMore words.\n\nMore.\n\n';
  const BELOW = 'The investment reached $15 billion.\n';
  const cases: { name: string; before: string; edit: [find: string, replace: string]; facts: (string | undefined)[] }[] = [
    { name: 'a heading names another party', before: `# Amazon and Anthropic${FAR}${BELOW}`, edit: ['Amazon', 'Google'], facts: ['google-anthropic-investment'] },
    { name: 'a heading stops naming anyone', before: `# Amazon and Anthropic${FAR}${BELOW}`, edit: ['Amazon and Anthropic', 'Notes'], facts: [undefined] },
    { name: 'a heading is added above', before: `# Notes${FAR}${BELOW}`, edit: ['More words.', '# Google and Anthropic'], facts: ['google-anthropic-investment'] },
    { name: 'a heading is removed', before: `# Amazon and Anthropic${FAR}${BELOW}`, edit: ['# Amazon and Anthropic', 'Notes.'], facts: [undefined] },
    { name: 'a lower heading closes the section', before: `# Amazon and Anthropic\n\n## Google and Anthropic${FAR}${BELOW}`, edit: ['## Google', '# Google'], facts: ['google-anthropic-investment'] },
    { name: 'a lead-in names another party', before: `Amazon invested in Anthropic:\n\nOf that, $7 billion is paid upfront.\n`, edit: ['Amazon', 'Google'], facts: [undefined] },
    { name: 'the paragraph over a heading over a table names another party', before: 'Amazon expanded its deal with Anthropic.\n\n## Key terms\n\n| Term | Detail |\n|---|---|\n| Upfront tranche | $7 billion |\n', edit: ['Amazon', 'Apple'], facts: [undefined] },
    { name: 'a paragraph between a lead-in and its block', before: `Amazon invested in Anthropic:\n\nOf that, $7 billion is paid upfront.\n`, edit: [':\n\n', ':\n\nWords.\n\n'], facts: [undefined] },
    // What a block reads of the paragraph before (see src/diagnostics/context/context-key.ts) changes.
    { name: 'the last sentence of the paragraph before names another party', before: `Amazon invested in Anthropic. Analysts were told more.\n\n${UPFRONT}`, edit: ['Analysts', 'Google'], facts: [undefined] },
    { name: "a caption above a table scales it otherwise", before: SCALED_TABLE, edit: ['billions', 'millions'], facts: [undefined, undefined, undefined, undefined, undefined, undefined] },
    { name: "a caption above a price table names no rate", before: PRICE_TABLE, edit: ['per million tokens', 'per chip'], facts: [undefined, undefined] },
    { name: 'a line added above moves every finding', before: `# Amazon and Anthropic${FAR}${BELOW}\n${BELOW}`, edit: ['Some words.', 'Some\nwords.'], facts: ['amazon-anthropic-investment', 'amazon-anthropic-investment'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const checker = new DocumentChecker(kb);
      const doc = new BlockDocument(c.before);
      const options = { includeSupported: true, includeUnverified: true };
      const first = checker.check(doc, options);
      const at = c.before.indexOf(c.edit[0]);
      assert.ok(at >= 0);
      doc.edit(at, at + c.edit[0].length, c.edit[1]);
      const after = c.before.slice(0, at) + c.edit[1] + c.before.slice(at + c.edit[0].length);
      const incremental = checker.check(doc, options);
      assert.deepEqual(incremental, checkDocument(after, kb, options));
      assert.deepEqual(incremental.findings.map((f) => f.fact), c.facts);
      // The edit changed the findings: the test could fail.
      assert.notDeepEqual(incremental.findings, first.findings);
    });
  }

  it('a block over a smaller time budget is checked again under a larger one', () => {
    let now = 0;
    const checker = new DocumentChecker(kb, { clock: () => (now += 10) });
    const doc = new BlockDocument(`Amazon invested $35 billion in Anthropic.\n\n${BELOW}`);
    assert.deepEqual(checker.check(doc, { blockBudgetMs: 1 }).findings.map((f) => f.code), ['unchecked-time', 'unchecked-time']);
    const raised = checker.check(doc, { blockBudgetMs: Infinity });
    assert.deepEqual(raised.findings.map((f) => f.code), ['money-conflict', 'money-conflict']);
    assert.deepEqual(raised, checkDocument(doc.text, kb, { blockBudgetMs: Infinity }));
  });
});

/**
 * A block is kept by what it reads of the paragraph before it, not by that paragraph's text: an
 * edit there that leaves who its last naming sentence names, its caption's scale and its rate as
 * they were takes the block's findings as they were (the same objects: the block was not checked
 * again), and they are still a full check's.
 */
describe('an edit to the paragraph before that leaves what a block reads of it', () => {
  const cases: { name: string; before: string; edit: [find: string, replace: string]; facts: (string | undefined)[] }[] = [
    { name: 'the same parties in its last naming sentence', before: `Amazon invested in Anthropic. Analysts were told more.\n\n${UPFRONT}`, edit: ['told', 'told much'], facts: ['amazon-anthropic-upfront'] },
    { name: 'the same scale in a caption', before: SCALED_TABLE, edit: ['our own', 'ours'], facts: [undefined, undefined, undefined, 'inference-serving-2024', 'inference-serving-2028', undefined] },
    { name: 'the same rate in a caption', before: PRICE_TABLE, edit: ['Cost', 'The cost'], facts: ['trainium2-token-cost', 'h100-token-cost'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const checker = new DocumentChecker(kb);
      const doc = new BlockDocument(c.before);
      // Without fixes, which a check makes anew each time.
      const options = { includeSupported: true, includeUnverified: true, withFixes: false };
      const first = checker.check(doc, options);
      const at = c.before.indexOf(c.edit[0]);
      doc.edit(at, at + c.edit[0].length, c.edit[1]);
      const after = c.before.slice(0, at) + c.edit[1] + c.before.slice(at + c.edit[0].length);
      const incremental = checker.check(doc, options);
      assert.deepEqual(incremental, checkDocument(after, kb, options));
      assert.deepEqual(incremental.findings.map((f) => f.fact), c.facts);
      incremental.findings.forEach((f, i) => assert.equal(f, first.findings[i], `finding ${i} was made again`));
    });
  }
});

/**
 * Typing in a long paragraph, read a window at a time (matching/windows.ts) between two short
 * ones: each keystroke's findings are a full check's with a knowledge base whose caches saw no
 * keystroke before, and the findings of the figures before the keystroke, whose windows' reads
 * are kept, are the objects the last check gave (engine keptFinding), below the first line too.
 */
describe('typing in a long paragraph', () => {
  const bundled = () => loadKnowledgeBase({ files: [], useBundled: true }).kb;
  const dir = join(__dirname, '../corpus');
  const sentences = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => /^[A-Z]/.test(l))
    .flatMap((l) => l.split(/(?<=\.)\s+/));
  let paragraph = '';
  for (let i = 0; paragraph.length < 5000; i++) paragraph += `${sentences[i % sentences.length]} `;
  const options = { includeSupported: true, includeUnverified: true, withFixes: false };
  const KEYSTROKES = ['x', '7', ' ', '. ', '$4 billion ', 'Amazon '];
  /** Characters before a keystroke from which on a finding is counted as before it. */
  const FAR_BEFORE = 400;

  it('gives a full check\'s findings at every keystroke, and keeps those before it', () => {
    const kb = bundled();
    let text = `Amazon invested $8 billion in Anthropic.\n\n${paragraph.trimEnd()}\n\nGoogle put $2 billion in.\n`;
    const doc = new BlockDocument(text);
    const checker = new DocumentChecker(kb);
    let last = checker.check(doc, options);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let kept = 0;
    let before = 0;
    for (let e = 0; e < 24; e++) {
      // In the long paragraph, its line: a keystroke there moves no finding of another line.
      const from = text.indexOf('\n\n') + 2;
      const at = from + Math.floor(random() * (text.indexOf('\n\n', from) - from));
      const insert = KEYSTROKES[Math.floor(random() * KEYSTROKES.length)];
      const end = random() < 0.2 ? at + 1 : at;
      text = text.slice(0, at) + insert + text.slice(end);
      doc.edit(at, end, insert);
      const now = checker.check(doc, options);
      assert.deepEqual(now, checkDocument(text, e % 6 === 0 ? bundled() : kb, options), `after keystroke ${e}`);
      // Well before it: a window reads a sentence or two before its figures', and the keystroke may make another party first named.
      const earlier = last.findings.filter((f) => f.range.start.line === 2 && f.range.end.character < at - from - FAR_BEFORE);
      before += earlier.length;
      kept += earlier.filter((f) => now.findings.includes(f)).length;
      last = now;
    }
    assert.ok(before > 100 && kept >= 0.9 * before, `${kept} of ${before} findings kept`);
  });
});
