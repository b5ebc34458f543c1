/** Stretches (src/diagnostics/reading/stretches.ts): a long text cut at sure sentence breaks only. */
import assert from 'node:assert/strict';
import { breakHeads, stretchStarts } from '../../../src/diagnostics/reading/stretches';

const stretches = (text: string, heads?: string[]) => {
  const starts = stretchStarts(text, heads);
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
};

describe('stretchStarts', () => {
  const rows: [title: string, text: string, expected: string[]][] = [
    ['a full stop, a question mark, an exclamation mark before a capital', 'Alpha. Beta? Gamma! Delta', ['Alpha. ', 'Beta? ', 'Gamma! ', 'Delta']],
    ['closing quotes and brackets after the mark', 'He said "no." Then (it ended.) After', ['He said "no." ', 'Then (it ended.) ', 'After']],
    ['not before a lowercase word or a number', 'Alpha. beta. 3 billion. Four', ['Alpha. beta. 3 billion. ', 'Four']],
    ['not at a soft line break, nor without a space', 'Alpha billion\nIn turn.Next. Last', ['Alpha billion\nIn turn.Next. ', 'Last']],
    ['not before a correction, read with the claim before it', 'We said $15 billion. The right figure is $20 billion. Next', ['We said $15 billion. The right figure is $20 billion. ', 'Next']],
    ['not after a figure\'s label opening the text', '$58 billion. Amazon\'s combined commitment. Next', ['$58 billion. Amazon\'s combined commitment. ', 'Next']],
    ['not after an initial or an abbreviation a name goes on past', 'S. Park spoke. U.S. Steel rose. Mr. Smith left. Then', ['S. Park spoke. ', 'U.S. Steel rose. ', 'Mr. Smith left. ', 'Then']],
  ];
  for (const [title, text, expected] of rows) it(title, () => assert.deepEqual(stretches(text), expected));

  it('not after the head of a phrase with a break inside ("op." of "op. income")', () => {
    assert.deepEqual(stretches('Revenue rose. Op. Income fell. Next', breakHeads(['op. income'])), ['Revenue rose. ', 'Op. Income fell. ', 'Next']);
  });

  it('breakHeads: what ends each word before a break inside a phrase, in lowercase', () => {
    assert.deepEqual(breakHeads(['op. income', 'U.S. Steel', 'Amazon.com', 'a. b? c', 'x.) y']), ['op.', 'u.s.', 'a.', 'b?', 'x.)']);
  });
});
