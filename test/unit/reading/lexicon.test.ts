/**
 * Every entry of the lexicon (src/diagnostics/reading/lexicon.en.json) with its example: the
 * example must show the entry at work, as Harper's rules carry their own test lines.
 */
import assert from 'node:assert/strict';
import { PRONOUN_OPENING, WRITER_OPENING, carriedWeight, findSentenceSubject, isDenied, isRetracted, mainClauseStart } from '../../../src/diagnostics/context/discourse';
import { gatherEvidence, measureWordWeight } from '../../../src/diagnostics/matching/evidence';
import { checkDocument } from '../../../src/diagnostics/engine';
import { isUnknown, partiesIn } from '../../../src/diagnostics/context/parties';
import { loadKnowledgeBase } from '../../../src/knowledge';
import type { Figure } from '../../../src/diagnostics/figures/figure';
import { bundledUnits } from '../../support/units';
import { findFigures } from '../../../src/diagnostics/figures/find-figures';
import { parseNumberWords } from '../../../src/diagnostics/figures/numbers';
import { DEADLINE_BEFORE } from '../../../src/diagnostics/matching/evidence';
import { PAST_MARKER } from '../../../src/diagnostics/outdated';
import { ATTACHMENT, EVIDENCE, GATES } from '../../../src/diagnostics/matching/model';
import { qualifierWeights, relationWeight } from '../../../src/diagnostics/matching/features/words';
import { JOINERS, attachment } from '../../../src/diagnostics/reading/attachment';
import { layout, spanIndexAt } from '../../../src/diagnostics/reading/layout';
import { seriesOf } from '../../../src/diagnostics/matching/features/respective';
import { LEXICON, Lexicon, MONTH_NAMES } from '../../../src/diagnostics/reading/lexicon';
import data from '../../../src/diagnostics/reading/lexicon.en.json';

const bundledKb = loadKnowledgeBase({ files: [], useBundled: true }).kb;

function figuresOf(text: string, count?: number): Figure[] {
  const found = findFigures(text, [], bundledUnits);
  if (count !== undefined) assert.equal(found.length, count, `${count} figures expected in ${JSON.stringify(text)}, found ${found.map((f) => f.text)}`);
  return found;
}

/** The span of the first word at or after `from`, skipping the listed words. */
function wordAfter(text: string, from: number, skip: readonly string[] = []): { start: number; end: number } {
  const re = /[\p{L}\p{N}]+/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!skip.includes(m[0].toLowerCase())) return { start: m.index, end: m.index + m[0].length };
  throw new Error(`no word after ${from} in ${text}`);
}

function weight(text: string, word: { start: number; end: number }, figure: Figure, figures: Figure[]): number {
  return attachment(text, layout(text, false), word, figure, figures);
}

describe('lexicon', () => {
  it('is valid against its schema, every entry with an example, and is used as the file says (the parse changes nothing)', () => {
    assert.deepStrictEqual(Lexicon.parse(data), data);
    assert.equal(LEXICON, data);
  });

  describe('clause breaks and clause verbs split the two figures of their example into different clauses', () => {
    for (const list of [LEXICON.clauseBreaks, LEXICON.clauseVerbs])
      for (const [word, example] of Object.entries(list.entries))
        it(`${word}: ${example}`, () => {
          const [a, b] = figuresOf(example, 2);
          const { clauses } = layout(example, false);
          assert.notEqual(spanIndexAt(clauses, a.start), spanIndexAt(clauses, b.start));
        });
  });

  describe('a party named after an attribution or an alternative weighs nothing for the figure; after a consequence or an addition, little', () => {
    const cases = [
      [LEXICON.attributions, 'NextFin', 0],
      [LEXICON.alternatives, 'Microsoft', 0],
      [LEXICON.consequences, 'Microsoft', ATTACHMENT.otherFigure],
      [LEXICON.additions, 'Microsoft', ATTACHMENT.otherFigure],
    ] as const;
    for (const [list, party, expected] of cases)
      for (const [word, example] of Object.entries(list.entries))
        it(`${word}: ${example}`, () => {
          const figures = figuresOf(example);
          const at = example.indexOf(party, figures[0].end);
          assert.equal(weight(example, { start: at, end: at + party.length }, figures[0], figures), expected);
        });
  });

  describe('a word after a figure and its preposition (and determiner) belongs to that figure, not the next', () => {
    for (const [word, example] of Object.entries(LEXICON.figurePrepositions.entries))
      it(`${word}: ${example}`, () => {
        const figures = figuresOf(example);
        const [first, second] = figures;
        const preposition = example.indexOf(` ${word} `, first.end) + word.length + 2;
        const party = wordAfter(example, preposition, Object.keys(LEXICON.prepositionDeterminers.entries));
        assert.ok(weight(example, party, first, figures) > weight(example, party, second, figures), example.slice(party.start, party.end));
      });
    for (const [word, example] of Object.entries(LEXICON.prepositionDeterminers.entries))
      it(`determiner ${word}: ${example}`, () => {
        const figures = figuresOf(example);
        const party = wordAfter(example, example.indexOf(` ${word} `) + word.length + 2);
        assert.ok(weight(example, party, figures[0], figures) > weight(example, party, figures[1], figures));
      });
  });

  describe('series joiners make the figures of their example one series', () => {
    for (const [word, example] of Object.entries(LEXICON.seriesJoiners.entries))
      it(`${word}: ${example}`, () => {
        const figures = figuresOf(example, 2);
        assert.deepEqual(seriesOf(figures, example, figures[0]), figures);
      });
  });

  describe('joiners are counted between a word and its figure', () => {
    for (const [word, example] of Object.entries(LEXICON.joiners.entries))
      it(`${word}: ${example}`, () => assert.ok([...example.matchAll(JOINERS)].some((m) => m[0].toLowerCase() === word)));
  });

  describe('pronoun openings, writer openings and deadline words are recognised in their example', () => {
    for (const [word, example] of Object.entries(LEXICON.pronounOpenings.entries))
      it(`pronoun ${word}: ${example}`, () => assert.ok(PRONOUN_OPENING.test(example.slice(example.indexOf('. ') + 2))));
    for (const [word, example] of Object.entries(LEXICON.changeAsides.entries))
      it(`after an amount's measure and "${word}", a percentage is the change of that measure: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        const percent = ev.figures.find((f) => f.type === 'percent')!;
        const at = example.indexOf('revenue');
        assert.ok(measureWordWeight(ev, { start: at, end: at + 'revenue'.length }, percent) >= EVIDENCE.asideHost * ATTACHMENT.minDecay);
      });
    for (const [word, example] of Object.entries(LEXICON.framingOpenings.entries))
      it(`an opening "${word} …," sets what every figure of the sentence measures: ${example}`, () => {
        assert.deepEqual(checkDocument(example, bundledKb, { includeSupported: true, withFixes: false }).findings, []);
      });
    for (const [word, example] of Object.entries(LEXICON.periodPrepositions.entries))
      it(`a date after "${word}" is the period measured, so a growth of a quarter is no annual growth: ${example}`, () => {
        assert.deepEqual(checkDocument(example, bundledKb, { includeSupported: true, withFixes: false }).findings, []);
      });
    for (const [word, example] of Object.entries(LEXICON.sentenceConnectives.entries))
      it(`after the connective ${word}, an opening pronoun stands for the sentence before's party: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        assert.equal(findSentenceSubject(bundledKb, ev, ev.figures.at(-1)!)?.entity, 'amazon');
      });
    for (const [word, example] of Object.entries(LEXICON.personPronouns.entries))
      it(`person pronoun ${word} stands for the person named last: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        assert.equal(findSentenceSubject(bundledKb, ev, ev.figures.at(-1)!)?.entity, 'matt-garman');
      });
    for (const [word, example] of Object.entries(LEXICON.clauseSubjectJoiners.entries))
      it(`after ${word}, a clause's own party is its subject: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        assert.deepEqual([ev.figures[0], ev.figures.at(-1)!].map((f) => findSentenceSubject(bundledKb, ev, f)?.entity), ['amazon', 'openai']);
      });
    for (const [word, example] of Object.entries(LEXICON.sententialRelatives.entries))
      it(`", ${word}," opens what the claim leads to, no measure of its figure: ${example}`, () => {
        assert.deepEqual(checkDocument(example, bundledKb, { includeSupported: true, withFixes: false }).findings.map((f) => [f.text, f.kind, f.fact]), [
          ['40%', 'supported', 'aws-chips-training-cost-reduction'], ['25%', 'conflict', 'aws-chips-inference-cost-reduction'],
        ]);
      });
    for (const [word, example] of Object.entries(LEXICON.asideOpenings.entries))
      it(`an aside opened by "${word}" keeps the main clause's verb from its figure: ${example}`, () => {
        assert.deepEqual(checkDocument(example, bundledKb, { includeSupported: true, withFixes: false }).findings.map((f) => [f.text, f.kind, f.fact]), [
          ['2005', 'supported', 'garman-joined-amazon'], ['2024', 'supported', 'garman-aws-ceo'],
        ]);
      });
    for (const [word, example] of Object.entries(LEXICON.relativeOpenings.entries))
      it(`after ", ${word}" the relative clause is about the party before it: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        const before = example.slice(0, example.indexOf(`, ${word}`));
        const party = partiesIn(before, bundledKb).at(-1)!.entity;
        assert.equal(findSentenceSubject(bundledKb, ev, ev.figures.at(-1)!)?.entity, party);
        assert.notEqual(party, 'amazon');
      });
    for (const [word, example] of Object.entries(LEXICON.figureParticiples.entries))
      it(`after a relative clause's closing comma, "${word}" leads to the clause's noun's figure, not the main clause's: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]), [['$50 billion', 'supported', 'amazon-openai-investment']]);
      });
    for (const [word, example] of Object.entries(LEXICON.companions.entries))
      it(`after "${word}" a figure shares the figure before's parties: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]), [['$50 billion', 'supported', 'amazon-openai-investment'], ['$100 billion', 'supported', 'openai-aws-cloud-pact']]);
      });
    for (const [word, example] of Object.entries(LEXICON.totalOpenings.entries))
      it(`after "${word}" a figure is the total the amount before adds up to, with its parties: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]).at(-1), ['$45-50 billion', 'conflict', 'amazon-anthropic-total-prediction']);
      });
    for (const [word, example] of Object.entries(LEXICON.partFollowers.entries))
      it(`a figure followed by "${word}" is a part of the figure before, with its parties: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]), [['$25 billion', 'supported', 'amazon-anthropic-investment'], ['$10 billion', 'conflict', 'amazon-anthropic-upfront']]);
      });
    for (const [word, example] of Object.entries(LEXICON.partOpenings.entries))
      it(`a figure after "${word}" is a part of the figure before, no whole: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]), [['$4 billion', 'supported', 'amazon-anthropic-investment']]);
      });
    for (const [word, { example }] of Object.entries(LEXICON.formerLatter.entries))
      it(`"${word}" stands for one of the two parties named before it: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]), [
          ['$58 billion', 'supported', 'amazon-combined-investment'],
          ['$50 billion', 'supported', 'amazon-openai-investment'],
          ['$8 billion', 'supported', 'amazon-anthropic-investment'],
        ]);
      });
    for (const [word, example] of Object.entries(LEXICON.changeVerbs.entries))
      it(`a figure after "${word}" and before "to" and another is where the change starts: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact])[0], ['$13 billion', 'supported', 'microsoft-openai-investment']);
      });
    for (const [word, example] of Object.entries(LEXICON.changeEnds.entries))
      it(`a figure after "from" and "${word}" is the far end of the same thing's change: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]).at(-1), ['$190 billion', 'conflict', 'enterprise-ai-services-size-2028']);
      });
    for (const [word, example] of Object.entries(LEXICON.projectedEnds.entries))
      it(`before "${word}" a figure is where the change starts, and the figure after it its projected end: ${example}`, () => {
        const { findings } = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false });
        assert.deepEqual(findings.map((f) => [f.text, f.kind, f.fact]), [['$19 billion', 'conflict', 'full-stack-ai-cloud-size-2024'], ['$95 billion', 'supported', 'full-stack-ai-cloud-size-2028']]);
      });
    for (const [word, example] of Object.entries(LEXICON.changeStarts.entries))
      it(`after "${word}" a figure is where the change starts, not the projection's end: ${example}`, () => {
        const found = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false }).findings.find((f) => f.text === '$26 billion');
        assert.deepEqual([found?.kind, found?.fact], ['conflict', 'enterprise-ai-services-size-2024']);
      });
    for (const [word, example] of Object.entries(LEXICON.reportingVerbs.entries))
      it(`a party before "${word}" is the speaker, so the chip of the sentence before is carried: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        assert.equal(carriedWeight(bundledKb, ev, 'trainium2', ev.figures.at(-1)!), EVIDENCE.carried);
      });
    for (const [word, example] of Object.entries(LEXICON.reportedSelf.entries))
      it(`a party reporting "${word}" speaks of itself, so the sentence before's party is not carried: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        assert.equal(carriedWeight(bundledKb, ev, 'amazon', ev.figures.at(-1)!), 0);
      });
    for (const [word, example] of Object.entries(LEXICON.definiteDeterminers.entries))
      it(`"${word}" before an amount one fact alone gives names that fact: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        const fact = bundledKb.facts.find((f) => f.fact.id === 'amazon-combined-investment')!;
        assert.equal(relationWeight({ kb: bundledKb, ev, figure: ev.figures[0], fact }, 1), GATES.said);
      });
    for (const list of [LEXICON.writerOpenings, LEXICON.writerContractions])
      for (const [word, example] of Object.entries(list.entries)) it(`writer ${word}: ${example}`, () => assert.ok(WRITER_OPENING.test(example)));
    for (const [word, example] of Object.entries(LEXICON.retractions.entries))
      it(`retraction ${word}: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        // The figure taken back is the first one ("We said $10 billion…") or the one after "(not".
        const figure = word === 'not' ? ev.figures.at(-1)! : ev.figures[0];
        assert.ok(isRetracted(ev, figure), figure.text);
      });
    for (const list of ['denials', 'falsityBefore', 'falsityAfter'] as const)
      for (const [word, example] of Object.entries(LEXICON[list].entries))
        it(`${list} ${word}: ${example}`, () => {
          const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
          assert.ok(isDenied(ev, ev.figures[0]), ev.figures[0].text);
        });
    // After one of these, "not" limits, times or qualifies the figure: the figure is still claimed.
    for (const [word, example] of Object.entries(LEXICON.denialExceptions.entries))
      it(`denial exception ${word}: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        assert.deepEqual(ev.figures.map((f) => isDenied(ev, f)), ev.figures.map(() => false));
      });
    for (const [word, example] of Object.entries(LEXICON.correctionOpenings.entries))
      it(`correction ${word}: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        const [claim, correction] = ev.figures;
        // One sentence: the correction takes the claim's words; the claim is taken back, the correction is not.
        assert.equal(ev.layout.sentences.length, 1);
        assert.deepEqual([isRetracted(ev, claim), isRetracted(ev, correction)], [true, false]);
      });
    for (const [word, example] of Object.entries(LEXICON.partyNouns.entries))
      it(`party noun ${word}: ${example}`, () => {
        const at = example.toLowerCase().indexOf(word);
        assert.ok(partiesIn(example, bundledKb).some((m) => isUnknown(m.entity) && m.start <= at && at < m.end), example);
      });
    for (const [word, example] of Object.entries(LEXICON.pastMarkers.entries)) it(`past marker ${word}: ${example}`, () => assert.ok(PAST_MARKER.test(example)));
    for (const [word, example] of Object.entries(LEXICON.subordinateOpenings.entries))
      it(`subordinate opening ${word}: ${example}`, () => assert.match(example.slice(mainClauseStart(example, { start: 0, end: example.length })), /^Amazon /));
    for (const [word, example] of Object.entries(LEXICON.comparisonBases.entries))
      it(`comparison base ${word}: ${example}`, () => {
        // Trainium 2, named only as the base, is not whose 4.4x it is: only the 4x is a reading of its own gain.
        const findings = checkDocument(example, bundledKb, { includeSupported: true, withFixes: false }).findings;
        assert.deepEqual(findings.map((f) => [f.text, f.kind]), [['4x', 'supported']]);
      });
    for (const [word, example] of Object.entries(LEXICON.roundVerbs.entries))
      it(`round verb ${word}: ${example}`, () => {
        // Anthropic's own round: no reading of Amazon's investment in it, nor of any other fact.
        assert.deepEqual(checkDocument(example, bundledKb, { includeSupported: true, withFixes: false }).findings, []);
      });
    for (const [word, example] of Object.entries(LEXICON.complementOpenings.entries))
      it(`complement ${word}: ${example}`, () => {
        // The rest of the whole is not the upfront part, though the part before it is.
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        const fact = bundledKb.facts.find((f) => f.fact.id === 'amazon-anthropic-upfront')!;
        const upfront = (figure: Figure) => qualifierWeights({ kb: bundledKb, ev, figure, fact })[0].weight;
        assert.deepEqual([upfront(ev.figures[1]) >= GATES.said, upfront(ev.figures.at(-1)!) < GATES.said], [true, true]);
      });
    for (const [word, example] of Object.entries(LEXICON.possessivePronouns.entries))
      it(`possessive pronoun ${word}: ${example}`, () => {
        const ev = gatherEvidence({ start: 0, text: example }, bundledKb)!;
        const subject = findSentenceSubject(bundledKb, ev, ev.figures.at(-1)!)!;
        // The subject is the name between the commas.
        const from = example.indexOf(', ') + 2;
        const to = example.indexOf(',', from);
        assert.ok(ev.mentions.some((m) => m.entity === subject.entity && m.start >= from && m.end <= to), `${subject.entity}: ${example.slice(from, to)}`);
      });
    for (const [word, example] of Object.entries(LEXICON.spanBounds.entries))
      it(`after "${word}", "a year" is a span of twelve months: ${example}`, () => {
        const year = findFigures(example, [], bundledUnits).find((f) => f.type === 'duration');
        assert.deepEqual([year?.text, year?.value.lo], ['a year', 12]);
      });
    for (const [word, example] of Object.entries(LEXICON.deadlineWords.entries))
      it(`deadline ${word}: ${example}`, () => {
        const [host, date] = figuresOf(example, 2);
        assert.ok(DEADLINE_BEFORE.test(example.slice(host.end, date.start)));
      });
  });

  describe('hedges: the figure of each example carries the entry\'s hedge', () => {
    for (const list of [LEXICON.hedgesBefore, LEXICON.hedgesAfter])
      for (const [word, { hedge, example }] of Object.entries(list.entries))
        it(`${word} → ${hedge}: ${example}`, () => assert.equal(figuresOf(example)[0].hedge, hedge));
  });

  describe('number words, months, units of time and count modifiers read as their entry says', () => {
    for (const [word, { value, example }] of Object.entries(LEXICON.numberWords.entries))
      it(`${word} = ${value}: ${example}`, () => {
        assert.equal(parseNumberWords(word === 'hundred' ? 'one hundred' : word), value);
        assert.equal(figuresOf(example, 1)[0].value.lo / figuresOf(example)[0].factor, value);
      });
    for (const [word, { value, example }] of Object.entries(LEXICON.fractions.entries))
      it(`${word} = ${value.toFixed(1)}%: ${example}`, () => {
        const [f] = figuresOf(example, 1);
        assert.deepEqual([f.type, f.text.toLowerCase(), f.value.lo], ['percent', word, value]);
      });
    for (const [word, { value, example }] of Object.entries(LEXICON.multipleWords.entries))
      it(`${word} = ${value}x: ${example}`, () => {
        const [f] = figuresOf(example, 1);
        assert.deepEqual([f.type, f.text.toLowerCase(), f.value.lo], ['multiple', word, value]);
      });
    for (const [word, example] of Object.entries(LEXICON.amountFollowers.entries))
      it(`a bare amount before "${word}" is dollars: ${example}`, () => {
        const bare = figuresOf(example).find((f) => f.type === 'money' && !f.text.includes('$'));
        assert.ok(bare && example.slice(bare.end).trimStart().toLowerCase().startsWith(word), JSON.stringify(figuresOf(example).map((f) => f.text)));
      });
    for (const list of [LEXICON.fractionCuesBefore, LEXICON.fractionCuesAfter])
      for (const [word, example] of Object.entries(list.entries))
        it(`a fraction beside "${word}" is a percentage: ${example}`, () => assert.equal(figuresOf(example, 1)[0].type, 'percent'));
    MONTH_NAMES.forEach((month, index) =>
      it(`${month}: ${LEXICON.months.entries[month].example}`, () => {
        const [date] = figuresOf(LEXICON.months.entries[month].example, 1);
        assert.equal(date.value.lo % 12, index);
      }),
    );
    for (const [word, { months, example }] of Object.entries(LEXICON.durationUnits.entries))
      it(`${word} = ${months} months: ${example}`, () => {
        const [d] = figuresOf(example, 1);
        const n = word === 'decade' ? 1 : Number(d.text.match(/\d+/)![0]);
        assert.equal(d.value.lo, n * months);
      });
    for (const [word, { from, to, example }] of Object.entries(LEXICON.yearParts.entries))
      it(`${word} = months ${from}–${to}: ${example}`, () => {
        const [d] = figuresOf(example, 1);
        assert.deepEqual([d.type, d.value.lo % 12, d.value.hi % 12], ['date', from, to]);
      });
    for (const [word, example] of Object.entries(LEXICON.countModifiers.entries))
      it(`${word}: ${example}`, () => assert.equal(figuresOf(example, 1)[0].type, 'count'));
  });
});
