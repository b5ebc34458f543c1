/**
 * The knowledge base the engine checks against: the bundled file and any user files merged,
 * cross-references checked, and indexes built once for fast matching.
 */
import { type KbProblem, type LoadedFile, loadKnowledgeBaseText } from './loader';
import type { Assertion, Entity, Fact, Qualifier, Relation, Source, ValueType } from './schema';
import { type BaseInterval, assertionInterval, baseUnit } from './values';

export interface CompiledAssertion {
  assertion: Assertion;
  source: Source;
  interval: BaseInterval;
}

export interface CompiledFact {
  fact: Fact;
  unit: string | undefined;
  assertions: CompiledAssertion[];
  /** Lowercase keywords of the fact's relation and of the fact itself. */
  keywords: Set<string>;
  /** Lowercase keywords of the fact's own list: evidence that names this fact and no other. */
  ownKeywords: Set<string>;
  /** Its relation goes without saying beside its subject (a market's money figure is its size). */
  relationImplied: boolean;
  /**
   * Its year is a deadline ("30-50% of cloud spending by 2028") that a date fact about the same
   * subject and relation states too: another year beside the figure is that date fact's
   * conflict, not a sign that the figure is about something else.
   */
  yearHasDateFact: boolean;
}

export interface Mention {
  entity: string;
  start: number;
  end: number;
}

export interface KeywordHit {
  keyword: string;
  start: number;
  end: number;
}

export interface KnowledgeBase {
  sources: ReadonlyMap<string, Source>;
  entities: ReadonlyMap<string, Entity>;
  relations: ReadonlyMap<string, Relation>;
  qualifiers: ReadonlyMap<string, Qualifier>;
  facts: readonly CompiledFact[];
  factsByType: ReadonlyMap<ValueType, readonly CompiledFact[]>;
  /** Qualifier id → its lowercase keywords. */
  qualifierKeywords: ReadonlyMap<string, Set<string>>;
  /** Qualifiers writers often leave unsaid. */
  implicitQualifiers: ReadonlySet<string>;
  findMentions(text: string): Mention[];
  findKeywords(text: string): KeywordHit[];
}

export interface KnowledgeBaseResult {
  kb: KnowledgeBase;
  problems: KbProblem[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WORD_END = '(?![\\p{L}\\p{N}])';

/** Keywords this short ("to", "up") are whole words: "today" is not "to", nor "upfront" "up". */
function isShortWord(keyword: string): boolean {
  return keyword.length <= 2;
}

/** Word-start matching, longest alternatives first. Aliases, and the shortest keywords, also end at a word boundary. */
function alternation(words: Iterable<string>, wholeWord: boolean): string {
  const sorted = [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegExp(w).replace(/\s+/g, '\\s+') + (!wholeWord && isShortWord(w) ? WORD_END : ''));
  return `(?<![\\p{L}\\p{N}])(?:${sorted.join('|') || '(?!)'})${wholeWord ? WORD_END : ''}`;
}

function isAcronym(alias: string): boolean {
  return alias.length <= 5 && alias === alias.toUpperCase() && /[A-Z]/.test(alias);
}

/** Merges files in order; later files add to earlier ones (same-id facts gain assertions). */
// eslint-disable-next-line complexity -- 33 > 15: to be split (issue 10's loading and index work)
export function buildKnowledgeBase(files: readonly LoadedFile[]): KnowledgeBaseResult {
  const problems: KbProblem[] = files.flatMap((f) => f.problems);
  const sources = new Map<string, Source>();
  const entities = new Map<string, Entity>();
  const relations = new Map<string, Relation>();
  const qualifiers = new Map<string, Qualifier>();
  const facts = new Map<string, { fact: Fact; origin: LoadedFile; index: number }>();

  const entityOrigins = new Map<string, { origin: LoadedFile; index: number }>();
  for (const file of files) {
    for (const s of file.content.sources) sources.set(s.id, s);
    file.content.entities.forEach((e, index) => {
      const prior = entities.get(e.id);
      entities.set(e.id, prior ? { ...prior, family: e.family ?? prior.family, aliases: [...new Set([...prior.aliases, ...e.aliases])] } : e);
      if (e.family !== undefined) entityOrigins.set(e.id, { origin: file, index });
    });
    for (const r of file.content.relations) {
      const prior = relations.get(r.id);
      relations.set(r.id, prior ? { ...prior, keywords: [...new Set([...prior.keywords, ...r.keywords])] } : r);
    }
    for (const q of file.content.qualifiers) {
      const prior = qualifiers.get(q.id);
      qualifiers.set(q.id, prior ? { ...prior, keywords: [...new Set([...prior.keywords, ...q.keywords])] } : q);
    }
    file.content.facts.forEach((f, index) => {
      const prior = facts.get(f.id);
      if (prior) prior.fact = { ...prior.fact, assertions: [...prior.fact.assertions, ...f.assertions] };
      else facts.set(f.id, { fact: f, origin: file, index });
    });
  }

  for (const [id, { origin, index }] of entityOrigins) {
    const family = entities.get(id)?.family;
    if (family !== undefined && (!entities.has(family) || family === id)) {
      const message = family === id ? 'family: an entity is not its own family' : `family: unknown entity "${family}"`;
      problems.push({ file: origin.file, ...origin.locate(['entities', index, 'family']), field: `entities[${index}].family`, message });
      entities.set(id, { ...entities.get(id)!, family: undefined });
    }
  }

  const dated = new Set([...facts.values()].filter(({ fact }) => fact.type === 'date').map(({ fact }) => `${fact.subject}|${fact.relation}`));
  const compiled: CompiledFact[] = [];
  for (const { fact, origin, index } of facts.values()) {
    const at = (path: (string | number)[], message: string) =>
      problems.push({ file: origin.file, ...origin.locate(['facts', index, ...path]), field: `facts[${index}].${path.join('.')}`, message });
    let ok = true;
    for (const role of ['subject', 'object'] as const) {
      const id = fact[role];
      if (id && !entities.has(id)) {
        at([role], `${role}: unknown entity "${id}"`);
        ok = false;
      }
    }
    if (!relations.has(fact.relation)) {
      at(['relation'], `relation: unknown relation "${fact.relation}"`);
      ok = false;
    }
    fact.qualifiers.forEach((q, i) => {
      if (!qualifiers.has(q)) {
        at(['qualifiers', i], `qualifiers: unknown qualifier "${q}"`);
        ok = false;
      }
    });
    const assertions: CompiledAssertion[] = [];
    fact.assertions.forEach((a, i) => {
      const source = sources.get(a.source);
      const isDate = typeof a.value === 'object' && 'year' in a.value;
      if (!source) at(['assertions', i, 'source'], `source: unknown source "${a.source}"`);
      else if (isDate !== (fact.type === 'date'))
        at(['assertions', i, 'value'], fact.type === 'date' ? 'value: expected a date like {"year": 2026, "quarter": 3}' : 'value: expected a number, not a date');
      else assertions.push({ assertion: a, source, interval: assertionInterval(fact, a) });
    });
    if (!ok || !assertions.length) continue;
    const own = new Set(fact.keywords.map((k) => k.toLowerCase()));
    compiled.push({
      fact,
      unit: baseUnit(fact),
      assertions,
      keywords: new Set([...relations.get(fact.relation)!.keywords.map((k) => k.toLowerCase()), ...own]),
      ownKeywords: own,
      relationImplied: relations.get(fact.relation)!.implied,
      yearHasDateFact: fact.year !== undefined && dated.has(`${fact.subject}|${fact.relation}`),
    });
  }

  const factsByType = new Map<ValueType, CompiledFact[]>();
  for (const f of compiled) factsByType.set(f.fact.type, [...(factsByType.get(f.fact.type) ?? []), f]);

  const aliasOwner = new Map<string, string>();
  const exactAliases = new Set<string>();
  for (const e of entities.values()) {
    for (const alias of [e.name, ...e.aliases]) {
      if (isAcronym(alias)) exactAliases.add(alias);
      aliasOwner.set(isAcronym(alias) ? alias : alias.toLowerCase(), e.id);
    }
  }
  const mentionRe = new RegExp(alternation([...entities.values()].flatMap((e) => [e.name, ...e.aliases]), true), 'giu');

  const qualifierKeywords = new Map([...qualifiers.values()].map((q) => [q.id, new Set(q.keywords.map((k) => k.toLowerCase()))]));
  const allKeywords = new Set<string>();
  for (const f of compiled) for (const k of f.keywords) allKeywords.add(k);
  for (const ks of qualifierKeywords.values()) for (const k of ks) allKeywords.add(k);
  const keywordRe = new RegExp(alternation(allKeywords, false), 'giu');
  // The regex takes the longest keyword at a place; "projected" also says "project".
  const keywordPrefixes = new Map<string, string[]>();
  for (const k of allKeywords) {
    const prefixes = [...allKeywords].filter((p) => p !== k && k.startsWith(p) && (!isShortWord(p) || !/[\p{L}\p{N}]/u.test(k[p.length])));
    if (prefixes.length) keywordPrefixes.set(k, prefixes);
  }

  const kb: KnowledgeBase = {
    sources,
    entities,
    relations,
    qualifiers,
    facts: compiled,
    factsByType,
    qualifierKeywords,
    implicitQualifiers: new Set([...qualifiers.values()].filter((q) => q.implicit).map((q) => q.id)),
    findMentions(text) {
      const out: Mention[] = [];
      for (const m of text.matchAll(mentionRe)) {
        const written = m[0].replace(/\s+/g, ' ');
        const exact = aliasOwner.get(written);
        const entity = exact && exactAliases.has(written) ? exact : aliasOwner.get(written.toLowerCase());
        // "aws" in lower case is not the acronym AWS.
        if (!entity) continue;
        out.push({ entity, start: m.index, end: m.index + m[0].length });
      }
      return out;
    },
    findKeywords(text) {
      return [...text.matchAll(keywordRe)].flatMap((m) => {
        const keyword = m[0].toLowerCase().replace(/\s+/g, ' ');
        const span = { start: m.index, end: m.index + m[0].length };
        return [keyword, ...(keywordPrefixes.get(keyword) ?? [])].map((k) => ({ keyword: k, ...span }));
      });
    },
  };
  return { kb, problems };
}

/** Convenience for tests and tools: build from in-memory texts. */
export function knowledgeBaseFromTexts(files: readonly { file: string; text: string }[]): KnowledgeBaseResult {
  return buildKnowledgeBase(files.map((f) => loadKnowledgeBaseText(f.file, f.text)));
}
