/** What a conflict needs said (src/diagnostics/matching/verdict.ts): positive evidence for every part of the fact. */
import assert from 'node:assert/strict';
import type { Scored } from '../../../src/diagnostics/matching/score';
import { unsaidOf } from '../../../src/diagnostics/matching/verdict';

const scored = (evidence: Scored['evidence']) => ({ evidence }) as Scored;

describe('unsaidOf', () => {
  const rows: [name: string, evidence: Scored['evidence'], unsaid: string[]][] = [
    ['everything said', { subject: 1, object: 1, what: 1, qualifiers: 1, namedParty: 1 }, []],
    ['a fact without an object', { subject: 1, what: 0.8, qualifiers: 1, namedParty: 1 }, []],
    ['the object carried weakly', { subject: 1, object: 0.3, what: 1, qualifiers: 1, namedParty: 1 }, ['object']],
    ['no word of the relation', { subject: 0.9, object: 0.9, what: 0.2, qualifiers: 1, namedParty: 1 }, ['relation']],
    // "$8 billion in total" is no wrong forecast: the forecast is not said.
    ['an explicit qualifier unsaid', { subject: 0.6, object: 0.5, what: 1, qualifiers: 0, namedParty: 1 }, ['qualifier']],
    ['nothing said', { subject: 0, object: 0, what: 0, qualifiers: 0, namedParty: 0 }, ['subject', 'object', 'relation', 'qualifier']],
    // Both parties only implied ("When all 2,000 trucks are running"): enough to cite, not to contradict.
    ['both parties only implied', { subject: 0.5, object: 0.5, what: 1, qualifiers: 1, namedParty: 0 }, ['subject or object by name']],
    ['one party named, the other implied', { subject: 0.5, object: 0.9, what: 1, qualifiers: 1, namedParty: 0.9 }, []],
    // "Amazon invests $50 billion in OpenAI and signs an $80 billion cloud pact": the pact's own words, and no one else, let OpenAI count though the $50 billion holds it.
    ['a party another figure holds, the own words said alone', { subject: 0.3, object: 0.62, what: 1, qualifiers: 1, namedParty: 0.62, ownWordsAlone: true }, []],
    ['the same without the own words', { subject: 0.3, object: 0.62, what: 1, qualifiers: 1, namedParty: 0.62 }, ['subject']],
    ['own words alone, the party fainter still', { subject: 0.2, object: 0.62, what: 1, qualifiers: 1, namedParty: 0.62, ownWordsAlone: true }, ['subject']],
  ];
  for (const [name, evidence, unsaid] of rows) it(name, () => assert.deepEqual(unsaidOf(scored(evidence)), unsaid));
});
