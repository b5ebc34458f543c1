/** The knowledge base's lookups (src/knowledge/lookup.ts): which facts a figure's words and parties reach. */
import assert from 'node:assert/strict';
import type { CompiledFact } from '../../../src/knowledge/knowledge-base';
import { MAX_FACTS_PER_OWN_WORD, buildLookups } from '../../../src/knowledge/lookup';
import type { Entity } from '../../../src/knowledge/schema';

const entity = (id: string): Entity => ({ id, name: id, kind: 'company', aliases: [] }) as unknown as Entity;
const fact = (id: string, subject: string, own: string[]): CompiledFact =>
  ({ fact: { id, type: 'money', subject }, ownKeywords: new Set(own), keywords: new Set(own) }) as unknown as CompiledFact;

describe('candidateFacts', () => {
  // Two facts with a specific own word, and one word shared by more facts than an own word may point at.
  const many = Array.from({ length: MAX_FACTS_PER_OWN_WORD + 1 }, (_, i) => fact(`copy-${i}`, `copy-party-${i}`, ['compute']));
  const facts = [fact('offer', 'amazon', ['offer']), fact('upfront', 'amazon', ['upfront']), ...many];
  const entities = new Map([entity('amazon'), ...many.map((f) => entity(f.fact.subject))].map((e) => [e.id, e]));
  const lookups = buildLookups(entities, facts, ['offer', 'upfront', 'compute']);
  const ids = (parties: string[], words: string[]) => lookups.candidateFacts('money', parties, words).map((f) => f.fact.id);
  const rows: [name: string, parties: string[], words: string[], expected: string[]][] = [
    ['by a party', ['amazon'], [], ['offer', 'upfront']],
    ['by an own word', [], ['offer'], ['offer']],
    ['a word shared by too many facts reaches none of them', [], ['compute'], []],
    ['those facts are still reached by their parties', ['copy-party-3'], ['compute'], ['copy-3']],
  ];
  for (const [name, parties, words, expected] of rows) it(name, () => assert.deepEqual(ids(parties, words), expected));
});

describe("candidateFacts: a product's facts by its maker, when the maker makes nothing else", () => {
  const product = (id: string, maker: string): Entity => ({ id, name: id, kind: 'product', maker, aliases: [] }) as unknown as Entity;
  const entities = new Map([entity('corvane'), product('haul', 'corvane'), entity('amazon'), product('trainium', 'amazon'), product('inferentia', 'amazon')].map((e) => [e.id, e]));
  const facts = [fact('haul-range', 'haul', []), fact('trainium-cost', 'trainium', []), fact('inferentia-cost', 'inferentia', []), fact('amazon-stake', 'amazon', [])];
  const lookups = buildLookups(entities, facts, []);
  const ids = (parties: string[]) => lookups.candidateFacts('money', parties, []).map((f) => f.fact.id);
  const rows: [name: string, parties: string[], expected: string[]][] = [
    ['the maker of one product reaches its facts', ['corvane'], ['haul-range']],
    ['a maker of several reaches only its own: every sentence naming it would weigh all their facts', ['amazon'], ['amazon-stake']],
    ['a product named reaches its facts whoever makes it', ['trainium'], ['trainium-cost']],
  ];
  for (const [name, parties, expected] of rows) it(name, () => assert.deepEqual(ids(parties), expected));
});

describe('findMentions: a lowercase description hyphenated as a compound names it too', () => {
  const named = (id: string, aliases: string[]): Entity => ({ id, name: id, kind: 'segment', aliases }) as unknown as Entity;
  const entities = new Map([named('inference', ['inference serving']), named('gcp', ['Google Cloud'])].map((e) => [e.id, e]));
  const lookups = buildLookups(entities, [], []);
  const rows: [text: string, expected: string[]][] = [
    ['the inference-serving market', ['inference-serving']],
    ['inference serving grows', ['inference serving']],
    // A proper name is not written so.
    ['a Google-Cloud deal', []],
    ['Google Cloud grows', ['Google Cloud']],
  ];
  for (const [text, expected] of rows)
    it(text, () => assert.deepEqual(lookups.findMentions(text).map((m) => text.slice(m.start, m.end)), expected));
});
