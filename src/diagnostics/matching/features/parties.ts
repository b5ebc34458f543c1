/**
 * Features about who the figure is about: the fact's subject and object named near it, and other
 * parties named near it that argue for another fact.
 */
import { entityKind, isParty, isSurelyAName, isUnknown } from '../../context/parties';
import { entityWeight, figureMemo, keywordWeight, mentionedEntities, namedWeight, near, sentenceSubject, weighedFrom, wordWeight } from '../evidence';
import type { Figure } from '../../figures/figure';
import type { CompiledFact, KnowledgeBase, Mention } from '../../../knowledge/knowledge-base';
import { EVIDENCE, GATES } from '../model';
import { qualifierWeights } from './words';
import { spanIndexAt } from '../../reading/layout';
import { isBystanderSpeaker, lendable, writerSpeaks } from '../../context/discourse';
import { LEXICON, alternationOf } from '../../reading/lexicon';
import type { Candidate } from './candidate';
import { ValueType } from '../../../knowledge/schema';
import { perEntity } from './per-knowledge-base';

/**
 * How plainly the fact's subject or object is named or carried for the figure, implication aside:
 * a conflict needs one of them said (an implied pair is evidence enough to cite, not to contradict:
 * "When all 2,000 trucks are running" implies no one's order; "Corvane's battery warranty" names
 * the Haul's maker).
 */
export function namedPartyWeight(c: Candidate): number {
  const { subject, object } = c.fact.fact;
  const named = (e: string) => entityWeight(c.kb, c.ev, e, c.figure, partnersOf(c, e));
  // A party the fact's own words name is one of its sides too: the OpenAI deal of "the time
  // between Amazon's OpenAI deal and its Anthropic deal" ("The OpenAI deal came four months earlier").
  const ownNamed = near(c.ev, c.figure).mentions.filter((m) => namedByOwnWords(c, m.entity)).map((m) => wordWeight(c.ev, m, c.figure));
  // A spokesperson named stands for the subject by name, at their discount. The maker of one
  // product only names it ("Corvane's battery warranty" is the Haul's); AWS makes several chips,
  // so "AWS claims 4.4x" names none of them.
  return Math.max(named(subject), object ? named(object) : 0, soleMakerWeight(c), speakerWeight(c, subject), ...ownNamed);
}

/** How plainly the maker of the fact's subject is named for the figure, when the subject is all it makes (0 otherwise). */
export function soleMakerWeight(c: Candidate): number {
  const { subject } = c.fact.fact;
  const maker = c.kb.entities.get(subject)?.maker;
  return maker !== undefined && makesOneProduct(c.kb, maker) ? namedWeight(c.kb, c.ev, maker, c.figure) : 0;
}

/**
 * Whether the maker makes one product only: then naming the maker names it. Found through the
 * facts indexed under the maker (lookup.ts indexes a product's facts there only when it is all the
 * maker makes), not by a walk over every entity: a knowledge base read from its snapshot decodes
 * an entity only when asked for it.
 */
const makesOneProduct = perEntity((kb, maker) => productsOf(kb, maker).size === 1);

/** The parties of the facts indexed under a maker that it makes. */
function productsOf(kb: Candidate['kb'], maker: string): Set<string> {
  const out = new Set<string>();
  for (const type of ValueType.options)
    for (const f of kb.candidateFacts(type, [maker], []))
      for (const e of [f.fact.subject, f.fact.object]) if (e !== undefined && kb.entities.get(e)?.maker === maker) out.add(e);
  return out;
}

/** How plainly the fact's subject is named for the figure (0 to 1). */
export function subjectWeight(c: Candidate): number {
  const { subject } = c.fact.fact;
  if (namedOnlyAsBase(c, subject)) return 0;
  return Math.max(entityWeight(c.kb, c.ev, subject, c.figure, partnersOf(c, subject)), impliedWeight(c, 'subject'), makerWeight(c, subject), speakerWeight(c, subject), membersWeight(c, subject), ownerOfMeasureWeight(c, subject));
}

/** A possessive and up to two words before a word of the fact's relation: "AWS's share", "Amazon's total Anthropic investment". */
const OWNER_OF_WORD = /^['’]s?\s+(?:[\p{L}-]+\s+){0,2}$/u;
/** How far after a possessive name the relation's word may start: two words and spaces. */
const OWNER_OF_WORD_REACH = 32;

/**
 * The subject of a measure of one party (a fact with no object) named as the owner of a word of
 * the fact's relation said for the figure, before it: "AWS's share of the cloud market, estimated
 * at 29%, is being squeezed by Microsoft" is AWS's share, whoever is named nearer
 * (EVIDENCE.measureOwner).
 */
function ownerOfMeasureWeight(c: Candidate, subject: string): number {
  // Of a deal between two ("Anthropic's deal"), a possessive may name either side.
  if (c.fact.fact.object !== undefined) return 0;
  const { mentions, keywords } = near(c.ev, c.figure);
  for (const m of mentions) {
    if (m.entity !== subject) continue;
    for (const k of keywords)
      if (k.start > m.end && k.start - m.end <= OWNER_OF_WORD_REACH && k.end <= c.figure.start && c.fact.keywords.has(k.keyword) && OWNER_OF_WORD.test(c.ev.text.slice(m.end, k.start)) && wordWeight(c.ev, k, c.figure) >= GATES.said)
        return EVIDENCE.measureOwner;
  }
  return 0;
}

/**
 * A person who speaks for the subject (`speaksFor`), named for the figure, standing for it:
 * "Garman defended the $50 billion OpenAI investment" speaks of Amazon's. Not as an object.
 */
function speakerWeight(c: Candidate, subject: string): number {
  let w = 0;
  for (const e of mentionedEntities(c.ev)) if (c.kb.entities.get(e)?.speaksFor === subject) w = Math.max(w, EVIDENCE.speaker * namedWeight(c.kb, c.ev, e, c.figure));
  return w;
}

/**
 * A product's maker named for the figure, standing for the product as its subject: "AWS says it
 * trains models for up to 50% less than H100 clusters" speaks of Trainium. Not as an object:
 * "NVIDIA still holds 80% …" names no H100 that something else is compared with.
 */
function makerWeight(c: Candidate, subject: string): number {
  const maker = c.kb.entities.get(subject)?.maker;
  return maker === undefined ? 0 : EVIDENCE.maker * namedWeight(c.kb, c.ev, maker, c.figure);
}

/** After a multiple, a comparison base of the lexicon and the words up to a name: "4.4x the compute of Trainium 2". */
const COMPARISON_BASE_BEFORE = new RegExp(String.raw`^[^,;:.]*?(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.comparisonBases)})\s+(?:the\s+)?$`, 'iu');

/**
 * Whether the sentence names the entity, near a multiple, only as what the multiple is of: in
 * "Trainium 3 delivers 4.4x the compute of Trainium 2" the 4.4x is Trainium 3's, not Trainium 2's.
 */
function namedOnlyAsBase(c: Candidate, entity: string): boolean {
  if (c.figure.type !== 'multiple' || sentenceSubject(c.kb, c.ev, c.figure)?.entity === entity) return false;
  const named = near(c.ev, c.figure).mentions.filter((m) => m.entity === entity);
  return named.length > 0 && named.every((m) => m.start >= c.figure.end && COMPARISON_BASE_BEFORE.test(c.ev.text.slice(c.figure.end, m.start)));
}

/**
 * A party the sentence leaves unsaid but the rest of what it says implies: the knowledge base has
 * no other party in that role for this relation, other party and qualifiers ("$5 billion of the
 * Anthropic package arrives upfront": only Amazon's investment in Anthropic has an upfront part),
 * and the sentence names no one else who could be it.
 */
function impliedWeight(c: Candidate, role: 'subject' | 'object'): number {
  const { fact } = c.fact;
  if (c.kb.rolePartners(fact, role) > 1) return 0;
  // The party it is implied by must be named or carried, however weakly, unless the relation is
  // said plainly ("The OpenAI deal came first, roughly two months earlier"): "its original $15
  // billion target" names neither side of Google's investment in Anthropic, though Google invests
  // in no one else.
  const by = role === 'subject' ? fact.object : fact.subject;
  const unsaid = by !== undefined && entityWeight(c.kb, c.ev, by, c.figure, partnersOf(c, by)) === 0;
  if (unsaid && keywordWeight(c.ev, c.fact.keywords, c.figure) < GATES.plain) return 0;
  // What sets the fact apart (its qualifiers) must be said: "$5 billion upfront" implies the
  // Anthropic deal, a bare "$70 billion" implies nothing.
  if (qualifierWeights(c).some((q) => !q.implicit && q.weight < GATES.said)) return 0;
  const { sentences } = c.ev.layout;
  const i = spanIndexAt(sentences, c.figure.start);
  if (i < 0) return 0;
  return anotherPartyAround(c, i) ? 0 : EVIDENCE.implied;
}

/** Somebody else around sentence `i`: in it, in the sentence before (or, for a first sentence, the text before) or in the headers. */
function anotherPartyAround(c: Candidate, i: number): boolean {
  if (i > 0 && othersAround(c, c.ev.mentionsBySentence[i - 1], i)) return true;
  if (othersAround(c, c.ev.mentionsBySentence[i], i)) return true;
  if (c.ev.header) for (const e of c.ev.header.mentions.keys()) if (isOtherParty(c, e)) return true;
  if (i === 0) for (const e of c.ev.previous) if (isOtherParty(c, e)) return true;
  return false;
}

/** A party other than the fact's own (nor named by its own words): one that may be who the figure is about instead. */
function isOtherParty(c: Candidate, e: string): boolean {
  return e !== c.fact.fact.subject && e !== c.fact.fact.object && isParty(c.kb, e) && !namedByOwnWords(c, e);
}

/**
 * Whether `mentions` (of sentence `i` or the one before) hold another party that can weigh for the
 * figure. A party of another figure of the sentence ("~$25B for OpenAI and ~$20B for Anthropic")
 * is not this one's; only the figures a word of the sentence can weigh for can take it. Loops,
 * not lists joined and closures: this runs for every candidate fact of every figure.
 */
function othersAround(c: Candidate, mentions: readonly Mention[], i: number): boolean {
  const sentenceStart = c.ev.layout.sentences[i].start;
  for (const m of mentions) {
    // A speaker's label ("**OKAFOR:**") is who talks, not another party the figure may be about (isBystanderSpeaker).
    if (!isOtherParty(c, m.entity) || isBystanderSpeaker(c.ev.text, m)) continue;
    if (m.start < sentenceStart || !weighsForOtherFigure(c, m, i)) return true;
  }
  return false;
}

/** Whether a figure of sentence `i` other than the candidate's gets more of `m`'s weight than the candidate's figure. */
function weighsForOtherFigure(c: Candidate, m: Mention, i: number): boolean {
  for (const g of weighedFrom(c.ev, i)) if (g !== c.figure && wordWeight(c.ev, m, g) > wordWeight(c.ev, m, c.figure)) return true;
  return false;
}

/** A fact's parties as the features ask about them, worked out once per fact (see factParties). */
interface FactParties {
  /** The fact's parties other than its subject, and other than its object. */
  ofSubject: ReadonlySet<string>;
  ofObject: ReadonlySet<string>;
  /** Its parties, their product lines, makers and members: none of them is a rival. */
  related: ReadonlySet<string>;
  /** Its parties' entities. */
  own: readonly { id: string }[];
}

const FACT_PARTIES = new WeakMap<CompiledFact, FactParties>();

/**
 * What a fact's parties are to the features: the same for every figure it is a candidate of, and
 * sets made for each candidate were a large share of a keystroke's garbage.
 */
function factParties(kb: KnowledgeBase, f: CompiledFact): FactParties {
  let out = FACT_PARTIES.get(f);
  if (out) return out;
  const { subject, object } = f.fact;
  const others = (entity: string) => new Set([subject, object].filter((e): e is string => e !== undefined && e !== entity));
  const own = [subject, object].flatMap((e) => (e ? [kb.entities.get(e)!] : []));
  const related = new Set(own.flatMap((e) => [e.id, ...(e.family ? [e.family] : []), ...(e.maker ? [e.maker] : []), ...(e.members ?? [])]));
  out = { ofSubject: others(subject), ofObject: object === undefined ? others(subject) : others(object), related, own };
  FACT_PARTIES.set(f, out);
  return out;
}

/** The fact's parties other than `entity`. */
function partnersOf(c: Candidate, entity: string): ReadonlySet<string> {
  const { subject, object } = c.fact.fact;
  if (entity === subject) return factParties(c.kb, c.fact).ofSubject;
  if (entity === object) return factParties(c.kb, c.fact).ofObject;
  return new Set([subject, object].filter((e): e is string => e !== undefined && e !== entity));
}

/** How plainly the fact's object is named for the figure; undefined for a fact without one. */
export function objectWeight(c: Candidate): number | undefined {
  const { object } = c.fact.fact;
  return object ? Math.max(entityWeight(c.kb, c.ev, object, c.figure, partnersOf(c, object)), impliedWeight(c, 'object'), membersWeight(c, object)) : undefined;
}

/**
 * A group (an entity with `members`) is named by naming every member plainly for the figure, as
 * plainly as its least plainly named member: "the combined OpenAI–Anthropic exposure at $68
 * billion". Members each named for a figure of their own ("~$25B for OpenAI and ~$20B for
 * Anthropic") name no group.
 */
function membersWeight(c: Candidate, group: string): number {
  const members = c.kb.entities.get(group)?.members;
  if (!members?.length) return 0;
  let w = 1;
  for (const m of members) w = Math.min(w, namedWeight(c.kb, c.ev, m, c.figure));
  return w >= GATES.plain ? w : 0;
}

export interface Rivals {
  /** Sum of the weights of other parties named plainly for the figure. */
  others: number;
  /** A party of the kind the fact leaves unnamed sits close to the figure: the figure may be its. */
  rival: boolean;
}

/** Every candidate fact of the figure asks about the same names. */
const WEIGHING_PARTIES = figureMemo<string[]>();

/**
 * Parties named in the unit or its headers, each once, that can weigh for the figure: named in its
 * sentence, lent to it, the section's topic or the sentence's subject (a name elsewhere in a long
 * paragraph weighs nothing).
 */
function weighingParties(c: Candidate): string[] {
  return WEIGHING_PARTIES(c.ev, c.figure, () => {
    const lent = lendable(c.kb, c.ev, spanIndexAt(c.ev.layout.sentences, c.figure.start));
    const subject = sentenceSubject(c.kb, c.ev, c.figure)?.entity;
    const weighs = (e: string) => lent.has(e) || c.ev.topic.has(e) || e === subject;
    // Each entity once: the first naming of each is where the list below would keep it anyway.
    const named = [...near(c.ev, c.figure).mentions.map((m) => m.entity), ...mentionedEntities(c.ev).filter(weighs)];
    return [...new Set([...named, ...(c.ev.header?.mentions.keys() ?? [])])].filter((m) => isParty(c.kb, m));
  });
}

/** The parties that can weigh for the figure (see weighingParties) other than the fact's parties, their product lines, their members and who speaks for them. */
function otherEntities(c: Candidate): string[] {
  const { own, related } = factParties(c.kb, c.fact);
  const speaksForOwn = (m: string) => own.some((e) => c.kb.entities.get(m)?.speaksFor === e.id);
  return weighingParties(c).filter((m) => !related.has(m) && !speaksForOwn(m));
}

/** How far a possessive may stand before its figure: "'s" and the longest hedge. */
const OWNER_REACH = 16;

/** A possessive right before a figure, maybe with a hedge between, its words hyphenated or not: "Microsoft's up-to-$5 billion", "CoreWeave's $22.4 billion". */
const OWNER_BEFORE = new RegExp(String.raw`^['’]s?\s*(?:(?:${alternationOf(LEXICON.hedgesBefore).replace(/ /g, String.raw`[\s-]`)})[\s-]+)?$`, 'iu');

/**
 * The party owning the figure by a possessive right before it ("Microsoft's up-to-$5 billion
 * Anthropic stake"), when that is none of the fact's parties (nor their family or members): the
 * figure is that party's, whatever the context says.
 */
export function otherOwner(c: Candidate): string | undefined {
  const owner = near(c.ev, c.figure).mentions.find((m) => m.end <= c.figure.start && c.figure.start - m.end <= OWNER_REACH && OWNER_BEFORE.test(c.ev.text.slice(m.end, c.figure.start)));
  return owner && isParty(c.kb, owner.entity) && otherEntities(c).includes(owner.entity) ? owner.entity : undefined;
}


/** Whether the fact's own words name the entity ("OpenAI" in the gap between the OpenAI and Anthropic deals): then it is no rival. */
function namedByOwnWords(c: Candidate, entity: string): boolean {
  const e = c.kb.entities.get(entity);
  if (e) return [e.name, ...e.aliases].some((a) => c.fact.ownKeywords.has(a.toLowerCase()));
  // A name no knowledge base knows that the fact's statement says ("GitHub" in "the Neuron SDK
  // repository's GitHub stars") is part of what the fact measures, not another party.
  return isUnknown(entity) && statementSays(c.fact.fact.statement, unknownName(entity));
}

function unknownName(entity: string): string {
  return entity.slice(entity.indexOf(':') + 1);
}

function statementSays(statement: string, name: string): boolean {
  const at = statement.toLowerCase().indexOf(name.toLowerCase());
  return at >= 0 && !/[\p{L}\p{N}]/u.test(statement[at - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(statement[at + name.length] ?? ' ');
}

/** An apostrophe-s right after a name: the name owns what follows. */
const POSSESSIVE_AFTER = /^['’]s$/u;

/** A sentence opening with a possessive pronoun for a person ("His predecessor, …"). */
const POSSESSIVE_OPENING = /^\s*(?:\p{L}+:\s+)?(?:his|her)\s/iu;

/**
 * "Garman's predecessor", "His predecessor": the sentence names the entity only as the owner of
 * something else, by name or by the pronoun it opens with.
 */
function namedInPossessive(c: Candidate, entity: string): boolean {
  const named = near(c.ev, c.figure).mentions.filter((m) => m.entity === entity);
  if (named.length) return named.every((m) => POSSESSIVE_AFTER.test(c.ev.text.slice(m.end, m.end + 2)));
  const sentence = c.ev.layout.sentences[spanIndexAt(c.ev.layout.sentences, c.figure.start)];
  return !!sentence && POSSESSIVE_OPENING.test(c.ev.text.slice(sentence.start, sentence.end)) && sentenceSubject(c.kb, c.ev, c.figure)?.entity === entity;
}

/**
 * Whether entity `m` can fill a missing role, of the kinds given (undefined: that role is not
 * missing). A party the knowledge base does not know may be of any kind: it can stand in for any
 * missing party.
 */
function fitsMissingRole(c: Candidate, m: string, subject: string | undefined, object: string | undefined): boolean {
  if (isUnknown(m)) return subject !== undefined || object !== undefined;
  const kind = entityKind(c.kb, m);
  return kind === subject || kind === object;
}

/** Other named things near the figure, which argue for another fact. */
export function rivalParties(c: Candidate, subj: number, obj: number | undefined): Rivals {
  const { fact } = c.fact;
  // A role the sentence does not fill itself (only context does) is open to a rival it names:
  // the kinds of the (at most two) roles missing.
  const missingSubject = Math.min(subj, namedWeight(c.kb, c.ev, fact.subject, c.figure)) < GATES.said ? c.kb.entities.get(fact.subject)!.kind : undefined;
  const missingObject = fact.object && Math.min(obj!, namedWeight(c.kb, c.ev, fact.object, c.figure)) < GATES.said ? c.kb.entities.get(fact.object)!.kind : undefined;
  const possessive = c.kb.entities.get(fact.subject)!.kind === 'person' && subj < GATES.plain && namedInPossessive(c, fact.subject);
  let others = 0;
  let rival = false;
  for (const m of otherEntities(c)) {
    if (namedByOwnWords(c, m)) continue;
    const w = entityWeight(c.kb, c.ev, m, c.figure);
    if (w >= GATES.plain) others += w;
    if (w > EVIDENCE.otherRole && fitsMissingRole(c, m, missingSubject, missingObject)) rival = true;
    // Another person named closer than a person the sentence names only in the possessive:
    // "Garman's predecessor, Adam Selipsky, had run AWS since 2021" is Selipsky's date.
    if (possessive && w > subj && entityKind(c.kb, m) === 'person') rival = true;
  }
  return { others, rival };
}

/**
 * A sentence about a person does not lend its figure to a fact about others that it names only
 * in passing ("Garman joined Amazon in 2005, so he had spent 19 years at the company before"),
 * nor does a sentence in which the writer speaks of themselves.
 */
export function spokenOfElsewhere(c: Candidate, subj: number, obj: number | undefined): boolean {
  const { fact } = c.fact;
  const subject = sentenceSubject(c.kb, c.ev, c.figure);
  const aboutSomeoneElse =
    (subject && entityKind(c.kb, subject.entity) === 'person' && subject.entity !== fact.subject && subject.entity !== fact.object) ||
    writerSpeaks(c.ev, c.figure);
  return aboutSomeoneElse && Math.max(subj, obj ?? 0) < GATES.plain;
}

/**
 * Whether the sentence puts the fact's parties in the fact's order: its first party (who the
 * sentence is about) is the fact's subject (1), or the fact's object (-1). "Amazon committed $40
 * billion to OpenAI" is Amazon's investment rather than OpenAI's commitment to spend on AWS.
 */
export function roleOrder(c: Candidate): number {
  const subject = sentenceSubject(c.kb, c.ev, c.figure);
  if (!subject) return 0;
  if (subject.entity === c.fact.fact.subject) return 1;
  return c.fact.fact.object !== undefined && subject.entity === c.fact.fact.object ? -1 : 0;
}

/**
 * The sentence is about a party the knowledge base does not know: its subject (its first party,
 * or the one an opening pronoun stands for) is an unknown name. "Ardent Trucks,
 * the nearest US rival, says it delivered 870 trucks" is Ardent's count, not the US market's. 1 or 0.
 */
export function otherSubject(c: Candidate): number {
  const subject = sentenceSubject(c.kb, c.ev, c.figure);
  // Known parties compete through the rivals feature; an unknown one is no party of any fact. A
  // lone capitalised word opening a sentence may be a verb ("Tally the commitments and…").
  return subject && isUnknown(subject.entity) && isSurelyAName(subject.entity) ? 1 : 0;
}

/** "of" (and an article) right after a percentage: what follows is the whole it is a part of. */
const OF_AFTER = /^\s+of\s+(?:the\s+)?$/iu;

/**
 * The party a percentage is a part of, when it names one right after it that is none of the
 * fact's parties: "holds roughly 27% of OpenAI" is a stake in OpenAI, not Microsoft's share of the
 * cloud market.
 */
export function shareOfOtherParty(c: Candidate): string | undefined {
  const { fact } = c.fact;
  const whole = wholeOf(c);
  if (!whole || !isParty(c.kb, whole) || whole === fact.subject || whole === fact.object) return undefined;
  return whole;
}

/** The entity a percentage is a part of, named right after it ("27% of OpenAI", "95% of the AI chip market"). */
export function wholeOf(c: Candidate): string | undefined {
  if (c.figure.type !== 'percent') return undefined;
  return near(c.ev, c.figure).mentions.find((m) => m.start > c.figure.end && OF_AFTER.test(c.ev.text.slice(c.figure.end, m.start)))?.entity;
}
