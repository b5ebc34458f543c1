/**
 * A measure or period the fact is not about, said near the figure: "valued at $300 billion",
 * "a $5 billion run-rate", "grew 39% in the June quarter". The knowledge base declares such words
 * in its exclusive relations and qualifiers; a figure plainly said with them is not a reading of
 * a fact of another relation, or without that qualifier.
 */
import type { CompiledFact, Scope } from '../../../knowledge/knowledge-base';
import type { Figure } from '../../figures/figure';
import { type Evidence, figureMemo, framingWeight, measureWordWeight, near, wordWeight } from '../evidence';
import { spanIndexAt } from '../../reading/layout';
import { type SpanIndex, holdsAny, spanIndex } from '../../reading/spans';
import { ATTACHMENT } from '../model';
import { LEXICON, alternationOf } from '../../reading/lexicon';
import type { Candidate } from './candidate';
import { wholeOf } from './parties';
import { mainClauseStart } from '../../context/discourse';

export interface OtherScope {
  /** The strongest weight of such a word for the figure (0 when none is said). */
  weight: number;
  /** The exclusive relation or qualifier it belongs to. */
  scope?: string;
}

function appliesTo(c: Candidate, scope: Scope): boolean {
  const { fact } = c.fact;
  if (scope.types && !scope.types.has(fact.type)) return false;
  return scope.of === 'relation' ? scope.id !== fact.relation : !fact.qualifiers.includes(scope.id);
}

/** Memo of ownWords per fact: every figure that has the fact for a candidate asks the same. */
const OWN_WORDS = new WeakMap<CompiledFact, ReadonlySet<string>>();

/** Words the fact itself uses say nothing against it ("stake" is an investment word too). */
function ownWords(c: Candidate): ReadonlySet<string> {
  let words = OWN_WORDS.get(c.fact);
  if (!words) {
    const all = new Set(c.fact.keywords);
    for (const q of c.fact.fact.qualifiers) for (const k of c.kb.qualifierKeywords.get(q) ?? []) all.add(k);
    OWN_WORDS.set(c.fact, (words = all));
  }
  return words;
}

/** The file each fact was defined in, as loaded (memo: every figure with the fact for a candidate asks). */
const FACT_FILES = new WeakMap<CompiledFact, string | undefined>();

function factFile(c: Candidate): string | undefined {
  if (!FACT_FILES.has(c.fact)) FACT_FILES.set(c.fact, c.kb.definedIn(c.fact.fact.id));
  return FACT_FILES.get(c.fact);
}

/** Memo per fact: whether each scope word holds one of the fact's own words, word for word. */
const OWN_PHRASES = new WeakMap<CompiledFact, Map<string, boolean>>();

/**
 * Whether a scope's word holds one of the fact's own words as whole words: a user's "shares" says
 * "Oracle shares rose 36%" is its own share-price fact's, whatever the bundled "shares rose" rules
 * out. Asked only of a scope from another file than the fact's (Scope.file).
 */
function holdsOwnWord(c: Candidate, scopeWord: string): boolean {
  let memo = OWN_PHRASES.get(c.fact);
  if (!memo) OWN_PHRASES.set(c.fact, (memo = new Map()));
  let holds = memo.get(scopeWord);
  if (holds === undefined) {
    const padded = ` ${scopeWord.toLowerCase()} `;
    holds = [...ownWords(c)].some((k) => padded.includes(` ${k.toLowerCase()} `));
    memo.set(scopeWord, holds);
  }
  return holds;
}

/** Memo per unit: its figures and names, indexed once for every figure's scope words. */
const FIGURES_AND_NAMES = new WeakMap<Evidence, SpanIndex>();

/** A date right after one of the lexicon's periodPrepositions ("growth for Q3 2025"). */
const PERIOD_PREPOSITION_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternationOf(LEXICON.periodPrepositions)})\s+$`, 'iu');
/** How far before a date its preposition is looked for: the longest preposition and a space or two. */
const PERIOD_PREPOSITION_REACH = 10;

/** A date after a period preposition says the period of what its sentence measures ("20.2% growth for Q3 2025"); a deadline ("by Q3 2026") does not. */
function saysPeriod(ev: Evidence, f: Figure): boolean {
  return f.type === 'date' && PERIOD_PREPOSITION_BEFORE.test(ev.text.slice(Math.max(0, f.start - PERIOD_PREPOSITION_REACH), f.start));
}

/**
 * A word inside a figure or a name says no measure: "a $1.2 billion fund" is no funding round of
 * "the Clean Freight Fund". A date other than the figure itself still says its period: "20.2%
 * growth for Q3 2025" is a quarter's.
 */
function insideFigureOrName(c: Candidate, hit: { start: number; end: number }): boolean {
  let index = FIGURES_AND_NAMES.get(c.ev);
  if (!index) FIGURES_AND_NAMES.set(c.ev, (index = spanIndex([...c.ev.figures.filter((f) => !saysPeriod(c.ev, f)), ...c.ev.mentions])));
  return holdsAny(index, hit) || (c.figure.start <= hit.start && hit.end <= c.figure.end);
}

/**
 * A period (a qualifier: "in the third quarter") holds for every figure of its clause: "AWS revenue
 * rose 20% to $33 billion in the quarter" gives both figures for the quarter.
 */
function periodWeight(c: Candidate, hit: { start: number; end: number }): number {
  const { clauses } = c.ev.layout;
  const sameClause = spanIndexAt(clauses, hit.start) === spanIndexAt(clauses, c.figure.start);
  return Math.max(wordWeight(c.ev, hit, c.figure), sameClause ? ATTACHMENT.otherKindFigure : 0);
}

/**
 * Whether a word is in a leading subordinate phrase of the figure's sentence, the figure in its
 * main clause: "Before the latest round, the company had routed $6 billion into Anthropic" says
 * when, not that the $6 billion is a round.
 */
function inBackdrop(c: Candidate, hit: { start: number }): boolean {
  const s = c.ev.layout.sentences[spanIndexAt(c.ev.layout.sentences, c.figure.start)];
  if (!s || hit.start < s.start) return false;
  const main = mainClauseStart(c.ev.text, s);
  return hit.start < main && c.figure.start >= main;
}

/** A word near a figure that names some measure or period, with its weight for the figure as either. */
interface ScopeHit {
  keyword: string;
  /** Its weight as a measure (an exclusive relation's word). */
  measure: number;
  /** Its weight as a period (an exclusive qualifier's word). */
  period: number;
}

/** Every candidate fact of the figure asks for the same hits. */
const SCOPE_HITS = figureMemo<ScopeHit[]>();

/** The figure's near words (outside figures and names) that some scope of the knowledge base has, in order, with their weights. */
function scopeHits(c: Candidate): ScopeHit[] {
  return SCOPE_HITS(c.ev, c.figure, () =>
    near(c.ev, c.figure)
      .keywords.filter((hit) => scopesByWord(c.kb.scopes).has(hit.keyword) && !insideFigureOrName(c, hit) && !inBackdrop(c, hit))
      .map((hit) => {
        // A sentence's framing opening sets every figure's measure and period ("By quarterly growth, …").
        const framing = framingWeight(c.ev, hit, c.figure);
        return { keyword: hit.keyword, measure: Math.max(measureWordWeight(c.ev, hit, c.figure), framing), period: Math.max(periodWeight(c, hit), framing) };
      }),
  );
}

/** Per knowledge base's scopes: the places (in kb.scopes) of the scopes each word belongs to. */
const SCOPES_BY_WORD = new WeakMap<readonly Scope[], Map<string, number[]>>();

function scopesByWord(scopes: readonly Scope[]): Map<string, number[]> {
  let byWord = SCOPES_BY_WORD.get(scopes);
  if (!byWord) {
    SCOPES_BY_WORD.set(scopes, (byWord = new Map()));
    scopes.forEach((s, i) => {
      for (const k of s.keywords) byWord!.set(k, [...(byWord!.get(k) ?? []), i]);
    });
  }
  return byWord;
}

/** Every candidate fact of the figure asks which scopes its words can speak for. */
const SCOPES_SAID = figureMemo<Scope[]>();

/**
 * The scopes, in the knowledge base's order, that have a word of the figure's header or near it:
 * no other scope can find a word against a fact, so the scopes a long knowledge base lists and the
 * figure says nothing of cost nothing.
 */
function scopesSaid(c: Candidate): Scope[] {
  return SCOPES_SAID(c.ev, c.figure, () => {
    const byWord = scopesByWord(c.kb.scopes);
    const at = new Set<number>();
    for (const k of c.ev.header?.keywords.keys() ?? []) for (const i of byWord.get(k) ?? []) at.add(i);
    for (const hit of scopeHits(c)) for (const i of byWord.get(hit.keyword) ?? []) at.add(i);
    return [...at].sort((a, b) => a - b).map((i) => c.kb.scopes[i]);
  });
}

/**
 * The other measure or period said most plainly for the figure. A percentage of the fact's own
 * object says what it measures, whatever the verb: "Nvidia owns 95% of the AI chip market" is a
 * share of that market, not an ownership stake.
 */
export function otherScope(c: Candidate): OtherScope {
  let best: OtherScope = { weight: 0 };
  if (c.fact.fact.object !== undefined && wholeOf(c) === c.fact.fact.object) return best;
  const own = ownWords(c);
  for (const scope of scopesSaid(c)) {
    if (!appliesTo(c, scope)) continue;
    // A scope of another file than the fact's was written without the fact's own words in mind.
    const otherFile = scope.file !== undefined && scope.file !== factFile(c);
    const words = (k: string) => scope.keywords.has(k) && !own.has(k) && !(otherFile && holdsOwnWord(c, k));
    for (const [k, w] of c.ev.header?.keywords ?? []) if (words(k) && w > best.weight) best = { weight: w, scope: scope.id };
    for (const hit of scopeHits(c)) {
      if (!words(hit.keyword)) continue;
      const w = scope.of === 'relation' ? hit.measure : hit.period;
      if (w > best.weight) best = { weight: w, scope: scope.id };
    }
  }
  return best;
}
