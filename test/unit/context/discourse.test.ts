/** Who a paragraph hands on to the next (src/diagnostics/context/discourse.ts). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastNaming } from '../../../src/diagnostics/context/discourse';
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
  ];
  for (const [text, parties] of rows) it(text, () => assert.deepEqual(lastNaming(text, kb).map((m) => m.entity), parties));
});
