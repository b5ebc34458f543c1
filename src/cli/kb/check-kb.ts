/**
 * What `dealcheck kb check` finds in knowledge base files, beyond what loading them reports:
 * quotes not verbatim in their source text, values their quote does not write, sources, entities,
 * relations and qualifiers nothing uses, and facts whose sources disagree. Pure: the source texts
 * come in as a lookup.
 */
import { findFigures } from '../../diagnostics/figures/find-figures';
import { DIGITS, parseDigits } from '../../diagnostics/figures/numbers';
import { type KbProblem, type LoadedFile, formatPath } from '../../knowledge/loader';
import { type MergedKnowledgeBase, type Origin } from '../../knowledge/merge';
import { type Assertion, type Fact, SCALE_FACTOR, type Source, statusesOf } from '../../knowledge/schema';
import { assertionInterval } from '../../knowledge/values';

export type Severity = 'error' | 'warning' | 'info';

export interface CheckProblem extends KbProblem {
  severity: Severity;
}

/** A source's text, or why it could not be read. */
export type SourceText = { text: string } | { error: string };

/** How much of a quote to show around the place it stops matching its source. */
const SHOWN_CONTEXT = 24;

function at(origin: Origin, path: (string | number)[], severity: Severity, message: string): CheckProblem {
  const full = [...origin.path, ...path];
  return { file: origin.file.file, ...origin.file.locate(full), field: formatPath(full), severity, message };
}

/** The longest start of `quote` that `text` contains (a prefix found implies every shorter one is). */
function longestPrefix(text: string, quote: string): { length: number; at: number } {
  let lo = 0;
  let hi = quote.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (text.includes(quote.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return { length: lo, at: lo ? text.indexOf(quote.slice(0, lo)) : -1 };
}

/** Characters writers and sources spell differently, each to a plain twin of the same length. */
const LOOKALIKES: Record<string, string> = { '‘': "'", '’': "'", 'ʼ': "'", '“': '"', '”': '"', '–': '-', '—': '-', '−': '-', '\u00a0': ' ', '\t': ' ', '\n': ' ', '\r': ' ' };

function plain(s: string): string {
  return s.replace(/[‘’ʼ“”–—−\u00a0\t\n\r]/g, (c) => LOOKALIKES[c]);
}

/** The first character where a quote that matches its source but for lookalikes differs from it. */
function lookalikeMismatch(text: string, quote: string): string | undefined {
  const found = plain(text).indexOf(plain(quote));
  if (found < 0) return undefined;
  let k = 0;
  while (k < quote.length && quote[k] === text[found + k]) k++;
  const after = quote.slice(Math.max(0, k - SHOWN_CONTEXT), k);
  return `the quote is not verbatim in the source text: after ${JSON.stringify(after)} the source writes ${JSON.stringify(text[found + k])}, the quote ${JSON.stringify(quote[k])} (copy quotes and dashes as the source has them)`;
}

/** Where a quote stops matching its source, in words a curator can act on (curly quotes, dashes…). */
export function quoteMismatch(text: string, quote: string): string | undefined {
  if (text.includes(quote)) return undefined;
  const lookalike = lookalikeMismatch(text, quote);
  if (lookalike) return lookalike;
  const { length, at: found } = longestPrefix(text, quote);
  if (length < Math.min(12, quote.length)) return 'the quote is not in the source text';
  const seen = JSON.stringify(quote.slice(length, length + SHOWN_CONTEXT));
  const source = JSON.stringify(text.slice(found + length, found + length + SHOWN_CONTEXT));
  return `the quote is not verbatim in the source text: after ${JSON.stringify(quote.slice(Math.max(0, length - SHOWN_CONTEXT), length))} the quote has ${seen}, the source ${source}`;
}

/** Relative tolerance when comparing a written figure with an asserted value (floating point only). */
const TOLERANCE = 1e-9;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The numbers an assertion's value is written with, in the fact's own unit: 25 for $25 billion, 2026 and 3 for Q3 2026. */
function writtenNumbers(a: Assertion): number[][] {
  const v = a.value;
  if (typeof v === 'number') {
    const scaled = Object.values(SCALE_FACTOR).filter((f) => Math.abs(v) >= f).map((f) => v / f);
    return [[v], ...scaled.map((n) => [n])];
  }
  if ('year' in v) return [[v.year, ...[v.quarter, v.half, v.month].filter((n): n is number => n !== undefined)]];
  return 'amount' in v ? [[v.amount]] : [[v.min, v.max]];
}

const NUMBER = new RegExp(`(?<![\\d.,])(?:${DIGITS})(?![\\d])`, 'g');

/**
 * Whether the quote writes the assertion's value, in any spelling: a figure the engine reads from
 * it with the same value ("4 billion dollars" for {"amount": 4, "scale": "billion"}), or, where
 * the engine reads no figure (a bare number in a table row), the number itself.
 */
export function quoteWritesValue(fact: Fact, a: Assertion): boolean {
  const iv = assertionInterval(fact, a);
  if (findFigures(a.quote).some((f) => close(f.value.lo, iv.lo) && close(f.value.hi, iv.hi))) return true;
  const numbers = [...a.quote.matchAll(NUMBER)].map((m) => parseDigits(m[0]));
  return writtenNumbers(a).some((all) => all.every((n) => numbers.some((m) => close(m, n))));
}

const HEDGE_WORDS: Record<Assertion['hedge'], string> = {
  exact: '',
  range: '',
  'up-to': 'up to ',
  'more-than': 'more than ',
  'at-least': 'at least ',
  about: 'about ',
  nearly: 'nearly ',
  'less-than': 'less than ',
  estimate: 'an estimated ',
};

/** A value as the disputes list shows it: "$25 billion", "33%", "Q3 2026", "10 years". */
/** A unit as messages write it: its label or first spelling ("MW", "$ per kWh"), found by id or by spelling. */
function unitWords(kb: MergedKnowledgeBase, unit: string | undefined): string {
  if (unit === undefined) return '';
  const u = kb.units.get(unit) ?? [...kb.units.values()].find((x) => x.spellings.includes(unit));
  return u?.label ?? u?.spellings[0] ?? unit;
}

export function formatValue(fact: Fact, a: Assertion, unit: string = fact.unit ?? ''): string {
  const v = a.value;
  if (typeof v === 'object' && 'year' in v) return `${v.quarter ? `Q${v.quarter} ` : v.half ? `H${v.half} ` : v.month ? `${v.month}/` : ''}${v.year}`;
  const scale = typeof v === 'object' && v.scale ? ` ${v.scale}` : '';
  const number = typeof v === 'number' ? v.toLocaleString('en-US') : 'amount' in v ? String(v.amount) : `${v.min}-${v.max}`;
  const hedge = HEDGE_WORDS[a.hedge];
  switch (fact.type) {
    case 'money':
      return `${hedge}$${number}${scale}`;
    case 'percent':
      return `${hedge}${number}%`;
    case 'multiple':
      return `${hedge}${number}x`;
    default:
      return `${hedge}${number}${scale} ${unit}`.trimEnd();
  }
}

/** The quote and value checks of every assertion whose source text could be read. */
function checkQuotes(kb: MergedKnowledgeBase, checked: ReadonlySet<LoadedFile>, texts: (source: Source) => SourceText): CheckProblem[] {
  const out: CheckProblem[] = [];
  const unreadable = new Set<string>();
  for (const fact of kb.facts.values()) {
    for (const a of fact.assertions) {
      const origin = kb.origins.get(a);
      if (!origin || !checked.has(origin.file)) continue;
      const source = kb.sources.get(a.source)!;
      const text = texts(source);
      if ('error' in text) {
        if (!unreadable.has(source.id)) out.push(at(kb.origins.get(source) ?? origin, kb.origins.has(source) ? ['file'] : ['source'], 'error', text.error));
        unreadable.add(source.id);
        continue;
      }
      const mismatch = quoteMismatch(text.text, a.quote);
      if (mismatch) out.push(at(origin, ['quote'], 'error', mismatch));
      if (!quoteWritesValue(fact, a)) out.push(at(origin, ['value'], 'error', `the quote does not write this value (${formatValue(fact, a, unitWords(kb, fact.unit))}) in any spelling dealcheck reads`));
    }
  }
  return out;
}

/** Entries of the checked files that no fact uses. */
function unused(kb: MergedKnowledgeBase, checked: ReadonlySet<LoadedFile>): CheckProblem[] {
  const used = { sources: new Set<string>(), entities: new Set<string>(), relations: new Set<string>(), qualifiers: new Set<string>() };
  for (const fact of kb.facts.values()) {
    for (const a of fact.assertions) used.sources.add(a.source);
    for (const e of [fact.subject, fact.object]) if (e) used.entities.add(e);
    used.relations.add(fact.relation);
    for (const q of fact.qualifiers) used.qualifiers.add(q);
  }
  // An alternative of a used qualifier (another of its facet) rules facts out: it is used too.
  const facets = new Set([...used.qualifiers].map((q) => kb.qualifiers.get(q)?.facet).filter((f) => f !== undefined));
  for (const q of kb.qualifiers.values()) if (q.facet !== undefined && facets.has(q.facet)) used.qualifiers.add(q.id);
  // A line an entity of a fact belongs to is used too: drafts name the line for the generation;
  // and so is its maker, which drafts name for the product; and a person who speaks for a
  // company of a fact, whom drafts name for the company.
  // So are a group's members: drafts name the group by them.
  for (const id of [...used.entities]) {
    const { family, maker } = kb.entities.get(id) ?? {};
    if (family) used.entities.add(family);
    if (maker) used.entities.add(maker);
    for (const member of kb.entities.get(id)?.members ?? []) used.entities.add(member);
  }
  for (const e of kb.entities.values()) if (e.speaksFor !== undefined && used.entities.has(e.speaksFor)) used.entities.add(e.id);
  const out: CheckProblem[] = [];
  const sections = [
    ['sources', 'source', kb.sources, 'no assertion cites it'],
    ['entities', 'entity', kb.entities, 'no fact has it as subject or object (a draft naming it still counts against facts about others)'],
    ['relations', 'relation', kb.relations, 'no fact has it'],
    ['qualifiers', 'qualifier', kb.qualifiers, 'no fact has it'],
  ] as const;
  for (const [section, singular, entries, why] of sections) {
    for (const [id, entry] of entries) {
      const origin = kb.origins.get(entry);
      // An exclusive relation or qualifier is there to rule facts out ("valuation" against an investment): no fact needs it.
      const exclusive = 'exclusive' in entry && entry.exclusive === true;
      if (origin && checked.has(origin.file) && !used[section].has(id) && !exclusive) out.push(at(origin, ['id'], 'warning', `${singular} "${id}" is unused: ${why}`));
    }
  }
  return out;
}

/** The facts of the checked files whose sources give different values: different events, or a real dispute? */
function disputes(kb: MergedKnowledgeBase, checked: ReadonlySet<LoadedFile>): CheckProblem[] {
  const out: CheckProblem[] = [];
  for (const fact of kb.facts.values()) {
    const origin = kb.origins.get(fact);
    if (!origin || !checked.has(origin.file)) continue;
    const byValue = new Map<string, string[]>();
    for (const a of fact.assertions) {
      const iv = assertionInterval(fact, a);
      const key = `${iv.lo}|${iv.hi}`;
      const source = kb.sources.get(a.source)!;
      const said = [a.source, a.asOf ?? source.date, statusesOf(a).join(' and ')].filter(Boolean).join(', ');
      byValue.set(key, [...(byValue.get(key) ?? []), `${formatValue(fact, a, unitWords(kb, fact.unit))} (${said})`]);
    }
    if (byValue.size > 1)
      out.push(at(origin, ['id'], 'info', `sources disagree on ${fact.statement}: ${[...byValue.values()].map((v) => v.join(', ')).join('; ')}. Different events (then split the fact), or a real dispute?`));
  }
  return out;
}

/**
 * Everything `kb check` reports beyond loading: for the `checked` files only (the bundled
 * knowledge base is checked when it is one of them), in file and line order.
 */
export function checkKnowledgeBase(kb: MergedKnowledgeBase, checked: readonly LoadedFile[], texts: (source: Source) => SourceText): CheckProblem[] {
  const files = new Set(checked);
  const loading: CheckProblem[] = kb.problems.map((p) => ({ ...p, severity: 'error' }));
  const found = [...loading, ...checkQuotes(kb, files, texts), ...unused(kb, files), ...disputes(kb, files)];
  const order = new Map(checked.map((f, i) => [f.file, i]));
  return found.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line || a.character - b.character);
}
