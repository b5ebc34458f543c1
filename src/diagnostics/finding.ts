/**
 * What a check reports, in the shape of the CLI's JSON contract and close to LSP's own types
 * (positions 0-based, characters in UTF-16 code units), so every front end can use it as is.
 */
import * as z from 'zod';

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
  /** What the source says became of the claim, in words: "invested", "offered and rejected". */
  status: z.string().optional(),
  /** When the value held, if the curator dated it apart from the source (2023-09). */
  asOf: z.string().optional(),
  /** The date shown (asOf, else the source's) was inferred by the curator; the text gives none. */
  dateInferred: z.boolean().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * conflict: no source supports the figure; supported: a source does; outdated: it agrees only with
 * a value a newer source has updated; unverified: no fact of the knowledge base covers it (listed
 * only on request, for coverage reports); unchecked: a paragraph dealcheck could not check (its
 * check failed, ran over its time budget, or it nests too deep), reported on its first line.
 */
export const FindingKind = z.enum(['conflict', 'supported', 'outdated', 'unverified', 'unchecked']);
export type FindingKind = z.infer<typeof FindingKind>;

export const Finding = z.object({
  kind: FindingKind,
  /** The check: "<figure type>-<kind>" (money-conflict, percent-supported, date-outdated, count-unverified…), or unchecked-error, unchecked-time, unchecked-nesting. */
  code: z.string(),
  severity: z.enum(['error', 'warning', 'information', 'hint']),
  range: Range,
  text: z.string(),
  message: z.string(),
  /** The fact's id; unset for an unverified figure. */
  fact: z.string().optional(),
  /** The fact in plain words: "Amazon's investment in Anthropic"; unset for an unverified figure. */
  statement: z.string().optional(),
  /** Whether the sources themselves agree on the fact's value; unset for an unverified figure. */
  sourcesAgree: z.boolean().optional(),
  evidence: z.array(Evidence),
  fixes: z.array(Fix),
  /** For an unchecked paragraph: why, for the log (the error and where it was thrown, or the budget). */
  detail: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const Report = z.object({
  version: z.literal(1),
  files: z.array(
    z.object({
      path: z.string(),
      findings: z.array(Finding),
      /** Set when the file was deliberately not checked (too large, not text), with the reason. */
      skipped: z.string().optional(),
      /** Set when the file could not be read or checked, with the reason; the run then exits 2. */
      error: z.string().optional(),
    }),
  ),
});
export type Report = z.infer<typeof Report>;
