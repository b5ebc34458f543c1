/**
 * The lookups the matcher asks a knowledge base for, built once: the entities a text names, the
 * keywords it says, and the facts a figure could be about given the entities and words around it.
 * Every lookup goes through hash maps (phrase-index.ts and the maps below), so checking a draft
 * costs about the same against five articles' facts as against a hundred thousand assertions.
 */
import type { CompiledFact, KeywordHit, Mention, SiblingKey } from './knowledge-base';
import { PhraseIndex, isShortWord } from './phrase-index';
import type { Entity, ValueType } from './schema';

/**
 * A fact's own words point at it; a word that is the own word of more facts of a type than this
 * points at none of them (a large knowledge base's 1,000 copies of "compute credits" are found by
 * their parties instead). The bundled and the electric-trucks knowledge bases give at most 3.
 */
export const MAX_FACTS_PER_OWN_WORD = 12;

/** A keyword's shorter keywords when it has none: one list for all, not a new empty one per keyword found. */
const NO_KEYWORDS: readonly string[] = [];

export interface Lookups {
  findMentions(text: string): Mention[];
  findKeywords(text: string): KeywordHit[];
  /**
   * The facts of a type a figure could be about: those whose subject or object (or their product
   * line) is among `entities`, and those whose own keywords are among `words` (a spec or a count
   * can be named by its own words alone). Each once, in the knowledge base's order.
   */
  candidateFacts(type: ValueType, entities: Iterable<string>, words: Iterable<string>): readonly CompiledFact[];
  /**
   * The facts with this subject, relation and object (for a fact's own, itself included), in the
   * knowledge base's order: found through the facts by party, not by a scan of every fact.
   */
  siblingFacts(parties: SiblingKey): readonly CompiledFact[];
}

/** Each alias once, owned by the entity that declares it last (as a later file overrides an earlier one). */
function mentionIndex(entities: Iterable<Entity>): PhraseIndex<string> {
  // Alias → entity id: a Map keeps each alias where it was first declared.
  const owner = new Map<string, string>();
  for (const e of entities) {
    owner.set(e.name, e.id);
    for (const alias of e.aliases) owner.set(alias, e.id);
  }
  const index = new PhraseIndex<string>();
  for (const [alias, entity] of owner) {
    index.add(alias, entity, false);
    const compound = compoundOf(alias);
    if (compound !== undefined && !owner.has(compound)) index.add(compound, entity, false);
  }
  return index;
}

/** The names' index of a knowledge base's entities (see mentionIndex). */
export function mentionIndexOf(entities: ReadonlyMap<string, Entity>): PhraseIndex<string> {
  return mentionIndex(entities.values());
}

/** Words of a lowercase description: only those are hyphenated as a compound before a noun. */
const LOWERCASE_WORDS = /^\p{Ll}+(?: \p{Ll}+)+$/u;

/**
 * A lowercase description of several words written as a compound before a noun: "the
 * inference-serving market" names inference serving. Proper names are not hyphenated so.
 */
function compoundOf(alias: string): string | undefined {
  return LOWERCASE_WORDS.test(alias) ? alias.replace(/ /g, '-') : undefined;
}

/**
 * Each keyword once, in lowercase as facts list it; written in capitals somewhere ("CAGR", "ARR"),
 * it is matched in capitals only.
 */
function keywordIndex(written: Iterable<string>): { index: PhraseIndex<string>; prefixes: Map<string, string[]> } {
  const forms = new Map<string, string>();
  for (const w of written) {
    const lower = w.toLowerCase();
    // Any lowercase spelling makes the keyword match in any case.
    if (!forms.has(lower) || w === lower) forms.set(lower, w);
  }
  const index = new PhraseIndex<string>(true);
  for (const [lower, form] of forms) index.add(form, lower, true);
  // A keyword also says the keywords it starts with ("projected" says "project"), a short one only as a whole word.
  const prefixes = new Map<string, string[]>();
  for (const k of forms.keys()) {
    const shorter: string[] = [];
    for (let n = 1; n < k.length; n++) {
      const p = k.slice(0, n);
      if (forms.has(p) && (!isShortWord(p) || !/[\p{L}\p{N}]/u.test(k[n]))) shorter.push(p);
    }
    if (shorter.length) prefixes.set(k, shorter);
  }
  return { index, prefixes };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The indexes the lookups answer from, built once per knowledge base (and kept by its snapshot):
 * the names, and the facts by type and entity (subject, object, and the product lines they
 * belong to, and their makers when they make nothing else) and by type and own keyword, as their places in the list of facts. Sorted, those
 * places are the knowledge base's order, with no map from each fact to its place (87,000 entries
 * for a large knowledge base).
 */
export interface LookupIndexes {
  mentions: PhraseIndex<string>;
  byEntity: FactPlaces;
  byWord: FactPlaces;
}

/** The places of the facts of a type keyed by an entity id or an own word, sorted (none: undefined). */
export interface FactPlaces {
  get(type: ValueType, key: string): ArrayLike<number> | undefined;
}

/** Fact places kept in a map, by type and key (a build's; a snapshot keeps them otherwise). */
export class FactPlaceMap implements FactPlaces {
  constructor(readonly places: ReadonlyMap<string, readonly number[]> = new Map()) {}

  static key(type: ValueType, key: string): string {
    return `${type}|${key}`;
  }

  get(type: ValueType, key: string): readonly number[] | undefined {
    return this.places.get(FactPlaceMap.key(type, key));
  }

  /** Each entry's type, key and places (the map's key split where FactPlaceMap.key joined it). */
  *entries(): Generator<[ValueType, string, readonly number[]]> {
    for (const [joined, places] of this.places) {
      const bar = joined.indexOf('|');
      yield [joined.slice(0, bar) as ValueType, joined.slice(bar + 1), places];
    }
  }
}

export function buildIndexes(entities: ReadonlyMap<string, Entity>, facts: readonly CompiledFact[]): LookupIndexes & { byEntity: FactPlaceMap; byWord: FactPlaceMap } {
  const indexes = new FactIndexing(entities);
  facts.forEach((f, i) => indexes.add(f, i));
  return { mentions: mentionIndexOf(entities), ...indexes.done() };
}

/** The facts by entity and own word (see LookupIndexes), indexed a fact at a time, each by its place. */
export class FactIndexing {
  private readonly byEntity = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[]>();
  /** The makers of one product only: only their names name it (see add). */
  private readonly soleMakers: ReadonlySet<string>;

  constructor(private readonly entities: ReadonlyMap<string, Entity>) {
    const made = new Map<string, number>();
    for (const e of entities.values()) if (e.maker !== undefined) made.set(e.maker, (made.get(e.maker) ?? 0) + 1);
    this.soleMakers = new Set([...made].filter(([, n]) => n === 1).map(([maker]) => maker));
  }

  add(f: CompiledFact, place: number): void {
    const parties = [f.fact.subject, f.fact.object].filter((e): e is string => e !== undefined);
    // A product is found by its line, and by its maker when that is all the maker makes:
    // "Corvane's battery warranty" is the Haul's. A maker of many products names none of them,
    // and every sentence naming it would otherwise weigh all their facts.
    const maker = (e: string) => {
      const m = this.entities.get(e)?.maker;
      return m !== undefined && this.soleMakers.has(m) ? m : undefined;
    };
    const lines = parties.flatMap((e) => [this.entities.get(e)?.family, maker(e)]).filter((e): e is string => e !== undefined);
    for (const e of new Set([...parties, ...lines])) push(this.byEntity, FactPlaceMap.key(f.fact.type, e), place);
    for (const k of f.ownKeywords) push(this.byWord, FactPlaceMap.key(f.fact.type, k), place);
  }

  done(): { byEntity: FactPlaceMap; byWord: FactPlaceMap } {
    return { byEntity: new FactPlaceMap(this.byEntity), byWord: new FactPlaceMap(this.byWord) };
  }
}

/**
 * The names' index of `entities` made anew each time `mentions` is read, with the facts'
 * indexes: for a snapshot (snapshot.ts), which reads it once to write its nodes and lets it go
 * (see knowledgePartsOfMerged in knowledge-base.ts).
 */
export function namesOnDemand(entities: ReadonlyMap<string, Entity>, facts: { byEntity: FactPlaces; byWord: FactPlaces }): LookupIndexes {
  return {
    get mentions() {
      return mentionIndexOf(entities);
    },
    byEntity: facts.byEntity,
    byWord: facts.byWord,
  };
}

/** Adds the places listed to `found`. */
function addPlaces(found: Set<number>, places: ArrayLike<number> | undefined): void {
  if (places) for (let i = 0; i < places.length; i++) found.add(places[i]);
}

/** The facts by place, as the lookups read them. */
export interface FactsByPlace {
  at(place: number): CompiledFact;
}

/** The facts at these places, in the knowledge base's order. */
function inOrder(facts: FactsByPlace, places: Iterable<number>): CompiledFact[] {
  return [...places].sort((a, b) => a - b).map((i) => facts.at(i));
}

/** The lookups over `indexes`; `keywords`: the words looked for in drafts; `types`: the types that have facts. */
export function lookupsOf(indexes: LookupIndexes, facts: FactsByPlace, keywords: Iterable<string>, types: readonly ValueType[]): Lookups {
  const { mentions, byEntity, byWord } = indexes;
  const { index: words, prefixes } = keywordIndex(keywords);
  const shorterKeywords = (k: string): readonly string[] => prefixes.get(k) ?? NO_KEYWORDS;
  const siblings = new Map<string, SiblingPlaces>();
  return {
    // Each match made into its mention or keyword hit as found: no list of the index's hits first.
    findMentions: (text) => {
      const out: Mention[] = [];
      mentions.findEach(text, (entity, start, end) => out.push({ entity, start, end }));
      return out;
    },
    findKeywords: (text) => {
      const out: KeywordHit[] = [];
      words.findEach(text, (keyword, start, end) => out.push({ keyword, start, end }), shorterKeywords);
      return out;
    },
    candidateFacts(type, inUnit, said) {
      const found = new Set<number>();
      for (const e of inUnit) addPlaces(found, byEntity.get(type, e));
      for (const w of said) {
        const places = byWord.get(type, w);
        if (places && places.length <= MAX_FACTS_PER_OWN_WORD) addPlaces(found, places);
      }
      return inOrder(facts, found);
    },
    siblingFacts(key) {
      let byKey = siblings.get(key.subject);
      if (!byKey) siblings.set(key.subject, (byKey = siblingPlaces(key.subject, facts, byEntity, types)));
      return inOrder(facts, byKey.get(siblingKey(key.relation, key.object)) ?? []);
    },
  };
}

/** A subject's facts by relation and object: each's siblings. */
type SiblingPlaces = Map<string, number[]>;

function siblingKey(relation: string, object: string | undefined): string {
  return `${relation}\u0000${object ?? ''}`;
}

/**
 * The places of `subject`'s facts by relation and object, from the facts listed under it (which
 * also lists those it is the object or the line of). Siblings may differ in type (an amount and
 * its date), so each type's list is read. Kept per subject: a group's members each ask about the
 * same subject (a thousand copies of a group ask about Amazon a thousand times).
 */
function siblingPlaces(subject: string, facts: FactsByPlace, byEntity: FactPlaces, types: readonly ValueType[]): SiblingPlaces {
  const out: SiblingPlaces = new Map();
  for (const type of types) {
    const places = byEntity.get(type, subject) ?? [];
    for (let k = 0; k < places.length; k++) {
      const { fact } = facts.at(places[k]);
      if (fact.subject === subject) push(out, siblingKey(fact.relation, fact.object), places[k]);
    }
  }
  return out;
}

/** The lookups of facts compiled already (tests). */
export function buildLookups(entities: ReadonlyMap<string, Entity>, facts: readonly CompiledFact[], keywords: Iterable<string>): Lookups {
  return lookupsOf(buildIndexes(entities, facts), { at: (i) => facts[i] }, keywords, [...new Set(facts.map((f) => f.fact.type))]);
}
