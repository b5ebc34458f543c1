/** Lines end at "\n", "\r\n" and a lone "\r", as LSP says: offsets and positions agree with vscode-languageserver-textdocument. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { countLineBreaks, lineAt, lineBreakOf, lineStarts, positionIn, withLineFeeds } from '../../src/diagnostics/lines';

const TEXTS = ['', 'a', 'a\n', 'a\r', 'a\r\n', '\r\r\n\n', 'ab\rcd\r\n\ref\n', '\uFEFFa\rb', 'x\u2028y\u2029z\rw', '😀\r😀\n'];

describe('lines', () => {
  for (const text of TEXTS) {
    it(`positions in ${JSON.stringify(text)} are those of an LSP document`, () => {
      const reference = TextDocument.create('file:///x.md', 'markdown', 1, text);
      const starts = lineStarts(text);
      assert.equal(starts.length, reference.lineCount);
      for (let offset = 0; offset <= text.length; offset++) {
        // Inside a "\r\n" LSP has no position of its own; both sides put it at the line's end.
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        assert.deepEqual(positionIn(starts, offset), reference.positionAt(offset), `offset ${offset}`);
      }
      assert.equal(countLineBreaks(text, 0, text.length), reference.lineCount - 1);
    });
  }

  const spans: [text: string, from: number, end: number, next: number][] = [
    ['ab\ncd', 0, 2, 3],
    ['ab\r\ncd', 0, 2, 4],
    ['ab\rcd', 0, 2, 3],
    ['ab\rcd', 3, 5, 5],
    ['', 0, 0, 0],
  ];
  for (const [text, from, end, next] of spans)
    it(`lineAt(${JSON.stringify(text)}, ${from}) ends at ${end}, next line at ${next}`, () => assert.deepEqual(lineAt(text, from), { end, next }));

  const breaks: [string, string][] = [['a\r\nb\nc', '\r\n'], ['a\rb\r\n', '\r'], ['a\nb\r\n', '\n'], ['ab', '\n']];
  for (const [text, expected] of breaks) it(`the break of ${JSON.stringify(text)} is ${JSON.stringify(expected)}`, () => assert.equal(lineBreakOf(text), expected));

  it('withLineFeeds turns lone CRs into LFs and keeps CRLF and the length', () => {
    assert.equal(withLineFeeds('a\rb\r\nc\r'), 'a\nb\r\nc\n');
    assert.equal(withLineFeeds('a\nb'), 'a\nb');
  });
});
