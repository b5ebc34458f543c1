/** Parties a text names (src/diagnostics/context/parties.ts): definite descriptions that stand for a known party. */
import assert from 'node:assert/strict';
import { partiesIn } from '../../../src/diagnostics/context/parties';
import { loadKnowledgeBase } from '../../../src/knowledge';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });

/** The entity each description of `text` (lowercase words after "the") was read as. */
function described(text: string): [string, string][] {
  return partiesIn(text, kb)
    .filter((m) => text.slice(Math.max(0, m.start - 4), m.start).toLowerCase() === 'the ' && /^\p{Ll}/u.test(text.slice(m.start, m.end)))
    .map((m) => [text.slice(m.start, m.end), m.entity]);
}

describe('partiesIn: a definite description stands for a party', () => {
  const rows: [text: string, expected: [string, string][]][] = [
    // The last entity named before it that has the description, across sentences.
    ['Amazon put $25 billion into Anthropic. In return, the lab pledges $100 billion to AWS.', [['lab', 'anthropic']]],
    ['Anthropic signed with Amazon. The lab and the retailer agreed on $8 billion.', [['lab', 'anthropic'], ['retailer', 'amazon']]],
    // A name after "the" is a modifier ("the OpenAI deal"), not the one referred back to.
    ['Anthropic grew fast. By the time of the OpenAI deal, Amazon had put $8 billion into the lab.', [['lab', 'anthropic']]],
    // With no entity before it that has the description, the one entity that has it.
    ['Microsoft dipped 0.6%. The software maker holds a stake in OpenAI.', [['software maker', 'microsoft']]],
    // A party no knowledge base knows, named in between, may be the one meant: no reading.
    ['Anthropic raised money. Scale AI said the startup hired 200 people.', []],
    // Two entities share the description and none is named before: no reading.
    ['Revenue rose. The lab said so.', []],
  ];
  for (const [text, expected] of rows) it(text, () => assert.deepEqual(described(text), expected));
});
