/**
 * The parties a text names: the knowledge base's entities, and organisations and people it does
 * not know (SoftBank, Thrive Capital, "investors"), found by reading/names.ts and the lexicon's
 * party nouns. An unknown party is a mention whose entity id starts with "?": it competes with a
 * fact's parties as a known rival does, so "SoftBank led a $40 billion round in OpenAI" is not
 * Amazon's investment.
 */
import type { KnowledgeBase, Mention } from '../../knowledge/knowledge-base';
import { LEXICON, alternationOf, escapeRegExp } from '../reading/lexicon';
import { type FoundName, findNames } from '../reading/names';
import { overlapsAny, spanIndex } from '../reading/spans';
import { allMatches } from '../reading/all-matches';

/** Kinds of entity that compete for the subject or object role. */
const ROLE_KINDS = new Set(['company', 'chip', 'market', 'person', 'product', 'model', 'project']);

const UNKNOWN = '?';

export function isUnknown(entity: string): boolean {
  return entity.startsWith(UNKNOWN);
}

/** The kind of an entity; an unknown party's is 'unknown', or 'person' when its name reads as one. */
export function entityKind(kb: KnowledgeBase, entity: string): string {
  if (!isUnknown(entity)) return kb.entities.get(entity)!.kind;
  return entity.startsWith(`${UNKNOWN}person:`) ? 'person' : 'unknown';
}

/** Whether the name finder was sure an unknown name is a name: of an organisation or a person, or of two words or more. */
export function isSurelyAName(entity: string): boolean {
  return entity.startsWith(`${UNKNOWN}org:`) || entity.startsWith(`${UNKNOWN}person:`) || /\s/.test(entity);
}

/** Whether an entity can be a fact's subject or object (a company, chip, market, person, or an unknown party), not an event or a thing. */
export function isParty(kb: KnowledgeBase, entity: string): boolean {
  return isUnknown(entity) || ROLE_KINDS.has(kb.entities.get(entity)!.kind);
}

const PARTY_NOUNS = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.partyNouns)})(?![\p{L}\p{N}])`, 'giu');

/** Every type's measure words in one set, per knowledge base. */
const MEASURE_WORDS = new WeakMap<KnowledgeBase, ReadonlySet<string>>();

/** A unit's spellings, its rate's "per" spellings among them ("kWh" of "$ per kWh"), in lowercase. */
function unitSpellings(kb: KnowledgeBase): string[] {
  return [...kb.units.values()].flatMap((u) => [u.id, ...u.spellings, ...(u.per?.spellings ?? [])]).map((s) => s.toLowerCase());
}

/**
 * Whether a name is one of the knowledge base's measure words or a unit's spelling: "GitHub" in
 * "popular on GitHub" says what is counted (stars), as "TFLOPS" and "kWh" do; it is no party
 * competing with the product.
 */
function isMeasureWord(kb: KnowledgeBase, name: string): boolean {
  let words = MEASURE_WORDS.get(kb);
  if (!words) MEASURE_WORDS.set(kb, (words = new Set([...[...kb.measureWords.values()].flatMap((s) => [...s]), ...unitSpellings(kb)])));
  return words.has(name.toLowerCase());
}

/** Parties the knowledge base does not know, in `text`, beside its `known` mentions; `found`: its names (reading/names). */
export function unknownParties(text: string, kb: KnowledgeBase, known: readonly Mention[], found: readonly FoundName[] = findNames(text)): Mention[] {
  const publishers = kb.publishers;
  const out: Mention[] = [];
  const knownSpans = spanIndex(known);
  for (const n of found) {
    if (overlapsAny(knownSpans, n) || publishers.has(n.text.toLowerCase()) || isMeasureWord(kb, n.text)) continue;
    out.push({ entity: `${UNKNOWN}${n.kind}:${n.text}`, start: n.start, end: n.end });
  }
  // Party nouns never overlap one another (one scan finds them), so only the names can take their place.
  const names = spanIndex(out);
  for (const m of allMatches(PARTY_NOUNS, text)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!overlapsAny(knownSpans, span) && !overlapsAny(names, span)) out.push({ entity: `${UNKNOWN}org:${m[0].toLowerCase()}`, ...span });
  }
  return out;
}

/**
 * The unknown party of a lone name (reading/names ReadName.lone: its word) as a person's when a
 * person's name said before it in a longer text gave that word as a surname (`persons`).
 */
export function withSurnames(m: Mention, lone: string | undefined, persons: ReadonlySet<string>): Mention {
  return lone !== undefined && persons.has(lone) && m.entity === `${UNKNOWN}unknown:${lone}` ? { ...m, entity: `${UNKNOWN}person:${lone}` } : m;
}

/** Per knowledge base, a pattern finding "the" and one of its entity descriptions ("lab", "chipmaker"). */
const DESCRIPTIONS = new WeakMap<KnowledgeBase, RegExp | null>();

function descriptionPattern(kb: KnowledgeBase): RegExp | undefined {
  let pattern = DESCRIPTIONS.get(kb);
  if (pattern === undefined) {
    const words = [...kb.describedBy.keys()].sort((a, b) => b.length - a.length);
    pattern = words.length ? new RegExp(String.raw`(?<![\p{L}\p{N}])the\s+(${words.map((w) => escapeRegExp(w).replace(/ /g, String.raw`\s+`)).join('|')})(?![\p{L}\p{N}])`, 'giu') : null;
    DESCRIPTIONS.set(kb, pattern);
  }
  return pattern ?? undefined;
}

/**
 * "The lab", "the chipmaker": the entity a definite description stands for (see the schema's
 * `descriptions`), as a mention of it at the description's words. Walking back from it, the first
 * entity with the description is its antecedent; a party no knowledge base knows met first leaves it
 * unresolved (it may be that party: "Scale AI… the startup"), as does a text that names none and
 * more than one entity with the description.
 */
function describedParties(text: string, kb: KnowledgeBase, named: readonly Mention[]): Mention[] {
  const pattern = descriptionPattern(kb);
  if (!pattern) return [];
  const out: Mention[] = [];
  for (const m of allMatches(pattern, text)) {
    const start = m.index + m[0].length - m[1].length;
    const described = kb.describedBy.get(m[1].toLowerCase().replace(/\s+/g, ' ')) ?? [];
    const found = antecedent(text, named, m.index, described);
    const entity = found === BLOCKED ? undefined : (found ?? (described.length === 1 ? described[0] : undefined));
    if (entity && !named.some((x) => x.start < start + m[1].length && x.end > start)) out.push({ entity, start, end: start + m[1].length });
  }
  return out;
}

/** `named` (in order) with the entities the text's definite descriptions ("the lab") and "the former" or "the latter" stand for, in order. */
export function withDescribed(text: string, kb: KnowledgeBase, named: Mention[]): Mention[] {
  const described = [...describedParties(text, kb, named), ...referredParties(text, kb, named)];
  return described.length ? [...named, ...described].sort((a, b) => a.start - b.start) : named;
}

/** A group named by its members ("OpenAI and Anthropic", one name of the labs): the members, in the order the name gives them; any other name, its entity. */
function namedWithin(text: string, kb: KnowledgeBase, n: Mention): string[] {
  const members = kb.entities.get(n.entity)?.members ?? [];
  if (!members.length) return [n.entity];
  const name = text.slice(n.start, n.end).toLowerCase();
  const at = (e: string) => Math.min(...[kb.entities.get(e)?.name ?? e, ...(kb.entities.get(e)?.aliases ?? [])].map((a) => name.indexOf(a.toLowerCase())).filter((i) => i >= 0));
  const placed = members.map((e) => ({ e, i: at(e) })).filter((p) => Number.isFinite(p.i));
  return placed.length > 1 ? placed.sort((a, b) => a.i - b.i).map((p) => p.e) : [n.entity];
}

/** "the former", "the latter" (the lexicon's formerLatter). */
const FORMER_LATTER = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.formerLatter)})(?![\p{L}\p{N}])`, 'giu');

/**
 * The parties "the former" and "the latter" stand for: the first and the second of the last two
 * parties the text names before them ("$58 billion across OpenAI and Anthropic: $50 billion to the
 * former" is OpenAI's). Only names count, not what another such phrase stands for.
 */
function referredParties(text: string, kb: KnowledgeBase, named: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of allMatches(FORMER_LATTER, text)) {
    const last: string[] = [];
    for (const n of named) {
      if (n.end > m.index || isUnknown(n.entity)) continue;
      for (const e of namedWithin(text, kb, n).filter((x) => isParty(kb, x))) {
        const at = last.indexOf(e);
        if (at >= 0) last.splice(at, 1);
        last.push(e);
      }
    }
    const pair = last.slice(-2);
    if (pair.length === 2) out.push({ entity: pair[LEXICON.formerLatter.entries[m[0].toLowerCase()].value], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** "the" right before a name: "the OpenAI deal" names a deal, not a party a description may refer back to. */
const ARTICLE_BEFORE = /(?<![\p{L}\p{N}])the\s+$/iu;
/** How far before a name its article is looked for. */
const ARTICLE_REACH = 5;

/** A description that a party no knowledge base knows may stand for: it stands for no known one. */
const BLOCKED = '';

/**
 * The last entity of `described` named before `at` as a party (not as a modifier: "the OpenAI
 * deal"); BLOCKED when a party no knowledge base knows is named after it; undefined when none is.
 */
function antecedent(text: string, named: readonly Mention[], at: number, described: readonly string[]): string | undefined {
  for (let k = named.length - 1; k >= 0; k--) {
    const m = named[k];
    if (m.end > at) continue;
    if (described.includes(m.entity) && !ARTICLE_BEFORE.test(text.slice(Math.max(0, m.start - ARTICLE_REACH), m.start))) return m.entity;
    if (isUnknown(m.entity) && isSurelyAName(m.entity)) return BLOCKED;
  }
  return undefined;
}

/** Recent texts' parties, per knowledge base: a unit is asked about by several readers (its own check, the next block's context, a heading's topic). */
const recent = new WeakMap<KnowledgeBase, Map<string, Mention[]>>();
/** How many texts' parties are remembered per knowledge base before the memory is cleared. */
const RECENT_TEXTS = 512;

/** Every party `text` names, known or not, in order. */
/** A number right after a line's name: a generation of it ("Trainium 3"). */
const GENERATION_AFTER = /^[ -]?\d{1,2}(?![\p{L}\p{N}.,%])/u;

/**
 * A line's name with a generation the knowledge base does not know ("Trainium 3", when it knows
 * Trainium 2) names another product, not the line: an unknown party, which competes with the line's
 * known generations instead of standing for them.
 */
export function otherGenerations(text: string, kb: KnowledgeBase, known: Mention[]): Mention[] {
  const heads = kb.familyHeads;
  if (!heads.size) return known;
  return known.map((m) => {
    const generation = heads.has(m.entity) ? GENERATION_AFTER.exec(text.slice(m.end, m.end + 4)) : null;
    return generation ? { entity: `${UNKNOWN}unknown:${text.slice(m.start, m.end + generation[0].length)}`, start: m.start, end: m.end + generation[0].length } : m;
  });
}

export function partiesIn(text: string, kb: KnowledgeBase): Mention[] {
  let memo = recent.get(kb);
  if (!memo) recent.set(kb, (memo = new Map()));
  const hit = memo.get(text);
  if (hit) return hit;
  const known = otherGenerations(text, kb, kb.findMentions(text));
  const named = [...known, ...unknownParties(text, kb, known)].sort((a, b) => a.start - b.start);
  const all = withDescribed(text, kb, named);
  if (memo.size >= RECENT_TEXTS) memo.clear();
  memo.set(text, all);
  return all;
}
