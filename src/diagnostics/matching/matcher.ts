/**
 * Pairs each figure in a piece of prose with the fact it speaks about, and says whether the
 * sources support it. Evidence for a fact: its subject and object named near the figure, words of
 * its relation and its qualifiers, the year it is for, and, in a table, the row and column
 * headers. A figure no fact fits well enough is left alone: an unknown figure is not a conflict.
 */
import type { CompiledAssertion, CompiledFact, KnowledgeBase, Mention } from '../../knowledge/knowledge-base';
import type { Figure } from '../figures/figure';
import { PRICES_TOKENS, findFigures, inheritUnits, readPerWatt, readTokenPrices } from '../figures/find-figures';
import { PER_MILLION_TOKENS } from '../figures/kinds/money';
import { countUnitIn } from '../figures/kinds/count';
import { specUnit } from '../figures/kinds/spec';
import { DIGITS, decimalsOf, parseDigits } from '../figures/numbers';
import type { ProseUnit } from '../markdown/prose';
import { LEXICON, MONTH_NAMES, alternationOf } from '../reading/lexicon';
import { agrees } from './agreement';
import { type SentenceLayout, type Span, attachment, layout, spanIndexAt } from './attachment';

export interface Match {
  figure: Figure;
  fact: CompiledFact;
  /** The assertions whose value agrees with the figure; empty for a conflict. */
  agreeing: CompiledAssertion[];
  score: number;
  /** End of the figure's sentence (or table cell), trailing space excluded: where a citation goes. */
  sentenceEnd: number;
}

/** Facts scoring within this much of the best are all plausible readings of the figure. */
const MARGIN = 0.5;
/** Below this, a figure that agrees with no plausible fact is left alone rather than flagged. */
const MIN_CONFLICT_SCORE = 1.5;
/** A named thing this close to a figure can be the party a fact leaves unnamed. */
const OTHER_ROLE_WEIGHT = 0.6;
/** Weight of a party named in the previous sentence when the figure's own sentence names none before it. */
const CARRIED_WEIGHT = 0.6;
/** Weight of the sentence's first-named party for every figure after it. */
const SENTENCE_SUBJECT_WEIGHT = 0.6;
/** Weight of the party an opening "It" stands for: the subject itself, not a guess from word order. */
const PRONOUN_SUBJECT_WEIGHT = 0.7;
/** Weight of a relation word that belongs to an earlier figure of the same kind in the sentence. */
const ELLIPSIS_WEIGHT = 0.6;
/** A line's name ("Trainium") standing for one generation of it ("Trainium 2"). */
const FAMILY_WEIGHT = 0.8;
/** Kinds of entity that compete for the subject or object role. */
const ROLE_KINDS = new Set(['company', 'chip', 'market', 'person', 'product', 'model', 'project']);

interface Evidence {
  text: string;
  layout: SentenceLayout;
  figures: Figure[];
  mentions: Mention[];
  keywords: { keyword: string; start: number; end: number }[];
  years: { year: number; start: number; end: number }[];
  header?: { mentions: Map<string, number>; keywords: Map<string, number>; years: Map<number, number>; columnHeader: string };
  /** Parties named in the last sentence of the text before (unit.previous) that names any, for a first sentence that names none. */
  previous: Set<string>;
  /** The first of them: who "He" or "It" opening the unit is. */
  previousSubject?: string;
  weights: Map<Figure, Map<number, number>>;
  /** Each figure's sentence subject, asked for by every candidate fact. */
  subjects: Map<Figure, { entity: string; weight: number } | undefined>;
  /** Each date's host figure (deadlineHost), asked for by every word weighed for it. */
  hosts: Map<Figure, Figure | undefined>;
}

/** Names with numbers in them (Claude 3.5, GPT-4o, H100, P4d) are never bare figures. */
const VERSION_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?!(?:Q[1-4]|H[12])\b)(?!(?:${MONTH_NAMES.map((m) => m[0].toUpperCase() + m.slice(1, 3)).join('|')})[a-z]*\s)[A-Z][\p{L}]*(?:[- ]?)\d{1,3}(?:\.\d+)?[a-z]?(?![\p{L}\p{N}%])`,
  'gu',
);

/** "up to $25 billion" is a hedge: its "up" is not the growth word of "revenue up 35%". */
const HEDGE_UP_TO = /^up\s+to\b/i;

function headerUnit(header: string): { type: 'spec' | 'percent' | 'count'; unit?: string } | undefined {
  if (/(?:per|\/)\s*(?:1M|1 million|million)\s+tok(?:en)?s?\b/i.test(header)) return { type: 'spec', unit: PER_MILLION_TOKENS };
  for (const m of header.matchAll(/TFLOPS\s?\/\s?W|TFLOPS per watt|TFLOPS|PFLOPS|\bms\b|milliseconds/gi)) {
    const unit = specUnit(m[0]);
    if (unit) return { type: 'spec', unit };
  }
  if (/%|\bpercent\b/i.test(header)) return { type: 'percent' };
  const counted = countUnitIn(header);
  return counted ? { type: 'count', unit: counted } : undefined;
}

/** A table cell's bare number takes the unit its header names: "| Latency (ms) | 45 |". */
function applyHeaderUnit(unit: ProseUnit, figures: Figure[]): Figure[] {
  const { rowHeader, columnHeader } = unit.table!;
  // "Cost to generate a million Claude 3.5 tokens:" above a "| Chip | Cost |" table.
  const pricesTokens = /\b(?:cost|price)/i.test(`${rowHeader} ${columnHeader}`) && PRICES_TOKENS.test(unit.previous ?? '');
  const header = pricesTokens ? { type: 'spec' as const, unit: PER_MILLION_TOKENS } : headerUnit(`${rowHeader} ${columnHeader}`);
  if (!header) return figures;
  const out = figures.map((f) => (header.unit === PER_MILLION_TOKENS && f.type === 'money' ? { ...f, type: 'spec' as const, unit: header.unit } : f));
  const bare = unit.text.match(new RegExp(String.raw`^(\s*)(${DIGITS})(\+?)\s*$`, 'u'));
  if (bare && !out.length) {
    const n = parseDigits(bare[2]);
    const start = bare[1].length;
    const text = bare[2] + bare[3];
    out.push({
      kind: header.type, type: header.type, unit: header.unit, start, end: start + text.length, text,
      value: { lo: n, hi: n }, hedge: bare[3] ? 'more-than' : 'exact', decimals: decimalsOf(bare[2]), factor: 1,
      style:
        header.type === 'percent' ? { sign: '', sep: '-' }
        : header.type === 'count' ? { space: '', scale: '', sep: '-', plus: bare[3], grouping: /,/.test(bare[2]) ? 'yes' : '' }
        : { space: '', unit: '', sep: '-' },
    });
  }
  return out;
}

function headerEvidence(kb: KnowledgeBase, table: NonNullable<ProseUnit['table']>): Evidence['header'] {
  const mentions = new Map<string, number>();
  const keywords = new Map<string, number>();
  const years = new Map<number, number>();
  // The row header names what the row is about; the column header what is measured.
  for (const [text, weight] of [[table.rowHeader, 1], [table.columnHeader, 0.9]] as const) {
    for (const m of kb.findMentions(text)) mentions.set(m.entity, Math.max(mentions.get(m.entity) ?? 0, weight));
    for (const k of kb.findKeywords(text)) keywords.set(k.keyword, Math.max(keywords.get(k.keyword) ?? 0, weight));
    for (const y of text.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)) years.set(+y[0], weight);
  }
  // The row's other cells name parties (the partner of a deal) and say how it is framed.
  for (const m of kb.findMentions(table.rowContext)) mentions.set(m.entity, Math.max(mentions.get(m.entity) ?? 0, 0.8));
  for (const k of kb.findKeywords(table.rowContext)) keywords.set(k.keyword, Math.max(keywords.get(k.keyword) ?? 0, 0.6));
  return { mentions, keywords, years, columnHeader: table.columnHeader };
}

/** Memoized per figure: every fact asks again about the same words. */
function weightOf(ev: Evidence, span: Span, figure: Figure): number {
  let byFigure = ev.weights.get(figure);
  if (!byFigure) ev.weights.set(figure, (byFigure = new Map()));
  const key = span.start * 0x100000 + span.end;
  let w = byFigure.get(key);
  if (w === undefined) {
    w = attachment(ev.text, ev.layout, span, figure, ev.figures);
    if (figure.type === 'date' && !ev.hosts.has(figure)) ev.hosts.set(figure, deadlineHost(ev, figure));
    const host = ev.hosts.get(figure);
    if (host) w = Math.max(w, HOST_WEIGHT * attachment(ev.text, ev.layout, span, host, ev.figures));
    byFigure.set(key, w);
  }
  return w;
}

/**
 * A deadline right after a figure ("30-50% of cloud spending by 2030"), or opening the sentence of
 * one ("By 2028, model providers will run on 2-3 clouds"), shares that figure's words.
 */
const HOST_WEIGHT = 0.9;
const DEADLINE_BEFORE = new RegExp(String.raw`^[^,;:]{0,40}?\b(?:${alternationOf(LEXICON.deadlineWords)})\s+$`, 'i');
const DEADLINE_OPENING = new RegExp(String.raw`^\s*(?:${alternationOf(LEXICON.deadlineWords)})\s+$`, 'i');

function deadlineHost(ev: Evidence, date: Figure): Figure | undefined {
  const host = ev.figures.filter((f) => f.type !== 'date' && f.end <= date.start).at(-1);
  if (host) {
    const between = ev.text.slice(host.end, date.start);
    if (DEADLINE_BEFORE.test(between) && (between.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= 5) return host;
  }
  const sentence = ev.layout.sentences[spanIndexAt(ev.layout.sentences, date.start)];
  if (!sentence || !DEADLINE_OPENING.test(ev.text.slice(sentence.start, date.start))) return undefined;
  return ev.figures.find((f) => f.type !== 'date' && f.start >= date.end && f.start < sentence.end);
}

function entityWeight(kb: KnowledgeBase, ev: Evidence, entity: string | undefined, figure: Figure): number {
  if (!entity) return 0;
  let w = ev.header?.mentions.get(entity) ?? 0;
  for (const m of ev.mentions) if (m.entity === entity) w = Math.max(w, weightOf(ev, m, figure));
  // "Trainium peaks at 800 TFLOPS" may mean Trainium 2: the line's name counts, a little less.
  const family = kb.entities.get(entity)?.family;
  if (family !== undefined && w < 0.5) w = Math.max(w, FAMILY_WEIGHT * entityWeight(kb, ev, family, figure));
  const subject = sentenceSubject(kb, ev, figure);
  if (subject?.entity === entity) w = Math.max(w, subject.weight);
  return Math.max(w, carriedWeight(kb, ev, entity, figure));
}

/** A sentence opening with one of these (after a label such as an FAQ's "A:") speaks of the party the sentence before it opened with. */
const PRONOUN_OPENING = new RegExp(String.raw`^\s*(?:\p{L}+:\s+)?(?:${alternationOf(LEXICON.pronounOpenings)})\b`, 'iu');

/**
 * The first party a sentence names, before the figure: "Amazon could add $10 billion ..., for a
 * total of $40 billion". For a sentence opening with "It" or "The company", the party the
 * sentence before opened with: "Amazon backs both labs. It poured $50bn into OpenAI".
 */
function sentenceSubject(kb: KnowledgeBase, ev: Evidence, figure: Figure): { entity: string; weight: number } | undefined {
  if (!ev.subjects.has(figure)) ev.subjects.set(figure, findSentenceSubject(kb, ev, figure));
  return ev.subjects.get(figure);
}

function findSentenceSubject(kb: KnowledgeBase, ev: Evidence, figure: Figure): { entity: string; weight: number } | undefined {
  const { sentences } = ev.layout;
  const i = spanIndexAt(sentences, figure.start);
  const s = sentences[i];
  if (!s) return undefined;
  const firstIn = (span: Span) => ev.mentions.find((m) => m.start >= span.start && m.start < span.end && ROLE_KINDS.has(kb.entities.get(m.entity)!.kind));
  // "It invested $50bn in the ChatGPT maker": the pronoun, not the first name, is the subject.
  if (PRONOUN_OPENING.test(ev.text.slice(s.start, s.end))) {
    const before = i > 0 ? firstIn(sentences[i - 1])?.entity : ev.previousSubject;
    if (before) return { entity: before, weight: PRONOUN_SUBJECT_WEIGHT };
  }
  const first = firstIn(s);
  return first && first.end <= figure.start ? { entity: first.entity, weight: SENTENCE_SUBJECT_WEIGHT } : undefined;
}

/** "I've covered cloud earnings for 9 years": the writer speaking of themselves ("1/" numbers a thread's post). */
const WRITER_OPENING = new RegExp(
  String.raw`^\s*(?:\d+\/\s*)?(?:${alternationOf(LEXICON.writerOpenings)})(?:['’](?:${alternationOf(LEXICON.writerContractions)}))?\s`,
  'i',
);

function writerSpeaks(ev: Evidence, figure: Figure): boolean {
  const s = ev.layout.sentences[spanIndexAt(ev.layout.sentences, figure.start)];
  return !!s && WRITER_OPENING.test(ev.text.slice(s.start, s.end));
}

/**
 * "Amazon invests $25 billion in Anthropic. Of that, $5 billion is paid upfront": a sentence that
 * names nobody before its figure speaks of the parties of the sentence before it, or, opening a
 * paragraph, of the last sentence of the paragraph before (when the engine supplies it).
 */
function carriedWeight(kb: KnowledgeBase, ev: Evidence, entity: string, figure: Figure): number {
  const { sentences } = ev.layout;
  const i = spanIndexAt(sentences, figure.start);
  if (i < 0 || (i === 0 && !ev.previous.size)) return 0;
  const within = (m: Mention, s: Span) => m.start >= s.start && m.start < s.end;
  // Named after the figure, a party is its object, not who the sentence is about: "Fifty billion
  // dollars was offered, yet OpenAI turned it down" still speaks of the sentence before's Amazon.
  const namesSomeone = ev.mentions.some((m) => within(m, sentences[i]) && m.end <= figure.start && ROLE_KINDS.has(kb.entities.get(m.entity)!.kind));
  if (namesSomeone) return 0;
  // Back past sentences that name nobody either: "Anthropic's money is back-loaded. Just $5B
  // arrives upfront. The remaining $20B hinges on milestones."
  for (let j = i - 1; j >= 0; j--) {
    const named = ev.mentions.filter((m) => within(m, sentences[j]));
    if (named.some((m) => ROLE_KINDS.has(kb.entities.get(m.entity)!.kind))) return carried(kb, new Set(named.map((m) => m.entity)), entity);
  }
  return carried(kb, ev.previous, entity);
}

/** More than two parties ("OpenAI chose Microsoft and Oracle instead") say nothing of who comes next. */
const MAX_CARRIED_PARTIES = 2;

function carried(kb: KnowledgeBase, named: ReadonlySet<string>, entity: string): number {
  if (!named.has(entity)) return 0;
  const parties = [...named].filter((e) => ROLE_KINDS.has(kb.entities.get(e)!.kind)).length;
  return parties <= MAX_CARRIED_PARTIES ? CARRIED_WEIGHT : 0;
}

function keywordWeight(ev: Evidence, words: ReadonlySet<string>, figure: Figure): number {
  let w = 0;
  for (const [k, hw] of ev.header?.keywords ?? []) if (words.has(k)) w = Math.max(w, hw);
  for (const k of ev.keywords) if (words.has(k.keyword)) w = Math.max(w, weightOf(ev, k, figure));
  if (w >= 0.5) return w;
  // Ellipsis: in "AWS's 32% share dwarfs Azure's 24%", the 24% is a share too.
  const sentence = ev.layout.sentences[spanIndexAt(ev.layout.sentences, figure.start)];
  for (const other of ev.figures) {
    if (other === figure || other.type !== figure.type || other.end > figure.start || !sentence || other.start < sentence.start) continue;
    for (const k of ev.keywords) if (words.has(k.keyword)) w = Math.max(w, ELLIPSIS_WEIGHT * weightOf(ev, k, other));
  }
  return w;
}

interface Scored {
  fact: CompiledFact;
  score: number;
  /** The fact has an object and nothing near the figure names it ("Amazon's $58 billion commitment"). */
  objectUnnamed: boolean;
  /** The fact is of a year and no year is said near the figure ("a $42 billion base"). */
  yearUnnamed: boolean;
}

/**
 * For each fact, what marks each of its siblings (same subject, relation and object) apart from
 * it: the sibling's qualifiers it lacks ("$5 billion upfront" is the upfront sibling's, not the
 * whole investment's), implicit ones only when the sibling has nothing else.
 */
function siblingMarks(kb: KnowledgeBase): Map<CompiledFact, string[][]> {
  const groups = new Map<string, CompiledFact[]>();
  for (const f of kb.facts) {
    const key = `${f.fact.subject}|${f.fact.relation}|${f.fact.object ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const out = new Map<CompiledFact, string[][]>();
  for (const siblings of groups.values()) {
    for (const f of siblings) {
      const marks = siblings
        .filter((s) => s !== f)
        .map((s) => {
          const missing = s.fact.qualifiers.filter((q) => !f.fact.qualifiers.includes(q));
          const explicit = missing.filter((q) => !kb.implicitQualifiers.has(q));
          return explicit.length ? explicit : missing;
        })
        .filter((m) => m.length > 0);
      out.set(f, marks);
    }
  }
  return out;
}

const siblingMarksCache = new WeakMap<KnowledgeBase, Map<CompiledFact, string[][]>>();

function scoreFact(kb: KnowledgeBase, ev: Evidence, figure: Figure, cf: CompiledFact): Scored | undefined {
  const { fact } = cf;
  if (cf.unit !== figure.unit && (figure.type === 'spec' || figure.type === 'count' || figure.type === 'duration')) return undefined;

  const subj = entityWeight(kb, ev, fact.subject, figure);
  const obj = fact.object ? entityWeight(kb, ev, fact.object, figure) : undefined;
  let rel = keywordWeight(ev, cf.keywords, figure);
  const own = keywordWeight(ev, cf.ownKeywords, figure);
  // A specific unit (TFLOPS, stars) names the measure by itself.
  if ((figure.type === 'spec' || figure.type === 'count') && cf.unit === figure.unit) rel = Math.max(rel, 0.8);
  // A table column headed by the fact's year ("| Segment | 2024 | 2028 |") is that thing's value that year.
  if (fact.year !== undefined && (ev.header?.years.get(fact.year) ?? 0) >= 0.9 && /^\s*(?:19|20)\d\d\s*$/.test(ev.header?.columnHeader ?? '')) rel = Math.max(rel, 0.8);
  // A fact's own qualifiers ("upfront", "a total of") name it as well as its relation words do.
  const qualWeights = fact.qualifiers.map((q) => keywordWeight(ev, kb.qualifierKeywords.get(q)!, figure));
  const qual = Math.max(0, ...qualWeights.filter((_, i) => !kb.implicitQualifiers.has(fact.qualifiers[i])));
  // Both parties named around the figure imply what is between them: "Amazon: US$25bn into Anthropic".
  const pairNamed = fact.object !== undefined && subj >= 0.6 && obj! >= 0.6;
  if (cf.relationImplied && subj >= 0.5) rel = Math.max(rel, 0.5);
  // A year is often only when something happened: a date needs its relation's words close by,
  // or, for a subject named right beside it, at least nearby.
  if (figure.type === 'date') {
    // A forecast's own words count here ("AI Foundry is predicted by Q3 2026").
    const said = Math.max(rel, own, ...qualWeights);
    if (said < (subj >= 0.8 ? 0.5 : 0.8) || subj < 0.5) return undefined;
  } else if (rel < 0.5 && own < 0.5 && qual < 0.5 && !pairNamed) return undefined;

  // Other named things near the figure argue for another fact.
  let others = 0;
  const missingRoleKinds = new Set<string>();
  if (subj < 0.5) missingRoleKinds.add(kb.entities.get(fact.subject)!.kind);
  if (fact.object && obj! < 0.5) missingRoleKinds.add(kb.entities.get(fact.object)!.kind);
  let rival = false;
  const seen = new Set<string>();
  for (const m of [...ev.mentions.map((m) => m.entity), ...(ev.header?.mentions.keys() ?? [])]) {
    if (m === fact.subject || m === fact.object || seen.has(m)) continue;
    if (m === kb.entities.get(fact.subject)!.family || (fact.object && m === kb.entities.get(fact.object)!.family)) continue;
    seen.add(m);
    const entity = kb.entities.get(m)!;
    if (!ROLE_KINDS.has(entity.kind)) continue;
    // Named by the fact's own words ("OpenAI" for the gap between the OpenAI and Anthropic deals), it is no rival.
    if ([entity.name, ...entity.aliases].some((a) => cf.ownKeywords.has(a.toLowerCase()))) continue;
    const w = entityWeight(kb, ev, m, figure);
    if (w >= 0.8) others += w;
    if (w > OTHER_ROLE_WEIGHT && missingRoleKinds.has(entity.kind)) rival = true;
  }

  // A sentence about a person does not lend its figure to a fact about others that it names
  // only in passing: "Garman joined Amazon in 2005, so he had spent 19 years at the company before".
  const subject = sentenceSubject(kb, ev, figure);
  const aboutSomeoneElse =
    (subject && kb.entities.get(subject.entity)!.kind === 'person' && subject.entity !== fact.subject && subject.entity !== fact.object) || writerSpeaks(ev, figure);
  const spokenOfElsewhere = aboutSomeoneElse && Math.max(subj, obj ?? 0) < 0.8;
  if (spokenOfElsewhere) rival = true;

  const entityScore = fact.object ? subj + obj! : 2 * subj;
  const named = fact.object ? (subj >= 0.5 && obj! >= 0.5) || (Math.max(subj, obj!) >= 0.6 && !rival) : subj >= 0.5 && !spokenOfElsewhere;
  const unnamedButSpecific = (figure.type === 'spec' || figure.type === 'count') && own >= 0.7 && others === 0;
  if (!named && !unnamedButSpecific) return undefined;

  let score = 2 * entityScore + 1.5 * rel + own - 0.8 * others;
  fact.qualifiers.forEach((q, i) => {
    const w = qualWeights[i];
    score += w >= 0.5 ? 0.5 * w : kb.implicitQualifiers.has(q) ? -0.2 : -0.6;
  });
  // A sibling whose every mark is right there argues against this fact ("another $4bn" alone
  // does not make the predicted-additional sibling: it also needs a prediction).
  let marks = siblingMarksCache.get(kb);
  if (!marks) siblingMarksCache.set(kb, (marks = siblingMarks(kb)));
  let against = 0;
  for (const m of marks.get(cf) ?? []) {
    const weakest = Math.min(...m.map((q) => keywordWeight(ev, kb.qualifierKeywords.get(q)!, figure)));
    if (weakest >= 0.8) against = Math.max(against, weakest);
  }
  score -= 0.8 * against;
  let yearUnnamed = false;
  if (fact.year !== undefined) {
    let same = ev.header?.years.get(fact.year) ?? 0;
    let other = 0;
    for (const y of ev.years) {
      const w = weightOf(ev, y, figure);
      if (y.year === fact.year) same = Math.max(same, w);
      else other = Math.max(other, w);
    }
    for (const [y, w] of ev.header?.years ?? []) if (y !== fact.year) other = Math.max(other, w);
    if (other >= 0.9 && same < other && !cf.yearHasDateFact) return undefined;
    score += same >= 0.5 ? 0.6 * same : -0.3 - 0.5 * other;
    yearUnnamed = same < 0.5 && other < 0.5;
  }
  return { fact: cf, score, objectUnnamed: fact.object !== undefined && obj! < 0.5, yearUnnamed };
}


/**
 * A figure hedged the way a source hedges it ("up to $25 billion") echoes that assertion: its fact
 * stays plausible this far below the best fact about the same subject ("Amazon's commitment, up
 * to $25 billion, is mostly conditional" is not the conditional tranche).
 */
const ECHO_MARGIN = 1.5;

function echoes(figure: Figure, fact: CompiledFact): boolean {
  return figure.hedge !== 'exact' && fact.assertions.some((a) => a.assertion.hedge === figure.hedge && agrees(figure, a.interval, a.assertion.hedge));
}

/**
 * "Amazon's $58 billion commitment" names Amazon and no partner, "a $42 billion base" no year:
 * its facts with the same relation and other partners, or other years, are all readings of it,
 * and it agrees with the one it matches.
 */
function unnamedAlike(best: Scored, s: Scored): boolean {
  if (s.fact.fact.relation !== best.fact.fact.relation) return false;
  return (best.objectUnnamed && s.objectUnnamed) || (best.yearUnnamed && s.yearUnnamed && s.fact.fact.object === best.fact.fact.object);
}

function verdict(figure: Figure, scored: Scored[], sentenceEnd: number): Match | undefined {
  if (!scored.length) return undefined;
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const plausible = scored.filter(
    (s) =>
      s.score >= best.score - MARGIN ||
      (s.score >= best.score - ECHO_MARGIN && s.fact.fact.subject === best.fact.fact.subject && (echoes(figure, s.fact) || unnamedAlike(best, s))),
  );
  for (const s of plausible) {
    const agreeing = s.fact.assertions.filter((a) => agrees(figure, a.interval, a.assertion.hedge));
    if (agreeing.length) return { figure, fact: s.fact, agreeing, score: s.score, sentenceEnd };
  }
  // Saying a writer is wrong takes more than a word or two of evidence; citing them does not.
  if (best.score < MIN_CONFLICT_SCORE) return undefined;
  return { figure, fact: best.fact, agreeing: [], score: best.score, sentenceEnd };
}

function gatherEvidence(unit: ProseUnit, kb: KnowledgeBase): Evidence | undefined {
  const text = unit.text;
  const mentions = kb.findMentions(text);
  let figures = findFigures(text, mentions);
  if (unit.table) figures = applyHeaderUnit(unit, figures);
  if (!figures.length) return undefined;
  const l = layout(text, !!unit.table);
  const versions = [...text.matchAll(VERSION_NAME)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  figures = inheritUnits(text, figures, (offset) => sentenceEndIn(l, text, offset), [...mentions, ...versions]);
  const lent = unit.previous ? lastNaming(unit.previous, kb) : [];
  const sentenceOf = (offset: number) => l.sentences[spanIndexAt(l.sentences, offset)] ?? { start: 0, end: text.length };
  figures = readPerWatt(text, readTokenPrices(text, figures, sentenceOf), sentenceOf);
  return {
    text,
    layout: l,
    figures,
    mentions,
    keywords: kb.findKeywords(text).filter((k) => !(k.keyword === 'up' && HEDGE_UP_TO.test(text.slice(k.start, k.start + 12)))),
    years: figures.filter((f) => f.type === 'date').map((f) => ({ year: Math.floor(f.value.lo / 12), start: f.start, end: f.end })),
    header: unit.table ? headerEvidence(kb, unit.table) : undefined,
    previous: new Set(lent.map((m) => m.entity)),
    previousSubject: lent.find((m) => ROLE_KINDS.has(kb.entities.get(m.entity)!.kind))?.entity,
    weights: new Map(),
    subjects: new Map(),
    hosts: new Map(),
  };
}

/** The parties of the last sentence of `text` that names one: who the next paragraph goes on about. */
function lastNaming(text: string, kb: KnowledgeBase): Mention[] {
  const trimmed = text.trim();
  const mentions = kb.findMentions(trimmed);
  for (const s of [...layout(trimmed, false).sentences].reverse()) {
    const inside = mentions.filter((m) => m.start >= s.start && m.start < s.end);
    if (inside.some((m) => ROLE_KINDS.has(kb.entities.get(m.entity)!.kind))) return inside;
  }
  return [];
}

/**
 * Whether a unit has a number and names no company, chip, market or person up to the end of the
 * sentence holding it ("The headline hides conditions. Of that, $5 billion is paid upfront."):
 * then the paragraph before says who it is about.
 */
export function opensWithoutParty(unit: ProseUnit, kb: KnowledgeBase): boolean {
  if (unit.table) return false;
  // "He was named chief executive of AWS in 2023": "He" is in the paragraph before.
  if (PRONOUN_OPENING.test(unit.text)) return /\d/.test(unit.text);
  const digit = unit.text.search(/\d/);
  if (digit < 0) return false;
  const end = unit.text.slice(digit).search(/[.!?](?=\s)/);
  return !namesParty(end < 0 ? unit.text : unit.text.slice(0, digit + end + 1), kb);
}

/** Whether a text names a company, chip, market or person: who the text after it may be about. */
export function namesParty(text: string, kb: KnowledgeBase): boolean {
  return kb.findMentions(text).some((m) => ROLE_KINDS.has(kb.entities.get(m.entity)!.kind));
}

function isQuestion(ev: Evidence, figure: Figure): boolean {
  const sentence = ev.layout.sentences[spanIndexAt(ev.layout.sentences, figure.start)];
  return !!sentence && ev.text.slice(sentence.start, sentence.end).trimEnd().endsWith('?');
}

function sentenceEndIn(l: SentenceLayout, text: string, offset: number): number {
  return l.sentences[spanIndexAt(l.sentences, offset)]?.end ?? text.length;
}

function scoreAll(kb: KnowledgeBase, ev: Evidence, figure: Figure): Scored[] {
  const scored: Scored[] = [];
  for (const fact of kb.factsByType.get(figure.type) ?? []) {
    const s = scoreFact(kb, ev, figure, fact);
    if (s) scored.push(s);
  }
  return scored;
}

/** A figure of a unit and its verdict: `match` is unset when no fact fits it (an unverified figure). */
export interface ReadFigure {
  figure: Figure;
  match?: Match;
  /** End of the figure's sentence (or table cell), trailing space excluded. */
  sentenceEnd: number;
}

/** Every figure in the unit, each with the fact it fits and its verdict when one fits. */
export function readUnit(unit: ProseUnit, kb: KnowledgeBase): ReadFigure[] {
  const ev = gatherEvidence(unit, kb);
  if (!ev) return [];
  return ev.figures.map((figure) => {
    const end = sentenceEndIn(ev.layout, ev.text, figure.start);
    const sentenceEnd = ev.text.slice(0, end).trimEnd().length;
    const match = verdict(figure, scoreAll(kb, ev, figure), sentenceEnd);
    // A question claims nothing ("How much of the $58 billion is cash?"): cite it, never flag it.
    return match && (match.agreeing.length || !isQuestion(ev, figure)) ? { figure, match, sentenceEnd } : { figure, sentenceEnd };
  });
}

/** Every figure in the unit that a fact fits, with its verdict. */
export function matchUnit(unit: ProseUnit, kb: KnowledgeBase): Match[] {
  return readUnit(unit, kb).flatMap((r) => (r.match ? [r.match] : []));
}

/** Every candidate fact for every figure, best first: what `dealcheck --explain` prints for knowledge base authors. */
export function explainUnit(unit: ProseUnit, kb: KnowledgeBase): { figure: Figure; candidates: { fact: string; score: number; agrees: boolean }[] }[] {
  const ev = gatherEvidence(unit, kb);
  if (!ev) return [];
  return ev.figures.map((figure) => ({
    figure,
    candidates: scoreAll(kb, ev, figure)
      .sort((a, b) => b.score - a.score)
      .map((s) => ({
        fact: s.fact.fact.id,
        score: Math.round(s.score * 100) / 100,
        agrees: s.fact.assertions.some((a) => agrees(figure, a.interval, a.assertion.hedge)),
      })),
  }));
}
