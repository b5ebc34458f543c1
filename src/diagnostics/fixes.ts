/**
 * The fixes for a finding: replace the figure with a source's value and cite that source, cite
 * the agreeing source, or silence the figure. Worked out on demand: they depend on the whole
 * document (its end, its existing citations), not only on the figure's block.
 */
import { citationLabel, existingCitations, footnoteDefinition } from './citations';
import type { Fix, Position, TextEdit } from './finding';
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
}

/** Once per document: the citations it already has. */
export function fixContext(doc: DocumentText): FixContext {
  return { ...doc, citations: existingCitations(doc.text) };
}

/** The document's own line ending: a CRLF draft stays CRLF. */
function lineEnding(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

function edit(doc: DocumentText, start: number, end: number, newText: string): TextEdit {
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText };
}

/** The edits that cite `value`'s first source after the figure's sentence. */
function citationEdits(ctx: FixContext, place: FigurePlace, value: SourceValue): TextEdit[] {
  const first = value.assertions[0];
  const { label, isNew } = citationLabel(ctx.citations, first.source.id, first.assertion.quote);
  const edits: TextEdit[] = [];
  const following = ctx.text.slice(place.citeAt, place.citeAt + 200).match(/^(?:\[\^[^\]\s]+\])*/)![0];
  if (!following.includes(`[^${label}]`)) edits.push(edit(ctx, place.citeAt, place.citeAt, `[^${label}]`));
  if (isNew) {
    const end = ctx.text.length;
    const eol = lineEnding(ctx.text);
    const lead = ctx.text.endsWith('\n') ? '' : eol;
    const tail = ctx.text.slice(Math.max(0, end - 2000));
    const endsWithCitations = /\n\[\^dc-[^\]]+\]:[^\n]*?\r?\n?$/.test(tail);
    edits.push(edit(ctx, end, end, `${lead}${endsWithCitations ? '' : eol}${footnoteDefinition(label, first.assertion.quote, first.source)}${eol}`));
  }
  return edits;
}

function ignoreEdit(doc: DocumentText, place: FigurePlace): TextEdit {
  // A comment line would break a table; in a cell the comment goes inside it.
  if (place.inTable) return edit(doc, place.citeAt, place.citeAt, ' <!-- dealcheck-disable-line -->');
  const lineStart = doc.lineStart(doc.positionAt(place.start).line);
  const prefix = doc.text.slice(lineStart, lineStart + 100).match(/^[ \t]*(?:>[ \t]?)*/)![0];
  return edit(doc, lineStart, lineStart, `${prefix}<!-- dealcheck-disable-next-line -->${lineEnding(doc.text)}`);
}

export function fixesFor(ctx: FixContext, place: FigurePlace & { match: Match }, values: SourceValue[]): Fix[] {
  const fixes: Fix[] = [];
  if (place.match.agreeing.length) {
    const agreeing = values.find((v) => v.agrees)!;
    fixes.push({ title: `Cite ${agreeing.assertions[0].source.title}`, kind: 'cite', preferred: true, edits: citationEdits(ctx, place, agreeing) });
  } else {
    values.forEach((v, i) => {
      const more = v.assertions.length > 1 ? ` (+${v.assertions.length - 1} more)` : '';
      fixes.push({
        title: `Replace with ${v.replacement} — ${v.assertions[0].source.title}${more}`,
        kind: 'replace',
        preferred: i === 0,
        edits: [edit(ctx, place.start, place.end, v.replacement), ...citationEdits(ctx, place, v)],
      });
    });
  }
  fixes.push({ title: 'Ignore this figure', kind: 'ignore', preferred: false, edits: [ignoreEdit(ctx, place)] });
  return fixes;
}
