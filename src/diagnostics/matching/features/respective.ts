/**
 * Figures said in turn pair off with parties named in turn: in "The H100 leads Trainium 2 in FP16
 * throughput, 989 to 800 TFLOPS" the first figure is the H100's and the second Trainium 2's, and
 * "Amazon and Google put in $8 billion and $2 billion" pairs the same way. A series is two or more
 * figures of one kind joined only by a series joiner of the lexicon; its parties are those of the
 * fact's subject's kind named before it in the sentence (and not an earlier figure's), each once,
 * when there are as many, or else those of an earlier series said in parallel ("AWS $45B, Azure
 * $38B, growing 35% and 40%").
 */
import type { Mention } from '../../../knowledge/knowledge-base';
import { entityKind } from '../../context/parties';
import { wordWeight } from '../evidence';
import type { Figure } from '../../figures/figure';
import { spanIndexAt } from '../../reading/layout';
import { LEXICON, alternationOf } from '../../reading/lexicon';
import type { Candidate } from './candidate';

/** "from" right before a series makes it a change of one thing ("climbs from $15 billion to $105 billion"), not figures in turn. */
const FROM_BEFORE = /(?<![\p{L}\p{N}])from\s+$/iu;

/**
 * What may stand between two figures of a series: "989 to 800", "$8 billion and $2 billion", "40%,
 * 30% and 20%", the first figure's rate ("$0.80 per million tokens against $1.20"), and the next
 * figure's hedge ("up to $5 billion and up to $10 billion").
 */
const BETWEEN = new RegExp(
  String.raw`^(?:\s+per(?:\s+[\p{L}\p{N}]+){1,3})?\s*,?\s*(?:(?:${alternationOf(LEXICON.seriesJoiners)})\s+)?(?:(?:${alternationOf(LEXICON.hedgesBefore)})\s+)?$`,
  'iu',
);

/** The series the figure is part of (itself alone when none), in the order said. */
export function seriesOf(figures: readonly Figure[], text: string, figure: Figure): Figure[] {
  const same = (f: Figure) => f.type === figure.type && f.unit === figure.unit;
  let i = figures.indexOf(figure);
  let j = i;
  while (i > 0 && same(figures[i - 1]) && BETWEEN.test(text.slice(figures[i - 1].end, figures[i].start))) i--;
  while (j < figures.length - 1 && same(figures[j + 1]) && BETWEEN.test(text.slice(figures[j].end, figures[j + 1].start))) j++;
  return figures.slice(i, j + 1);
}

/**
 * A figure's own party right after it: "800 for Trainium 2", "$2.00 on Nvidia's H100" (a
 * preposition of the lexicon, and maybe a determiner or a maker's possessive).
 */
const OWN_PARTY_AFTER = new RegExp(
  String.raw`^\s*(?:${alternationOf(LEXICON.figurePrepositions)})\s+(?:(?:${alternationOf(LEXICON.prepositionDeterminers)})\s+)?(?:[\p{L}\p{N}-]+['’]s\s+)?$`,
  'iu',
);

/** The party of the fact's subject's kind (not its object) named right after each figure of the series ("800 for Trainium 2"), if any. */
function ownParties(c: Candidate, series: readonly Figure[], kind: string | undefined): Map<Figure, string> {
  const out = new Map<Figure, string>();
  for (const f of series) {
    // The fact's object after the last figure ("$8 billion and $2 billion into Anthropic") is every figure's.
    const m = c.ev.mentions.find(
      (x) => x.start >= f.end && x.entity !== c.fact.fact.object && entityKind(c.kb, x.entity) === kind && OWN_PARTY_AFTER.test(c.ev.text.slice(f.end, x.start)),
    );
    if (m) out.set(f, m.entity);
  }
  return out;
}

/**
 * 1 when the fact's subject is the party named in the figure's turn, -1 when it is named in
 * another's, 0 when the figure is in no series or its sentence does not name as many parties. A
 * figure with its own party right after it ("989 TFLOPS against 800 for Trainium 2") has that one,
 * and the others pair off with the parties named before the series.
 */
export function respective(c: Candidate): number {
  const { ev, figure, kb } = c;
  const series = seriesOf(ev.figures, ev.text, figure);
  if (series.length < 2) return 0;
  const sentence = ev.layout.sentences[spanIndexAt(ev.layout.sentences, figure.start)];
  if (!sentence || FROM_BEFORE.test(ev.text.slice(sentence.start, series[0].start))) return 0;
  const kind = kb.entities.get(c.fact.fact.subject)?.kind;
  const own = ownParties(c, series, kind);
  const owner = [...own].find(([, e]) => e === c.fact.fact.subject)?.[0];
  if (owner) return owner === figure ? 1 : -1;
  const rest = series.filter((f) => !own.has(f));
  const named = namedInTurn(c, sentence.start, series[0], kind, own, rest.length) ?? namedAfterLabel(c, sentence, series, kind, rest.length);
  if (!named) return 0;
  const turn = named.indexOf(c.fact.fact.subject);
  // Every turn taken by other parties ("Microsoft and Nvidia would invest $5 billion and $10 billion"): the figure is another's.
  if (turn < 0) return -1;
  return rest[turn] === figure ? 1 : -1;
}

/** What stands between parties named together: "Microsoft and Nvidia", "Amazon, Google or Microsoft". */
const COORDINATION = new RegExp(String.raw`^\s*,?\s*(?:(?:${alternationOf(LEXICON.joiners)})\s+)?$`, 'iu');

/**
 * The parties taking the turns of the series' figures without their own party: those of `kind`
 * named before the series in its sentence or, failing as many, the last as many named together
 * ("…Google's TPUs, and in a separate arrangement Microsoft and Nvidia said they would invest $5
 * billion and $10 billion"); never the fact's object, which is every figure's.
 */
function namedInTurn(c: Candidate, sentenceStart: number, first: Figure, kind: string | undefined, own: Map<Figure, string>, turns: number): string[] | undefined {
  const named = namedBefore(c, sentenceStart, first, kind).filter((m) => ![...own.values()].includes(m.entity) && m.entity !== c.fact.fact.object);
  if (named.length === turns) return named.map((m) => m.entity);
  // Exactly as many named together: "Amazon, Google and Microsoft put $8 billion and $2 billion" pairs off no one.
  const joined = (k: number) => k > 0 && COORDINATION.test(c.ev.text.slice(named[k - 1].end, named[k].start));
  const from = named.length - turns;
  const together = from > 0 && !joined(from) && named.slice(from + 1).every((_, k) => joined(from + 1 + k));
  return together ? named.slice(from).map((m) => m.entity) : parallelParties(c, sentenceStart, first, kind, turns);
}

/**
 * The parties of an earlier series said in parallel, each with its own figure: in "AWS $45B, Azure
 * $38B, OCI $8B, growing 35%, 40% and 45% respectively" the growth figures take the turns of the
 * revenue figures' parties. Only when the sentence has as many earlier figures of one type (dates
 * aside: "2024 revenue of…") as turns, and as many parties of the kind before the series.
 */
function parallelParties(c: Candidate, from: number, first: Figure, kind: string | undefined, turns: number): string[] | undefined {
  const earlier = c.ev.figures.filter((f) => f.end <= first.start && f.start >= from && f.type !== 'date');
  if (earlier.length !== turns || earlier.some((f) => f.type !== earlier[0].type || f.unit !== earlier[0].unit) || earlier[0].type === first.type) return undefined;
  const named: string[] = [];
  for (const m of c.ev.mentions)
    if (m.start >= from && m.end <= first.start && m.entity !== c.fact.fact.object && entityKind(c.kb, m.entity) === kind && !named.includes(m.entity)) named.push(m.entity);
  return named.length === turns ? named : undefined;
}

/**
 * The parties of `kind` named in the sentence before the series, each once. A party that weighs
 * more for an earlier figure of the sentence is that figure's: "X grows 47% a year, while Y climbs
 * $15 billion and $105 billion" names only Y for the series, and "3.4 against 2.5 for the L40S, and
 * Trainium 2 is rated at 2.1 versus 1.6" only Trainium 2.
 */
function namedBefore(c: Candidate, from: number, first: Figure, kind: string | undefined): Mention[] {
  const { ev, kb } = c;
  // A date claims words only against other dates ("In November 2025, Microsoft and Nvidia agreed to invest…").
  const earlier = ev.figures.filter((f) => f.end <= first.start && f.start >= from && (f.type !== 'date' || first.type === 'date'));
  const ownedEarlier = (m: Mention) => earlier.some((f) => wordWeight(ev, m, f) > wordWeight(ev, m, first));
  const named: Mention[] = [];
  for (const m of ev.mentions)
    if (m.start >= from && m.end <= first.start && entityKind(kb, m.entity) === kind && !named.some((n) => n.entity === m.entity) && !ownedEarlier(m) && !NOT_BEFORE.test(ev.text.slice(Math.max(0, m.start - NOT_REACH), m.start)))
      named.push(m);
  return named;
}

/** Only markup before a series that labels its line: "- **$0.80 and $1.60.**". */
const LABEL_OPENING = /^[\s*_>#•·-]*$/u;

/**
 * A series that labels its line, and the parties its description names after it, in turn:
 * "**$0.80 and $1.60.** Cost per million tokens on Inferentia 2 and on Nvidia's L40S". Only when
 * nothing of the kind is named before and exactly as many after, each once.
 */
function namedAfterLabel(c: Candidate, sentence: { start: number; end: number }, series: readonly Figure[], kind: string | undefined, turns: number): string[] | undefined {
  const { ev, kb } = c;
  if (!LABEL_OPENING.test(ev.text.slice(sentence.start, series[0].start))) return undefined;
  const last = series[series.length - 1];
  const named: string[] = [];
  for (const m of ev.mentions)
    if (m.start >= last.end && m.end <= sentence.end && m.entity !== c.fact.fact.object && entityKind(kb, m.entity) === kind && !named.includes(m.entity)) named.push(m.entity);
  return named.length === turns ? named : undefined;
}

/** "not" (maybe after a comma) right before a name: "Inferentia 2, not Trainium" names a party that takes no turn. */
const NOT_BEFORE = /(?<![\p{L}\p{N}])not\s+(?:the\s+)?$/iu;
/** How far before a name its "not" is looked for: "not the " and a space. */
const NOT_REACH = 9;
