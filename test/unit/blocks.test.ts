/** The block splitter splits only where CommonMark ends a top-level block. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlockDocument } from '../../src/diagnostics/markdown/block-document';
import { splitBlocks } from '../../src/diagnostics/markdown/blocks';

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
  ['CR line ends', 'a\r\rb\r\r```\rx\r\ry\r```\r\rz', ['a\r\r', 'b\r\r', '```\rx\r\ry\r```\r\r', 'z']],
  ['mixed line ends', 'a\r\n\rb\n\r\nc', ['a\r\n\r', 'b\n\r\n', 'c']],
  ['front matter after a byte order mark', '\uFEFF---\ra: 1\r\rb: 2\r---\rtext', ['\uFEFF---\ra: 1\r\rb: 2\r---\r', 'text']],
  ['an unclosed --- is a rule, not front matter', '---\n\na\n\nb', ['---\n\n', 'a\n\n', 'b']],
  ['front matter being typed', '---\ntitle: x\n\na', ['---\ntitle: x\n\n', 'a']],
  ['TOML front matter', '+++\na = 1\n\n+++\nb', ['+++\na = 1\n\n+++\n', 'b']],
  ['empty document', '', ['']],
];

describe('splitBlocks', () => {
  for (const [name, doc, expected] of cases) {
    it(name, () => {
      const blocks = splitBlocks(doc);
      assert.deepEqual(blocks.map((b) => b.text), expected);
      for (const b of blocks) assert.equal(doc.slice(b.start, b.start + b.text.length), b.text);
      for (const b of blocks) assert.equal(doc.slice(0, b.start).split(/\r\n?|\n/).length - 1, b.line);
    });
  }
});

describe('a BlockDocument after edits equals splitting its text anew', () => {
  const pieces = ['text $5B', '\n', '\n\n', '\r\n', '\r', '\r\r', '\uFEFF', '```', '~~~', '    ', '  ', '- ', '> ', '<!--', '-->', '<pre>', '</pre>', '| a |', '---', '# ', 'Amazon', '2024'];
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => pieces[Math.floor(random() * pieces.length)];
  for (let n = 0; n < 40; n++) {
    it(`document ${n}: 50 random edits`, () => {
      let text = Array.from({ length: 60 }, pick).join(random() < 0.5 ? '\n' : ' ');
      const doc = new BlockDocument(text);
      for (let e = 0; e < 50; e++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(random() * 6));
        const insert = random() < 0.3 ? '' : Array.from({ length: 1 + Math.floor(random() * 3) }, pick).join('');
        text = text.slice(0, start) + insert + text.slice(end);
        doc.edit(start, end, insert);
        assert.deepEqual(doc.blocks, splitBlocks(text), `after edit ${e}`);
        assert.equal(doc.length, text.length);
      }
      assert.equal(doc.text, text);
    });
  }

  it('reaches past the window when an edit opens a fence', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.\n\n`).join('');
    const doc = new BlockDocument(paragraphs);
    const at = paragraphs.indexOf('Paragraph 10');
    doc.edit(at, at, '```\n');
    assert.deepEqual(doc.blocks, splitBlocks(doc.text));
    assert.equal(doc.blocks.length, 11);
  });
});

describe('BlockDocument.offsetAt agrees with vscode-languageserver-textdocument', () => {
  const texts = [
    '', 'a', 'a\n', 'ab\ncd\n\nef', 'a\r\nbc\r\n\r\nd\r\n', '# T\n\npara one\nline two\n\n- item\n\n```\ncode\n\nmore\n```\n\nend',
    'a\rbc\r\rd\r', 'a\r\n\rb\n\r\nc\r', '\uFEFFa\r\rb',
  ];
  for (const text of texts) {
    it(JSON.stringify(text), () => {
      const doc = new BlockDocument(text);
      const reference = TextDocument.create('file:///x.md', 'markdown', 1, text);
      const lines = reference.lineCount;
      for (let line = -1; line <= lines + 1; line++)
        for (let character = -1; character <= 12; character++)
          assert.equal(doc.offsetAt({ line, character }), reference.offsetAt({ line, character }), `line ${line}, character ${character}`);
    });
  }
});
