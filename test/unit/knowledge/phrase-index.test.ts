/** The phrase index's matching rules (src/knowledge/phrase-index.ts), one row per rule. */
import assert from 'node:assert/strict';
import { PhraseIndex } from '../../../src/knowledge/phrase-index';

/** Names (whole words) and keywords (word starts) of a small index. */
const NAMES = ['Haul', 'Corvane Haul', 'Full-stack AI cloud', 'AWS', 'Trainium 2', 'Amazon.com'];
const KEYWORDS = ['invest', 'up', 'CAGR'];

function index(): PhraseIndex<string> {
  const i = new PhraseIndex<string>();
  for (const n of NAMES) i.add(n, n, false);
  for (const k of KEYWORDS) i.add(k, k, true);
  return i;
}

const ROWS: [text: string, found: string[]][] = [
  // A proper name (every word capitalised) matches only capitalised.
  ['the Haul ships in 2026', ['Haul']],
  ['a long-haul model', []],
  ['a 1,000 kWh long haul truck', []],
  ['the Corvane Haul and the Haul', ['Corvane Haul', 'Haul']],
  // A description that opens with a capital matches in any case.
  ['full-stack AI cloud grows at 58%', ['Full-stack AI cloud']],
  // Capitals: exact, whole words.
  ['AWS and aws and AWSome', ['AWS']],
  ['Trainium 2 and Trainium  2', ['Trainium 2', 'Trainium 2']],
  ['Amazon.com, not Amazon com', ['Amazon.com']],
  // Keywords match word starts; short ones whole words; capitals exactly.
  ['investment, upfront, up, cagr, CAGR', ['invest', 'up', 'CAGR']],
];

describe('phrase index', () => {
  for (const [text, found] of ROWS)
    it(`${text} → ${found.join(', ') || 'nothing'}`, () => assert.deepEqual(index().find(text).map((h) => h.value), found));
});
