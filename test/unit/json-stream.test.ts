/** The streamed JSON writer gives exactly JSON.stringify(value, null, 2). */
import assert from 'node:assert/strict';
import { LazyList, batched, jsonChunks } from '../../src/cli/json-stream';

describe('jsonChunks', () => {
  const values: [string, unknown][] = [
    ['a number', 3],
    ['null', null],
    ['an empty object and array', { a: {}, b: [] }],
    ['undefined and function properties', { a: undefined, b: () => 1, c: 1 }],
    ['undefined in an array', [1, undefined, 2]],
    ['nesting past the streamed depth', { files: [{ path: 'a', findings: [{ range: { start: { line: 1 } }, text: 'x\ny' }] }] }],
    ['strings that need escaping', { 'a"b': 'line\n"quoted"\u2028' }],
  ];
  for (const [name, value] of values)
    it(`writes ${name} as JSON.stringify does`, () => assert.equal([...jsonChunks(value)].join(''), JSON.stringify(value, null, 2)));

  it('writes a lazy list item by item, as an array', () => {
    const list = new LazyList(function* () {
      yield { a: 1 };
      yield { b: [2] };
    });
    assert.equal([...jsonChunks({ results: list })].join(''), JSON.stringify({ results: [{ a: 1 }, { b: [2] }] }, null, 2));
    assert.equal([...jsonChunks({ results: new LazyList(() => []) })].join(''), JSON.stringify({ results: [] }, null, 2));
  });

  it('batches small chunks into larger writes without changing the text', () => {
    const chunks = Array.from({ length: 100 }, (_, i) => `${i},`);
    const out = [...batched(chunks, 50)];
    assert.equal(out.join(''), chunks.join(''));
    assert.ok(out.length > 1 && out.length < 100);
  });
});
