/**
 * Figures said in turn pair off with parties named in turn: in "The H100 leads Trainium 2 in FP16
 * throughput, 989 to 800 TFLOPS" the first figure is the H100's and the second Trainium 2's, and
 * "Amazon and Google put in $8 billion and $2 billion" pairs the same way. A series is two or more
 * figures of one kind joined only by a series joiner of the lexicon; its parties are those of the
 * fact's subject's kind named before it in the sentence (and not an earlier figure's), each once,
 * when there are as many.
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
 * 30% and 20%", and the first figure's rate ("$0.80 per million tokens against $1.20").
 */
const BETWEEN = new RegExp(String.raw`^(?:\s+per(?:\s+[\p{L}\p{N}]+){1,3})?\s*,?\s*(?:(?:${alternationOf(LEXICON.seriesJoiners)})\s+)?$`, 'iu');

/** The series the figure is part of (itself alone when none), in the order said. */
export function seriesOf(figures: readonly Figure[], text: string, figure: Figure): Figure[] {
  const same = (f: Figure) => f.type === figure.type && f.unit === figure.unit;
  let i = figures.indexOf(figure);
  let j = i;
  while (i > 0 && same(figures[i - 1]) && BETWEEN.test(text.slice(figures[i - 1].end, figures[i].start))) i--;
  while (j < figures.length - 1 && same(figures[j + 1]) && BETWEEN.test(text.slice(figures[j].end, figures[j + 1].start))) j++;
  return figures.slice(i, j + 1);
}

/** A figure's own party right after it: "800 for Trainium 2" (a preposition of the lexicon, and maybe a determiner). */
const OWN_PARTY_AFTER = new RegExp(
  String.raw`^\s*(?:${alternationOf(LEXICON.figurePrepositions)})\s+(?:(?:${alternationOf(LEXICON.prepositionDeterminers)})\s+)?$`,
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
  const named = namedBefore(c, sentence.start, series[0], kind).filter((e) => ![...own.values()].includes(e));
  if (named.length !== rest.length) return 0;
  const turn = named.indexOf(c.fact.fact.subject);
  if (turn < 0) return 0;
  return rest[turn] === figure ? 1 : -1;
}

/**
 * The parties of `kind` named in the sentence before the series, each once. A party that weighs
 * more for an earlier figure of the sentence is that figure's: "X grows 47% a year, while Y climbs
 * $15 billion and $105 billion" names only Y for the series, and "3.4 against 2.5 for the L40S, and
 * Trainium 2 is rated at 2.1 versus 1.6" only Trainium 2.
 */
function namedBefore(c: Candidate, from: number, first: Figure, kind: string | undefined): string[] {
  const { ev, kb } = c;
  const earlier = ev.figures.filter((f) => f.end <= first.start && f.start >= from);
  const ownedEarlier = (m: Mention) => earlier.some((f) => wordWeight(ev, m, f) > wordWeight(ev, m, first));
  const named: string[] = [];
  for (const m of ev.mentions)
    if (m.start >= from && m.end <= first.start && entityKind(kb, m.entity) === kind && !named.includes(m.entity) && !ownedEarlier(m)) named.push(m.entity);
  return named;
}
