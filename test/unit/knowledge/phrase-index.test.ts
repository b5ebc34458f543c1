/** The phrase index's matching rules (src/knowledge/phrase-index.ts), one row per rule. */
import assert from 'node:assert/strict';
import { type NodeRecord, PhraseIndex, tokenize } from '../../../src/knowledge/phrase-index';

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

/** The tokens as the regular expression the tokenizer stands for gives them. */
function tokensByExpression(text: string) {
  let last = 0;
  return [...text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)].map((m) => {
    const token = { text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length, spaced: m.index > last };
    last = token.end;
    return token;
  });
}

/** Characters of every kind the tokenizer tells apart: ASCII and other letters, digits and spaces, astral ones, lone surrogates. */
const TOKEN_CHARACTERS = ['a', 'Z', '9', ' ', '\t', '\n', '.', '-', '$', '_', 'é', 'İ', 'ß', 'Ω', '٣', '中', '\u00a0', '\u3000', '\ufeff', '\u200b', '\u2014', '\u2019', '😀', '𝟙', '\ud800', '\udc00'];

/** Random texts per run: enough to meet every pair of kinds many times over. */
const RANDOM_TEXTS = 5000;

/** The longest random text, in characters. */
const MAX_RANDOM_LENGTH = 12;

describe('tokenize', () => {
  it('gives the tokens of /[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]/gu on random texts', () => {
    for (let k = 0; k < RANDOM_TEXTS; k++) {
      let text = '';
      for (let n = Math.floor(Math.random() * (MAX_RANDOM_LENGTH + 1)); n > 0; n--) text += TOKEN_CHARACTERS[Math.floor(Math.random() * TOKEN_CHARACTERS.length)];
      assert.deepEqual(tokenize(text), tokensByExpression(text), JSON.stringify(text));
    }
  });
});

/** The index written out as records (PhraseIndex.records) and read back, its values numbered by their place in VALUES. */
function readBack(written: PhraseIndex<string>): PhraseIndex<string> {
  const records: NodeRecord[] = [];
  const values = [...NAMES, ...KEYWORDS, 'extra'];
  const { roots, keys } = written.records((v) => values.indexOf(v), (r) => records.push(JSON.parse(JSON.stringify(r))));
  return PhraseIndex.fromRecords({ record: (i) => records[i], keys, value: (n) => values[n] }, roots);
}

describe('phrase index read back from its records', () => {
  // The rule rows, and texts that reach deep nodes, capitals, prefixes and words that are no phrase.
  const texts = [...ROWS.map(([text]) => text), 'Corvane  Haul; full-STACK ai Cloud, investing up to the CAGR', 'Amazon.com.au and Trainium 22 and Trainium 2.5'];
  for (const text of texts) it(`finds what the built index finds in "${text}"`, () => assert.deepEqual(readBack(index()).find(text), index().find(text)));

  it('takes new phrases after it is read back, as the built index does', () => {
    const built = index();
    const read = readBack(index());
    for (const i of [built, read]) {
      i.add('Corvane Haul Max', 'extra', false);
      i.add('invest', 'extra', true);
    }
    const text = 'the Corvane Haul Max investment';
    assert.deepEqual(read.find(text), built.find(text));
    assert.deepEqual(read.find(text).map((h) => h.value), ['extra', 'invest', 'extra']);
  });

  it('reads a node only when matching reaches it', () => {
    const records: NodeRecord[] = [];
    const values = [...NAMES, ...KEYWORDS];
    const { roots, keys } = index().records((v) => values.indexOf(v), (r) => records.push(r));
    const asked = new Set<number>();
    const read = PhraseIndex.fromRecords({ record: (i) => (asked.add(i), records[i]), keys, value: (n) => values[n] }, roots);
    read.find('nothing here');
    // The two roots, and no node below them.
    assert.deepEqual([...asked].sort(), [roots.folded, roots.exact].sort());
  });
});
