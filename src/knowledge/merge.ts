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
import type { Assertion, Entity, Fact, Qualifier, Relation, Source } from './schema';
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
  /** The facts whose references all resolve, each with the assertions whose source is known. */
  facts: Map<string, Fact>;
  /** Where each entry and assertion of the merged knowledge base was written. */
  origins: Map<object, Origin>;
  problems: KbProblem[];
}

type Entry = Source | Entity | Relation | Qualifier | Fact;

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
  entities: 'to add aliases to it, list it under "extend" → "entities"',
  relations: 'to add keywords to it, list it under "extend" → "relations"; to replace it, under "override" → "relations"',
  qualifiers: 'to add keywords to it, list it under "extend" → "qualifiers"; to replace it, under "override" → "qualifiers"',
  facts: 'to add assertions to it, list it under "extend" → "facts"',
};

const SINGULAR: Record<SectionName, string> = { sources: 'source', entities: 'entity', relations: 'relation', qualifiers: 'qualifier', facts: 'fact' };

function problem(origin: Origin, path: Path, message: string): KbProblem {
  const full = [...origin.path, ...path];
  return { file: origin.file.file, ...origin.file.locate(full), field: formatPath(full), message };
}

function where(origin: Origin): string {
  if (origin.file.description) return origin.file.description;
  return `${origin.file.file}:${origin.file.locate(origin.path).line + 1}`;
}

export function mergeKnowledgeBases(files: readonly LoadedFile[]): MergedKnowledgeBase {
  const problems: KbProblem[] = files.flatMap((f) => f.problems);
  const origins = new Map<object, Origin>();
  const defs = Object.fromEntries(SECTION_NAMES.map((s) => [s, new Map<string, Entry>()])) as Record<SectionName, Map<string, Entry>>;
  const rejected = Object.fromEntries(SECTION_NAMES.map((s) => [s, new Set<string>()])) as Record<SectionName, Set<string>>;

  for (const file of files) {
    for (const section of SECTION_NAMES) {
      for (const id of file.rejected[section]) rejected[section].add(id);
      for (const entry of file.content[section] as Entry[]) {
        const origin = { file, path: file.pathOf(entry) };
        const prior = defs[section].get(entry.id);
        if (!prior) {
          defs[section].set(entry.id, entry);
          origins.set(entry, origin);
          if (section === 'facts') (entry as Fact).assertions.forEach((a, i) => origins.set(a, { file, path: [...origin.path, 'assertions', i] }));
        } else if (!sameValue(prior, entry)) {
          problems.push(problem(origin, ['id'], `duplicate ${SINGULAR[section]} id "${entry.id}", already defined in ${where(origins.get(prior)!)}: ${HOW_TO_ADD[section]}`));
        }
      }
    }
  }

  const unknownTarget = (origin: Origin, section: SectionName, id: string) => {
    if (!rejected[section].has(id))
      problems.push(problem(origin, ['id'], `there is no ${SINGULAR[section]} "${id}" to ${origin.path[0] === 'extend' ? 'extend' : 'override'}${didYouMean(id, defs[section].keys())}`));
  };
  for (const file of files) {
    const { extend, override } = file.content;
    for (const [section, list] of [['entities', extend.entities], ['relations', extend.relations], ['qualifiers', extend.qualifiers]] as const) {
      for (const ext of list) {
        const target = defs[section].get(ext.id);
        const origin = { file, path: file.pathOf(ext) };
        if (!target) unknownTarget(origin, section, ext.id);
        else if ('aliases' in ext) defs[section].set(ext.id, withOrigin(origins, target, { ...(target as Entity), aliases: union((target as Entity).aliases, ext.aliases) }));
        else defs[section].set(ext.id, withOrigin(origins, target, { ...(target as Relation), keywords: union((target as Relation).keywords, ext.keywords) }));
      }
    }
    for (const ext of extend.facts) {
      const target = defs.facts.get(ext.id) as Fact | undefined;
      const origin = { file, path: file.pathOf(ext) };
      if (!target) {
        unknownTarget(origin, 'facts', ext.id);
        continue;
      }
      // An assertion the fact already has (a file extending it loaded twice) counts once.
      const added = ext.assertions.filter((a) => !target.assertions.some((b) => sameValue(a, b)));
      ext.assertions.forEach((a, i) => origins.set(a, { file, path: [...origin.path, 'assertions', i] }));
      defs.facts.set(ext.id, withOrigin(origins, target, { ...target, keywords: union(target.keywords, ext.keywords ?? []), assertions: [...target.assertions, ...added] }));
    }
    for (const [section, list] of [['relations', override.relations], ['qualifiers', override.qualifiers]] as const) {
      for (const entry of list) {
        const origin = { file, path: file.pathOf(entry) };
        if (!defs[section].has(entry.id)) unknownTarget(origin, section, entry.id);
        else {
          defs[section].set(entry.id, entry);
          origins.set(entry, origin);
        }
      }
    }
  }

  // References. One problem per file and unknown id: a misspelt entity used by ten facts is one mistake.
  const unknown = new Map<string, { problem: KbProblem; more: number }>();
  const reference = (origin: Origin, path: Path, section: SectionName, id: string): boolean => {
    if (defs[section].has(id)) return true;
    if (rejected[section].has(id)) return false;
    const key = `${origin.file.file}\u0000${section}\u0000${id}`;
    const seen = unknown.get(key);
    if (seen) seen.more++;
    else unknown.set(key, { problem: problem(origin, path, `unknown ${SINGULAR[section]} "${id}"${didYouMean(id, defs[section].keys())}`), more: 0 });
    return false;
  };

  for (const [id, e] of defs.entities as Map<string, Entity>) {
    if (e.family === undefined) continue;
    const origin = origins.get(e)!;
    if (e.family === id) problems.push(problem(origin, ['family'], 'an entity is not its own family'));
    if (e.family === id || !reference(origin, ['family'], 'entities', e.family)) defs.entities.set(id, withOrigin(origins, e, { ...e, family: undefined }));
  }

  const facts = new Map<string, Fact>();
  for (const [id, fact] of defs.facts as Map<string, Fact>) {
    const origin = origins.get(fact)!;
    let ok = reference(origin, ['subject'], 'entities', fact.subject);
    if (fact.object !== undefined) ok = reference(origin, ['object'], 'entities', fact.object) && ok;
    ok = reference(origin, ['relation'], 'relations', fact.relation) && ok;
    fact.qualifiers.forEach((q, i) => (ok = reference(origin, ['qualifiers', i], 'qualifiers', q) && ok));
    const assertions = fact.assertions.filter((a: Assertion) => {
      const at = origins.get(a) ?? origin;
      return reference({ file: at.file, path: at.path }, ['source'], 'sources', a.source);
    });
    if (ok && assertions.length) facts.set(id, assertions.length === fact.assertions.length ? fact : withOrigin(origins, fact, { ...fact, assertions }));
  }
  for (const { problem: p, more } of unknown.values()) {
    problems.push(more ? { ...p, message: `${p.message} (used ${more} more time${more === 1 ? '' : 's'} in this file)` } : p);
  }

  return {
    sources: defs.sources as Map<string, Source>,
    entities: defs.entities as Map<string, Entity>,
    relations: defs.relations as Map<string, Relation>,
    qualifiers: defs.qualifiers as Map<string, Qualifier>,
    facts,
    origins,
    problems,
  };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** A changed copy of an entry keeps the original's origin. */
function withOrigin<T extends object>(origins: Map<object, Origin>, from: object, to: T): T {
  const origin = origins.get(from);
  if (origin) origins.set(to, origin);
  return to;
}
