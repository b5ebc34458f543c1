/**
 * The fixes for a finding: replace the figure with a source's value and cite that source, cite
 * the agreeing source, or silence the figure. Worked out on demand: they depend on the whole
 * document (its end, its existing citations), not only on the figure's block.
 *
 * A fix never damages the draft: the reference goes where Markdown reads it as one, the
 * definition after the last construct the draft closed, a replacement keeps any markup inside
 * the figure's span, and text added uses the draft's own line break. When a citation has no such
 * place, the fix is not offered.
 */
import { citationLabel, existingCitations, footnoteDefinition } from './citations';
import type { Fix, Position, TextEdit } from './finding';
import { BOM, endsWithLineBreak, lineBreakOf } from './lines';
import { type Block, lastBlockFrom, splitBlocks } from './markdown/blocks';
import { type Insertion, definitionPlace, referencePlace } from './markdown/footnotes';
import type { Match } from './matching/matcher';
import type { SourceValue } from './messages';

/** A finding's figure in the document: offsets of the figure and of where its citation goes. */
export interface FigurePlace {
  /** The fact the figure was matched with; unset for a figure no fact covers. */
  match?: Match;
  start: number;
  end: number;
  citeAt: number;
  inTable: boolean;
}

export interface DocumentText {
  text: string;
  positionAt(offset: number): Position;
  lineStart(line: number): number;
}

export interface FixContext extends DocumentText {
  citations: Map<string, string>;
  /** The document's top-level blocks: a citation's place is proved on its block alone. */
  blocks: readonly Block[];
  lineBreak: string;
  /** Places worked out so far: references by citation offset and label, definitions by their text. */
  references: Map<string, Insertion | undefined>;
  definitions: Map<string, Insertion | undefined>;
}

/** Once per document: the citations it already has. `blocks` are its blocks when the caller has them. */
export function fixContext(doc: DocumentText, blocks?: readonly Block[]): FixContext {
  return {
    ...doc,
    citations: existingCitations(doc.text),
    blocks: blocks ?? splitBlocks(doc.text),
    lineBreak: lineBreakOf(doc.text),
    references: new Map(),
    definitions: new Map(),
  };
}

function edit(doc: DocumentText, start: number, end: number, newText: string): TextEdit {
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText };
}

/** The reference's place for a citation at `citeAt`, in the document's offsets. */
function referenceFor(ctx: FixContext, citeAt: number, label: string): Insertion | undefined {
  const key = `${citeAt} ${label}`;
  if (!ctx.references.has(key)) {
    const block = ctx.blocks[lastBlockFrom(ctx.blocks, 'start', citeAt)];
    const place = referencePlace(block.text, citeAt - block.start, label);
    ctx.references.set(key, place && { at: block.start + place.at, text: place.text });
  }
  return ctx.references.get(key);
}

/** Existing footnote references right after the sentence, a space before each allowed. */
const FOLLOWING_REFERENCES = /^(?:[ \t]?\[\^[^\]\s]+\])*/;

/** The definition's place at the document's end (or before what the draft left open there). */
function definitionFor(ctx: FixContext, label: string, definition: string): Insertion | undefined {
  if (!ctx.definitions.has(definition)) {
    const block = ctx.blocks[ctx.blocks.length - 1];
    // After a last line ending in a lone "\r", a "\n" would join it into one "\r\n" and lose the
    // blank line that ends an HTML block ("</b>\r"): use the draft's last line break there.
    const eol = ctx.text.endsWith('\r') ? '\r' : ctx.lineBreak;
    const tail = ctx.text.slice(Math.max(0, ctx.text.length - 2000));
    // Citations added before sit together at the end, one per line.
    const endsWithCitations = /(?:^|[\r\n])\[\^dc-[^\]]+\]:[^\r\n]*(?:\r\n?|\n)?$/.test(tail);
    const lead = endsWithLineBreak(ctx.text) ? '' : eol;
    const atEnd = { at: block.text.length, text: `${lead}${endsWithCitations ? '' : eol}${definition}${eol}` };
    const place = definitionPlace(block.text, atEnd, definition, label, eol);
    ctx.definitions.set(definition, place && { at: block.start + place.at, text: place.text });
  }
  return ctx.definitions.get(definition);
}

/** The edits that cite `value`'s first source after the figure's sentence; undefined when the draft has no safe place for them. */
function citationEdits(ctx: FixContext, place: FigurePlace, value: SourceValue): TextEdit[] | undefined {
  const first = value.assertions[0];
  const { label, isNew } = citationLabel(ctx.citations, first.source.id, first.assertion.quote);
  const edits: TextEdit[] = [];
  const following = ctx.text.slice(place.citeAt, place.citeAt + 200).match(FOLLOWING_REFERENCES)![0];
  if (!following.includes(`[^${label}]`)) {
    const reference = referenceFor(ctx, place.citeAt, label);
    if (!reference) return undefined;
    edits.push(edit(ctx, reference.at, reference.at, reference.text));
  }
  if (isNew) {
    const definition = definitionFor(ctx, label, footnoteDefinition(label, first.assertion.quote, first.source));
    if (!definition) return undefined;
    edits.push(edit(ctx, definition.at, definition.at, definition.text));
  }
  return edits;
}

/** Line breaks, which a replacement keeps so that the lines after keep their markers. */
const LINE_BREAK = /[\r\n]/;

/**
 * The figure's text replaced, keeping what the draft has inside its span that is not prose
 * (`a [^1]decade`, `12 <!-- x --> years`) and its line breaks, after the new value. `prose` is
 * the figure as read, with markup blanked out: a run of characters that differ from the source,
 * with any blanks between them, is markup.
 */
export function replacementText(source: string, prose: string, replacement: string): string {
  if (prose.length !== source.length || prose === source) return replacement;
  let kept = '';
  let run = -1;
  let lastMarkup = -1;
  for (let i = 0; i <= source.length; i++) {
    const markup = i < source.length && source[i] !== prose[i];
    if (markup) {
      if (run < 0) run = i;
      lastMarkup = i;
    } else if (run >= 0 && (i === source.length || /\S/.test(source[i]))) {
      kept += source.slice(run, lastMarkup + 1);
      run = -1;
    }
    if (run < 0 && LINE_BREAK.test(source[i] ?? '')) kept += source[i];
  }
  return replacement + kept;
}

function ignoreEdit(doc: FixContext, place: FigurePlace): TextEdit {
  // A comment line would break a table; in a cell the comment goes inside it.
  if (place.inTable) return edit(doc, place.citeAt, place.citeAt, ' <!-- dealcheck-disable-line -->');
  const line = doc.positionAt(place.start).line;
  // The comment goes after a byte order mark, which must stay first.
  const lineStart = doc.lineStart(line) + (line === 0 && doc.text.startsWith(BOM) ? 1 : 0);
  const prefix = doc.text.slice(lineStart, lineStart + 100).match(/^[ \t]*(?:>[ \t]?)*/)![0];
  return edit(doc, lineStart, lineStart, `${prefix}<!-- dealcheck-disable-next-line -->${doc.lineBreak}`);
}

function replaceFix(ctx: FixContext, place: FigurePlace & { match: Match }, v: SourceValue, preferred: boolean): Fix | undefined {
  const citation = citationEdits(ctx, place, v);
  if (!citation) return undefined;
  const more = v.assertions.length > 1 ? ` (+${v.assertions.length - 1} more)` : '';
  const newText = replacementText(ctx.text.slice(place.start, place.end), place.match.figure.text, v.replacement);
  return {
    title: `Replace with ${v.replacement} — ${v.assertions[0].source.title}${more}`,
    kind: 'replace',
    preferred,
    edits: [edit(ctx, place.start, place.end, newText), ...citation],
  };
}

export function fixesFor(ctx: FixContext, place: FigurePlace & { match: Match }, values: SourceValue[]): Fix[] {
  const fixes: Fix[] = [];
  if (place.match.agreeing.length) {
    const agreeing = values.find((v) => v.agrees)!;
    const edits = citationEdits(ctx, place, agreeing);
    if (edits) fixes.push({ title: `Cite ${agreeing.assertions[0].source.title}`, kind: 'cite', preferred: true, edits });
  } else {
    for (const v of values) {
      const fix = replaceFix(ctx, place, v, !fixes.length);
      if (fix) fixes.push(fix);
    }
  }
  fixes.push({ title: 'Ignore this figure', kind: 'ignore', preferred: false, edits: [ignoreEdit(ctx, place)] });
  return fixes;
}
