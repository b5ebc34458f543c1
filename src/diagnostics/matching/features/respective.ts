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

/** What may stand between two figures of a series: "989 to 800", "$8 billion and $2 billion", "40%, 30% and 20%". */
const BETWEEN = new RegExp(String.raw`^\s*,?\s*(?:(?:${alternationOf(LEXICON.seriesJoiners)})\s+)?$`, 'iu');

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
 * 1 when the fact's subject is the party named in the figure's turn, -1 when it is named in
 * another's, 0 when the figure is in no series or its sentence does not name as many parties.
 */
export function respective(c: Candidate): number {
  const { ev, figure, kb } = c;
  const series = seriesOf(ev.figures, ev.text, figure);
  if (series.length < 2) return 0;
  const sentence = ev.layout.sentences[spanIndexAt(ev.layout.sentences, figure.start)];
  if (!sentence || FROM_BEFORE.test(ev.text.slice(sentence.start, series[0].start))) return 0;
  // A party that weighs more for an earlier figure of the sentence is that figure's: "X grows 47% a
  // year, while Y climbs $15 billion and $105 billion" names only Y for the series, and "3.4 against
  // 2.5 for the L40S, and Trainium 2 is rated at 2.1 versus 1.6" only Trainium 2.
  const earlier = ev.figures.filter((f) => f.end <= series[0].start && f.start >= sentence.start);
  const ownedEarlier = (m: Mention) => earlier.some((f) => wordWeight(ev, m, f) > wordWeight(ev, m, series[0]));
  const kind = kb.entities.get(c.fact.fact.subject)?.kind;
  const named: string[] = [];
  for (const m of ev.mentions)
    if (m.start >= sentence.start && m.end <= series[0].start && entityKind(kb, m.entity) === kind && !named.includes(m.entity) && !ownedEarlier(m)) named.push(m.entity);
  if (named.length !== series.length) return 0;
  const turn = named.indexOf(c.fact.fact.subject);
  if (turn < 0) return 0;
  return series[turn] === figure ? 1 : -1;
}
