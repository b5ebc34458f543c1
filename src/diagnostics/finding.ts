/**
 * What a check reports, in the shape of the CLI's JSON contract and close to LSP's own types
 * (positions 0-based, characters in UTF-16 code units), so every front end can use it as is.
 */
import { z } from 'zod';

export const Position = z.object({ line: z.number().int(), character: z.number().int() });
export const Range = z.object({ start: Position, end: Position });
export type Position = z.infer<typeof Position>;
export type Range = z.infer<typeof Range>;

export const TextEdit = z.object({ range: Range, newText: z.string() });
export type TextEdit = z.infer<typeof TextEdit>;

export const Fix = z.object({
  title: z.string(),
  /** replace: swap the figure for a source's value and cite it; cite: add the citation only; ignore: silence the figure. */
  kind: z.enum(['replace', 'cite', 'ignore']),
  preferred: z.boolean(),
  edits: z.array(TextEdit),
});
export type Fix = z.infer<typeof Fix>;

export const Evidence = z.object({
  source: z.string(),
  title: z.string(),
  publisher: z.string().optional(),
  date: z.string().optional(),
  file: z.string(),
  quote: z.string(),
  /** The source's value, written in the draft's style with the source's hedge ("up to $25 billion"). */
  value: z.string(),
  agrees: z.boolean(),
  note: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Finding = z.object({
  kind: z.enum(['conflict', 'supported']),
  /** The check: "<figure type>-conflict" or "<figure type>-supported" (money-conflict, percent-supported…). */
  code: z.string(),
  severity: z.enum(['error', 'warning', 'information', 'hint']),
  range: Range,
  text: z.string(),
  message: z.string(),
  /** The fact's id. */
  fact: z.string(),
  /** The fact in plain words: "Amazon's investment in Anthropic". */
  statement: z.string(),
  /** Whether the sources themselves agree on the fact's value. */
  sourcesAgree: z.boolean(),
  evidence: z.array(Evidence),
  fixes: z.array(Fix),
});
export type Finding = z.infer<typeof Finding>;

export const Report = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string(), findings: z.array(Finding), skipped: z.string().optional() })),
});
export type Report = z.infer<typeof Report>;
