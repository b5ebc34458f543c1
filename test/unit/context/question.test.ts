/** The question a paragraph answers (src/diagnostics/context/question.ts). */
import assert from 'node:assert/strict';
import { questionWords } from '../../../src/diagnostics/context/question';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { checkDocument } from '../../../src/diagnostics/engine';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });

describe('questionWords', () => {
  const rows: [text: string, words: string[]][] = [
    ['**DANA:** Over what period is that AWS spend?', ['over', 'spend']],
    // Only the last sentence, and only when it asks.
    ['Anthropic will spend more on AWS. Over what period?', ['over']],
    ['**DANA:** Over what period is that AWS spend.', []],
    ['Over what period is that AWS spend? Ten years.', []],
    // Closing emphasis after the mark still asks.
    ['**Over what period is that AWS spend?**', ['over', 'spend']],
    // A heading's question titles a section, which no one figure answers.
    ['# Over what period is that AWS spend?', []],
  ];
  for (const [text, words] of rows) it(`${text} → ${words.join(', ') || 'none'}`, () => assert.deepEqual(questionWords(text, kb), words));
});

describe('an answer takes the words of the question before it', () => {
  const rows: [text: string, expected: string[][]][] = [
    ['**Q:** Over what period will Anthropic spend on AWS?\n\n**A:** Fifteen years.', [['Fifteen years', 'conflict', 'anthropic-aws-commitment-term']]],
    // Only the answer's first sentence.
    ['**Q:** Over what period will Anthropic spend on AWS?\n\n**A:** Good question. Fifteen years.', []],
  ];
  for (const [text, expected] of rows)
    it(JSON.stringify(text), () =>
      assert.deepEqual(
        checkDocument(text, kb, { includeSupported: true, withFixes: false }).findings.map((f) => [f.text, f.kind, f.fact]),
        expected,
      ),
    );
});
