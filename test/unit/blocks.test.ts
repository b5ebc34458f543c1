/** The block splitter splits only where CommonMark ends a top-level block. */
import assert from 'node:assert/strict';
import { resplitBlocks, splitBlocks } from '../../src/diagnostics/markdown/blocks';

const cases: [name: string, doc: string, blocks: string[]][] = [
  ['paragraphs', 'a\n\nb\n', ['a\n\n', 'b\n']],
  ['several blank lines', 'a\n\n\n\nb', ['a\n\n\n\n', 'b']],
  ['fenced code with blank lines', '```\nx\n\ny\n```\n\nz', ['```\nx\n\ny\n```\n\n', 'z']],
  ['tilde fence, longer closing', '~~~\nx\n\n~~~~\n\nz', ['~~~\nx\n\n~~~~\n\n', 'z']],
  ['unclosed fence runs to the end', '```\nx\n\ny', ['```\nx\n\ny']],
  ['list continuation stays with its item', '- a\n\n  b\n\nc', ['- a\n\n  b\n\n', 'c']],
  ['indented code stays with what precedes', 'a\n\n    code\n\nb', ['a\n\n    code\n\n', 'b']],
  ['front matter is one block', '---\na: 1\n\nb: 2\n---\ntext', ['---\na: 1\n\nb: 2\n---\n', 'text']],
  ['HTML comment with blank lines', '<!--\nx\n\ny\n-->\n\nz', ['<!--\nx\n\ny\n-->\n\n', 'z']],
  ['one-line HTML comment', '<!-- x -->\n\nz', ['<!-- x -->\n\n', 'z']],
  ['table is one block', '| a | b |\n|---|---|\n| 1 | 2 |\n\nz', ['| a | b |\n|---|---|\n| 1 | 2 |\n\n', 'z']],
  ['CRLF line ends', 'a\r\n\r\nb\r\n', ['a\r\n\r\n', 'b\r\n']],
  ['empty document', '', ['']],
];

describe('splitBlocks', () => {
  for (const [name, doc, expected] of cases) {
    it(name, () => {
      const blocks = splitBlocks(doc);
      assert.deepEqual(blocks.map((b) => b.text), expected);
      for (const b of blocks) assert.equal(doc.slice(b.start, b.start + b.text.length), b.text);
      for (const b of blocks) assert.equal(doc.slice(0, b.start).split('\n').length - 1, b.line);
    });
  }
});

describe('resplitBlocks after an edit equals splitting anew', () => {
  const pieces = ['text $5B', '\n', '\n\n', '```', '~~~', '    ', '  ', '- ', '> ', '<!--', '-->', '<pre>', '</pre>', '| a |', '---', '# ', 'Amazon', '2024'];
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => pieces[Math.floor(random() * pieces.length)];
  for (let doc = 0; doc < 40; doc++) {
    it(`document ${doc}: 50 random edits`, () => {
      let text = Array.from({ length: 60 }, pick).join(random() < 0.5 ? '\n' : ' ');
      let blocks = splitBlocks(text);
      for (let e = 0; e < 50; e++) {
        const start = Math.floor(random() * (text.length + 1));
        const oldEnd = Math.min(text.length, start + Math.floor(random() * 6));
        const insert = random() < 0.3 ? '' : pick();
        const next = text.slice(0, start) + insert + text.slice(oldEnd);
        blocks = resplitBlocks(blocks, next, { start, oldEnd, newEnd: start + insert.length });
        text = next;
        assert.deepEqual(blocks, splitBlocks(text), `after edit ${e}`);
      }
    });
  }
});
