/**
 * The knowledge base the engine checks against: the bundled file and any user files merged,
 * cross-references checked, and indexes built once for fast matching.
 */
import { type KbProblem, type LoadedFile, loadKnowledgeBaseText } from './loader';
import { mergeKnowledgeBases } from './merge';
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
  /** How a completed claim of its relation reads where sources differ on status ("invested"). */
  completedWord?: string;
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

/** Merges files in order (see merge.ts) and compiles the facts for matching. */
export function buildKnowledgeBase(files: readonly LoadedFile[]): KnowledgeBaseResult {
  const { sources, entities, relations, qualifiers, facts, problems } = mergeKnowledgeBases(files);

  const dated = new Set([...facts.values()].filter((fact) => fact.type === 'date').map((fact) => `${fact.subject}|${fact.relation}`));
  const compiled: CompiledFact[] = [];
  for (const fact of facts.values()) {
    const assertions = fact.assertions.map((a) => ({ assertion: a, source: sources.get(a.source)!, interval: assertionInterval(fact, a) }));
    const own = new Set(fact.keywords.map((k) => k.toLowerCase()));
    compiled.push({
      fact,
      unit: baseUnit(fact),
      assertions,
      keywords: new Set([...relations.get(fact.relation)!.keywords.map((k) => k.toLowerCase()), ...own]),
      ownKeywords: own,
      relationImplied: relations.get(fact.relation)!.implied,
      yearHasDateFact: fact.year !== undefined && dated.has(`${fact.subject}|${fact.relation}`),
      completedWord: relations.get(fact.relation)!.completedWord,
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
