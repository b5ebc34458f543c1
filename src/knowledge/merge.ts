/**
 * Several knowledge base files as one: the bundled file and the user's, in order. An id means one
 * entry: the same entry loaded twice (a workspace copy of the bundled file, a file given twice)
 * counts once, and a different entry with an id already taken is an error, never a silent merge.
 * A file adds to another's entries only under "extend", and replaces a relation or qualifier only
 * under "override". References are checked once everything is in: an unknown id is reported once
 * per file with a "did you mean", and a reference to an entry that was itself rejected is not
 * reported again.
 */
import type { KbProblem, LoadedFile, Path, SectionName } from './loader';
import { SECTION_NAMES, formatPath } from './loader';
import type { Assertion, Entity, EntityExtension, Fact, Qualifier, Relation, Source, Unit } from './schema';
import { didYouMean } from './suggest';

/** Where an entry (or an assertion) was written. */
export interface Origin {
  file: LoadedFile;
  path: Path;
}

export interface MergedKnowledgeBase {
  sources: Map<string, Source>;
  entities: Map<string, Entity>;
  relations: Map<string, Relation>;
  qualifiers: Map<string, Qualifier>;
  units: Map<string, Unit>;
  /** The facts whose references all resolve, each with the assertions whose source is known; a count or spec fact's unit is its unit's id. */
  facts: Map<string, Fact>;
  /** Where each entry and assertion of the merged knowledge base was written. */
  origins: OriginMap;
  problems: KbProblem[];
}

type Entry = Source | Entity | Relation | Qualifier | Unit | Fact;

/** Structural equality of parsed JSON values (key order aside). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const HOW_TO_ADD: Record<SectionName, string> = {
  sources: 'give this source another id',
  entities: 'to add aliases or descriptions to it, list it under "extend" → "entities"',
  relations: 'to add keywords to it, list it under "extend" → "relations"; to replace it, under "override" → "relations"',
  qualifiers: 'to add keywords to it, list it under "extend" → "qualifiers"; to replace it, under "override" → "qualifiers"',
  units: 'give this unit another id (a fact may name a unit by any of its spellings)',
  facts: 'to add assertions to it, list it under "extend" → "facts"',
};

const SINGULAR: Record<SectionName, string> = { sources: 'source', entities: 'entity', relations: 'relation', qualifiers: 'qualifier', units: 'unit', facts: 'fact' };

function problem(origin: Origin, path: Path, message: string): KbProblem {
  const full = [...origin.path, ...path];
  return { file: origin.file.file, ...origin.file.locate(full), field: formatPath(full), message };
}

function where(origin: Origin): string {
  if (origin.file.description) return origin.file.description;
  return `${origin.file.file}:${origin.file.locate(origin.path).line + 1}`;
}

/** Where each entry and assertion of a merge was written (see Origins). */
export interface OriginMap {
  get(key: object): Origin | undefined;
  has(key: object): boolean;
  /** The file that defines an entry, without working out its path (a build asks for every fact's). */
  fileOf(key: object): LoadedFile | undefined;
}

/**
 * Where each entry was written: the file that defines it, and its path in that file asked of the
 * file (LoadedFile.pathOf) only when an origin's path is read, nearly always for a problem. A
 * changed copy of an entry has its original's origin. A fact's own assertions are not entered one
 * by one (a hundred thousand paths for nothing when all is well): asked for one, the map works
 * them all out once from the facts' origins, so `get` answers for an assertion as for any entry.
 */
class Origins implements OriginMap {
  private readonly files = new Map<object, LoadedFile>();
  /** Origins given whole (an extension's assertions), and copies by the entry they copy. */
  private readonly given = new Map<object, Origin>();
  private readonly copies = new Map<object, object>();
  private assertions?: Map<object, Origin>;
  /** The facts as defined, whose assertions are found from their origin. */
  readonly facts: Fact[] = [];

  /** An entry as defined in a file. */
  define(entry: object, file: LoadedFile): void {
    this.files.set(entry, file);
  }

  /** An entry (an assertion added by an extension) whose origin is known whole. */
  set(entry: object, origin: Origin): void {
    this.given.set(entry, origin);
  }

  /** `to`, a changed copy of `from`, written where `from` was. */
  copy(from: object, to: object): void {
    this.copies.set(to, this.copies.get(from) ?? from);
  }

  fileOf(key: object): LoadedFile | undefined {
    const entry = this.copies.get(key) ?? key;
    return this.files.get(entry) ?? this.given.get(entry)?.file ?? this.ofAssertion(entry)?.file;
  }

  get(key: object): Origin | undefined {
    const entry = this.copies.get(key) ?? key;
    const file = this.files.get(entry);
    // Its path worked out when read (for a problem): the merge asks for every entry's origin.
    if (file)
      return {
        file,
        get path() {
          return file.pathOf(entry);
        },
      };
    return this.given.get(entry) ?? this.ofAssertion(entry);
  }

  has(key: object): boolean {
    return this.fileOf(key) !== undefined;
  }

  private ofAssertion(key: object): Origin | undefined {
    if (!this.assertions) {
      this.assertions = new Map();
      for (const fact of this.facts) {
        const origin = this.get(fact)!;
        fact.assertions.forEach((a, i) => this.assertions!.set(a, { file: origin.file, path: [...origin.path, 'assertions', i] }));
      }
    }
    return this.assertions.get(key);
  }
}

/** The merge in progress: every id's entry so far, the ids of rejected entries, and the problems. */
interface Merge {
  defs: Record<SectionName, Map<string, Entry>>;
  rejected: Record<SectionName, Set<string>>;
  origins: Origins;
  problems: KbProblem[];
}

export function mergeKnowledgeBases(files: readonly LoadedFile[]): MergedKnowledgeBase {
  const m: Merge = {
    defs: Object.fromEntries(SECTION_NAMES.map((s) => [s, new Map<string, Entry>()])) as Merge['defs'],
    rejected: Object.fromEntries(SECTION_NAMES.map((s) => [s, new Set<string>()])) as Merge['rejected'],
    origins: new Origins(),
    problems: files.flatMap((f) => f.problems),
  };
  for (const file of files) for (const section of SECTION_NAMES) define(m, file, section);
  for (const file of files) {
    extendKeywords(m, file);
    extendFacts(m, file);
    override(m, file);
  }
  const facts = checkReferences(m);
  return {
    sources: m.defs.sources as Map<string, Source>,
    entities: m.defs.entities as Map<string, Entity>,
    relations: m.defs.relations as Map<string, Relation>,
    qualifiers: m.defs.qualifiers as Map<string, Qualifier>,
    units: m.defs.units as Map<string, Unit>,
    facts,
    origins: m.origins,
    problems: m.problems,
  };
}

/** A file's entries of one section: new ids are defined, the same entry again counts once, another entry with a taken id is an error. */
function define(m: Merge, file: LoadedFile, section: SectionName): void {
  for (const id of file.rejected[section]) m.rejected[section].add(id);
  for (const entry of file.content[section] as Entry[]) {
    const prior = m.defs[section].get(entry.id);
    if (!prior) {
      m.defs[section].set(entry.id, entry);
      m.origins.define(entry, file);
      if (section === 'facts') m.origins.facts.push(entry as Fact);
    } else if (!sameValue(prior, entry)) {
      m.problems.push(problem({ file, path: file.pathOf(entry) }, ['id'], `duplicate ${SINGULAR[section]} id "${entry.id}", already defined in ${where(m.origins.get(prior)!)}: ${HOW_TO_ADD[section]}`));
    }
  }
}

function unknownTarget(m: Merge, origin: Origin, section: SectionName, id: string): void {
  if (m.rejected[section].has(id)) return;
  const verb = origin.path[0] === 'extend' ? 'extend' : 'override';
  m.problems.push(problem(origin, ['id'], `there is no ${SINGULAR[section]} "${id}" to ${verb}${didYouMean(id, m.defs[section].keys())}`));
}

/** "extend": aliases and descriptions added to entities, keywords to relations and qualifiers. */
function extendKeywords(m: Merge, file: LoadedFile): void {
  const { extend } = file.content;
  for (const ext of extend.entities) {
    const target = m.defs.entities.get(ext.id) as Entity | undefined;
    if (!target) unknownTarget(m, { file, path: file.pathOf(ext) }, 'entities', ext.id);
    else m.defs.entities.set(ext.id, withOrigin(m.origins, target, extendedEntity(target, ext)));
  }
  for (const [section, list] of [['relations', extend.relations], ['qualifiers', extend.qualifiers]] as const) {
    for (const ext of list) {
      const target = m.defs[section].get(ext.id);
      if (!target) unknownTarget(m, { file, path: file.pathOf(ext) }, section, ext.id);
      else m.defs[section].set(ext.id, withOrigin(m.origins, target, { ...(target as Relation), keywords: union((target as Relation).keywords, ext.keywords) }));
    }
  }
}

/** An entity with an extension's aliases and descriptions added; an entity that had no descriptions gets them only when some are added. */
function extendedEntity(target: Entity, ext: EntityExtension): Entity {
  const aliases = union(target.aliases, ext.aliases ?? []);
  if (!ext.descriptions) return { ...target, aliases };
  return { ...target, aliases, descriptions: union(target.descriptions ?? [], ext.descriptions) };
}

/** "extend": assertions and keywords added to facts; an assertion the fact already has (the file loaded twice) counts once. */
function extendFacts(m: Merge, file: LoadedFile): void {
  for (const ext of file.content.extend.facts) {
    const target = m.defs.facts.get(ext.id) as Fact | undefined;
    const origin = { file, path: file.pathOf(ext) };
    if (!target) {
      unknownTarget(m, origin, 'facts', ext.id);
      continue;
    }
    const added = ext.assertions.filter((a) => !target.assertions.some((b) => sameValue(a, b)));
    ext.assertions.forEach((a, i) => m.origins.set(a, { file, path: [...origin.path, 'assertions', i] }));
    m.defs.facts.set(ext.id, withOrigin(m.origins, target, { ...target, keywords: union(target.keywords, ext.keywords ?? []), assertions: [...target.assertions, ...added] }));
  }
}

/** "override": relations and qualifiers replaced whole. */
function override(m: Merge, file: LoadedFile): void {
  const { override: o } = file.content;
  for (const [section, list] of [['relations', o.relations], ['qualifiers', o.qualifiers]] as const) {
    for (const entry of list) {
      const origin = { file, path: file.pathOf(entry) };
      if (!m.defs[section].has(entry.id)) unknownTarget(m, origin, section, entry.id);
      else {
        m.defs[section].set(entry.id, entry);
        m.origins.define(entry, file);
      }
    }
  }
}

/**
 * Checks every reference once everything is in, and returns the facts whose references resolve.
 * One problem per file and unknown id: a misspelt entity used by ten facts is one mistake.
 */
function checkReferences(m: Merge): Map<string, Fact> {
  const unknown = new Map<string, { problem: KbProblem; more: number }>();
  const reference = (origin: Origin, path: Path, section: SectionName, id: string): boolean => {
    if (m.defs[section].has(id)) return true;
    if (m.rejected[section].has(id)) return false;
    const key = `${origin.file.file}\u0000${section}\u0000${id}`;
    const seen = unknown.get(key);
    if (seen) seen.more++;
    else unknown.set(key, { problem: problem(origin, path, `unknown ${SINGULAR[section]} "${id}"${didYouMean(id, m.defs[section].keys())}`), more: 0 });
    return false;
  };
  checkFamilies(m, reference);
  const facts = new Map<string, Fact>();
  for (const [id, fact] of m.defs.facts as Map<string, Fact>) {
    const origin = m.origins.get(fact)!;
    const unit = unitOf(m, fact);
    const ok = referencesResolve(fact, unit, (path, section, entry) => reference(origin, path, section, entry));
    // A new list only when an assertion's source is unknown (a hundred thousand facts, nearly all fine).
    const known = (a: Assertion) => m.defs.sources.has(a.source);
    const assertions = fact.assertions.every(known) ? fact.assertions : fact.assertions.filter((a) => known(a) || reference(m.origins.get(a) ?? origin, ['source'], 'sources', a.source));
    if (!ok || !assertions.length) continue;
    const same = assertions.length === fact.assertions.length && unit === fact.unit;
    facts.set(id, same ? fact : withOrigin(m.origins, fact, { ...fact, assertions, ...(unit !== undefined ? { unit } : {}) }));
  }
  for (const { problem: p, more } of unknown.values()) {
    m.problems.push(more ? { ...p, message: `${p.message} (used ${more} more time${more === 1 ? '' : 's'} in this file)` } : p);
  }
  return facts;
}

/** Whether a fact's parties, relation, qualifiers and unit are all known: each is checked, so that each unknown one is reported. */
function referencesResolve(fact: Fact, unit: string | undefined, reference: (path: Path, section: SectionName, id: string) => boolean): boolean {
  // In this order: the problems are reported in it.
  let ok = reference(['subject'], 'entities', fact.subject);
  ok = (fact.object === undefined || reference(['object'], 'entities', fact.object)) && ok;
  ok = reference(['relation'], 'relations', fact.relation) && ok;
  for (let i = 0; i < fact.qualifiers.length; i++) ok = reference(['qualifiers', i], 'qualifiers', fact.qualifiers[i]) && ok;
  return (unit === undefined || reference(['unit'], 'units', unit)) && ok;
}

/**
 * The id of a count or spec fact's unit: its own "unit" when a unit has that id, else the unit that
 * spells it so ("TFLOPS", "GitHub stars"), else the name as given, reported as unknown by the caller.
 */
function unitOf(m: Merge, fact: Fact): string | undefined {
  if ((fact.type !== 'count' && fact.type !== 'spec') || fact.unit === undefined) return undefined;
  const units = m.defs.units as Map<string, Unit>;
  if (units.has(fact.unit)) return fact.unit;
  const written = fact.unit.toLowerCase();
  for (const u of units.values()) if ([u.label, ...u.spellings].some((s) => s?.toLowerCase() === written)) return u.id;
  return fact.unit;
}

/**
 * An entity's family, maker, speaksFor and members must be other known entities; a bad one is reported
 * and dropped, the entity kept.
 */
function checkFamilies(m: Merge, reference: (origin: Origin, path: Path, section: SectionName, id: string) => boolean): void {
  for (const [id, e] of m.defs.entities as Map<string, Entity>) {
    const origin = m.origins.get(e)!;
    let kept = e;
    if (e.family !== undefined) {
      if (e.family === id) m.problems.push(problem(origin, ['family'], 'an entity is not its own family'));
      if (e.family === id || !reference(origin, ['family'], 'entities', e.family)) kept = { ...kept, family: undefined };
    }
    if (!entityReferenceKept(m, origin, id, 'maker', e.maker, 'an entity is not its own maker', reference)) kept = { ...kept, maker: undefined };
    if (!entityReferenceKept(m, origin, id, 'speaksFor', e.speaksFor, 'an entity does not speak for itself', reference)) kept = { ...kept, speaksFor: undefined };
    if (e.members?.length) kept = { ...kept, members: checkedMembers(m, origin, id, e.members, reference) };
    if (kept !== e) m.defs.entities.set(id, withOrigin(m.origins, e, kept));
  }
}

/** Whether an entity's reference to another (its maker, whom it speaks for) may stay: absent, or another known entity; a bad one is reported. */
function entityReferenceKept(
  m: Merge,
  origin: Origin,
  id: string,
  field: 'maker' | 'speaksFor',
  target: string | undefined,
  selfMessage: string,
  reference: (origin: Origin, path: Path, section: SectionName, id: string) => boolean,
): boolean {
  if (target === undefined) return true;
  if (target !== id) return reference(origin, [field], 'entities', target);
  m.problems.push(problem(origin, [field], selfMessage));
  return false;
}

function checkedMembers(m: Merge, origin: Origin, id: string, members: readonly string[], reference: (origin: Origin, path: Path, section: SectionName, id: string) => boolean): string[] {
  return members.filter((member, i) => {
    if (member !== id) return reference(origin, ['members', i], 'entities', member);
    m.problems.push(problem(origin, ['members', i], 'an entity is not its own member'));
    return false;
  });
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** A changed copy of an entry keeps the original's origin. */
function withOrigin<T extends object>(origins: Origins, from: object, to: T): T {
  origins.copy(from, to);
  return to;
}
