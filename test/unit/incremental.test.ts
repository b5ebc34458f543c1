/**
 * A checker that re-checks only changed blocks gives exactly the findings of a full check, after
 * any sequence of edits (issue: incremental checking must never drift from the truth).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentChecker, checkDocument } from '../../src/diagnostics/engine';
import { BlockDocument } from '../../src/diagnostics/markdown/block-document';
import { knowledgeBaseFromTexts } from '../../src/knowledge/knowledge-base';

const { kb } = knowledgeBaseFromTexts([
  { file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../fixtures/matching.dealkb.json'), 'utf8') },
]);

const PIECES = [
  'Amazon invested $35 billion in Anthropic.', 'Of that, $7 billion is paid upfront.', 'Google has put roughly $4 billion into Anthropic.', 'AWS put $8bn into Anthropic.',
  '| Cloud | Share |\n|---|---|\n| AWS | 31% |', '```\n$3 billion\n', '```', '<!-- dealcheck-disable -->', '<!-- dealcheck-enable -->',
  '<!-- dealcheck-disable-next-line -->', '- Garman joined Amazon in 2004.', '> Trainium 2 posts 850 TFLOPS.', '---', '\n', '\n\n', '    ', '9', ' and ', '$',
];

describe('incremental checking equals a full check', () => {
  let seed = 5;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => PIECES[Math.floor(random() * PIECES.length)];
  for (let doc = 0; doc < 25; doc++) {
    it(`document ${doc}: 40 random edits`, () => {
      let text = Array.from({ length: 30 }, pick).join('\n\n');
      const doc = new BlockDocument(text);
      const checker = new DocumentChecker(kb);
      checker.check(doc);
      for (let e = 0; e < 40; e++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(random() * 8));
        const insert = random() < 0.3 ? '' : pick();
        text = text.slice(0, start) + insert + text.slice(end);
        doc.edit(start, end, insert);
        const incremental = checker.check(doc, { includeSupported: true });
        assert.deepEqual(incremental, checkDocument(text, kb, { includeSupported: true }), `after edit ${e}`);
      }
    });
  }
});

describe('several edits between two checks', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = () => PIECES[Math.floor(random() * PIECES.length)];
  for (let doc = 0; doc < 10; doc++) {
    it(`document ${doc}: 20 checks after 1-4 edits each`, () => {
      let text = Array.from({ length: 30 }, pick).join('\n\n');
      const doc = new BlockDocument(text);
      const checker = new DocumentChecker(kb);
      checker.check(doc);
      for (let round = 0; round < 20; round++) {
        for (let e = 1 + Math.floor(random() * 4); e > 0; e--) {
          const start = Math.floor(random() * (text.length + 1));
          const end = Math.min(text.length, start + Math.floor(random() * 8));
          const insert = random() < 0.3 ? '' : pick();
          text = text.slice(0, start) + insert + text.slice(end);
          doc.edit(start, end, insert);
        }
        assert.deepEqual(checker.check(doc, { includeSupported: true }), checkDocument(text, kb, { includeSupported: true }), `round ${round}`);
      }
    });
  }
});
