/**
 * Features about what the figure measures: the words of the fact's relation, the fact's own
 * keywords, and its qualifiers (upfront, milestones, a prediction), said near the figure.
 */
import { agrees } from '../agreement';
import { complementKeywordWeight, figureMemo, frameWeight, isChangeStart, isComplement, keywordWeight, ownKeywordWeight, sentenceFigures } from '../evidence';
import { ATTACHMENT, GATES } from '../model';
import { LEXICON, escapeRegExp, wordsOf } from '../../reading/lexicon';
import type { CompiledFact } from '../../../knowledge/knowledge-base';
import type { Candidate } from './candidate';
import { wholeOf } from './parties';
import { otherScope } from './scope';
import { moneyFactsGiving } from '../value-index';

const YEAR_ONLY = /^\s*(?:19|20)\d\d\s*$/;

/**
 * The relation's words near the figure. A specific unit (TFLOPS, stars) names the measure by
 * itself; so does a table column headed by the fact's year ("| Segment | 2024 | 2028 |"); and an
 * implied relation (a market's money figure is its size) goes without saying beside its subject;
 * and a signed percentage ("+35%") names a relation of changes.
 */
export function relationWeight(c: Candidate, subj: number): number {
  const { figure, ev, fact: cf } = c;
  const rel = keywordWeight(ev, forecastAtChangeStart(c) ? relationKeywordsOf(c) : cf.keywords, figure);
  const named = namesMeasure(c) ? GATES.namedMeasure : 0;
  const implied = cf.relationImplied && subj >= GATES.said ? GATES.impliedRelation : 0;
  // An echo of the value says the fact just enough to be cited, never more plainly than its words.
  const echo = echoesValue(c) ? GATES.said : 0;
  const preposition = objectAfterPreposition(c) || pairJoinedBefore(c) ? GATES.namedMeasure : 0;
  // A unit that names the measure and the relation's words are two marks of it, not one: in "warranted
  // for 8 years or 1,000,000 miles" the mileage is the warranty's more than the range's.
  const marked = named && rel ? 1 - (1 - named) * (1 - rel) : Math.max(rel, named);
  return Math.max(marked, implied, echo, preposition);
}

/** How far after a figure the fact's object may start for a preposition to stand between: a long preposition, a determiner and spaces. */
const OBJECT_PREPOSITION_REACH = 16;
/** Determiners that may stand between a preposition and a name ("in the OpenAI venture"). */
const DETERMINERS = new Set(wordsOf(LEXICON.prepositionDeterminers).map((w) => w.toLowerCase()));

/**
 * "Microsoft's $13 billion in OpenAI": one of the relation's objectPrepositions (and maybe a
 * determiner) between the figure and the fact's object right after it says the relation.
 */
function objectAfterPreposition(c: Candidate): boolean {
  const { figure, ev, fact: cf } = c;
  const object = cf.fact.object;
  if (object === undefined || cf.objectPrepositions.length === 0) return false;
  const m = ev.mentions.find((x) => x.entity === object && x.start >= figure.end && x.start - figure.end <= OBJECT_PREPOSITION_REACH);
  if (!m) return false;
  return joinedByPreposition(cf, ev.text.slice(figure.end, m.start));
}

/** Whether the text between two words is one of the relation's objectPrepositions, maybe with a determiner after it ("in", "into the"). */
function joinedByPreposition(cf: CompiledFact, between: string): boolean {
  const [preposition, determiner, ...rest] = between.trim().toLowerCase().split(/\s+/);
  return cf.objectPrepositions.includes(preposition) && rest.length === 0 && (determiner === undefined || DETERMINERS.has(determiner));
}

/** What may stand between a pair's label and its figure: marks, and at most one word ("Google in Anthropic: roughly $3 billion"). */
const LABEL_TO_FIGURE = /^[\s:—–-]*[:—–-][\s]*(?:[\p{L}]+\s+)?$/u;

/**
 * "Google in Anthropic: roughly $3 billion": the fact's subject, one of the relation's
 * objectPrepositions (and maybe a determiner) and its object label the figure right after them.
 */
function pairJoinedBefore(c: Candidate): boolean {
  const { figure, ev, fact: cf } = c;
  const object = cf.fact.object;
  if (object === undefined || cf.objectPrepositions.length === 0) return false;
  const o = ev.mentions.find((x) => x.entity === object && x.end <= figure.start && figure.start - x.end <= OBJECT_PREPOSITION_REACH && LABEL_TO_FIGURE.test(ev.text.slice(x.end, figure.start)));
  const s = o && ev.mentions.find((x) => x.entity === cf.fact.subject && x.end <= o.start && o.start - x.end <= OBJECT_PREPOSITION_REACH);
  return !!s && joinedByPreposition(cf, ev.text.slice(s.end, o.start));
}

/**
 * Whether the figure names the fact's measure without its words: by its unit, as a percentage of
 * the fact's object ("95% of the AI chip market", "27% of OpenAI"), by a table column headed by the
 * fact's year, or ("+35%") by a sign that makes it a change of a relation of changes.
 */
function namesMeasure(c: Candidate): boolean {
  const { figure, ev, fact: cf } = c;
  if ((figure.type === 'spec' || figure.type === 'count') && cf.unit === figure.unit) return true;
  if (cf.fact.object !== undefined && wholeOf(c) === cf.fact.object) return true;
  const year = cf.fact.year;
  if (year !== undefined && (ev.header?.years.get(year) ?? 0) >= GATES.yearColumn && YEAR_ONLY.test(ev.header?.columnHeader ?? '')) return true;
  return !!figure.style.change && !!c.kb.relations.get(cf.fact.relation)?.change;
}

/**
 * A definite determiner (the lexicon's definiteDeterminers, or a name's possessive), and at most one
 * word, right before the figure: "the combined $58 billion", "Amazon's $58B".
 */
const DEFINITE_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${wordsOf(LEXICON.definiteDeterminers).map(openingCaseFree).join('|')}|\p{Lu}[\p{L}.]*['’]s)\s+(?:([\p{L}-]+)\s+)?$`,
  'u',
);

/** A word that may open a sentence, in either case of its first letter ("the", "The"); the pattern is otherwise case-sensitive for names. */
function openingCaseFree(word: string): string {
  const w = escapeRegExp(word);
  return `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`;
}
/** How far back DEFINITE_BEFORE looks. */
const DEFINITE_REACH = 24;

/**
 * "The $58 billion": a writer who puts the article before an amount refers to one the reader knows,
 * and when it is exactly a value the sources give for this fact and no other, the value names the
 * fact. Only a figure that agrees is so named, so it is cited, never flagged.
 */
function echoesValue(c: Candidate): boolean {
  const { figure, ev } = c;
  if (figure.type !== 'money' || figure.hedge !== 'exact') return false;
  const from = Math.max(0, figure.start - DEFINITE_REACH);
  const m = DEFINITE_BEFORE.exec(ev.text.slice(from, figure.start));
  if (!m) return false;
  // A word between must be the fact's own ("the combined $58 billion"): "the remaining $25B" is another part.
  if (m[1] !== undefined && !saysFactWord(c, from + m.index + m[0].indexOf(m[1]))) return false;
  // Only an amount one fact alone gives is known by it: "the $50 billion" may be either of two.
  const given = (f: CompiledFact) => f.assertions.some((a) => a.assertion.hedge === 'exact' && agrees(figure, a.interval, a.assertion.hedge));
  return given(c.fact) && GIVEN_BY_ONE(ev, figure, () => moneyFactsGiving(c.kb, figure, 2).length === 1);
}

/** Whether one money fact alone gives the figure's value: every candidate of the figure asks the same. */
const GIVEN_BY_ONE = figureMemo<boolean>();

/** Whether a keyword of the fact (its relation's, its own or its qualifiers') starts at `start`. */
function saysFactWord(c: Candidate, start: number): boolean {
  const { fact: cf } = c;
  const ofFact = (k: string) => cf.keywords.has(k) || cf.ownKeywords.has(k) || cf.fact.qualifiers.some((q) => c.kb.qualifierKeywords.get(q)?.has(k));
  return c.ev.keywords.some((k) => k.start === start && ofFact(k.keyword));
}

/** The fact's own keywords near the figure. */
export function ownWordsWeight(c: Candidate): number {
  return forecastAtChangeStart(c) ? 0 : keywordWeight(c.ev, c.fact.ownKeywords, c.figure);
}

/**
 * A forecast fact (one with a qualifier writers leave unsaid, a prediction) read at where a change
 * starts: the words it says its change by are the change's end's ("Microsoft could lift its $13
 * billion OpenAI commitment to $25–30 billion": "lift … to" says the $25–30 billion, and the $13
 * billion is the commitment as it stands).
 */
function forecastAtChangeStart(c: Candidate): boolean {
  return c.fact.ownKeywords.size > 0 && c.fact.fact.qualifiers.some((q) => c.kb.implicitQualifiers.has(q)) && isChangeStart(c.ev, c.figure);
}

/** The words of the fact's relation alone, without its own (per fact: every figure with it for a candidate asks). */
const RELATION_KEYWORDS = new WeakMap<Candidate['fact'], ReadonlySet<string>>();

function relationKeywordsOf(c: Candidate): ReadonlySet<string> {
  let words = RELATION_KEYWORDS.get(c.fact);
  if (!words) RELATION_KEYWORDS.set(c.fact, (words = new Set([...c.fact.keywords].filter((k) => !c.fact.ownKeywords.has(k)))));
  return words;
}

/**
 * Each of the fact's qualifiers: how strongly its words are said near the figure (or, for a framing
 * qualifier, in its context), whether writers often leave it unsaid, and whether it frames passages.
 */
export function qualifierWeights(c: Candidate): { id: string; weight: number; implicit: boolean; frames: boolean }[] {
  return c.fact.fact.qualifiers.map((q) => {
    // The rest of a whole ("the remaining $20 billion") is not the earlier part's qualifier by ellipsis.
    const words = c.kb.qualifierKeywords.get(q)!;
    const implicit = c.kb.implicitQualifiers.has(q);
    // A change's start is where the thing is: a forecast said for the change ("should climb from $19 billion to $95 billion") is its end's.
    const said = implicit && isChangeStart(c.ev, c.figure) ? 0 : isComplement(c.ev, c.figure) ? complementKeywordWeight(c.ev, words, c.figure) : qualifierWordWeight(c, q, words);
    const frames = c.kb.framingQualifiers.has(q);
    // A sentence naming another measure ("Google Cloud booked $15.2 billion of revenue, up 34%")
    // leaves the passage's frame: it says what it measures itself.
    const framed = frames && otherScope(c).weight === 0 ? frameWeight(c.ev, q, c.figure) : 0;
    return { id: q, weight: Math.max(said, framed), implicit, frames };
  });
}

/**
 * How strongly a qualifier's words are said for the figure. By ellipsis (a word of an earlier
 * figure of the same kind) only when the figure says no alternative of the same facet itself: in
 * "$5 billion paid upfront and $15 billion released against milestones" the $15 billion is the
 * milestone part, not the upfront part again.
 */
function qualifierWordWeight(c: Candidate, q: string, words: ReadonlySet<string>): number {
  const own = ownKeywordWeight(c.ev, words, c.figure);
  if (own >= GATES.plain) return own;
  const mates = c.kb.facetMates.get(q) ?? [];
  const mateSaid = mates.some((m) => ownKeywordWeight(c.ev, c.kb.qualifierKeywords.get(m)!, c.figure) >= GATES.said);
  // Said less plainly than for another figure that has it plainly, while the figure says an alternative itself: the other figure's.
  if (mateSaid && claimedByAnother(c, words)) return Math.min(own, ATTACHMENT.otherFigure);
  if (own >= GATES.said) return own;
  return mateSaid ? own : keywordWeight(c.ev, words, c.figure);
}

/**
 * Whether another figure of the same kind in the sentence has the qualifier's words plainly, where
 * this figure has them less plainly: "only $5 billion of this arrives upfront, while $15 billion
 * depends on milestones" says upfront of the $5 billion, not of the $15 billion.
 */
function claimedByAnother(c: Candidate, words: ReadonlySet<string>): boolean {
  return sentenceFigures(c.ev, c.figure).some((f) => f !== c.figure && f.type === c.figure.type && ownKeywordWeight(c.ev, words, f) >= GATES.plain);
}

/**
 * The plainest alternative to one of the fact's qualifiers said for the figure, when said more
 * plainly than the qualifier itself: "25% cheaper inference" is no reading of a training fact.
 */
export function otherFacetWeight(c: Candidate, own: readonly { id: string; weight: number }[]): { id: string; weight: number } | undefined {
  let best: { id: string; weight: number } | undefined;
  for (const q of own)
    for (const mate of c.kb.facetMates.get(q.id) ?? []) {
      const weight = keywordWeight(c.ev, c.kb.qualifierKeywords.get(mate)!, c.figure);
      if (weight > q.weight && weight > (best?.weight ?? 0)) best = { id: mate, weight };
    }
  return best;
}
