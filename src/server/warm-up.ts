/**
 * A short draft that takes the engine through what a real draft's first check takes it through:
 * each kind of figure, prices per token, a table, a list, a heading's topic, a retraction and a
 * footnote. A server checks it while it waits for the knowledge base files, so that the one-time
 * costs of a first check (the figure readers' regular expressions compiled on first use, the
 * engine's code compiled and optimised as it runs) are paid before the writer's draft is checked,
 * not while the writer waits for its first diagnostics. Its findings are thrown away.
 *
 * Its heading's em dash makes it a two-byte string, as any draft with a typographic dash or a
 * curly quote is (test:web's 100 KB draft is): V8 compiles each regular expression apart for
 * one-byte and two-byte strings, and the two-byte compile is the one such drafts need. In the
 * browser bench (scripts/bench/web-worker.mjs, its search 3 s late) the first screen's check after
 * the warm-up took a median of 208 ms with it against 229 ms without (ten runs each).
 */
export const WARM_UP_DRAFT = `# Amazon, Anthropic and the cloud — a warm-up

Amazon invested $8 billion in Anthropic, and Google put about $3bn into the company in 2024.

Microsoft's stake in OpenAI is worth roughly $13 billion, up 20% from a year earlier.

OpenAI signed a five-year, $300 billion cloud deal with Oracle in September 2025; the first 4.5 GW come online in Q3 2026.

Anthropic will use up to one million TPUs, and Trainium 2 delivers 1.3 petaflops, about 3x its predecessor.

Claude costs $3 per million input tokens and $15 per million output tokens.

An earlier version of this article said Amazon had invested $4 billion.

| Company | Investor | Amount |
| --- | --- | --- |
| Anthropic | Amazon | $25 billion |
| OpenAI | Microsoft | 49% |

- Amazon's package is worth as much as $50 billion, of which a third is paid upfront.
- The two AWS bets total $58 billion over ten years.[^1]

[^1]: Reported by AINews in April 2026.
`;
