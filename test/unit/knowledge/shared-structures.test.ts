/**
 * A large knowledge base repeats the same few keyword lists and names a thousand times over; the
 * built knowledge base shares what it can (knowledge-base.ts, phrase-index.ts) without changing
 * what any fact or name matches.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeBaseFromTexts } from '../../../src/knowledge/knowledge-base';
import { PhraseIndex } from '../../../src/knowledge/phrase-index';

describe('shared keyword sets', () => {
  const base = JSON.parse(readFileSync(join(__dirname, '../../fixtures/matching.dealkb.json'), 'utf8'));
  const template = base.facts[0];
  const variant = (id: string, relation: string, keywords: string[]) => ({ ...template, id, relation, keywords });
  base.facts.push(
    variant('a', 'market-size', ['compute', 'Credits']),
    variant('b', 'market-size', ['compute', 'Credits']),
    variant('c', 'revenue-growth', ['compute', 'Credits']),
    variant('d', 'market-size', ['Credits', 'compute']),
    variant('e', 'market-size', []),
    variant('f', 'market-size', []),
  );
  const { kb, problems } = knowledgeBaseFromTexts([{ file: 'k.dealkb.json', text: JSON.stringify(base) }]);
  const fact = (id: string) => kb.facts.find((f) => f.fact.id === id)!;
  const rows: [name: string, x: string, y: string, shared: boolean][] = [
    ['the same relation and own words share their sets', 'a', 'b', true],
    ['another relation has sets of its own', 'a', 'c', false],
    ['the same words in another order have sets of their own', 'a', 'd', false],
    ['facts without own words share their relation\'s set', 'e', 'f', true],
  ];
  it('loads cleanly', () => assert.deepEqual(problems, []));
  for (const [name, x, y, shared] of rows)
    it(name, () => {
      assert.equal(fact(x).keywords === fact(y).keywords, shared);
      assert.equal(fact(x).ownKeywords === fact(y).ownKeywords, shared);
    });
  const contents: [id: string, keywords: string[], own: string[]][] = [
    ['a', ['size', 'worth', 'compute', 'credits'], ['compute', 'credits']],
    ['c', ['growth', 'grew', 'up', 'compute', 'credits'], ['compute', 'credits']],
    ['d', ['size', 'worth', 'credits', 'compute'], ['credits', 'compute']],
    ['e', ['size', 'worth'], []],
  ];
  for (const [id, keywords, own] of contents)
    it(`fact ${id}: its words, then its own, lowercase and in order`, () => {
      assert.deepEqual([...fact(id).keywords], keywords);
      assert.deepEqual([...fact(id).ownKeywords], own);
    });
});

describe('phrases ending at one node of the phrase index', () => {
  // Each row: the phrases added (written form, value), a text, the values found in it.
  const rows: [phrases: [string, string][], text: string, found: string[]][] = [
    [[['Haul', 'truck']], 'the Haul', ['truck']],
    [[['Haul', 'truck'], ['haul', 'verb']], 'the Haul', ['truck', 'verb']],
    [[['Haul', 'truck'], ['haul', 'verb']], 'a long haul', ['verb']],
    [[['Haul', 'truck'], ['haul', 'verb'], ['HAUL', 'ticker'], ['Haul', 'brand']], 'the Haul', ['truck', 'verb', 'brand']],
    [[['Haul', 'truck'], ['haul', 'verb'], ['HAUL', 'ticker'], ['Haul', 'brand']], 'HAUL', ['truck', 'verb', 'brand', 'ticker']],
  ];
  for (const [phrases, text, found] of rows)
    it(`${phrases.map((p) => p.join('→')).join(', ')}: "${text}" → ${found.join(', ')}`, () => {
      const index = new PhraseIndex<string>();
      for (const [written, value] of phrases) index.add(written, value, false);
      assert.deepEqual(index.find(text).map((h) => h.value), found);
    });
});
