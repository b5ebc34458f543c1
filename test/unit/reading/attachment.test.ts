/**
 * Which figure a word belongs to (src/diagnostics/reading/attachment.ts): its weight for each
 * figure of its sentence, on sentences with two figures of one kind.
 */
import assert from 'node:assert/strict';
import { attachment } from '../../../src/diagnostics/reading/attachment';
import { layout } from '../../../src/diagnostics/reading/layout';
import { findFigures } from '../../../src/diagnostics/figures/find-figures';
import { bundledUnits } from '../../support/units';

/** The weights of `word` (its first occurrence) for each figure of `text`, rounded to two places. */
function weights(text: string, word: string): number[] {
  const figures = findFigures(text, [], bundledUnits);
  const start = text.indexOf(word);
  const span = { start, end: start + word.length };
  return figures.map((f) => Math.round(attachment(text, layout(text, false), span, f, figures) * 100) / 100);
}

describe('attachment', () => {
  const rows: [text: string, word: string, expected: number[]][] = [
    // The word after a figure's preposition is that figure's, the subject before both is shared.
    ['Amazon put $8 billion into Anthropic and $50 billion into OpenAI.', 'Anthropic', [1, 0.3]],
    ['Amazon put $8 billion into Anthropic and $50 billion into OpenAI.', 'OpenAI', [0.3, 1]],
    // So is a name after a maker's possessive: "on Nvidia's L40S" is the $1.20's, not the $1.50's.
    ["It costs $0.80 on Inferentia 2, $1.20 on Nvidia's L40S, $1.50 on Trainium 2.", 'L40S', [0.3, 0.95, 0.3]],
    // And after an article: "in a Series F" is the $13 billion's round, not the valuation's.
    ['Anthropic raises $13 billion in a Series F at a $183 billion valuation.', 'Series F', [0.95, 0.3]],
    // After a comma that closes the figure before, a name leads into the next figure's clause.
    ['Microsoft would lift its commitment to $40 billion, with Google boosting Anthropic funding to $7 billion.', 'Google', [0.3, 0.85]],
    // So does a word after a list joiner: "by a third and training costs by as much as 60%" is the 60%'s training.
    ['Its chips cut inference costs by a third and training costs by as much as 60%.', 'training', [0.3, 0.8]],
    ['Amazon put $8 billion into Anthropic and OpenAI took $50 billion.', 'OpenAI', [0.3, 1]],
    // A word of a later clause that is a figure's there by its preposition is that figure's, not the one before.
    ['Inferentia wins on the bill: $0.65 per million tokens, against $1.20 on the L40S.', 'L40S', [0.3, 0.95]],
    // So is a word of a later clause that leads right into a figure of the kind there.
    ['AWS holds 32% of the market, against 16% for Google Cloud, and its AI line is growing 25% a year.', 'growing', [0.3, 0.3, 1]],
    // A clause before still lends its words to a consequence: the total is Anthropic's too.
    ['Amazon is forecast to put $10-15 billion into Anthropic, lifting its total to $40-45 billion.', 'Anthropic', [1, 0.6]],
    // Not after a framing opening: the main clause's subject is the opening figure's too.
    ['At 2.1 TFLOPS per watt, one Trainium 2 running at its peak would deliver 667 TFLOPS.', 'Trainium 2', [0.9, 0.3]],
    // A timeline's date labels its whole line, however far the word and in whichever clause.
    ['- **2024** — Adam Selipsky steps down and Garman takes the helm of AWS.', 'helm', [0.9]],
    ['In 2024, Adam Selipsky stepped down and Garman took the helm of AWS.', 'helm', [0.5]],
    // So does a date set in emphasis before a full stop, maybe after a deadline word.
    ['**By Q2 2027 (forecast).** AWS launches an AI Foundry service for startups.', 'launches', [0.95]],
    // Not for a word another date of the line holds as strongly: the veteran is the 2007's.
    ['**April 2026.** Garman, an Amazon veteran since 2007, defends the deals.', 'veteran', [0.3, 1]],
  ];
  for (const [text, word, expected] of rows)
    it(`${word} in "${text}": ${expected.join(', ')}`, () => assert.deepEqual(weights(text, word), expected));
});
