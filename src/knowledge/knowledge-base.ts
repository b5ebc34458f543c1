/**
 * The knowledge base the engine checks against: the bundled file and any user files merged,
 * cross-references checked, and indexes built once for fast matching.
 */
import { type KbProblem, type LoadedFile, loadKnowledgeBaseText } from './loader';
import { buildLookups } from './lookup';
import { mergeKnowledgeBases } from './merge';
import type { Assertion, Entity, Fact, Hedge, Qualifier, Relation, Source, Unit, ValueType } from './schema';
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
  /** Lowercase keywords of the fact's relation and of the fact itself (shared with its relation's other facts when it has none of its own). */
  keywords: ReadonlySet<string>;
  /** Lowercase keywords of the fact's own list: evidence that names this fact and no other. */
  ownKeywords: ReadonlySet<string>;
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
  /** Lowercase prepositions that, between the figure and the fact's object right after, say its relation ("$13 billion in OpenAI"). */
  objectPrepositions: readonly string[];
}

/**
 * Every assertion of one type's facts, in the knowledge base's order, as parallel lists: the value
 * (its interval's ends) and hedge of entry i belong to assertions[i] of facts[i]. An index of
 * values is built from these lists without visiting each fact again: with 100,000 assertions a
 * visit of them all took some 80 ms of reads scattered over the heap, where these are read in a row.
 */
export interface AssertionValues {
  facts: CompiledFact[];
  assertions: CompiledAssertion[];
  lo: number[];
  hi: number[];
  hedges: Hedge[];
}

/** An exclusive relation or qualifier: a figure said with its words belongs only to facts that have it. */
export interface Scope {
  id: string;
  of: 'relation' | 'qualifier';
  /** Lowercase keywords. */
  keywords: ReadonlySet<string>;
  /** The types of fact it rules out (all when absent). */
  types?: ReadonlySet<ValueType>;
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

/** Who and what sibling facts share: a fact's subject, relation and object. */
export type SiblingKey = Pick<Fact, 'subject' | 'relation' | 'object'>;

export interface KnowledgeBase {
  sources: ReadonlyMap<string, Source>;
  entities: ReadonlyMap<string, Entity>;
  relations: ReadonlyMap<string, Relation>;
  qualifiers: ReadonlyMap<string, Qualifier>;
  /** The count and spec units, by id: what figures are counted or measured in. */
  units: ReadonlyMap<string, Unit>;
  facts: readonly CompiledFact[];
  factsByType: ReadonlyMap<ValueType, readonly CompiledFact[]>;
  /** The assertions of each type's facts, as flat lists of their values. */
  valuesByType: ReadonlyMap<ValueType, Readonly<AssertionValues>>;
  /** Qualifier id → its lowercase keywords. */
  qualifierKeywords: ReadonlyMap<string, Set<string>>;
  /** Qualifiers writers often leave unsaid. */
  implicitQualifiers: ReadonlySet<string>;
  /** Qualifiers writers say once for a passage or a table (`frames`): the context can say them. */
  framingQualifiers: ReadonlySet<string>;
  /** Qualifier id → the other qualifiers of its facet (its alternatives: "inference" for "training"). */
  facetMates: ReadonlyMap<string, readonly string[]>;
  /** Relations and qualifiers whose words name their measure or period and no other (`exclusive`). */
  scopes: readonly Scope[];
  findMentions(text: string): Mention[];
  findKeywords(text: string): KeywordHit[];
  /**
   * How many different parties the knowledge base has in `role` for facts like `fact` (same
   * relation, same other party, same qualifiers): 1 means the rest of the fact implies that party.
   * Exact when there are several (the matcher asks only whether there are); otherwise 1 for a
   * fact with a party in `role`, 0 for one without.
   */
  rolePartners(fact: Fact, role: 'subject' | 'object'): number;
  /** The facts of a type a figure could be about, given the entities and words around it (see lookup.ts). */
  candidateFacts(type: ValueType, entities: Iterable<string>, words: Iterable<string>): readonly CompiledFact[];
  /** The facts with this subject, relation and object (a fact's own: itself included), in order (see lookup.ts). */
  siblingFacts(parties: SiblingKey): readonly CompiledFact[];
}

export interface KnowledgeBaseResult {
  kb: KnowledgeBase;
  problems: KbProblem[];
}

/** Merges files in order (see merge.ts) and compiles the facts for matching. */
export function buildKnowledgeBase(files: readonly LoadedFile[]): KnowledgeBaseResult {
  const { sources, entities, relations, qualifiers, units, facts, problems } = mergeKnowledgeBases(files);

  const dated = new Set([...facts.values()].filter((fact) => fact.type === 'date').map((fact) => `${fact.subject}|${fact.relation}`));
  const compiled: CompiledFact[] = [];
  // A relation's words are shared by its facts: a fact with words of its own gets a set of its own.
  const relationWords = new Map([...relations.values()].map((r) => [r.id, new Set(r.keywords.map((k) => k.toLowerCase()))]));
  const wordSets = new WordSets();
  // One list per relation, shared by its facts.
  const prepositionsOf = new Map([...relations.values()].map((r) => [r.id, r.objectPrepositions.map((p) => p.toLowerCase())]));
  const valuesByType = new Map<ValueType, AssertionValues>();
  for (const fact of facts.values()) {
    const assertions = fact.assertions.map((a) => ({ assertion: a, source: sources.get(a.source)!, interval: assertionInterval(fact, a) }));
    const { keywords, own } = wordSets.of(fact, relationWords.get(fact.relation)!);
    const f: CompiledFact = {
      fact,
      unit: baseUnit(fact),
      assertions,
      keywords,
      ownKeywords: own,
      relationImplied: relations.get(fact.relation)!.implied,
      yearHasDateFact: fact.year !== undefined && dated.has(`${fact.subject}|${fact.relation}`),
      completedWord: relations.get(fact.relation)!.completedWord,
      objectPrepositions: prepositionsOf.get(fact.relation)!,
    };
    compiled.push(f);
    addValues(valuesByType, f);
  }

  const factsByType = new Map<ValueType, CompiledFact[]>();
  for (const f of compiled) {
    const list = factsByType.get(f.fact.type);
    if (list) list.push(f);
    else factsByType.set(f.fact.type, [f]);
  }

  const qualifierKeywords = new Map([...qualifiers.values()].map((q) => [q.id, new Set(q.keywords.map((k) => k.toLowerCase()))]));
  const scopes: Scope[] = [
    ...[...relations.values()]
      .filter((r) => r.exclusive)
      .map((r) => ({ id: r.id, of: 'relation' as const, keywords: new Set(r.keywords.map((k) => k.toLowerCase())), ...(r.exclusiveFor ? { types: new Set(r.exclusiveFor) } : {}) })),
    ...[...qualifiers.values()].filter((q) => q.exclusive).map((q) => ({ id: q.id, of: 'qualifier' as const, keywords: qualifierKeywords.get(q.id)! })),
  ];
  // The words looked for in drafts, as written (case matters for capitals): those of the facts' relations and
  // their own, of every qualifier, and of the exclusive relations.
  const relationsInUse = new Set(compiled.map((f) => f.fact.relation));
  const written = [
    ...[...relations.values()].filter((r) => relationsInUse.has(r.id) || r.exclusive).flatMap((r) => r.keywords),
    ...compiled.flatMap((f) => f.fact.keywords),
    ...[...qualifiers.values()].flatMap((q) => q.keywords),
  ];
  const lookups = buildLookups(entities, compiled, written);
  const implicitQualifiers = new Set([...qualifiers.values()].filter((q) => q.implicit).map((q) => q.id));
  const framingQualifiers = new Set([...qualifiers.values()].filter((q) => q.frames).map((q) => q.id));
  const facetMates = new Map([...qualifiers.values()].filter((q) => q.facet).map((q) => [q.id, [...qualifiers.values()].filter((o) => o.facet === q.facet && o.id !== q.id).map((o) => o.id)]));
  const partners = rolePartnerCounts(compiled.map((f) => f.fact), implicitQualifiers);

  const kb: KnowledgeBase = {
    sources,
    entities,
    relations,
    qualifiers,
    units,
    facts: compiled,
    factsByType,
    valuesByType,
    qualifierKeywords,
    implicitQualifiers,
    framingQualifiers,
    facetMates,
    scopes,
    ...lookups,
    rolePartners: rolePartnersOf(partners, implicitQualifiers),
  };
  return { kb, problems };
}

/** Adds the fact's assertions to its type's lists of values. */
function addValues(byType: Map<ValueType, AssertionValues>, f: CompiledFact): void {
  let values = byType.get(f.fact.type);
  if (!values) byType.set(f.fact.type, (values = { facts: [], assertions: [], lo: [], hi: [], hedges: [] }));
  for (const a of f.assertions) {
    values.facts.push(f);
    values.assertions.push(a);
    values.lo.push(a.interval.lo);
    values.hi.push(a.interval.hi);
    values.hedges.push(a.assertion.hedge);
  }
}

/**
 * The keyword sets of facts, one set for each distinct list: the facts of a large knowledge base
 * repeat a few lists a thousand times over (each copy of a fact says "compute credits"), and a set
 * each was a tenth of its memory. The sets are never changed once built, so facts can share them.
 */
class WordSets {
  private readonly none: ReadonlySet<string> = new Set();
  /** By the relation and the fact's own keywords as written (in order: the sets keep it). */
  private readonly known = new Map<string, { keywords: ReadonlySet<string>; own: ReadonlySet<string> }>();

  /** The fact's relation's and own words (`shared`: its relation's), and its own words alone. */
  of(fact: Fact, shared: ReadonlySet<string>): { keywords: ReadonlySet<string>; own: ReadonlySet<string> } {
    if (!fact.keywords.length) return { keywords: shared, own: this.none };
    const key = `${fact.relation}\u0000${fact.keywords.join('\u0000')}`;
    let sets = this.known.get(key);
    if (!sets) {
      const own = new Set(fact.keywords.map((k) => k.toLowerCase()));
      this.known.set(key, (sets = { keywords: new Set([...shared, ...own]), own }));
    }
    return sets;
  }
}

/** Facts alike but for the party in `role`: same relation, same other party, same qualifiers. */
function roleKey(fact: Fact, role: 'subject' | 'object', implicit: ReadonlySet<string>): string {
  const other = role === 'subject' ? fact.object : fact.subject;
  // Qualifiers writers leave unsaid (a prediction) tell nothing apart.
  const said = fact.qualifiers.filter((q) => !implicit.has(q));
  return `${role}|${fact.relation}|${other ?? ''}|${said.sort().join(',')}`;
}

/**
 * The parties of a role key with more than one: nearly every key of a large knowledge base has
 * one (each copy's facts naming their own parties), and keeping those keys, a string each for
 * every fact and role, was 19 MB of the 100,000 assertions' heap for an answer the fact gives.
 */
type Parties = Set<string>;

/** The lookup of rolePartnerCounts' parties, each fact's key built once: every candidate fact of every figure asks. */
function rolePartnersOf(parties: ReadonlyMap<string, Parties>, implicit: ReadonlySet<string>): KnowledgeBase['rolePartners'] {
  const memo = new WeakMap<Fact, Partial<Record<'subject' | 'object', number>>>();
  // A key not kept has the fact's own party alone (none when the fact has no party in the role).
  const count = (fact: Fact, role: 'subject' | 'object') => parties.get(roleKey(fact, role, implicit))?.size ?? (fact[role] === undefined ? 0 : 1);
  return (fact, role) => {
    let byRole = memo.get(fact);
    if (!byRole) memo.set(fact, (byRole = {}));
    return (byRole[role] ??= count(fact, role));
  };
}

/** The parties of each role key that has more than one (see Parties). */
function rolePartnerCounts(facts: readonly Fact[], implicit: ReadonlySet<string>): Map<string, Parties> {
  // The first party of every key while counting, without a set for a key of one party.
  const first = new Map<string, string>();
  const several = new Map<string, Parties>();
  for (const f of facts) {
    for (const role of ['subject', 'object'] as const) {
      const party = f[role];
      if (party === undefined) continue;
      const key = roleKey(f, role, implicit);
      const known = first.get(key);
      if (known === undefined) first.set(key, party);
      else if (known !== party) {
        const set = several.get(key);
        if (set) set.add(party);
        else several.set(key, new Set([known, party]));
      }
    }
  }
  return several;
}

/** Convenience for tests and tools: build from in-memory texts. */
export function knowledgeBaseFromTexts(files: readonly { file: string; text: string }[]): KnowledgeBaseResult {
  return buildKnowledgeBase(files.map((f) => loadKnowledgeBaseText(f.file, f.text)));
}
