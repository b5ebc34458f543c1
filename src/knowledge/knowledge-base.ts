/**
 * The knowledge base the engine checks against: the bundled file and any user files merged,
 * cross-references checked, and indexes built once for fast matching.
 */
import { type KbProblem, type LoadedFile, loadKnowledgeBaseText } from './loader';
import { FactIndexing, type LookupIndexes, lookupsOf, mentionIndexOf, namesOnDemand } from './lookup';
import { type MergedKnowledgeBase, mergeKnowledgeBases } from './merge';
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
 * Every assertion of one type's facts, in the knowledge base's order, as parallel lists: entry i
 * is assertion `indexes[i]` of the fact at place `places[i]` (KnowledgeBase.factAt), with its
 * value (its interval's ends) and hedge. An index of values is built from these lists without
 * visiting each fact: with 100,000 assertions a visit of them all took some 80 ms of reads
 * scattered over the heap, and a cached knowledge base (snapshot.ts) compiles a fact only when a
 * draft's figure may be about it.
 */
export interface AssertionValues {
  places: ArrayLike<number>;
  indexes: ArrayLike<number>;
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
  hedges: readonly Hedge[];
}

/** An exclusive relation or qualifier: a figure said with its words belongs only to facts that have it. */
export interface Scope {
  id: string;
  of: 'relation' | 'qualifier';
  /** Lowercase keywords. */
  keywords: ReadonlySet<string>;
  /** The types of fact it rules out (all when absent). */
  types?: ReadonlySet<ValueType>;
  /** The knowledge base file that defined it (as loaded): it speaks for that file's facts with all its words (see scopeFiles). */
  file?: string;
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
  /**
   * Every fact, in order. A knowledge base read from a snapshot (snapshot.ts) compiles each fact
   * only when first asked for, and this list compiles them all: the check asks for facts by place
   * (factAt, candidateFacts, siblingFacts, valuesByType), tools and tests for the list.
   */
  readonly facts: readonly CompiledFact[];
  /** The facts of each type, in order (as `facts`, it compiles them all). */
  readonly factsByType: ReadonlyMap<ValueType, readonly CompiledFact[]>;
  /** The fact at a place in `facts`, compiled once. */
  factAt(place: number): CompiledFact;
  /** The assertions of each type's facts, as flat lists of their values. */
  valuesByType: ReadonlyMap<ValueType, Readonly<AssertionValues>>;
  /** The words some fact of a type says itself by: its relation's and its own keywords, and those of its qualifiers that frame no passage. */
  measureWords: ReadonlyMap<ValueType, ReadonlySet<string>>;
  /** The fact with this id, if there is one. */
  factById(factId: string): CompiledFact | undefined;
  /** The knowledge base file that defines a fact (its name as loaded), if there is such a fact. */
  definedIn(factId: string): string | undefined;
  /** The sources' publishers, in lowercase: a publisher quoted in a draft is who says it, not a party. */
  publishers: ReadonlySet<string>;
  /** The entities that are some entity's line (`family`). */
  familyHeads: ReadonlySet<string>;
  /**
   * Each entity description ("lab", "chipmaker"), in lowercase, with the entities it describes in
   * the knowledge base's order: kept whole, as a draft's "the lab" asks for every entity so
   * described, and a snapshot reads an entity only when first asked for it.
   */
  describedBy: ReadonlyMap<string, readonly string[]>;
  /** The groups (entities with members) each member belongs to, in the knowledge base's order. */
  groupsByMember: ReadonlyMap<string, readonly string[]>;
  /** Qualifier id → its lowercase keywords. */
  qualifierKeywords: ReadonlyMap<string, Set<string>>;
  /** Qualifiers writers often leave unsaid. */
  implicitQualifiers: ReadonlySet<string>;
  /** Qualifiers writers say once for a passage or a table (`frames`): the context can say them. */
  framingQualifiers: ReadonlySet<string>;
  /** Qualifiers that make a fact a whole (`whole`): a part of the figure before is never such a fact's. */
  wholeQualifiers: ReadonlySet<string>;
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

/**
 * The facts of a knowledge base by place: compiled all at once (a build), or each when first asked
 * for (a knowledge base read from a snapshot, snapshot.ts).
 */
export interface FactStore {
  readonly size: number;
  /** The fact at a place, compiled once. */
  at(place: number): CompiledFact;
  /** Every fact, in order. */
  all(): readonly CompiledFact[];
  /** The place of the fact with this id. */
  placeOf(id: string): number | undefined;
  /** The name of the file that defines the fact at a place. */
  fileAt(place: number): string | undefined;
  /**
   * The fact at a place as written, with its flag, not compiled (nor kept compiled): what a
   * snapshot writes of it, where a store can give it without compiling (knowledgePartsOfMerged's).
   */
  written?(place: number): Pick<CompiledFact, 'fact' | 'yearHasDateFact'>;
}

/**
 * What a knowledge base is assembled from: what a build works out from the merged files, and what
 * a snapshot keeps of it (snapshot.ts). The rest (qualifier words, scopes, keyword index) is
 * small and worked out again from these.
 */
export interface KnowledgeParts extends Pick<KnowledgeBase, 'sources' | 'entities' | 'relations' | 'qualifiers' | 'units'> {
  facts: FactStore;
  valuesByType: ReadonlyMap<ValueType, AssertionValues>;
  measureWords: ReadonlyMap<ValueType, ReadonlySet<string>>;
  /** The words looked for in drafts as written, each spelling once, in the order first listed (see keywordsWritten). */
  keywords: readonly string[];
  /** The names' index and the facts by party and own word (lookup.ts). */
  indexes: LookupIndexes;
  /** How many parties each role key that has several has (see Parties). */
  partners: PartnerCounts;
  publishers: ReadonlySet<string>;
  familyHeads: ReadonlySet<string>;
  describedBy: ReadonlyMap<string, readonly string[]>;
  groupsByMember: ReadonlyMap<string, readonly string[]>;
  /**
   * The entities' names and aliases with a stop inside (STOP_BEFORE_SPACE: "Acme Inc. Holdings"),
   * in order: where a draft's sentence may seem to end inside a name, which the engine needs to
   * know without going through every entity (a snapshot reads each when first asked for).
   */
  namesWithStops: readonly string[];
  /**
   * The file that defined each exclusive relation and qualifier (by scopeKey), as loaded. A scope
   * of another file than a fact's was written without that fact's words in mind: a word of it that
   * holds one of the fact's own words says nothing against the fact (a user's share-price fact says
   * "shares"; the bundled scope's "shares rose" does not rule it out).
   */
  scopeFiles: ReadonlyMap<string, string>;
}

/** The key of an exclusive relation or qualifier in KnowledgeParts.scopeFiles. */
export function scopeKey(of: Scope['of'], id: string): string {
  return `${of}:${id}`;
}

/** The file each exclusive relation and qualifier of merged files was defined in (or replaced in, by "override"). */
function scopeFilesOf(merged: MergedKnowledgeBase): Map<string, string> {
  const out = new Map<string, string>();
  const add = (of: Scope['of'], entry: Relation | Qualifier) => {
    const file = merged.origins.fileOf(entry)?.file;
    if (entry.exclusive && file !== undefined) out.set(scopeKey(of, entry.id), file);
  };
  for (const r of merged.relations.values()) add('relation', r);
  for (const q of merged.qualifiers.values()) add('qualifier', q);
  return out;
}

/** A full stop, question or exclamation mark (maybe closing quotes or brackets after it) before white space: where a sentence may end. */
export const STOP_BEFORE_SPACE = /[.?!]['"’”)\]]*(?=\s)/u;

/** How many parties a role key has, for the keys with several (see Parties); undefined for the others. */
export interface PartnerCounts {
  get(key: string): number | undefined;
}

/** Merges files in order (see merge.ts) and compiles the facts for matching. */
export function buildKnowledgeBase(files: readonly LoadedFile[]): KnowledgeBaseResult {
  return knowledgeBaseOfMerged(mergeKnowledgeBases(files));
}

/** The knowledge base of files merged already (a caller that merges again, to place the merge's problems, builds once). */
export function knowledgeBaseOfMerged(merged: MergedKnowledgeBase): KnowledgeBaseResult {
  return { kb: assembleKnowledgeBase(partsOf(merged)), problems: merged.problems };
}

/** The parts of merged files: their facts compiled, their indexes built. */
function partsOf(merged: MergedKnowledgeBase, forSnapshot = false): KnowledgeParts {
  const { sources, entities, relations, qualifiers, units, facts, origins } = merged;
  const list = [...facts.values()];
  const dated = datedKeys(list);
  const compiler = new FactCompiler(sources, relations);
  const compile = (place: number) => compiler.compile(list[place], hasDateFact(list[place], dated));
  // One pass over the facts, each compiled once: what the snapshot's parts need of them.
  const compiled: CompiledFact[] = [];
  const valuesByType = new Map<ValueType, ValueLists>();
  const measureWords = new MeasureWords(qualifiers);
  const indexing = new FactIndexing(entities);
  for (let place = 0; place < list.length; place++) {
    const f = compile(place);
    addValues(valuesByType, f, place);
    measureWords.add(f);
    indexing.add(f, place);
    if (!forSnapshot) compiled.push(f);
  }
  const files = list.map((f) => origins.fileOf(f)?.file);
  return {
    sources,
    entities,
    relations,
    qualifiers,
    units,
    facts: forSnapshot ? factsOnDemand(list, compile, files, (place) => hasDateFact(list[place], dated)) : factStoreOf(compiled, (_, place) => files[place]),
    valuesByType,
    measureWords: measureWords.words,
    keywords: keywordsWritten(relations, qualifiers, list),
    indexes: forSnapshot ? namesOnDemand(entities, indexing.done()) : { mentions: mentionIndexOf(entities), ...indexing.done() },
    partners: partnerCountsOf(rolePartnerCounts(list, implicitQualifiersOf(qualifiers))),
    publishers: new Set([...sources.values()].flatMap((s) => (s.publisher ? [s.publisher.toLowerCase()] : []))),
    familyHeads: new Set([...entities.values()].flatMap((e) => (e.family ? [e.family] : []))),
    describedBy: describedBy(entities),
    groupsByMember: groupsByMember(entities),
    namesWithStops: [...entities.values()].flatMap((e) => [e.name, ...e.aliases]).filter((name) => STOP_BEFORE_SPACE.test(name)),
    scopeFiles: scopeFilesOf(merged),
  };
}

/**
 * The parts of merged files for a snapshot of them (snapshot.ts), lighter to hold while it is
 * written: the facts are compiled again as the snapshot asks for them, and the names' index is
 * built when it is asked for and let go once its nodes are written (a snapshot writes the facts as
 * written, FactStore.written, and compiles none). A build holds both whole with
 * every file's entries (100,000 assertions: some 26 MB of compiled facts and 42 MB of names' index
 * beside 90 MB of entries), which was the first server start's peak. A knowledge base assembled
 * from them (assembleKnowledgeBase) checks as a built one does.
 */
export function knowledgePartsOfMerged(merged: MergedKnowledgeBase): KnowledgeParts {
  return partsOf(merged, true);
}

/**
 * A store of facts compiled when first asked for (`compile` by place), then kept; `files`: each
 * fact's file, by place; `dated`: whether the fact at a place has a date fact (yearHasDateFact).
 */
function factsOnDemand(facts: readonly Fact[], compile: (place: number) => CompiledFact, files: readonly (string | undefined)[], dated: (place: number) => boolean): FactStore {
  const compiled: (CompiledFact | undefined)[] = [];
  for (let i = 0; i < facts.length; i++) compiled.push(undefined);
  const at = (place: number) => (compiled[place] ??= compile(place));
  let places: Map<string, number> | undefined;
  return {
    size: facts.length,
    at,
    all: () => compiled.map((_, place) => at(place)),
    placeOf: (id) => (places ??= new Map(facts.map((f, i) => [f.id, i]))).get(id),
    fileAt: (place) => files[place],
    written: (place) => ({ fact: facts[place], yearHasDateFact: dated(place) }),
  };
}

/** The group entities each member belongs to (see KnowledgeBase.groupsByMember). */
function groupsByMember(entities: ReadonlyMap<string, Entity>): Map<string, string[]> {
  const byMember = new Map<string, string[]>();
  for (const e of entities.values()) for (const m of e.members ?? []) byMember.set(m, [...(byMember.get(m) ?? []), e.id]);
  return byMember;
}

/** Each description, in lowercase, with the entities it describes in order (KnowledgeBase.describedBy). */
function describedBy(entities: ReadonlyMap<string, Entity>): Map<string, string[]> {
  const byWord = new Map<string, string[]>();
  for (const e of entities.values())
    for (const w of new Set((e.descriptions ?? []).map((d) => d.toLowerCase()))) {
      const list = byWord.get(w);
      if (list) list.push(e.id);
      else byWord.set(w, [e.id]);
    }
  return byWord;
}

/** The counts of a role key's parties (the snapshot keeps the counts alone). */
export function partnerCountsOf(parties: ReadonlyMap<string, Parties>): PartnerCounts & { parties: ReadonlyMap<string, Parties> } {
  return { parties, get: (key) => parties.get(key)?.size };
}

/** The subject and relation of each date fact: a fact of theirs with a year has a date fact (CompiledFact.yearHasDateFact). */
export function datedKeys(facts: Iterable<Fact>): Set<string> {
  const dated = new Set<string>();
  for (const fact of facts) if (fact.type === 'date') dated.add(`${fact.subject}|${fact.relation}`);
  return dated;
}

export function hasDateFact(fact: Fact, dated: ReadonlySet<string>): boolean {
  return fact.year !== undefined && dated.has(`${fact.subject}|${fact.relation}`);
}

/** Compiles facts for matching, each as a build does: facts alike share their keyword sets (WordSets). */
export class FactCompiler {
  /** A relation's words are shared by its facts: a fact with words of its own gets a set of its own. */
  private readonly relationWords: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly wordSets = new WordSets();
  /** One list of object prepositions per relation, shared by its facts. */
  private readonly prepositions: ReadonlyMap<string, readonly string[]>;

  constructor(
    private readonly sources: ReadonlyMap<string, Source>,
    private readonly relations: ReadonlyMap<string, Relation>,
  ) {
    this.relationWords = new Map([...relations.values()].map((r) => [r.id, new Set(r.keywords.map((k) => k.toLowerCase()))]));
    this.prepositions = new Map([...relations.values()].map((r) => [r.id, r.objectPrepositions.map((p) => p.toLowerCase())]));
  }

  compile(fact: Fact, yearHasDateFact: boolean): CompiledFact {
    const assertions = fact.assertions.map((a) => ({ assertion: a, source: this.sources.get(a.source)!, interval: assertionInterval(fact, a) }));
    const { keywords, own } = this.wordSets.of(fact, this.relationWords.get(fact.relation)!);
    const relation = this.relations.get(fact.relation)!;
    return {
      fact,
      unit: baseUnit(fact),
      assertions,
      keywords,
      ownKeywords: own,
      relationImplied: relation.implied,
      yearHasDateFact,
      completedWord: relation.completedWord,
      objectPrepositions: this.prepositions.get(fact.relation)!,
    };
  }
}

/** A store of facts compiled already; `fileOf` names the file each was defined in. */
export function factStoreOf(facts: readonly CompiledFact[], fileOf: (f: CompiledFact, place: number) => string | undefined = () => undefined): FactStore {
  const files = facts.map(fileOf);
  let places: Map<string, number> | undefined;
  return {
    size: facts.length,
    at: (place) => facts[place],
    all: () => facts,
    // Asked for a cited fact's file at most: the map is made on the first question.
    placeOf: (id) => (places ??= new Map(facts.map((f, i) => [f.fact.id, i]))).get(id),
    fileAt: (place) => files[place],
  };
}

/** Qualifier id → its lowercase keywords. */
function qualifierKeywordsOf(qualifiers: ReadonlyMap<string, Qualifier>): Map<string, Set<string>> {
  return new Map([...qualifiers.values()].map((q) => [q.id, new Set(q.keywords.map((k) => k.toLowerCase()))]));
}

function implicitQualifiersOf(qualifiers: ReadonlyMap<string, Qualifier>): Set<string> {
  return new Set([...qualifiers.values()].filter((q) => q.implicit).map((q) => q.id));
}

/**
 * The words each type's facts say themselves by: their relation's and own words, and the words of
 * their qualifiers but the framing ones (a frame, "AI", says no measure: "Enterprise AI services is
 * third at 55%" leaves its measure to the sentence before). Facts alike share their word sets, so
 * each set and qualifier is read once per type.
 */
class MeasureWords {
  readonly words = new Map<ValueType, Set<string>>();
  private readonly qualifierWords: Map<string, Set<string>>;
  private readonly seen = new Map<ValueType, Set<unknown>>();

  constructor(private readonly qualifiers: ReadonlyMap<string, Qualifier>) {
    this.qualifierWords = qualifierKeywordsOf(qualifiers);
  }

  add(f: CompiledFact): void {
    const type = f.fact.type;
    let words = this.words.get(type);
    let read = this.seen.get(type);
    if (!words || !read) {
      this.words.set(type, (words = new Set()));
      this.seen.set(type, (read = new Set()));
    }
    for (const list of [f.keywords, f.ownKeywords, ...f.fact.qualifiers.filter((q) => !this.qualifiers.get(q)?.frames)]) {
      if (read.has(list)) continue;
      read.add(list);
      for (const k of typeof list === 'string' ? (this.qualifierWords.get(list) ?? []) : list) words.add(k);
    }
  }
}

/**
 * The words looked for in drafts, as written (case matters for capitals): those of the facts'
 * relations and their own, of every qualifier, and of the exclusive relations. Each spelling once,
 * in the order first listed: the keyword index reads a spelling again to no effect.
 */
function keywordsWritten(relations: ReadonlyMap<string, Relation>, qualifiers: ReadonlyMap<string, Qualifier>, facts: readonly Fact[]): string[] {
  const relationsInUse = new Set(facts.map((f) => f.relation));
  const written = new Set<string>();
  for (const r of relations.values()) if (relationsInUse.has(r.id) || r.exclusive) for (const k of r.keywords) written.add(k);
  for (const f of facts) for (const k of f.keywords) written.add(k);
  for (const q of qualifiers.values()) for (const k of q.keywords) written.add(k);
  return [...written];
}

/** The parts of a knowledge base, for a snapshot of it (snapshot.ts). */
const PARTS = new WeakMap<KnowledgeBase, KnowledgeParts>();

export function partsOfKnowledgeBase(kb: KnowledgeBase): KnowledgeParts | undefined {
  return PARTS.get(kb);
}

/** The knowledge base the engine checks against, made from its parts. */
export function assembleKnowledgeBase(parts: KnowledgeParts): KnowledgeBase {
  const { relations, qualifiers, facts } = parts;
  const qualifierKeywords = qualifierKeywordsOf(qualifiers);
  const scopes: Scope[] = [
    ...[...relations.values()]
      .filter((r) => r.exclusive)
      .map((r) => ({ id: r.id, of: 'relation' as const, keywords: new Set(r.keywords.map((k) => k.toLowerCase())), ...(r.exclusiveFor ? { types: new Set(r.exclusiveFor) } : {}) })),
    ...[...qualifiers.values()].filter((q) => q.exclusive).map((q) => ({ id: q.id, of: 'qualifier' as const, keywords: qualifierKeywords.get(q.id)! })),
  ].map((s) => {
    const file = parts.scopeFiles.get(scopeKey(s.of, s.id));
    return file === undefined ? s : { ...s, file };
  });
  const implicitQualifiers = implicitQualifiersOf(qualifiers);
  const framingQualifiers = new Set([...qualifiers.values()].filter((q) => q.frames).map((q) => q.id));
  const wholeQualifiers = new Set([...qualifiers.values()].filter((q) => q.whole).map((q) => q.id));
  const facetMates = new Map([...qualifiers.values()].filter((q) => q.facet).map((q) => [q.id, [...qualifiers.values()].filter((o) => o.facet === q.facet && o.id !== q.id).map((o) => o.id)]));
  let byType: Map<ValueType, CompiledFact[]> | undefined;
  const kb: KnowledgeBase = {
    sources: parts.sources,
    entities: parts.entities,
    relations,
    qualifiers,
    units: parts.units,
    get facts() {
      return facts.all();
    },
    get factsByType() {
      return (byType ??= factsByTypeOf(facts.all()));
    },
    factAt: (place) => facts.at(place),
    valuesByType: parts.valuesByType,
    measureWords: parts.measureWords,
    factById(factId) {
      const place = facts.placeOf(factId);
      return place === undefined ? undefined : facts.at(place);
    },
    definedIn(factId) {
      const place = facts.placeOf(factId);
      return place === undefined ? undefined : facts.fileAt(place);
    },
    qualifierKeywords,
    implicitQualifiers,
    framingQualifiers,
    wholeQualifiers,
    facetMates,
    scopes,
    publishers: parts.publishers,
    familyHeads: parts.familyHeads,
    describedBy: parts.describedBy,
    groupsByMember: parts.groupsByMember,
    ...lookupsOf(parts.indexes, facts, parts.keywords, [...parts.valuesByType.keys()]),
    rolePartners: rolePartnersOf(parts.partners, implicitQualifiers),
  };
  PARTS.set(kb, parts);
  return kb;
}

function factsByTypeOf(facts: readonly CompiledFact[]): Map<ValueType, CompiledFact[]> {
  const byType = new Map<ValueType, CompiledFact[]>();
  for (const f of facts) {
    const list = byType.get(f.fact.type);
    if (list) list.push(f);
    else byType.set(f.fact.type, [f]);
  }
  return byType;
}

/** A type's lists of values while a build fills them. */
interface ValueLists {
  places: number[];
  indexes: number[];
  lo: number[];
  hi: number[];
  hedges: Hedge[];
}

/** Adds the assertions of the fact at `place` to its type's lists of values. */
function addValues(byType: Map<ValueType, ValueLists>, f: CompiledFact, place: number): void {
  let values = byType.get(f.fact.type);
  if (!values) byType.set(f.fact.type, (values = { places: [], indexes: [], lo: [], hi: [], hedges: [] }));
  for (let i = 0; i < f.assertions.length; i++) {
    const a = f.assertions[i];
    values.places.push(place);
    values.indexes.push(i);
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
export type Parties = Set<string>;

/** The lookup of rolePartnerCounts' parties, each fact's key built once: every candidate fact of every figure asks. */
function rolePartnersOf(parties: PartnerCounts, implicit: ReadonlySet<string>): KnowledgeBase['rolePartners'] {
  const memo = new WeakMap<Fact, Partial<Record<'subject' | 'object', number>>>();
  // A key not kept has the fact's own party alone (none when the fact has no party in the role).
  const count = (fact: Fact, role: 'subject' | 'object') => parties.get(roleKey(fact, role, implicit)) ?? (fact[role] === undefined ? 0 : 1);
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
