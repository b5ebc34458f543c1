/**
 * Who a sentence is about when it does not say: the party a sentence opened with, the party an
 * opening "It" or "The company" stands for, the parties of an earlier sentence for a sentence that
 * names nobody, and the paragraph or heading before for a block that names nobody. These are the
 * figure's context; the matcher weighs them as evidence like the words beside the figure.
 */
import type { KnowledgeBase, Mention } from '../../knowledge/knowledge-base';
import type { Figure } from '../figures/figure';
import { MAY_HOLD_FIGURE, NUMBER_WORDS } from '../figures/numbers';
import { captionUnit } from '../figures/units';
import type { ProseUnit } from '../markdown/prose';
import { EVIDENCE } from '../matching/model';
import { entityKind, isParty, isSurelyAName, isUnknown, partiesIn } from './parties';
import { type SentenceLayout, type Span, framingOpening, sentencesOf, spanIndexAt } from '../reading/layout';
import { LEXICON, alternationOf, escapeRegExp, wordsOf } from '../reading/lexicon';
import { rememberedByText } from './recent-texts';

/** What a unit's discourse is worked out from. */
export interface UnitDiscourse {
  text: string;
  layout: SentenceLayout;
  mentions: Mention[];
  /** `mentions` by sentence (see groupBySpan): what a question about one sentence looks through. */
  mentionsBySentence: readonly (readonly Mention[])[];
  /** Parties named in the last sentence of the text before (unit.previous) that names any, for a first sentence that names none. */
  previous: ReadonlySet<string>;
  /** The first of them: who "He" or "It" opening the unit is. */
  previousSubject?: string;
  /** The parties the heading of the unit's section names: who a sentence that names nobody is about, failing all else. */
  topic: ReadonlySet<string>;
  /**
   * For a window of a long paragraph (see matching/windows): what the paragraph's sentences before
   * the window say. A look back past the window's first sentence ends here, as it would have
   * gone on through those sentences; unset, it ends at the unit's start (previous, previousSubject).
   */
  before?: DiscourseBefore;
}

/** What the sentences before a window say to the lookbacks of this module: each one's answer at the window's first sentence. */
export interface DiscourseBefore {
  /** The parties lent to the window's first sentence (lendable): those of the last sentence before it that names one, else the unit's previous. */
  lent: ReadonlySet<string>;
  /** The party the sentences before opened with, through pronouns (openingParty), else the unit's previous subject. */
  opening: string | undefined;
  /** The last person named before the window (lastPersonIn). */
  person: string | undefined;
}

/** A label before what a line says: an FAQ's "A:", a speaker's "**PRIYA:**" or "**maya.r:**". */
const LINE_LABEL = String.raw`(?:[*_]{0,2}\p{L}+(?:[ .]\p{L}+)?[*_]{0,2}:[*_]{0,2}\s+)`;

/** What may come before a sentence's opening pronoun: a label, and a connective such as "But". */
const BEFORE_PRONOUN = String.raw`^\s*${LINE_LABEL}?(?:(?:${alternationOf(LEXICON.sentenceConnectives)}),?\s+)?`;

/** A sentence opening with one of these speaks of the party the sentence before it opened with. */
export const PRONOUN_OPENING = new RegExp(String.raw`${BEFORE_PRONOUN}(?:${alternationOf(LEXICON.pronounOpenings)})\b`, 'iu');

/** A sentence opening with "He" or "Her" speaks of a person: the last one named before it in the unit. */
const PERSON_PRONOUN_OPENING = new RegExp(String.raw`${BEFORE_PRONOUN}(?:${alternationOf(LEXICON.personPronouns)})\b`, 'iu');

/** A person a pronoun can stand for: one the name finder guessed from one capitalised word ('"Outsider" is not.') is no one. */
function isNamedPerson(kb: KnowledgeBase, entity: string): boolean {
  return entityKind(kb, entity) === 'person' && (!isUnknown(entity) || /\s/.test(entity));
}

/**
 * Who "He" opening the sentence after sentence `j` stands for: the person "He" opening sentence `j`
 * itself stood for, when it opens so ("He has run AWS since 2024, when he succeeded Adam Selipsky.
 * He joined Amazon in 2005": Garman both times), else the last person named (lastPersonIn).
 */
function personReferent(kb: KnowledgeBase, d: UnitDiscourse, j: number): string | undefined {
  const s = d.layout.sentences[j];
  if (PERSON_PRONOUN_OPENING.test(d.text.slice(mainClauseStart(d.text, s), s.end))) {
    const chained = openingParty(kb, d, j);
    if (chained !== undefined && isNamedPerson(kb, chained)) return chained;
  }
  return lastPersonIn(kb, d, j);
}

/** The last person named in sentence `sentence` or, failing that, in the sentences before it ("Garman became CEO in 2024. "Outsider" is not. He joined…"). */
function lastPersonIn(kb: KnowledgeBase, d: UnitDiscourse, sentence: number): string | undefined {
  return throughSentences(LAST_PERSON, kb, d, sentence, personIn, personBefore);
}

/** The person the text before the unit last named, for a window: what lastPersonIn gives before its first sentence. */
function personBefore(d: UnitDiscourse): string | undefined {
  return d.before?.person;
}

/** The last person sentence `j` names. */
function personIn(kb: KnowledgeBase, d: UnitDiscourse, j: number): string | undefined {
  return d.mentionsBySentence[j].filter((m) => isNamedPerson(kb, m.entity)).at(-1)?.entity;
}

/** A lookback's answer for each sentence of a unit (see throughSentences). */
type Lookback = WeakMap<UnitDiscourse, (string | undefined)[]>;

const LAST_PERSON: Lookback = new WeakMap();
const OPENING_PARTY: Lookback = new WeakMap();

/**
 * The answer of a lookback for sentence `sentence`: its own (`own`), else the sentence before's,
 * and so on, else `before` the unit. Worked out once per unit and sentence, in order: every
 * window of a long paragraph asks about the sentence before it, and each would look back far.
 * `own` and `before` are plain functions, not closures: a keystroke in a long paragraph asks
 * hundreds of times, and most answers are known.
 */
function throughSentences(
  memo: Lookback,
  kb: KnowledgeBase,
  d: UnitDiscourse,
  sentence: number,
  own: (kb: KnowledgeBase, d: UnitDiscourse, j: number) => string | undefined,
  before: (d: UnitDiscourse) => string | undefined,
): string | undefined {
  if (sentence < 0) return before(d);
  let answers = memo.get(d);
  if (!answers) memo.set(d, (answers = []));
  for (let j = answers.length; j <= sentence; j++) answers.push(own(kb, d, j) ?? (j > 0 ? answers[j - 1] : before(d)));
  return answers[sentence];
}

/** "I've covered cloud earnings for 9 years": the writer speaking of themselves ("1/" numbers a thread's post). */
export const WRITER_OPENING = new RegExp(
  String.raw`^\s*(?:\d+\/\s*)?(?:${alternationOf(LEXICON.writerOpenings)})(?:['’](?:${alternationOf(LEXICON.writerContractions)}))?\s`,
  'i',
);

function sentenceIndexOf(d: UnitDiscourse, figure: Figure): number {
  return spanIndexAt(d.layout.sentences, figure.start);
}

function within(m: Mention, s: Span): boolean {
  return m.start >= s.start && m.start < s.end;
}

/**
 * The first party a sentence names, before the figure: "Amazon could add $10 billion ..., for a
 * total of $40 billion". For a sentence opening with "It" or "The company", the party the
 * sentence before opened with: "Amazon backs both labs. It poured $50bn into OpenAI".
 */
export function findSentenceSubject(kb: KnowledgeBase, d: UnitDiscourse, figure: Figure): { entity: string; weight: number } | undefined {
  const { sentences } = d.layout;
  const i = sentenceIndexOf(d, figure);
  const s = sentences[i];
  if (!s) return undefined;
  const firstIn = (j: number) => firstParty(kb, d, j);
  // A later clause opening with its own party, or a relative clause on a party, is about that party, whatever the sentence opened with.
  const relative = relativeSubject(kb, d, figure);
  // "Matt Garman, who joined the company in 2005": the relative clause is about the name it hangs on, plainly.
  if (relative && !clauseSubject(kb, d, figure)) return { entity: relative.entity, weight: EVIDENCE.relativeSubject };
  const own = clauseSubject(kb, d, figure) ?? appositiveSubject(kb, d, i, figure);
  if (own) return { entity: own.entity, weight: EVIDENCE.sentenceSubject };
  // "It invested $50bn in the ChatGPT maker": the pronoun, not the first name, is the subject.
  const said = d.text.slice(mainClauseStart(d.text, s), s.end);
  if (PRONOUN_OPENING.test(said)) {
    const person = PERSON_PRONOUN_OPENING.test(said) && i > 0 ? personReferent(kb, d, i - 1) : undefined;
    const before = person ?? openingParty(kb, d, i - 1);
    if (before) return { entity: before, weight: EVIDENCE.pronounSubject };
  }
  const first = firstIn(i);
  return first && first.end <= figure.start ? { entity: first.entity, weight: EVIDENCE.sentenceSubject } : undefined;
}

/** A possessive pronoun and a noun or two opening the sentence, before a name between commas: "Its successor, ". */
const POSSESSIVE_APPOSITIVE = new RegExp(String.raw`^\s*(?:${alternationOf(LEXICON.possessivePronouns)})\s+[\p{L}-]+(?:\s+[\p{L}-]+)?,\s*$`, 'iu');

/** The comma closing an appositive name, after a model number the name leaves out ("Trainium 3,"). */
const APPOSITIVE_END = /^\s*(?:\p{N}[\p{L}\p{N}.]*\s*)?,/u;

/** The name between commas after an opening possessive and noun, before the figure: "Its successor, Trainium 3, promises 4.4x" (Trainium 3). */
function appositiveSubject(kb: KnowledgeBase, d: UnitDiscourse, i: number, figure: Figure): Mention | undefined {
  const s = d.layout.sentences[i];
  const first = d.mentionsBySentence[i].find((m) => m.end <= figure.start);
  return first && POSSESSIVE_APPOSITIVE.test(d.text.slice(s.start, first.start)) && APPOSITIVE_END.test(d.text.slice(first.end)) ? first : undefined;
}

/** A relative clause opening right after a party, up to the figure with no comma or clause mark between: ", who had led AWS since ". */
const RELATIVE_OPENING = new RegExp(String.raw`^\s*,\s*(?:${alternationOf(LEXICON.relativeOpenings)})\s[^,;:()]*$`, 'iu');

/** The party a relative clause holding the figure is about: "He succeeded Adam Selipsky, who had led AWS since 2021" (Selipsky). */
function relativeSubject(kb: KnowledgeBase, d: UnitDiscourse, figure: Figure): Mention | undefined {
  const before = d.mentionsBySentence[sentenceIndexOf(d, figure)].filter((m) => m.end <= figure.start && isParty(kb, m.entity));
  for (let k = before.length - 1; k >= 0; k--) if (RELATIVE_OPENING.test(d.text.slice(before[k].end, figure.start))) return before[k];
  return undefined;
}

/** What may stand between the start of a later clause and the party opening it: marks and one of the lexicon's clauseSubjectJoiners ("…, and OpenAI is sending"). */
const CLAUSE_OPENING = new RegExp(String.raw`^[\s,;:—–]*(?:(?:${alternationOf(LEXICON.clauseSubjectJoiners)})\s+)?$`, 'iu');

/** A later clause opening with a predicate joiner and a verb, so with no subject of its own: "but compounding at 70%", "yet still growing". */
const SHARED_SUBJECT_OPENING = new RegExp(
  String.raw`^[\s,]*(?:${alternationOf(LEXICON.predicateJoiners)})\s+(?:(?:${alternationOf(LEXICON.predicateVerbs)})\s+)?(?:[a-z]+ing|[a-z]+ed|${alternationOf(LEXICON.clauseVerbs)}|${alternationOf(LEXICON.predicateVerbs)})(?![\p{L}\p{N}])`,
  'u',
);

/**
 * A clause opening with a bare past-tense verb after a comma goes on with the subject of the clause
 * before, past a relative clause on it: "while Marvell Technology, which works on Amazon's custom
 * parts, jumped 4.6%" is Marvell's move.
 */
const VERB_OPENING = /^[\s,]*[a-z]+ed(?![\p{L}\p{N}])/u;

function sharesSubject(clause: string): boolean {
  return SHARED_SUBJECT_OPENING.test(clause) || VERB_OPENING.test(clause);
}

/**
 * The party opening the figure's clause when that is a later clause of its sentence with a subject
 * of its own: in "Amazon handed OpenAI $50 billion, and OpenAI is sending $100 billion back to AWS",
 * OpenAI is who sends the $100 billion.
 */
function clauseSubject(kb: KnowledgeBase, d: UnitDiscourse, figure: Figure): Mention | undefined {
  const { clauses, sentences } = d.layout;
  const s = sentences[sentenceIndexOf(d, figure)];
  let k = spanIndexAt(clauses, figure.start);
  // "…, while Oracle's OCI is far smaller but compounding at 70%": a clause going on with a verb has the subject of the clause before.
  while (k > 0 && s && clauses[k].start > s.start && sharesSubject(d.text.slice(clauses[k].start, clauses[k].end))) k--;
  const c = clauses[k];
  if (!c || !s || c.start <= s.start) return undefined;
  const first = d.mentionsBySentence[sentenceIndexOf(d, figure)].find((m) => m.start >= c.start && isParty(kb, m.entity));
  return first && first.end <= figure.start && CLAUSE_OPENING.test(d.text.slice(c.start, first.start)) ? first : undefined;
}

/**
 * The first party of sentence `j`'s main clause, a speaker aside: a label ("**PRIYA:**") or a
 * person with a reporting verb ("Chief executive Marcus Delacroix says the company has 68
 * stations") names who talks, not who the sentence is about. A company that says something
 * ("AWS says Trainium cuts costs 40%") is still what its sentence is about.
 */
function firstParty(kb: KnowledgeBase, d: UnitDiscourse, j: number): Mention | undefined {
  const from = mainClauseStart(d.text, d.layout.sentences[j]);
  const framing = framingOpeningEnd(d.text, d.layout.sentences[j]);
  return d.mentionsBySentence[j].find(
    (m) => m.start >= from && isParty(kb, m.entity) && !(isUnknown(m.entity) && m.end <= framing) && !isSpeakerLabel(d.text, m) && !(entityKind(kb, m.entity) === 'person' && isSpeaker(kb, d.text, m)),
  );
}

/** A sentence's framing opening that may hold a place's or an event's name: up to 60 characters of words ("At the HumanX conference in San Francisco, "). */
const FRAMING_OPENING = framingOpening(60);

/**
 * Where the sentence's framing opening ends (its start when it has none): a name no knowledge base
 * knows there is where or when, not who the sentence is about.
 */
function framingOpeningEnd(text: string, s: Span): number {
  const m = FRAMING_OPENING.exec(text.slice(s.start, s.end));
  return m ? s.start + m[0].length : s.start;
}

/**
 * The party sentence `j` opened with, through a chain of pronouns and sentences that name nobody
 * ("Amazon is back. It put $50 billion into OpenAI. … the company has committed nearly $60
 * billion"), else the unit before's.
 */
function openingParty(kb: KnowledgeBase, d: UnitDiscourse, j: number): string | undefined {
  return throughSentences(OPENING_PARTY, kb, d, j, openedWith, openingBefore);
}

/** The party the text before the unit opened with: what openingParty gives before its first sentence. */
function openingBefore(d: UnitDiscourse): string | undefined {
  return d.before ? d.before.opening : d.previousSubject;
}

/** The party sentence `j` opens with, unless it opens with a pronoun; a sentence that names nobody ("Hardly.") passes the party on too. */
function openedWith(kb: KnowledgeBase, d: UnitDiscourse, j: number): string | undefined {
  const s = d.layout.sentences[j];
  return PRONOUN_OPENING.test(d.text.slice(mainClauseStart(d.text, s), s.end)) ? undefined : firstParty(kb, d, j)?.entity;
}

/** One of the lexicon's reporting verbs right after a name, maybe after "also": "AWS says …", "Amazon also claims …". */
const REPORTING_AFTER = new RegExp(String.raw`^['’]?s?\s+(?:also\s+)?(?:${alternationOf(LEXICON.reportingVerbs)})(?![\p{L}\p{N}])`, 'iu');
/** How far after a name its reporting verb is looked for. */
const REPORTING_REACH = 16;

/** The words of the lexicon's reportedSelf a person is spoken of by ("he", "she"), and those of anyone else. */
const SELF_WORDS = {
  person: wordsOf(LEXICON.reportedSelf).filter((w) => wordsOf(LEXICON.personPronouns).includes(w)),
  other: wordsOf(LEXICON.reportedSelf).filter((w) => !wordsOf(LEXICON.personPronouns).includes(w)),
};

/** How many words may stand between a reporting verb and "that" or the pronoun: "said last autumn that it…", "said on Monday it…". */
const SELF_REPORT_WORDS = 3;
/** How far after a reporting verb the pronoun is looked for: SELF_REPORT_WORDS words, "that" and the longest pronoun. */
const SELF_REPORT_REACH = 48;

/** Up to a few words ("last autumn"), maybe "that", then one of `words` as the subject of the reported clause (not "the company's"). */
function selfReported(words: readonly string[]): RegExp {
  return new RegExp(String.raw`^(?:\s+[\p{L}\p{N}]+,?){0,${SELF_REPORT_WORDS}}?\s+(?:that\s+)?(?:${words.map(escapeRegExp).join('|')})(?![\p{L}\p{N}'’])`, 'iu');
}

const SELF_REPORTED = { person: selfReported(SELF_WORDS.person), other: selfReported(SELF_WORDS.other), any: selfReported(wordsOf(LEXICON.reportedSelf)) };

/**
 * Whether the name is followed by a reporting verb: the speaker of what follows. Not when what it
 * reports is about itself ("Nvidia said last autumn that it would invest up to $100 billion"): then
 * it is who the figure is about. The pronoun agrees with the party; an unknown name may be anyone.
 * A maker's "it" may be the product asked `about` ("Trainium 2 is out. Amazon says it can train
 * models for 40% less"): then the maker is still only the speaker.
 */
function isSpeaker(kb: KnowledgeBase, text: string, m: Mention, about?: string): boolean {
  const verb = REPORTING_AFTER.exec(text.slice(m.end, m.end + REPORTING_REACH));
  if (!verb) return false;
  if (about !== undefined && kb.entities.get(about)?.maker === m.entity) return true;
  const self = isUnknown(m.entity) ? SELF_REPORTED.any : entityKind(kb, m.entity) === 'person' ? SELF_REPORTED.person : SELF_REPORTED.other;
  const after = m.end + verb[0].length;
  return !self.test(text.slice(after, after + SELF_REPORT_REACH));
}

/** A colon (maybe after closing emphasis) right after a name. */
const COLON_AFTER = /^[*_]{0,2}:/u;

/**
 * "**WHITFIELD:** It did.": an unknown name labelling what follows is its speaker, not its subject.
 * A known party as a label ("Amazon: US$25bn into Anthropic") is what the line is about.
 */
function isSpeakerLabel(text: string, m: Mention): boolean {
  return isUnknown(m.entity) && COLON_AFTER.test(text.slice(m.end, m.end + 3));
}

/** A word of the writer's, or a speaker's, own ("we", "our"): a speaker so speaking may speak of their own business. */
const OWN_WORD = new RegExp(String.raw`(?<![\p{L}])(?:${alternationOf(LEXICON.writerOpenings)})(?![\p{L}])`, 'iu');
/** Words, not a figure, after a label's colon and its closing emphasis: a speaker's talk, not a line's value ("**Meta:** $70-72 billion"). */
const TALK_AFTER_LABEL = /^[*_]*:[*_]*\s+\p{L}/u;

/**
 * A speaker's label ("**OKAFOR:** Two months apart, yes."): who talks, not another party the talk
 * may be about, unless the speaker speaks of their own ("Most of our orders carry windows of 12
 * months"). A label before a figure names what the line is about ("**Meta:** $70-72 billion").
 */
export function isBystanderSpeaker(text: string, m: Mention): boolean {
  return isSpeakerLabel(text, m) && TALK_AFTER_LABEL.test(text.slice(m.end, m.end + LABEL_TALK_REACH)) && !OWN_WORD.test(text);
}
/** How far after a speaker's name the start of the talk is looked for: closing emphasis, the colon and a few spaces. */
const LABEL_TALK_REACH = 12;

/** A span of time before a subordinate opening: "Two months after the OpenAI deal, …", "A year before that, …". */
const DURATION_BEFORE = String.raw`(?:an?|\d+|${NUMBER_WORDS})\s+(?:${wordsOf(LEXICON.durationUnits).map(escapeRegExp).join('|')})s?\s+`;

/** A sentence opening with a subordinate phrase ("When combined with …, Amazon has committed"): its main clause starts after the comma. */
const SUBORDINATE_OPENING = new RegExp(
  String.raw`^\s*(?:\p{L}+:\s+)?(?:${DURATION_BEFORE})?(?:${alternationOf(LEXICON.subordinateOpenings)})\b[^,;:]*,\s*`,
  'iu',
);

/** Where the main clause of a sentence starts: after a leading subordinate phrase, if any. */
export function mainClauseStart(text: string, sentence: Span): number {
  const m = SUBORDINATE_OPENING.exec(text.slice(sentence.start, sentence.end));
  return m && sentence.start + m[0].length < sentence.end ? sentence.start + m[0].length : sentence.start;
}

/**
 * "We agree that Microsoft will…", "Our working assumption for planning is that…": a writer's few
 * words and "that" open a view of others, not of themselves; so does a source of theirs that says
 * something ("Our source says more than 80%", the lexicon's reportingVerbs).
 */
const VIEW_AFTER_WRITER = new RegExp(String.raw`^(?:(?:\p{L}+\s+){1,5}that\s|(?:\p{L}+\s+){1,2}(?:${alternationOf(LEXICON.reportingVerbs)})\s)`, 'iu');

/** Whether the writer speaks of themselves in the figure's sentence ("I've covered cloud earnings for 9 years"). */
export function writerSpeaks(d: UnitDiscourse, figure: Figure): boolean {
  const s = d.layout.sentences[sentenceIndexOf(d, figure)];
  if (!s) return false;
  const sentence = d.text.slice(s.start, s.end);
  const opening = WRITER_OPENING.exec(sentence);
  return !!opening && !VIEW_AFTER_WRITER.test(sentence.slice(opening[0].length));
}

/** Whether the figure's sentence asks a question ("How much of the $58 billion is cash?"): it claims nothing. */
export function isQuestion(d: UnitDiscourse, figure: Figure): boolean {
  const s = d.layout.sentences[sentenceIndexOf(d, figure)];
  return !!s && d.text.slice(s.start, s.end).trimEnd().endsWith('?');
}

const RETRACTION_WORDS = wordsOf(LEXICON.retractions).filter((w) => w !== 'not');
/**
 * A sentence reporting a claim taken back opens with one of these, after any bold label ("**Neuron
 * SDK.** We said…") or label ("Correction: an earlier version…"); the words as a label themselves
 * ("**Our note:** Garman has run AWS since 2020") introduce what follows, not a claim taken back.
 */
export const RETRACTION_OPENING = new RegExp(
  String.raw`^\s*(?:[*_]{1,2}[^*_]+[*_]{1,2}\s*)?[*_]{0,2}(?:\p{L}+:\s+)?(?:${RETRACTION_WORDS.map(escapeRegExp).join('|')})\b(?![*_]*\s*:)`,
  'iu',
);
/** "in 2024 (not 2023)": the figure after "(not" is the one taken back. */
const NOT_BEFORE = /\(\s*not\s+$/iu;

/**
 * Whether the figure is a claim the writer reports and takes back ("We said $10 billion was paid
 * upfront. That was wrong.", "in 2024 (not 2023)"): like a question, it claims nothing.
 */
export function isRetracted(d: UnitDiscourse, figure: Figure): boolean {
  if (NOT_BEFORE.test(d.text.slice(Math.max(0, figure.start - 8), figure.start))) return true;
  const s = d.layout.sentences[sentenceIndexOf(d, figure)];
  if (!s) return false;
  const before = d.text.slice(s.start, figure.start);
  // "We said $15 billion. The right figure is $20 billion.": the correction, read with the claim, is no claim taken back.
  return RETRACTION_OPENING.test(before) && !CORRECTION_WITHIN.test(before);
}

/** A correction opening anywhere before the figure in its sentence (a claim and its correction are read as one). */
const CORRECTION_WITHIN = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.correctionOpenings)})(?![\p{L}\p{N}])`, 'iu');

/**
 * One of the lexicon's denials and at most DENIAL_REACH plain words right before the figure, in its
 * clause: "did not invest $35 billion", "was not $7 billion", "never put $35 billion". The words
 * after the denial are captured, to tell "not only $8 billion" (a denialException) apart.
 */
const DENIAL_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}'’])(?:${alternationOf(LEXICON.denials)})((?:\s+[\p{L}\p{N}'’-]+){0,3})\s+$`, 'iu');
/** Words after a denial that limit, time or qualify the figure instead ("not only", "not until"). */
const DENIAL_EXCEPTION = new RegExp(String.raw`^\s+(?:${alternationOf(LEXICON.denialExceptions)})(?![\p{L}\p{N}])`, 'iu');
/** What the writer marks as false or misreported, before the figure in its sentence or after it. */
const FALSITY_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.falsityBefore)})(?![\p{L}\p{N}])`, 'iu');
const FALSITY_AFTER = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.falsityAfter)})(?![\p{L}\p{N}])`, 'iu');

/**
 * Whether the writer denies the figure ("Amazon did not invest $35 billion in Anthropic") or marks
 * its claim false ("Reports that Amazon invested $35 billion are false", "Some outlets misreported
 * it as $35 billion"): the figure is not the writer's claim, so it gets no finding at all, not even
 * a citation of a fact it happens to agree with ("$8 billion, not $35 billion").
 */
export function isDenied(d: UnitDiscourse, figure: Figure): boolean {
  const { clauses, sentences } = d.layout;
  const clause = clauses[spanIndexAt(clauses, figure.start)];
  const denial = clause && DENIAL_BEFORE.exec(d.text.slice(clause.start, figure.start));
  if (denial && !DENIAL_EXCEPTION.test(denial[1] + ' ')) return true;
  // Its clause only: "We misquoted the H100's efficiency; it is 1.8 TFLOPS per watt" corrects in the next.
  if (clause && FALSITY_BEFORE.test(d.text.slice(clause.start, figure.start))) return true;
  const s = sentences[sentenceIndexOf(d, figure)];
  return !!s && FALSITY_AFTER.test(d.text.slice(figure.end, s.end));
}

/** Whether the figure's sentence claims nothing: a question, or a claim taken back. Its figures are cited, never flagged. */
export function claimsNothing(d: UnitDiscourse, figure: Figure): boolean {
  return isQuestion(d, figure) || isRetracted(d, figure);
}

const NOBODY: ReadonlySet<string> = new Set();

/** More than a couple of parties ("OpenAI chose Microsoft and Oracle instead") say nothing of who comes next. */
function carried(kb: KnowledgeBase, named: ReadonlySet<string>, entity: string): number {
  if (!named.has(entity)) return 0;
  const parties = [...named].filter((e) => isParty(kb, e)).length;
  return parties <= EVIDENCE.maxCarriedParties ? EVIDENCE.carried : 0;
}

/**
 * "Amazon invests $25 billion in Anthropic. Of that, $5 billion is paid upfront": a sentence that
 * names nobody before its figure speaks of the parties of the sentence before it, or, opening a
 * paragraph, of the last sentence of the paragraph before (when the engine supplies it).
 */
export function carriedWeight(kb: KnowledgeBase, d: UnitDiscourse, entity: string, figure: Figure, partners: ReadonlySet<string> = NOBODY): number {
  const i = sentenceIndexOf(d, figure);
  if (i < 0) return 0;
  // Named after the figure, a party is its object, not who the sentence is about: "Fifty billion
  // dollars was offered, yet OpenAI turned it down" still speaks of the sentence before's Amazon.
  // Nor does naming the fact's other party say who this one is: "The Anthropic package is split
  // into $6 billion paid at signing" still speaks of the paragraph before's Amazon.
  // A speaker ("AWS says the chip delivers up to 4x", a chat's "**Dan Whitcombe:**") names who talks, not who the figure is about.
  if (namesSomeoneBefore(kb, d, i, entity, figure, partners)) return 0;
  const topic = d.topic.has(entity) ? EVIDENCE.topic : 0;
  return Math.max(topic, carriedFromBefore(kb, d, entity, i));
}

/**
 * Whether sentence `i` names a party before the figure, the fact's other parties and speakers
 * aside (see carriedWeight). A loop, not a closure: asked for every candidate fact of every figure.
 */
function namesSomeoneBefore(kb: KnowledgeBase, d: UnitDiscourse, i: number, entity: string, figure: Figure, partners: ReadonlySet<string>): boolean {
  for (const m of d.mentionsBySentence[i]) if (m.end <= figure.start && isSureParty(kb, m.entity) && !partners.has(m.entity) && !isSpeaker(kb, d.text, m, entity) && !isSpeakerLabel(d.text, m)) return true;
  return false;
}

/** A party, known or surely a name: a lone capitalised word opening a sentence ("Utilisation across the network was 35%") names nobody. */
function isSureParty(kb: KnowledgeBase, entity: string): boolean {
  return isParty(kb, entity) && (!isUnknown(entity) || isSurelyAName(entity));
}

/**
 * The weight of `entity` carried to sentence `i`, which names nobody before its figure: from the
 * last sentence before it that names someone ("Anthropic's money is back-loaded. Just $5B arrives
 * upfront. The remaining $20B hinges on milestones."), or from the paragraph before.
 */
function carriedFromBefore(kb: KnowledgeBase, d: UnitDiscourse, entity: string, i: number): number {
  return carried(kb, lendable(kb, d, i), entity);
}

/**
 * Memo per unit: what each sentence may be lent, in order. Every candidate fact of every figure
 * asks for the same, and each window of a long paragraph for its sentences: worked out through the
 * sentences once, not by looking back from each sentence to the last that names someone.
 */
const LENDABLE = new WeakMap<UnitDiscourse, ReadonlySet<string>[]>();

/**
 * The entities sentence `i` may be lent when it names nobody before its figure: those of the last
 * sentence before it that names someone, else the paragraph before's.
 */
export function lendable(kb: KnowledgeBase, d: UnitDiscourse, i: number): ReadonlySet<string> {
  const before = d.before?.lent ?? d.previous;
  if (i <= 0) return before;
  let lent = LENDABLE.get(d);
  if (!lent) LENDABLE.set(d, (lent = [before]));
  for (let k = lent.length; k <= i; k++) lent.push(namesToLend(kb, d, k - 1) ?? lent[k - 1]);
  return lent[i];
}

/** The entities sentence `j` names, when it names someone: what it lends the sentences after it. */
function namesToLend(kb: KnowledgeBase, d: UnitDiscourse, j: number): ReadonlySet<string> | undefined {
  // A leading subordinate phrase ("Two months after the OpenAI deal, …") is backdrop: its parties are not lent.
  const from = mainClauseStart(d.text, d.layout.sentences[j]);
  const named = d.mentionsBySentence[j].filter((m) => m.start >= from);
  return named.some((m) => isSureParty(kb, m.entity)) ? new Set(named.map((m) => m.entity)) : undefined;
}

/**
 * What the unit's sentences before sentence `sentence` (at least 1) say to the lookbacks above: a
 * window of the unit starting there reads as the unit does when given these (see UnitDiscourse.before).
 */
export function discourseBefore(kb: KnowledgeBase, d: UnitDiscourse, sentence: number): DiscourseBefore {
  return { lent: lendable(kb, d, sentence), opening: openingParty(kb, d, sentence - 1), person: lastPersonIn(kb, d, sentence - 1) };
}

/**
 * The parties of the last sentence of `text` that names one: who the next paragraph goes on about.
 * When that sentence names only people ("Chief executive Marcus Delacroix says the company has 68
 * stations"), the paragraph's first party (its subject, "VoltLane builds…") comes too: "the company"
 * and "the network" after it are still that party.
 */
export const lastNaming: (text: string, kb: KnowledgeBase) => readonly Mention[] = rememberedByText(lastNamingOf);

function lastNamingOf(text: string, kb: KnowledgeBase): readonly Mention[] {
  const trimmed = text.trim();
  // A lone capitalised word opening a sentence ("Walk-up customers pay more") may be no name at
  // all, and a speaker's label ("**DANA:**") is who talks, not who the talk is about.
  const mentions = partiesIn(trimmed, kb).filter((m) => (!isUnknown(m.entity) || isSurelyAName(m.entity)) && !isSpeakerLabel(trimmed, m));
  // Only the sentences are wanted, not the rest of a layout.
  for (const s of [...sentencesOf(trimmed, false)].reverse()) {
    const inside = mentions.filter((m) => within(m, s));
    if (!inside.some((m) => isParty(kb, m.entity))) continue;
    // "He's been at Amazon since 2005" names the person "He" stands for too: the last named before it.
    const he = PERSON_PRONOUN_OPENING.test(trimmed.slice(s.start, s.end)) ? mentions.filter((m) => m.end <= s.start && isNamedPerson(kb, m.entity)).at(-1) : undefined;
    if (he && !inside.some((m) => m.entity === he.entity)) return [he, ...inside];
    const first = mentions.find((m) => isParty(kb, m.entity));
    const onlyPeople = inside.every((m) => !isParty(kb, m.entity) || entityKind(kb, m.entity) === 'person');
    return onlyPeople && first && !inside.some((m) => m.entity === first.entity) ? [first, ...inside] : inside;
  }
  return [];
}

/** Whether a text names a company, chip, market or person: who the text after it may be about. */
export function namesParty(text: string, kb: KnowledgeBase): boolean {
  return partiesIn(text, kb).some((m) => isSureParty(kb, m.entity));
}

/** A paragraph or list item that ends in a colon: it introduces the block, or the items, after it. */
const LEAD_IN = /:\s*$/;

/** A list item that ends in a colon, and the column its text begins at: the items indented under it are what it introduces. */
interface OpenLeadIn {
  column: number;
  text: string;
}

/**
 * The lead-in that frames a unit: the innermost item it is nested under that ends in a colon
 * ("- Cost per million tokens served:" over "  - Trainium 2 at $1.50"), else the block's own
 * (`blockLeadIn`). `open` holds the lead-in items of the units before it, innermost last, and is
 * kept up to date as the units are read in order. Without the block's source, only the block's.
 */
function leadInAt(open: OpenLeadIn[], unit: ProseUnit, source: string | undefined, blockLeadIn: string | undefined): string | undefined {
  if (unit.table) return undefined;
  if (source === undefined) return blockLeadIn;
  const column = unit.start - (source.lastIndexOf('\n', unit.start - 1) + 1);
  while (open.length && open[open.length - 1].column >= column) open.pop();
  const leadIn = open.length ? open[open.length - 1].text : blockLeadIn;
  if (LEAD_IN.test(unit.text)) open.push({ column, text: unit.text });
  return leadIn;
}

/**
 * Gives each unit of a block with a number the context it may need: a table cell the paragraph
 * introducing the table ("Amazon's funding of Anthropic, step by step:"), any other unit the unit
 * before it that names someone, or else the block's context ("Of that, $5 billion is paid
 * upfront"; "The Anthropic package is split into $6 billion…" after a paragraph about Amazon).
 * Whether the context counts is the matcher's to say: a party carries to a sentence only when the
 * sentence names nobody else before its figure. `wantsPrevious`: a unit wanted the block's context
 * and none was given, so the engine checks the block again with the paragraph before. A unit
 * under a lead-in (a paragraph before the block, or an item of it, that ends in a colon) is lent
 * it as its `leadIn` too: given `source`, the block's text, a nested item finds its own.
 */
export function lendContext(
  units: ProseUnit[],
  kb: KnowledgeBase,
  previous: string | undefined,
  topic: readonly string[] = [],
  source?: string,
): { units: ProseUnit[]; wantsPrevious: boolean } {
  let wantsPrevious = false;
  let lastNamingText: string | undefined;
  const blockLeadIn = previous !== undefined && LEAD_IN.test(previous) ? previous : undefined;
  const open: OpenLeadIn[] = [];
  const out = units.map((unit, k) => {
    let lent = topic.length ? { ...unit, topic } : unit;
    const leadIn = leadInAt(open, unit, source, blockLeadIn);
    if (unit.table || MAY_HOLD_FIGURE.test(unit.text)) {
      const context = unit.table ? previous : (lastNamingText ?? previous);
      if (context !== undefined) lent = { ...lent, previous: context };
      else wantsPrevious = true;
      if (leadIn !== undefined) lent = { ...lent, leadIn };
    }
    // Only a later unit can use it: most blocks have one unit and skip the search.
    if (k + 1 < units.length && !unit.table && namesParty(unit.text, kb)) lastNamingText = unit.text;
    return lent;
  });
  return { units: out, wantsPrevious };
}

/** How far back a block that names nobody looks for who it is about: past one lead-in paragraph ("It depends on the report:"). */
export const CONTEXT_REACH = 2;

/**
 * What a block can lend the blocks after it that name nobody: its parties ('names': a plain
 * paragraph or a heading that names someone), a look further back ('lead-in': a paragraph
 * naming nobody that ends in a colon; 'heading': a heading naming nobody, which a table under it
 * looks past, "## Key terms" over the terms of the deal the paragraph before it names), or
 * nothing ('none').
 */
export type Lending = 'names' | 'lead-in' | 'heading' | 'none';

export function lendingKind(text: string, kb: KnowledgeBase): Lending {
  const heading = /^ {0,3}#{1,6}(?:\s|$)/.test(text);
  const paragraph = /^[ \t]{0,3}(?:>\s*)*[\p{L}\p{N}"'“(*_$]/u.test(text) && !/^\s*(?:```|~~~|\||<|#)/.test(text);
  if (!heading && !paragraph) return 'none';
  // A heading lends what it names, not what the list or table under it in the same block does.
  if (namesParty(heading ? text.split('\n', 1)[0] : text, kb)) return 'names';
  // A paragraph ending in a colon introduces what follows, and a question (an FAQ's "**Q: Is all of
  // that cash?**") is answered by it: both pass on what came before, and so does a caption that
  // scales the table under it ("Sizes in $ billions."). Any other speaks for itself.
  const introduces = /(?:[:?]|\?\*\*|\?__)$/.test(text.trimEnd()) || captionUnit(text) !== undefined;
  if (heading) return 'heading';
  return paragraph && introduces ? 'lead-in' : 'none';
}

/** A heading's level and the parties it names: the topic of the section under it. */
export interface HeadingTopic {
  level: number;
  parties: readonly string[];
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+([^\n]*?))?[ \t]*#*[ \t]*(?:\n|$)/;

/** For a heading block ("## The Anthropic leg"), its level and the parties it names, sorted; otherwise undefined. */
export function headingTopic(text: string, kb: KnowledgeBase): HeadingTopic | undefined {
  const m = ATX_HEADING.exec(text);
  if (!m) return undefined;
  const parties = [...new Set(partiesIn(m[2] ?? '', kb).filter((x) => isParty(kb, x.entity)).map((x) => x.entity))].sort();
  return { level: m[1].length, parties };
}
