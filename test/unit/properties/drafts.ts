/**
 * Random drafts for the property tests and the fuzzer: claims about the bundled knowledge base's
 * facts, loose figures and entity names, Markdown constructs (open and closed), control comments,
 * every line ending, a byte order mark and astral characters, in any order.
 */
import fc from 'fast-check';

/** Sentences the bundled knowledge base has facts about: conflicts and supported figures, so fixes get exercised. */
export const CLAIMS = [
  'Amazon invested $35 billion in Anthropic.',
  'AWS put $8bn into Anthropic.',
  'NVIDIA GPUs command over 70% of the AI accelerator market.',
  'Trainium 2 offers up to 4x the performance of its predecessor.',
  'Trainium 2 posts 850 TFLOPS at FP16 while the H100 posts 989 TFLOPS.',
  'Inferentia 2 answers Llama 70B requests in 45 ms; the L40S needs 42 ms.',
  'Claude 3.5 costs $0.80 per million tokens on Inferentia 2 and $1.20 on the L40S.',
  'The H100 reaches 1.8 TFLOPS per watt, against 2.1 for Trainium 2.',
  'Only $7 billion of the Anthropic money arrives upfront; the other $19 billion depends on milestones.',
  'Anthropic promised a $100 billion-plus commitment to AWS over a decade.',
  'Matt Garman joined Amazon in 2009.',
  'AWS has a 45% share of the cloud market.',
  'Amazon first committed up to 4 billion dollars to Anthropic.',
  'The $50 billion offer to OpenAI was rejected.',
  'Of that, $5 billion is paid upfront.',
  'Microsoft put $13B into OpenAI.',
];

const FIGURES = ['$35 billion', '$25B', '$1e308', '40%', '4x', '2024', 'Q3 2026', 'April 2026', 'a decade', '18 months', '1,200 stars', '800 TFLOPS', '$1.50 per million tokens', 'ninety percent', '$10-15 billion', '0', '9'];
const NAMES = ['Amazon', 'AWS', 'Anthropic', 'OpenAI', 'Microsoft', 'Google', 'Trainium 2', 'H100', 'Garman', 'NVIDIA'];
const WORDS = ['invested', 'in', 'share', 'revenue', 'of', 'the', 'upfront', 'milestones', 'and', 'by', 'up to', 'nearly', 'over', 'tokens', 'per', ':', ',', '.', ';', '(', ')', '"'];
const MARKDOWN = [
  '# ', '## ', '- ', '* ', '+ ', '1. ', '> ', '>', '    ', '  ', '\t', '```', '~~~', '```js', '---', '***', '+++', '===',
  '<!--', '-->', '<!-- x -->', '<pre>', '</pre>', '<script>', '</script>', '<div>', '</div>', '<?', '?>', '<![CDATA[', ']]>',
  '| a | b |', '|---|---|', '| $5B | 40% |', '|', '[', ']', '(', ')', '[link](https://x.com)', '[www.a.b', '[^1]', '[^dc-x]',
  '[^dc-ainews-50b-ai-bet]: "q" — T.', '[^1]: note', '[ref]: https://x.com', '*', '**', '_', '__', '`', '``', '~~', '\\', '&amp;', '&#36;',
  '![img](x.png)', 'https://www.cnbc.com/a', 'www.cnbc.com', 'a@b.co', '<https://x.com>', '$$', '<b>', '</b>', '  \n',
  '<!-- dealcheck-disable -->', '<!-- dealcheck-enable -->', '<!-- dealcheck-disable-next-line -->', '<!-- dealcheck-disable-line -->',
  '<!-- dealcheck-disable money -->', '<!-- dealcheck-enable money-conflict -->',
];
const ASTRAL = ['😀', '𝟗', '𝐀', '\u{1F4B0}', '\uD83D', '\uDE00', '\u200B', '\u2028', '\u00A0', '\uFEFF', 'é', '\u0301'];
/** "\n" stands for whichever line break the draft is written with. */
const BREAKS = ['\n', '\n\n', '\n\n\n', ' '];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CLAIMS) },
  { weight: 2, arbitrary: fc.constantFrom(...FIGURES) },
  { weight: 2, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 5, arbitrary: fc.constantFrom(...MARKDOWN) },
  { weight: 1, arbitrary: fc.constantFrom(...ASTRAL) },
  { weight: 1, arbitrary: fc.nat({ max: 40 }).map((n) => '- '.repeat(n)) },
  { weight: 1, arbitrary: fc.nat({ max: 40 }).map((n) => '> '.repeat(n)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const joint = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...BREAKS) }, { weight: 1, arbitrary: fc.constant('') });

/** How a draft writes its line breaks: one style throughout, or any break anywhere. */
export type LineEndings = 'lf' | 'crlf' | 'cr' | 'mixed';
export const lineEndings = fc.constantFrom<LineEndings>('lf', 'crlf', 'cr', 'mixed');

/**
 * The draft with each "\n" written the given way (for 'mixed', by the choices in `picks`). A CR
 * right before an LF would make one break of two, so that CR becomes a CRLF.
 */
export function withLineEndings(text: string, style: LineEndings, picks: readonly number[] = [0]): string {
  const mixed = ['\n', '\r\n', '\r'];
  const fixed = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;
  let k = 0;
  const breaks = [...text.matchAll(/\n/g)].map(() => (style === 'mixed' ? mixed[picks[k++ % picks.length] % 3] : fixed[style]));
  let i = 0;
  return text.replace(/\n/g, (_, offset: number) => {
    const own = breaks[i++];
    return own === '\r' && text[offset + 1] === '\n' && breaks[i] === '\n' ? '\r\n' : own;
  });
}

/** A draft with LF line breaks only. */
export const lfDraft = fc
  .array(fc.tuple(piece, joint), { maxLength: 40 })
  .map((parts) => parts.map(([p, j]) => p + j).join(''))
  .map((text) => text.replace(/\r\n?/g, '\n'));

/** A draft with any line endings, and maybe a byte order mark. */
export const draft = fc
  .tuple(lfDraft, lineEndings, fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([text, style, picks, bom]) => (bom ? '\uFEFF' : '') + withLineEndings(text, style, picks));

/** An edit of a draft: where (a fraction of its length), how much it removes, what it inserts. */
export const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constant(''), piece, fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\r', '\r\n\r\n')),
});
export type Edit = { at: number; remove: number; insert: string };
