/** allMatches (src/diagnostics/reading/all-matches.ts): what String.prototype.matchAll gives, without its copy of the pattern. */
import assert from 'node:assert/strict';
import { allMatches } from '../../../src/diagnostics/reading/all-matches';

/** A match as compared: where it is, what it matched, its groups. */
const shape = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => ({ index: m.index, match: [...m], groups: m.groups }));

describe('allMatches', () => {
  const rows: [title: string, pattern: RegExp, text: string][] = [
    ['words', /[\p{L}\p{N}]+/gu, 'Amazon invested $8 billion in Anthropic.'],
    ['groups and named groups', /(?<amount>\$\d+)\s(billion|million)/g, '$8 billion, then $2 million and $5 billion'],
    ['no match', /\d+%/g, 'no percentages here'],
    ['empty text', /x/g, ''],
    ['empty matches step over a character', /\b/g, 'two words'],
    ['empty matches step over a code point with u', /(?:)/gu, 'a🚀b'],
    ['empty matches step over a code unit without u', /(?:)/g, 'a🚀b'],
    ['a lookbehind at the start', /(?<![\p{L}])\d+/gu, '12 apples, b34 and 56'],
    ['sticky and global', /\d/gy, '123a45'],
  ];
  for (const [title, pattern, text] of rows) it(title, () => assert.deepEqual(shape(allMatches(pattern, text)), shape(text.matchAll(pattern))));

  it('starts where the pattern\'s lastIndex is, as matchAll\'s copy does, and leaves it there', () => {
    const pattern = /\d+/g;
    pattern.lastIndex = 3;
    const expected = shape('10 20 30'.matchAll(pattern));
    assert.deepEqual(shape(allMatches(pattern, '10 20 30')), expected);
    assert.equal(pattern.lastIndex, 3);
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    assert.throws(() => allMatches(/x/, 'x'), TypeError);
    assert.throws(() => 'x'.matchAll(/x/), TypeError);
  });
});
