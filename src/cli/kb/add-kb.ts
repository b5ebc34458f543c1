/**
 * What `dealcheck kb add` proposes for a new article: every figure as a candidate assertion, its
 * sentence (or table row) the quote, read with the engine's own reader (readUnit). A figure the
 * engine pairs with a known fact becomes another assertion of that fact (under "extend"); one it
 * pairs with none becomes a new fact, its subject, object and relation guessed from the knowledge
 * base's names and words; one with no name near it is left for the curator, with its line.
 */
import { DocumentChecker, documentText } from '../../diagnostics/engine';
import type { Figure } from '../../diagnostics/figures/figure';
import { lendContext } from '../../diagnostics/context/discourse';
import { parseProse, type ProseUnit } from '../../diagnostics/markdown/prose';
import { type ExplainedCandidate, explainUnit, readUnit } from '../../diagnostics/matching/matcher';
import { VERDICT } from '../../diagnostics/matching/model';
import { layout, sentenceAt } from '../../diagnostics/reading/layout';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import type { z } from 'zod';
import { type Assertion, type Fact, type KnowledgeBaseFile, SCALE_FACTOR, type Scale } from '../../knowledge/schema';

/** A knowledge base file as written: defaults left out. */
type FileInput = z.input<typeof KnowledgeBaseFile>;
type FactInput = NonNullable<FileInput['facts']>[number];
type AssertionInput = FactInput['assertions'][number];

export interface Unplaced {
  /** 0-based line and character in the article. */
  line: number;
  character: number;
  text: string;
  sentence: string;
}

export interface Proposal {
  file: FileInput;
  unplaced: Unplaced[];
}

/**
 * The article as Markdown the engine reads: each line a paragraph (a plain-text article puts one
 * on each line), table rows kept together. Lines are not changed, so a quote taken from this text
 * is verbatim in the article; `toArticle` maps offsets back.
 */
export function asMarkdown(article: string): { text: string; toArticle: (offset: number) => number } {
  const lines = article.split('\n');
  const inserted: number[] = [];
  let text = '';
  lines.forEach((l, i) => {
    if (i > 0) {
      text += '\n';
      // A blank line between lines, except between table rows.
      if (!(l.trimStart().startsWith('|') && lines[i - 1].trimStart().startsWith('|'))) {
        inserted.push(text.length);
        text += '\n';
      }
    }
    text += l;
  });
  const toArticle = (at: number) => at - inserted.filter((p) => p < at).length;
  return { text, toArticle };
}

/** The largest scale a figure's value is a whole (or tenths) multiple of: 25e9 is 25 billion. */
function scaled(n: number, factor: number): { amount: number; scale?: Scale } {
  const scale = (Object.entries(SCALE_FACTOR) as [Scale, number][]).find(([, f]) => f === factor);
  return scale ? { amount: n / scale[1], scale: scale[0] } : { amount: n };
}

const DURATION_UNIT_BY_FACTOR: Record<number, string> = { 12: 'years', 3: 'quarters', 1: 'months' };

/** The unit a duration figure was written in, and the factor from it to months. */
function durationUnit(figure: Figure, fact?: Fact): { unit: string; per: number } {
  const byFact: Record<string, number> = { years: 12, year: 12, quarters: 3, quarter: 3, months: 1, month: 1 };
  if (fact?.unit && byFact[fact.unit]) return { unit: fact.unit, per: byFact[fact.unit] };
  const unit = DURATION_UNIT_BY_FACTOR[figure.factor] ?? 'months';
  return { unit, per: unit === 'months' ? 1 : figure.factor };
}

/** A date figure's interval (months since year 0) as a calendar value. */
function calendarValue(lo: number, hi: number): Assertion['value'] {
  const year = Math.floor(lo / 12);
  const month = lo - year * 12;
  const span = hi - lo;
  if (span === 0) return { year, month: month + 1 };
  if (span === 2 && month % 3 === 0) return { year, quarter: month / 3 + 1 };
  if (span === 5 && month % 6 === 0) return { year, half: month / 6 + 1 };
  return { year };
}

/** The value a figure writes, in the knowledge base's format (and the fact's unit, for a duration). */
export function figureValue(figure: Figure, fact?: Fact): { value: Assertion['value']; unit?: string } {
  const { lo, hi } = figure.value;
  if (figure.type === 'date') return { value: calendarValue(lo, hi) };
  if (figure.type === 'duration') {
    const { unit, per } = durationUnit(figure, fact);
    return { value: lo === hi ? lo / per : { min: lo / per, max: hi / per }, unit };
  }
  const factor = figure.factor > 1 ? figure.factor : 1;
  const a = scaled(lo, factor);
  const unit = figure.unit ? { unit: figure.unit } : {};
  if (lo !== hi) return { value: { min: a.amount, max: scaled(hi, factor).amount, ...(a.scale ? { scale: a.scale } : {}) }, ...unit };
  return { value: a.scale ? { amount: a.amount, scale: a.scale } : lo, ...unit };
}

/** A figure read in its article: its unit, where its sentence is, and the fact the engine pairs it with. */
interface Read {
  figure: Figure;
  unit: ProseUnit;
  /** Offset of the figure and of its quote in the Markdown text. */
  at: number;
  quote: string;
  /** The facts it is proposed for: the engine's verdict, and its other readings that agree with it. */
  factIds: string[];
}

/** A table's delimiter row: what makes the row above it a header. */
const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The line of the Markdown text holding `offset`, and the line after it. */
function lineAt(doc: string, offset: number): { line: string; next: string } {
  const start = doc.lastIndexOf('\n', offset - 1) + 1;
  const end = doc.indexOf('\n', offset);
  const nextEnd = end < 0 ? -1 : doc.indexOf('\n', end + 1);
  return { line: doc.slice(start, end < 0 ? doc.length : end), next: end < 0 ? '' : doc.slice(end + 1, nextEnd < 0 ? doc.length : nextEnd) };
}

/**
 * The figure's quote: its sentence in the Markdown text, or a table cell's whole row; none for a
 * figure in a table's header row ("| 2024 Size | 2028 Projection |" labels columns, claims nothing).
 */
function quoteOf(doc: string, unitStart: number, unit: ProseUnit, figure: Figure): string | undefined {
  const { line, next } = lineAt(doc, unitStart + figure.start);
  if (line.trimStart().startsWith('|')) return DELIMITER_ROW.test(next) ? undefined : line.trim();
  const s = sentenceAt(layout(unit.text, false), unit.text, figure.start);
  return doc.slice(unitStart + s.start, unitStart + s.end).trim();
}

/**
 * The facts a figure agrees with among its readings scoring close to the best one: a
 * curator adding an article wants every fact its figure may give a value for ("~$18B (est.)" in
 * a row of compute credits is Anthropic's investment and its compute credits), even where a check
 * would rather stay silent than guess between them.
 */
function agreeingReadings(kb: KnowledgeBase, candidates: readonly ExplainedCandidate[], sentence: string): string[] {
  const scored = candidates.filter((c) => c.score !== undefined);
  const agreeing = scored.filter((c) => c.agrees);
  if (agreeing.length) {
    const best = Math.max(...scored.map((c) => c.score!));
    // The wider of the verdict's margins: the one within which a figure echoing a fact's hedge still reads as it.
    return agreeing.filter((c) => c.score! >= best - VERDICT.echoMargin).map((c) => c.fact);
  }
  // Else the facts a gate ruled out ("The repository has over 1,200 stars" names no party) whose
  // value it gives and whose words its sentence says.
  const words = new Set(kb.findKeywords(sentence).map((k) => k.keyword));
  const byId = new Map(kb.facts.map((f) => [f.fact.id, f]));
  return candidates.filter((c) => c.agrees && [...(byId.get(c.fact)?.keywords ?? [])].some((k) => words.has(k))).map((c) => c.fact);
}

/** Every figure of the article with what the engine makes of it. */
function readArticle(markdown: string, kb: KnowledgeBase): Read[] {
  const out: Read[] = [];
  for (const block of new DocumentChecker(kb).blockContexts(markdown)) {
    const { units } = lendContext(parseProse(block.text).units, kb, block.previous, undefined, block.text);
    for (const unit of units) {
      const unitStart = block.start + unit.start;
      const explained = explainUnit(unit, kb);
      readUnit(unit, kb).forEach((r, i) => {
        const quote = quoteOf(markdown, unitStart, unit, r.figure);
        if (quote === undefined) return;
        const factIds = [...new Set([...(r.match ? [r.match.fact.fact.id] : []), ...agreeingReadings(kb, explained[i]?.candidates ?? [], quote)])];
        out.push({ figure: r.figure, unit, at: unitStart + r.figure.start, quote, factIds });
      });
    }
  }
  return out;
}

/** A figure's hedge as an assertion's: a range of values ("$10-15 billion") is hedged "range", a date never is. */
function hedgeOf(figure: Figure): Assertion['hedge'] {
  return figure.type !== 'date' && figure.value.lo !== figure.value.hi ? 'range' : figure.hedge;
}

/** The assertion a figure proposes. */
function candidate(read: Read, sourceId: string, fact?: Fact): AssertionInput {
  const { value } = figureValue(read.figure, fact);
  const hedge = hedgeOf(read.figure);
  return { source: sourceId, value, ...(hedge === 'exact' ? {} : { hedge }), quote: read.quote };
}

/** Relations scored by their words in the sentence, those with facts of the figure's type first. */
function guessRelation(kb: KnowledgeBase, sentence: string, figure: Figure): string | undefined {
  const hits = new Map<string, number>();
  const words = new Set(kb.findKeywords(sentence).map((k) => k.keyword));
  for (const r of kb.relations.values()) {
    const n = r.keywords.filter((k) => words.has(k.toLowerCase())).length;
    if (n) hits.set(r.id, n + (kb.facts.some((f) => f.fact.relation === r.id && f.fact.type === figure.type) ? 0.5 : 0));
  }
  return [...hits].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Who a figure is about: in a table cell, whom its column and row headers name (a chip's column,
 * a company's row); in prose, the first party named before it in its sentence, else after it.
 * The object is the next party named.
 */
function guessParties(kb: KnowledgeBase, read: Read): { subject?: string; object?: string } {
  const { table } = read.unit;
  const entities = table
    ? [table.columnHeader, table.rowHeader, table.rowContext].flatMap((t) => kb.findMentions(t).map((m) => m.entity))
    : (() => {
        const mentions = kb.findMentions(read.quote);
        const at = read.quote.indexOf(read.figure.text);
        const before = mentions.filter((m) => at < 0 || m.end <= at);
        // A sentence naming nobody ("The repository has over 1,200 stars") is about whom the text before it names last.
        const earlier = [read.unit.text.slice(0, read.figure.start), read.unit.previous ?? ''].flatMap((t) => kb.findMentions(t).reverse());
        return [...before, ...mentions.filter((m) => !before.includes(m)), ...earlier].map((m) => m.entity);
      })();
  const subject = entities[0];
  return { subject, object: entities.find((e) => e !== subject) };
}

/** A new fact for a figure no known fact fits, its parts guessed from the sentence's names and words. */
function newFact(kb: KnowledgeBase, read: Read, sourceId: string, taken: Set<string>): FactInput | undefined {
  const { subject, object } = guessParties(kb, read);
  if (!subject) return undefined;
  const relation = guessRelation(kb, read.quote, read.figure) ?? 'todo';
  const { unit } = figureValue(read.figure);
  const name = kb.entities.get(subject)?.name ?? subject;
  const label = kb.relations.get(relation)?.label ?? read.figure.type;
  let id = `${subject}-${relation}${object ? `-${object}` : ''}`;
  for (let n = 2; taken.has(id); n++) id = `${subject}-${relation}${object ? `-${object}` : ''}-${n}`;
  taken.add(id);
  return {
    id,
    statement: `${name}'s ${label}${object ? ` (${kb.entities.get(object)?.name ?? object})` : ''}`,
    subject,
    relation,
    ...(object ? { object } : {}),
    type: read.figure.type,
    ...(unit ? { unit } : {}),
    assertions: [candidate(read, sourceId)],
  };
}

/** Proposes the article's figures as assertions of source `sourceId`, against the knowledge base `kb`. */
export function proposeAssertions(article: string, kb: KnowledgeBase, source: { id: string; file: string; title: string }): Proposal {
  const { text, toArticle } = asMarkdown(article);
  const extend = new Map<string, AssertionInput[]>();
  const facts: FactInput[] = [];
  const taken = new Set(kb.facts.map((f) => f.fact.id));
  const knownFacts = new Map(kb.facts.map((f) => [f.fact.id, f.fact]));
  const unplaced: Unplaced[] = [];
  const position = documentText(article);
  for (const read of readArticle(text, kb)) {
    if (read.factIds.length) {
      for (const id of read.factIds) extend.set(id, [...(extend.get(id) ?? []), candidate(read, source.id, knownFacts.get(id)!)]);
      continue;
    }
    const fact = newFact(kb, read, source.id, taken);
    if (fact) facts.push(fact);
    else unplaced.push({ ...position.positionAt(toArticle(read.at)), text: read.figure.text, sentence: read.quote });
  }
  const file: FileInput = {
    version: 1,
    sources: [{ ...source }],
    ...(facts.length ? { facts } : {}),
    ...(extend.size ? { extend: { facts: [...extend].map(([id, assertions]) => ({ id, assertions })) } } : {}),
  };
  return { file, unplaced };
}
