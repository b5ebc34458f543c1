/** Sentences and clauses as the readers see them (src/diagnostics/reading/layout.ts). */
import assert from 'node:assert/strict';
import { layout } from '../../../src/diagnostics/reading/layout';

const sentences = (text: string) => layout(text, false).sentences.map((s) => text.slice(s.start, s.end).trim());

describe('layout', () => {
  const rows: [text: string, expected: string[]][] = [
    ['Amazon invested $8 billion. Google invested $2 billion.', ['Amazon invested $8 billion.', 'Google invested $2 billion.']],
    // A figure as a list's label heads the sentence after it (markup is blanked before reading).
    ['  $58 billion.   Amazon\'s combined commitment. One analysis agrees.', ['$58 billion.   Amazon\'s combined commitment.', 'One analysis agrees.']],
    // Number words, a quarter and an approximation mark open a label too.
    ['~$18B. The training credits AWS earmarks. Fine.', ['~$18B. The training credits AWS earmarks.', 'Fine.']],
    ['Two months. That is how long Amazon waited. Fast.', ['Two months. That is how long Amazon waited.', 'Fast.']],
    ['Three-quarters. The share of workloads on AWS. Roughly.', ['Three-quarters. The share of workloads on AWS.', 'Roughly.']],
    ['Q3 2026. When AI Foundry launches. Maybe.', ['Q3 2026. When AI Foundry launches.', 'Maybe.']],
    // A pair of figures with their units is a label too, up to six words.
    ['850 TFLOPS vs 989 TFLOPS. Trainium 2 and the H100 at FP16. Close.', ['850 TFLOPS vs 989 TFLOPS. Trainium 2 and the H100 at FP16.', 'Close.']],
    ['850 TFLOPS, or 989 TFLOPS at FP16 today. Trainium 2 and the H100.', ['850 TFLOPS, or 989 TFLOPS at FP16 today.', 'Trainium 2 and the H100.']],
    // So does a timeline's date in emphasis, with a month or a deadline word, its markup kept or blanked.
    ['**June 2024.** Matt Garman replaces Adam Selipsky. Then more.', ['**June 2024.** Matt Garman replaces Adam Selipsky.', 'Then more.']],
    ['  By Q2 2027 (forecast).   AWS launches AI Foundry. Maybe.', ['By Q2 2027 (forecast).   AWS launches AI Foundry.', 'Maybe.']],
    // Not a label that holds no date (the segmenter leaves the closing emphasis to the next sentence).
    ['**In the spring.** AWS launches AI Foundry.', ['**In the spring.', '** AWS launches AI Foundry.']],
    // A short first sentence that opens with another word is no label.
    ['Not so. Amazon invested $8 billion.', ['Not so.', 'Amazon invested $8 billion.']],
    // A name as a label is left alone: the next sentence's "He" stands for it.
    ['Matt Garman. He joined Amazon in 2006.', ['Matt Garman.', 'He joined Amazon in 2006.']],
    // A short first sentence that ends the text stays a sentence.
    ['$58 billion.', ['$58 billion.']],
    // An abbreviation that never ends a sentence (lexicon openAbbreviations) does not end it before a capital.
    ['AWS claims 40% lower costs vs. H100 clusters. Fine.', ['AWS claims 40% lower costs vs. H100 clusters.', 'Fine.']],
    ['Mr. Garman joined Amazon in 2005. Fine.', ['Mr. Garman joined Amazon in 2005.', 'Fine.']],
  ];
  for (const [text, expected] of rows) it(JSON.stringify(text), () => assert.deepEqual(sentences(text), expected));
  const clauses = (text: string) => layout(text, false).clauses.map((c) => text.slice(c.start, c.end).trim());
  const colonRows: [text: string, expected: string[]][] = [
    // A short value, or a date as the label, and the other side of the colon are one clause.
    ["Forecast launch of AWS's AI Foundry: Q4 2026", ["Forecast launch of AWS's AI Foundry: Q4 2026"]],
    ['2020: Marcus Delacroix becomes chief executive of VoltLane Networks.', ['2020: Marcus Delacroix becomes chief executive of VoltLane Networks.']],
    // The "than" of a hedge before a number ends no clause; between two figures it does.
    ["Anthropic's pledge to spend more than $100 billion on AWS.", ["Anthropic's pledge to spend more than $100 billion on AWS."]],
    ['Anthropic will spend more than one hundred billion on AWS.', ['Anthropic will spend more than one hundred billion on AWS.']],
    ['AWS holds 31%, more than Azure at 24%.', ['AWS holds 31%, more', 'than Azure at 24%.']],
    // A forecast's second subject, before a participle or "to", starts a clause of its own.
    ['Microsoft lifting its stake to $25 billion and Google boosting its own to $15 billion.', ['Microsoft lifting its stake to $25 billion', 'and Google boosting its own to $15 billion.']],
    ['It expects Microsoft to raise $25 billion and Google to boost funding to $5 billion.', ['It expects Microsoft to raise $25 billion', 'and Google to boost funding to $5 billion.']],
    // A timeline's date and the dash after it label the line; a span of time before a dash does not.
    ['2005 — Matt Garman joins Amazon.', ['2005 — Matt Garman joins Amazon.']],
    // So does a list's figure: what follows the dash says what the figure is.
    ['$20 billion — the round xAI closed in January.', ['$20 billion — the round xAI closed in January.']],
    ['~$18B — what one forecast expects.', ['~$18B — what one forecast expects.']],
    ['Within 12 months — Microsoft is expected to answer.', ['Within 12 months', '— Microsoft is expected to answer.']],
    ['AWS holds 31% — Azure holds 24%.', ['AWS holds 31%', '— Azure holds 24%.']],
    // A relative clause between commas ends at its closing comma: the verb after it is the main clause's.
    ['Matt Garman, who joined Amazon in 2006, has led the cloud unit since 2024.', ['Matt Garman, who joined Amazon in 2006', ', has led the cloud unit since 2024.']],
    // So does an aside opened by a preposition (the lexicon's asideOpenings).
    ['Matt Garman, at Amazon since 2006, takes over AWS from Adam Selipsky.', ['Matt Garman, at Amazon since 2006', ', takes over AWS from Adam Selipsky.']],
    // A speaker is no label of what they say.
    ['WHITFIELD: Five billion dollars comes upfront.', ['WHITFIELD', ': Five billion dollars comes upfront.']],
  ];
  for (const [text, expected] of colonRows) it(`clauses of ${JSON.stringify(text)}`, () => assert.deepEqual(clauses(text), expected));
  it('a table cell is one sentence', () => assert.equal(layout('a. b. c.', true).sentences.length, 1));
});
