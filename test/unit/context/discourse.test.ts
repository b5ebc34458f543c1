/** Who a paragraph hands on to the next (src/diagnostics/context/discourse.ts). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { carriedWeight, findSentenceSubject, lastNaming } from '../../../src/diagnostics/context/discourse';
import { gatherEvidence } from '../../../src/diagnostics/matching/evidence';
import { EVIDENCE } from '../../../src/diagnostics/matching/model';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { knowledgeBaseFromTexts } from '../../../src/knowledge/knowledge-base';

const { kb } = knowledgeBaseFromTexts([
  { file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../../fixtures/matching.dealkb.json'), 'utf8') },
]);

describe('lastNaming', () => {
  const rows: [text: string, parties: string[]][] = [
    ['Amazon invested in Anthropic. The money is back-loaded.', ['amazon', 'anthropic']],
    ['Amazon invested in Anthropic. Later, Microsoft backed OpenAI.', ['microsoft', 'openai']],
    // A last naming sentence about a person hands on the paragraph's first party too.
    ['Amazon runs the cloud. Chief executive Matt Garman says the company is growing.', ['amazon', 'matt-garman']],
    // A lone capitalised word opening a sentence is no party to hand on.
    ['Amazon invested in Anthropic. Walk-up customers pay more.', ['amazon', 'anthropic']],
    ['Nobody is named here.', []],
    // A speaker's label is who talks, not who the next paragraph goes on about.
    ['**DANA:** Last one. Matt Garman keeps defending the dual bet.', ['matt-garman']],
    // An opening "He" names the person it stands for: the next paragraph's "He" is still Garman.
    ['**PRIYA:** What about Matt Garman? He has been at Amazon since 2005.', ['matt-garman', 'amazon']],
  ];
  for (const [text, parties] of rows) it(text, () => assert.deepEqual(lastNaming(text, kb).map((m) => m.entity), parties));
});

describe('carriedWeight', () => {
  const rows: [text: string, entity: string, weight: number][] = [
    ['Amazon invested $25 billion in Anthropic. The milestone part is $19 billion.', 'amazon', 0.6],
    // A lone capitalised word opening the sentence names nobody: Amazon still carries.
    ['Amazon invested $25 billion in Anthropic. Contingent tranches make up $19 billion.', 'amazon', 0.6],
    // A name does: the sentence is about Google.
    ['Amazon invested $25 billion in Anthropic. Google put in $2 billion.', 'amazon', 0],
    // A leading time phrase is backdrop: its OpenAI is not lent, so two parties are, not three.
    ['Two months after the OpenAI deal, Amazon put $25 billion into Anthropic. Only $7 billion arrives upfront.', 'anthropic', 0.6],
  ];
  for (const [text, entity, weight] of rows)
    it(`${text} carries ${entity} at ${weight}`, () => {
      const ev = gatherEvidence({ start: 0, text }, kb)!;
      assert.equal(carriedWeight(kb, ev, entity, ev.figures.at(-1)!), weight);
    });
});

describe('carriedWeight: a name that is a measure word of the knowledge base is no party', () => {
  const bundled = loadKnowledgeBase({ files: [], useBundled: true }).kb;
  const rows: [text: string, entity: string, weight: number][] = [
    // "GitHub" says what is counted (a github-stars keyword): two parties are lent, not three.
    ["Amazon's Neuron SDK is popular on GitHub. The repository has more than 2,000 stars.", 'neuron-sdk', 0.6],
    // An unknown company is a third party: the sentence before lends none.
    ["Amazon's Neuron SDK is popular at Mistral. The repository has more than 2,000 stars.", 'neuron-sdk', 0],
  ];
  for (const [text, entity, weight] of rows)
    it(`${text} carries ${entity} at ${weight}`, () => {
      const ev = gatherEvidence({ start: 0, text }, bundled)!;
      assert.equal(carriedWeight(bundled, ev, entity, ev.figures.at(-1)!), weight);
    });
});

describe('findSentenceSubject', () => {
  const rows: [text: string, subject: string | undefined][] = [
    ['Matt Garman took the helm of AWS in 2024.', 'matt-garman'],
    // A speaker's label is not the subject of what they say; a known party as a label is.
    ['**OKAFOR:** Matt Garman took the helm of AWS in 2024.', 'matt-garman'],
    ['**OKAFOR:** It is, and the helm changed hands in 2024.', undefined],
    // After a speaker's label, "He" still stands for the person named last.
    ['**DANA:** Matt Garman keeps defending the bet. **PRIYA:** He has been running AWS since 2023.', 'matt-garman'],
    ['Amazon: US$25bn into Anthropic in 2024.', 'amazon'],
    // A later clause with a party of its own is about that party, even after an opening pronoun.
    ['He said Amazon backs Anthropic, and CoreWeave signs for $22.4 billion.', '?org:CoreWeave'],
    ['It backs Anthropic, and Microsoft put $13 billion into OpenAI.', 'microsoft'],
    // A clause going on with a verb and no subject of its own (lexicon predicateJoiners) has the clause before's.
    ["AWS makes $45 billion, while Microsoft is far smaller but compounding at 70%.", 'microsoft'],
    ["AWS makes $45 billion, while Microsoft is far smaller yet still growing 70%.", 'microsoft'],
    // So does a clause that opens with a bare past-tense verb, past a relative clause on its subject.
    ["Nvidia slid 2% even though it holds 80% of the market, while Marvell Technology, which works on Amazon's custom parts, jumped 4.6%.", '?org:Marvell Technology'],
    // A clause going on from the sentence's first clause has the sentence's subject.
    ["AWS is far larger but growing 25%.", 'amazon'],
    // "He" stands for the last person named, further back than the sentence before, and not for one capitalised word.
    ['The year is right: Garman took the helm in 2024. "Outsider" is not. He joined Amazon in 2005.', 'matt-garman'],
    // A "He" after a sentence that opened with "He" stands for the same person, not one that sentence named later.
    ['Matt Garman runs AWS. He has run it since 2024, when he succeeded Adam Selipsky, who had led the unit since 2021. He joined Amazon in 2006.', 'matt-garman'],
    ['Matt Garman runs AWS. Before him came Adam Selipsky, who had led the unit since 2021. He joined Amazon in 2006.', '?person:Adam Selipsky'],
    // A sentence that names nobody ("Hardly.") passes the party on to a pronoun after it.
    ['Is Amazon all in on one lab? Hardly. Three months before the Anthropic deal, it put $50 billion into OpenAI.', 'amazon'],
    // A pronoun after a leading phrase, and a chain of pronouns, go back to the party named first.
    ['Amazon is back. It put $50 billion into OpenAI. Including the $8 billion it had already funneled, the company has committed $60 billion.', 'amazon'],
  ];
  for (const [text, subject] of rows)
    it(`${text} is about ${subject ?? 'nobody'}`, () => {
      const ev = gatherEvidence({ start: 0, text }, kb)!;
      assert.equal(findSentenceSubject(kb, ev, ev.figures.at(-1)!)?.entity, subject);
    });
});

describe('a relative clause is about the name it hangs on, plainly', () => {
  const rows: [text: string, subject: string, weight: number][] = [
    ['Microsoft, whose position rests on roughly $10 billion invested in OpenAI, competes on credits.', 'microsoft', EVIDENCE.relativeSubject],
    // A later clause with a party of its own still opens with that party, at a sentence subject's weight.
    ['Amazon, which backs Anthropic, and Microsoft put $13 billion into OpenAI.', 'microsoft', EVIDENCE.sentenceSubject],
  ];
  for (const [text, subject, weight] of rows)
    it(`${text} is about ${subject} at ${weight}`, () => {
      const ev = gatherEvidence({ start: 0, text }, kb)!;
      assert.deepEqual(findSentenceSubject(kb, ev, ev.figures.at(-1)!), { entity: subject, weight });
    });
});
