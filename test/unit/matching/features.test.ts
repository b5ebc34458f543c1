/**
 * Each feature on its own, measured on a sentence for a figure and a candidate fact of the small
 * matching knowledge base (test/fixtures/matching.dealkb.json). Values are weights in [0, 1] (or
 * sums of them), independent of the model's weights.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Candidate } from '../../../src/diagnostics/matching/features/candidate';
import { objectWeight, otherOwner, otherSubject, rivalParties, spokenOfElsewhere, subjectWeight } from '../../../src/diagnostics/matching/features/parties';
import { siblingMarkWeight } from '../../../src/diagnostics/matching/features/siblings';
import { otherFacetWeight, ownWordsWeight, qualifierWeights, relationWeight } from '../../../src/diagnostics/matching/features/words';
import { respective } from '../../../src/diagnostics/matching/features/respective';
import { earlierYearWeight, yearEvidence } from '../../../src/diagnostics/matching/features/year';
import { otherScope } from '../../../src/diagnostics/matching/features/scope';
import { gatherEvidence, namedWeight } from '../../../src/diagnostics/matching/evidence';
import { knowledgeBaseFromTexts } from '../../../src/knowledge/knowledge-base';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { checkDocument } from '../../../src/diagnostics/engine';

const { kb } = knowledgeBaseFromTexts([
  { file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../../fixtures/matching.dealkb.json'), 'utf8') },
]);

export function candidate(text: string, figureText: string, factId: string, previous?: string): Candidate {
  const ev = gatherEvidence({ start: 0, text, previous }, kb);
  assert.ok(ev, `no figure in ${text}`);
  const figure = ev.figures.find((f) => f.text === figureText);
  assert.ok(figure, `no figure ${figureText} in ${text}: ${ev.figures.map((f) => f.text)}`);
  const fact = kb.facts.find((f) => f.fact.id === factId);
  assert.ok(fact, `no fact ${factId}`);
  return { kb, ev, figure, fact };
}

const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1000) / 1000);

/** The bundled knowledge base, for the features that read its own words and dates. */
const { kb: bundled } = loadKnowledgeBase({ files: [], useBundled: true });

/** A figure of `text` and a fact of the bundled knowledge base, as a candidate. */
function bundledCandidate(text: string, figureText: string, factId: string): Candidate {
  const ev = gatherEvidence({ start: 0, text }, bundled)!;
  const figure = ev.figures.find((f) => f.text === figureText)!;
  return { kb: bundled, ev, figure, fact: bundled.facts.find((f) => f.fact.id === factId)! };
}

/** Each finding of `draft` on the bundled knowledge base as [figure, kind, fact]. */
const bundledFindings = (draft: string) => checkDocument(draft, bundled, { includeSupported: true, withFixes: false }).findings.map((f) => [f.text, f.kind, f.fact]);

/** A table of drafts and each one's findings on the bundled knowledge base, a test per row. */
function findingsTable(title: string, rows: [text: string, expected: string[][]][]): void {
  describe(title, () => {
    for (const [text, expected] of rows) it(text, () => assert.deepEqual(bundledFindings(text), expected));
  });
}

describe('features', () => {
  describe('subject and object: how plainly the fact\'s parties are named for the figure', () => {
    const rows: [text: string, figure: string, fact: string, subject: number, object: number | undefined][] = [
      ['Amazon invested $8 billion in Anthropic.', '$8 billion', 'amazon-anthropic-investment', 1, 1],
      // The second figure gets the party after its own preposition; the subject, before both, is shared.
      ['Amazon invested $25 billion in Anthropic and $50 billion in OpenAI.', '$50 billion', 'amazon-anthropic-investment', 0.642, 0.3],
      ['Amazon invested $25 billion in Anthropic and $50 billion in OpenAI.', '$50 billion', 'amazon-openai-investment', 0.642, 1],
      // A sentence naming nobody speaks of the parties of the sentence before.
      ['Amazon invested in Anthropic. Of that, $5 billion is paid upfront.', '$5 billion', 'amazon-anthropic-upfront', 0.6, 0.6],
      // An opening "It" stands for the subject of the sentence before.
      ['Amazon backs both labs. It poured $50 billion into OpenAI.', '$50 billion', 'amazon-openai-investment', 0.7, 1],
      // A fact without an object has no object feature of its own.
      ['AWS holds 31% of the cloud market.', '31%', 'amazon-cloud-share', 1, undefined],
      // Carried from the paragraph before.
      ['Of that, $5 billion is paid upfront.', '$5 billion', 'amazon-anthropic-upfront', 0.6, 0.6],
    ];
    for (const [text, figure, fact, subject, object] of rows)
      it(`${figure} in "${text}" for ${fact}: subject ${subject}, object ${object}`, () => {
        const c = candidate(text, figure, fact, text.startsWith('Of that') ? 'Amazon invested $25 billion in Anthropic.' : undefined);
        assert.deepEqual([round(subjectWeight(c)), round(objectWeight(c))], [subject, object]);
      });
  });

  describe('a group is named by naming every member plainly for the figure', () => {
    const rows: [text: string, figure: string, fact: string, object: number][] = [
      ['Analysts quote the combined OpenAI–Anthropic exposure at $68 billion.', '$68 billion', 'amazon-combined-investment', 0.9],
      // Each member named for a figure of its own names no group.
      ['Credits are estimated at ~$25B for OpenAI and ~$20B for Anthropic.', '$20B', 'amazon-combined-investment', 0],
    ];
    for (const [text, figure, fact, object] of rows)
      it(`${figure} in "${text}" for ${fact}: object ${object}`, () => assert.equal(round(objectWeight(bundledCandidate(text, figure, fact))!), object));
  });

  describe('a figure in an aside or a relative clause on another figure shares its parties', () => {
    const rows: [text: string, entity: string, weight: number][] = [
      // The host figure's own weight for OpenAI (0.95) at the aside discount (0.9).
      ["Amazon's $50 billion investment in OpenAI, which came with a $100 billion cloud pact.", 'openai', 0.855],
      ['AI revenue: Microsoft Azure $38B (+40%).', 'microsoft', 0.9],
      // "of which" opens a part of the host figure.
      ['Amazon put $25 billion of new funding into Anthropic, of which $6 billion is paid upfront.', 'anthropic', 0.765],
      // Without the relative clause, OpenAI is only a word of another clause for it.
      ["Amazon's $50 billion investment in OpenAI came before a $100 billion cloud pact.", 'openai', 0.6],
    ];
    for (const [text, entity, weight] of rows)
      it(`${text} names ${entity} at ${weight} for its last figure`, () => {
        const ev = gatherEvidence({ start: 0, text }, kb)!;
        assert.equal(round(namedWeight(kb, ev, entity, ev.figures.at(-1)!)), weight);
      });
  });

  describe('a product line is named by its members and, a little less, a member by its line', () => {
    const rows: [text: string, entity: string, weight: number][] = [
      ['Trainium 2 cuts training costs by 30%.', 'trainium', 0.85],
      // The family discount (0.8) on the distance's (0.85).
      ['Trainium cuts training costs by 30%.', 'trainium2', 0.68],
      ['The H100 cuts training costs by 30%.', 'trainium', 0],
    ];
    for (const [text, entity, weight] of rows)
      it(`${text} names ${entity} at ${weight}`, () => {
        const ev = gatherEvidence({ start: 0, text }, kb)!;
        assert.equal(round(namedWeight(kb, ev, entity, ev.figures[0])), weight);
      });
  });

  describe('relation and own words', () => {
    const rows: [text: string, figure: string, fact: string, relation: number, own: number][] = [
      ['Amazon invested $8 billion in Anthropic.', '$8 billion', 'amazon-anthropic-investment', 1, 0],
      ['AWS has $8 billion in Anthropic.', '$8 billion', 'amazon-anthropic-investment', 0, 0],
      // A specific unit names the measure by itself.
      ['Trainium 2: 850 TFLOPS at FP16.', '850 TFLOPS', 'trainium2-throughput', 0.8, 0],
      // Ellipsis: the second share is a share too, at a discount.
      ["AWS's 32% share dwarfs Azure's 24%.", '24%', 'microsoft-cloud-share', 0.6, 0],
      // An implied relation goes without saying beside its subject.
      ['AI inference serving: about $28 billion in 2024.', '$28 billion', 'inference-serving-2024', 0.5, 0],
    ];
    for (const [text, figure, fact, relation, own] of rows)
      it(`${figure} in "${text}" for ${fact}: relation ${relation}, own words ${own}`, () => {
        const c = candidate(text, figure, fact);
        assert.deepEqual([round(relationWeight(c, subjectWeight(c))), round(ownWordsWeight(c))], [relation, own]);
      });
  });

  describe('another qualifier of the facet: an alternative said more plainly than the fact\'s own', () => {
    const rows: [text: string, figure: string, fact: string, other: [string, number] | undefined][] = [
      // "on milestones" beside the figure: the upfront part's alternative.
      ['Amazon pays $19 billion to Anthropic on milestones.', '$19 billion', 'amazon-anthropic-upfront', ['milestone', 0.9]],
      ['Amazon pays $5 billion upfront to Anthropic.', '$5 billion', 'amazon-anthropic-upfront', undefined],
      // Both said, each beside its own figure: the upfront figure's own mark is the plainer.
      ['Amazon pays $5 billion upfront and $19 billion on milestones.', '$5 billion', 'amazon-anthropic-upfront', undefined],
      // A fact with no qualifier of a facet has no alternative to it.
      ['Amazon pays $19 billion to Anthropic on milestones.', '$19 billion', 'amazon-anthropic-investment', undefined],
    ];
    for (const [text, figure, fact, other] of rows)
      it(`${figure} in "${text}" for ${fact}`, () => {
        const c = candidate(text, figure, fact);
        const found = otherFacetWeight(c, qualifierWeights(c));
        assert.deepEqual(found && [found.id, round(found.weight)], other);
      });
  });

  describe('qualifiers and sibling marks', () => {
    const rows: [text: string, figure: string, fact: string, qualifiers: [string, number][], sibling: number][] = [
      ['Amazon pays $5 billion upfront to Anthropic.', '$5 billion', 'amazon-anthropic-upfront', [['upfront', 1]], 0],
      // The whole investment's sibling, the upfront part, has its mark said: that argues against the whole.
      ['Amazon pays $5 billion upfront to Anthropic.', '$5 billion', 'amazon-anthropic-investment', [], 1],
      ['Amazon invested $8 billion in Anthropic.', '$8 billion', 'amazon-anthropic-milestone', [['milestone', 0]], 0],
      // An earlier figure's qualifier reaches a figure by ellipsis only when it says no alternative of the same facet.
      ['Amazon pays Anthropic $5 billion upfront and $15 billion against milestones.', '$15 billion', 'amazon-anthropic-upfront', [['upfront', 0.3]], 0],
      ['Amazon pays Anthropic $5 billion upfront and $15 billion against milestones.', '$15 billion', 'amazon-anthropic-milestone', [['milestone', 0.6]], 0],
      ['Amazon pays Anthropic $5 billion upfront and $15 billion later.', '$15 billion', 'amazon-anthropic-upfront', [['upfront', 0.6]], 0],
      // A qualifier another figure has plainly, in another clause, is that figure's when this one says an alternative.
      ['Amazon pays Anthropic only $5 billion of this upfront, while $15 billion depends on milestones.', '$15 billion', 'amazon-anthropic-upfront', [['upfront', 0.3]], 0.95],
      ['Amazon pays Anthropic only $5 billion of this upfront, while $15 billion depends on milestones.', '$15 billion', 'amazon-anthropic-milestone', [['milestone', 0.95]], 0],
      // With no alternative said for it, the other clause's qualifier still reaches the figure.
      ['Amazon pays Anthropic only $5 billion of this upfront, while $15 billion arrives in 2027.', '$15 billion', 'amazon-anthropic-upfront', [['upfront', 0.6]], 0],
    ];
    for (const [text, figure, fact, qualifiers, sibling] of rows)
      it(`${figure} in "${text}" for ${fact}`, () => {
        const c = candidate(text, figure, fact);
        assert.deepEqual(
          [qualifierWeights(c).map((q) => [q.id, round(q.weight)]), round(siblingMarkWeight(c))],
          [qualifiers, sibling],
        );
      });
  });

  describe('bundled qualifier words: what a part of the Anthropic money is tied to', () => {
    // [text, figure, fact, the milestone qualifier's weight]
    const rows: [string, string, string, number][] = [
      ['Amazon pays Anthropic $6 billion upfront; the remaining $19 billion is released only as Anthropic hits commercial and technical targets.', '$19 billion', 'amazon-anthropic-milestones', 0.5],
    ];
    for (const [text, figure, fact, weight] of rows)
      it(`${figure} in "${text}" for ${fact}`, () => {
        const c = bundledCandidate(text, figure, fact);
        assert.deepEqual(qualifierWeights(c).map((q) => [q.id, round(q.weight)]), [['milestone', weight]]);
      });
  });

  describe('rival parties and sentences about someone else', () => {
    const rows: [text: string, figure: string, fact: string, others: number, rival: boolean, elsewhere: boolean][] = [
      ['Google put $2 billion into Anthropic.', '$2 billion', 'amazon-anthropic-investment', 1, true, false],
      ['Amazon invested $8 billion in Anthropic.', '$8 billion', 'amazon-anthropic-investment', 0, false, false],
      ['Garman joined Amazon in 2005, so he had spent 19 years at the company.', '19 years', 'openai-to-anthropic-gap', 0, false, true],
      // A name no knowledge base knows that the fact's statement says is what the fact measures, not a rival.
      ['The Neuron SDK has about 700 stars on GitHub.', '700', 'neuron-sdk-stars', 0, false, false],
      ['The Neuron SDK has about 700 stars at Acmehub.', '700', 'neuron-sdk-stars', 0.95, false, false],
    ];
    for (const [text, figure, fact, others, rival, elsewhere] of rows)
      it(`${figure} in "${text}" for ${fact}: others ${others}, rival ${rival}, about someone else ${elsewhere}`, () => {
        const c = candidate(text, figure, fact);
        const subj = subjectWeight(c);
        const obj = objectWeight(c);
        const r = rivalParties(c, subj, obj);
        assert.deepEqual([round(r.others), r.rival, spokenOfElsewhere(c, subj, obj)], [others, rival, elsewhere]);
      });
    // A fact about a group and a fact about one of its members are siblings: "combined" marks the group's.
    it('"Amazon\'s combined commitment is $58 billion" is the combined investment, not a wrong OpenAI investment', () => {
      const text =
        "The post adds the $50 billion OpenAI investment to the Anthropic package. But the figure reported for Amazon's combined commitment is $58 billion, which counts the OpenAI money plus what Amazon had put into Anthropic.";
      assert.deepEqual(bundledFindings(text), [['$58 billion', 'supported', 'amazon-combined-investment']]);
    });
    // A group's members (the bundled "leading AI labs": OpenAI and Anthropic) are no rivals of a fact about the group.
    const combined = "Amazon's combined commitment is $58 billion, which counts the OpenAI money plus what it put into Anthropic.";
    it(`$58 billion in "${combined}": no rivals for Amazon's combined investment, OpenAI one for its Anthropic investment`, () => {
      const rivals = (fact: string) => {
        const c = bundledCandidate(combined, '$58 billion', fact);
        return round(rivalParties(c, subjectWeight(c), objectWeight(c)).others);
      };
      assert.deepEqual([rivals('amazon-combined-investment'), rivals('amazon-anthropic-investment')], [0, 0.8]);
    });
  });

  describe('year', () => {
    const rows: [text: string, figure: string, fact: string, year: { same: number; other: number } | undefined][] = [
      // Four words away ("of AI revenue in"), a year weighs 0.85.
      ['AWS booked $45 billion of AI revenue in 2024.', '$45 billion', 'amazon-ai-revenue-2024', { same: 0.85, other: 0 }],
      ['AWS booked $45 billion of AI revenue in 2025.', '$45 billion', 'amazon-ai-revenue-2024', { same: 0, other: 0.85 }],
      ['AWS booked $45 billion of AI revenue.', '$45 billion', 'amazon-ai-revenue-2024', { same: 0, other: 0 }],
      // A change's start is not dated by the year of its end.
      ['AWS expects $60 billion of AI revenue in 2028, growing from $45 billion.', '$45 billion', 'amazon-ai-revenue-2024', { same: 0, other: 0 }],
      ['AWS expects $60 billion of AI revenue in 2028, growing from $45 billion.', '$60 billion', 'amazon-ai-revenue-2024', { same: 0, other: 0.85 }],
      ['Amazon invested $8 billion in Anthropic in 2024.', '$8 billion', 'amazon-anthropic-investment', undefined],
    ];
    for (const [text, figure, fact, year] of rows)
      it(`${figure} in "${text}" for ${fact}`, () => {
        const y = yearEvidence(candidate(text, figure, fact));
        assert.deepEqual(y && { same: round(y.same), other: round(y.other) }, year);
      });
  });

  describe('respective: figures said in turn pair off with parties named in turn', () => {
    const rows: [text: string, figure: string, fact: string, value: number][] = [
      ['The H100 leads Trainium 2 in FP16 throughput, 989 to 800 TFLOPS.', '989', 'h100-throughput', 1],
      ['The H100 leads Trainium 2 in FP16 throughput, 989 to 800 TFLOPS.', '989', 'trainium2-throughput', -1],
      ['The H100 leads Trainium 2 in FP16 throughput, 989 to 800 TFLOPS.', '800 TFLOPS', 'trainium2-throughput', 1],
      ['Trainium 2 and the H100 deliver 800 and 989 TFLOPS respectively.', '989 TFLOPS', 'h100-throughput', 1],
      // The first figure's rate may stand between the two.
      ['Trainium 2 and the H100 cost $1.50 per million tokens against $2.50.', '$2.50', 'h100-token-cost', 1],
      // A figure's own party right after it ("800 for Trainium 2") is its, whatever the order before.
      ['Trainium 2 trails: the H100 is rated at 989 TFLOPS against 800 for Trainium 2.', '989 TFLOPS', 'trainium2-throughput', -1],
      ['Trainium 2 trails: the H100 is rated at 989 TFLOPS against 800 for Trainium 2.', '800', 'trainium2-throughput', 1],
      ['Trainium 2 trails: the H100 is rated at 989 TFLOPS against 800 for Trainium 2.', '989 TFLOPS', 'h100-throughput', 1],
      ['Amazon and Google put $8 billion and $2 billion into Anthropic.', '$2 billion', 'google-anthropic-investment', 1],
      ['Amazon and Google put $8 billion and $2 billion into Anthropic.', '$2 billion', 'amazon-anthropic-investment', -1],
      // Not a series: a party stands between the figures.
      ['Amazon put $8 billion into Anthropic and Google $2 billion.', '$2 billion', 'google-anthropic-investment', 0],
      // As many figures as parties, or no pairing.
      ['Amazon, Google and Microsoft put $8 billion and $2 billion into Anthropic.', '$2 billion', 'google-anthropic-investment', 0],
      // Only other parties take turns, the last ones named together (after a hedge too): the figure is another's.
      ["It uses Google's TPUs, and Microsoft and Nvidia will invest up to $5 billion and up to $10 billion in Anthropic.", '$5 billion', 'google-anthropic-investment', -1],
      ["It uses Google's TPUs, and Microsoft and Nvidia will invest up to $5 billion and up to $10 billion in Anthropic.", '$10 billion', 'google-anthropic-investment', -1],
      // A date opening the sentence claims no party from the series.
      ["In November 2025, Microsoft and Nvidia agreed to invest up to $5 billion and up to $10 billion in Anthropic.", '$10 billion', 'google-anthropic-investment', -1],
      // The object named before the series takes no turn.
      ["Anthropic's allocation is about $18 billion, against roughly $25 billion for OpenAI.", '$18 billion', 'amazon-anthropic-investment', 0],
      ['Trainium 2 delivers 800 TFLOPS.', '800 TFLOPS', 'trainium2-throughput', 0],
      // Parties that each own an earlier figure, said in parallel, take the series' turns in order.
      ['The H100 costs $2.50, Trainium 2 $1.50, at 989 and 800 TFLOPS respectively.', '800 TFLOPS', 'trainium2-throughput', 1],
      ['The H100 costs $2.50, Trainium 2 $1.50, at 989 and 800 TFLOPS respectively.', '800 TFLOPS', 'h100-throughput', -1],
      // Not when the earlier figures are fewer than the turns.
      ['The H100 costs $2.50 against Trainium 2, at 989 and 800 TFLOPS respectively.', '800 TFLOPS', 'trainium2-throughput', 0],
      // A series that labels its line (markup blanked) takes the turns of the parties its description names after it.
      ['$1.50 and $2.50. Cost per million tokens on Trainium 2 and on the H100.', '$1.50', 'trainium2-token-cost', 1],
      ['$1.50 and $2.50. Cost per million tokens on Trainium 2 and on the H100.', '$1.50', 'h100-token-cost', -1],
      ['$1.50 and $2.50. Cost per million tokens on Trainium 2 and on the H100.', '$2.50', 'h100-token-cost', 1],
      // Not when the description names more parties than turns.
      ['$1.50 and $2.50. Cost per million tokens on Trainium 2, the H100 and the L40S.', '$2.50', 'h100-token-cost', 0],
    ];
    for (const [text, figure, fact, value] of rows)
      it(`${figure} in "${text}" for ${fact}: ${value}`, () => assert.equal(respective(candidate(text, figure, fact)), value));
  });

  describe('otherSubject: the sentence is about a party no knowledge base knows', () => {
    const rows: [text: string, figure: string, fact: string, value: number][] = [
      ['SoftBank led a $40 billion round in OpenAI.', '$40 billion', 'microsoft-openai-investment', 1],
      ['Thrive Capital says it put $2 billion into Anthropic.', '$2 billion', 'google-anthropic-investment', 1],
      ['Amazon invested $8 billion in Anthropic.', '$8 billion', 'amazon-anthropic-investment', 0],
      // A lone capitalised word opening a sentence may be a verb, not a name.
      ['Tally the commitments and Amazon has put $8 billion into Anthropic.', '$8 billion', 'amazon-anthropic-investment', 0],
      // A name in the sentence's framing opening says where or when, not who it is about.
      ['At the Thrive Capital offsite in May, Amazon said it put $8 billion into Anthropic.', '$8 billion', 'amazon-anthropic-investment', 0],
    ];
    for (const [text, figure, fact, value] of rows)
      it(`${figure} in "${text}" for ${fact}: ${value}`, () => assert.equal(otherSubject(candidate(text, figure, fact)), value));
  });
  describe("otherOwner: a possessive right before the figure names whose it is", () => {
    const rows: [text: string, figure: string, fact: string, owner: string | undefined][] = [
      ["Google backs Anthropic. Microsoft's up-to-$5 billion Anthropic stake came later.", '$5 billion', 'google-anthropic-investment', 'microsoft'],
      ["Google backs Anthropic. CoreWeave's $22 billion contract came later.", '$22 billion', 'google-anthropic-investment', '?org:CoreWeave'],
      // The fact's own parties own their figures.
      ["Amazon's $8 billion in Anthropic came first.", '$8 billion', 'amazon-anthropic-investment', undefined],
      ["Anthropic's $8 billion from Amazon came first.", '$8 billion', 'amazon-anthropic-investment', undefined],
      // Not right before the figure: no owner.
      ["Microsoft's stake grew by $5 billion after Google backed Anthropic.", '$5 billion', 'google-anthropic-investment', undefined],
    ];
    for (const [text, figure, fact, owner] of rows)
      it(`${figure} in "${text}" for ${fact}: ${owner ?? 'none'}`, () => assert.equal(otherOwner(candidate(text, figure, fact)), owner));
  });
  describe('keywords: the words the unit says as themselves', () => {
    /** The words these rows are about, among all the unit's keywords. */
    const asked = new Set(['quarter', 'up']);
    const rows: [text: string, keywords: string[]][] = [
      // A period said is a period; a fraction hyphened to a number word says none.
      ['AWS booked $33 billion in the quarter.', ['quarter']],
      ['Three-quarters of the work stays on AWS, $33 billion.', []],
      // "up to" is a hedge, not growth.
      ['Growth was up 20%, to $33 billion.', ['up']],
      ['It invests up to $25 billion.', []],
    ];
    for (const [text, expected] of rows)
      it(`${text} → ${expected.join(', ') || 'none'}`, () => assert.deepEqual(gatherEvidence({ start: 0, text }, bundled)?.keywords.map((k) => k.keyword).filter((k) => asked.has(k)), expected));
  });
  describe('earlierYear: a year in the figure\'s clause before the fact\'s earliest asOf', () => {
    const rows: [text: string, figure: string, fact: string, value: number][] = [
      // The pact's assertion is as of February 2026: a 2025 contract is another deal.
      ['In November 2025, OpenAI signed a seven-year, $38 billion contract with AWS.', '$38 billion', 'openai-aws-cloud-pact', 0.642],
      ['In 2026, OpenAI signed a $38 billion contract with AWS.', '$38 billion', 'openai-aws-cloud-pact', 0],
      // The upfront part of the 2026 Anthropic deal: a 2023 first tranche is the original deal's.
      ["Amazon's original Anthropic deal was for up to $4 billion, with a first tranche of $1.25 billion funded in September 2023.", '$1.25 billion', 'amazon-anthropic-upfront', 0.95],
      // A year of another clause dates something else.
      ['OpenAI signed a $38 billion contract with AWS, and Matt Garman, who took the helm in 2023, cheered.', '$38 billion', 'openai-aws-cloud-pact', 0],
      // A fact no assertion dates with asOf: a source's date is when it was reported, not when the deal was made.
      ['In 2024, Microsoft put $10 billion into OpenAI.', '$10 billion', 'microsoft-openai-investment', 0],
    ];
    for (const [text, figureText, factId, value] of rows)
      it(`${figureText} in "${text}" for ${factId}: ${value}`, () => assert.equal(round(earlierYearWeight(bundledCandidate(text, figureText, factId))), value));
  });
  describe('relation: bundled words, and "the" before an amount only one fact gives (just enough to cite it)', () => {
    const rows: [text: string, figure: string, fact: string, value: number][] = [
      ['Analysts equate the $58 billion to AWS profit.', '$58 billion', 'amazon-combined-investment', 0.5],
      ['Analysts equate $58 billion to AWS profit.', '$58 billion', 'amazon-combined-investment', 0],
      // A name's possessive is a definite determiner too.
      ["Everyone is talking about Amazon's $58B these days.", '$58B', 'amazon-combined-investment', 0.5],
      // A word between that is not the fact's names another part.
      ['The remaining $25B hinges on AWS.', '$25B', 'amazon-anthropic-investment', 0],
      // The bundled words for backing are verbs ("backs", "to back"), not "back" as a direction or "backlog".
      ['OpenAI is sending $100 billion straight back to AWS.', '$100 billion', 'amazon-openai-investment', 0],
      ['Google Cloud has a backlog of $155 billion.', '$155 billion', 'google-anthropic-investment', 0],
      ['Amazon backs OpenAI with $50 billion.', '$50 billion', 'amazon-openai-investment', 0.95],
      // A lead sentence's measure passes to a sentence whose own words measure nothing of its kind ("leads" is a CEO's word).
      ['The briefing reproduces estimates of AI revenue by cloud. AWS leads with about $45 billion.', '$45 billion', 'amazon-ai-revenue-2024', 0.6],
      // Two facts give $50 billion: the article names neither.
      ['AWS wrote about the $50 billion.', '$50 billion', 'amazon-openai-investment', 0],
      ['AWS wrote about the $50 billion.', '$50 billion', 'amazon-rumored-infrastructure-spend', 0],
      // The relation's objectPrepositions ("in" for an investment) before the fact's object say it.
      ["Microsoft's estimated $15 billion in OpenAI set the pattern.", '$15 billion', 'microsoft-openai-investment', 0.8],
      ['Google has about $3 billion in the Anthropic venture.', '$3 billion', 'google-anthropic-investment', 0.8],
      // Not another preposition, not another party, not a word between.
      ["Microsoft's $15 billion for OpenAI set the pattern.", '$15 billion', 'microsoft-openai-investment', 0],
      ['Google has about $3 billion in cloud revenue from Anthropic.', '$3 billion', 'google-anthropic-investment', 0],
    ];
    for (const [text, figureText, factId, value] of rows)
      it(`${figureText} in "${text}" for ${factId}: ${value}`, () => assert.equal(relationWeight(bundledCandidate(text, figureText, factId), 1), value));
  });
  describe('a table row\'s partners are evidence for a partner column, not rivals of every cell', () => {
    it('an AI revenue cell beside "Cohere + xAI" is still Oracle\'s AI revenue', () => {
      const table = '| Provider | AI revenue ($B) | Lead AI partner | Partner investment ($B) |\n|---|---|---|---|\n| Oracle OCI | 8 | Cohere + xAI | 1 |\n';
      assert.deepEqual(bundledFindings(table), [['8', 'supported', 'oracle-ai-revenue-2024'], ['1', 'supported', 'oracle-cohere-xai-investment']]);
    });
  });
  findingsTable('the bundled knowledge base\'s own words for a fact', [
    // A launch said as a roll-out.
    ['AWS rolls out an "AI Foundry" service by Q3 2026.', [['Q3 2026', 'supported', 'ai-foundry-launch']]],
    // A commitment lifted to a new level is the predicted raise, not the investment standing today.
    ['Microsoft lifts its OpenAI commitment to $20-25 billion.', [['$20-25 billion', 'conflict', 'microsoft-openai-prediction']]],
    ['Microsoft lifts its OpenAI commitment to $25-30 billion.', [['$25-30 billion', 'supported', 'microsoft-openai-prediction']]],
    // "total" alone says the total after the increase, not the increase.
    ["One forecast says Amazon's Anthropic total lands at $35-45 billion after an extra $10-15 billion.", [['$35-45 billion', 'conflict', 'amazon-anthropic-total-prediction'], ['$10-15 billion', 'supported', 'amazon-anthropic-additional-prediction']]],
    // Throughput at another precision (the facet of the throughput facts' implicit FP16) is no reading of them.
    ["Nvidia's marketing leans on FP8: the H100's FP8 figure is 1,979 TFLOPS.", []],
    ['The H100 delivers 900 TFLOPS at FP16.', [['900 TFLOPS', 'conflict', 'h100-training-throughput']]],
    // "at Amazon since" is the year joined, though "since" alone is the CEO's.
    ["Garman has run AWS since 2024. He's been at Amazon since 2004, which is why he talks about AWS like a founder does.", [['2024', 'supported', 'garman-aws-ceo'], ['2004', 'conflict', 'garman-joined-amazon']]],
    // A percentage of something is a part of it, never a growth rate.
    ['If generative AI really does grow to 30-50% of cloud spending, AWS does not need to pick the winner.', [['30-50%', 'supported', 'generative-ai-cloud-spending-share']]],
    // "cloud pact" is OpenAI's pact's own word: a wrong pact figure is OpenAI's, not Anthropic's spending commitment.
    [
      'The OpenAI money is where the reporting splits. One account has Amazon writing the $50 billion cheque and pairing it with a $120 billion cloud pact, two months before the Anthropic package was announced.',
      [['$50 billion', 'supported', 'amazon-openai-investment'], ['$120 billion', 'conflict', 'openai-aws-cloud-pact'], ['two months', 'supported', 'openai-to-anthropic-deal-gap']],
    ],
    // "two" alone ("within two years") does not say the combined investment in both labs.
    [
      'AINews expects Amazon to add another $10-15 billion for Anthropic within two years, bringing the total to $30-35 billion.',
      [['$10-15 billion', 'supported', 'amazon-anthropic-additional-prediction'], ['two years', 'conflict', 'amazon-anthropic-increase-horizon'], ['$30-35 billion', 'conflict', 'amazon-anthropic-total-prediction']],
    ],
    // A lab's own round ("last primary round") is another measure than an investor's stake in it.
    ["Amazon's $50bn OpenAI investment landed earlier; OpenAI's last primary round was $40bn at a $300bn valuation.", [['$50bn', 'supported', 'amazon-openai-investment']]],
    // The milestone targets are Anthropic's on AWS: AWS named there is the fact's own party, no rival.
    [
      "The remaining $20 billion is released only as Anthropic meets commercial milestones. Those milestones reportedly include training models of roughly 500 billion parameters on Amazon's infrastructure.",
      [['$20 billion', 'supported', 'amazon-anthropic-milestones'], ['500 billion', 'conflict', 'anthropic-milestone-model-size']],
    ],
    // "compute-credit" is the Oracle deal's own word, with no relation word said.
    ["Oracle's earlier compute-credit arrangement with OpenAI was a comparatively modest $15bn.", [['$15bn', 'conflict', 'oracle-openai-compute-credits']]],
  ]);
  findingsTable("a fact's own words, or its qualifier's, said plainly: enough for a conflict", [
    [
      "AINews put Amazon's combined investment in OpenAI and Anthropic at $58 billion. NextFin describes the total as nearly $65 billion.",
      [['$58 billion', 'supported', 'amazon-combined-investment'], ['$65 billion', 'conflict', 'amazon-combined-investment']],
    ],
    // "Add it up" says the combined qualifier's whole.
    [
      'Amazon put $50 billion into OpenAI and $25 billion into Anthropic. Add it up and Amazon has pledged roughly $75 billion to the labs.',
      [['$50 billion', 'supported', 'amazon-openai-investment'], ['$25 billion', 'supported', 'amazon-anthropic-investment'], ['$75 billion', 'conflict', 'amazon-combined-investment']],
    ],
  ]);
  findingsTable("a measure of one party is its possessor's, whoever is named nearer the figure; a deal between two is not", [
    ["AWS's share of the cloud market, estimated at 29%, is being squeezed by Microsoft.", [['29%', 'conflict', 'amazon-cloud-market-share']]],
    ["Amazon's combined wager on both labs comes to $58 billion, while Google's stake in Anthropic is a comparatively modest $6 billion.", [['$58 billion', 'supported', 'amazon-combined-investment'], ['$6 billion', 'conflict', 'google-anthropic-investment']]],
  ]);
  findingsTable("a deal that comes with another shares its parties, not what the other measures", [
    ['Amazon invests $50 billion in OpenAI alongside a $120 billion cloud pact, ending Microsoft\'s exclusive hold.', [['$50 billion', 'supported', 'amazon-openai-investment'], ['$120 billion', 'conflict', 'openai-aws-cloud-pact']]],
  ]);
  findingsTable("a paragraph's first sentence that says no measure word goes on with the measure the paragraph before ended on", [
    [
      'AWS leads the overall cloud market with a 33% share.\n\nAzure follows at 24%, with Google Cloud at 15% and Oracle at 3%.',
      [['33%', 'supported', 'amazon-cloud-market-share'], ['24%', 'supported', 'microsoft-cloud-market-share'], ['15%', 'conflict', 'google-cloud-market-share'], ['3%', 'supported', 'oracle-cloud-market-share']],
    ],
    // One that says its own measure does not.
    ['AWS leads the overall cloud market with a 33% share.\n\nAzure grew its AI revenue 45% last year.', [['33%', 'supported', 'amazon-cloud-market-share'], ['45%', 'conflict', 'microsoft-ai-revenue-growth']]],
  ]);
  findingsTable("figures in turn: a maker's possessive before a figure's own party, and a party said not to be one, take no turn", [
    ["AWS's benchmark table puts Trainium 2 at $1.50 per million tokens against $2.00 on Nvidia's H100.", [['$1.50', 'supported', 'trainium2-cost-per-million-tokens'], ['$2.00', 'supported', 'h100-cost-per-million-tokens']]],
    ["The table credits the cheap inference to Inferentia 2, not Trainium: $0.80 per million tokens, against $1.60 on Nvidia's L40S.", [['$0.80', 'supported', 'inferentia2-cost-per-million-tokens'], ['$1.60', 'conflict', 'l40s-cost-per-million-tokens']]],
  ]);
  findingsTable('a framing qualifier ("AI" of AI revenue) must be said for a conflict, in the sentence or its context', [
    ['Azure AI revenue grew 45% year over year.', [['45%', 'conflict', 'microsoft-ai-revenue-growth']]],
    // Unsaid: a figure that agrees is still cited, one that disagrees is about total revenue.
    ['Azure grew 45% year over year.', []],
    ['Azure grew 40% year over year.', [['40%', 'supported', 'microsoft-ai-revenue-growth']]],
    // A table's header row frames every cell; a header row without it frames none.
    ['| Metric | Consensus |\n|---|---|\n| AWS growth, YoY | 26% |', []],
    ['| Cloud | AI revenue | YoY growth |\n|---|---|---|\n| AWS | $45B | 26% |', [['$45B', 'supported', 'amazon-ai-revenue-2024'], ['26%', 'conflict', 'amazon-ai-revenue-growth']]],
    // An earlier sentence of the paragraph, or the paragraph before, frames the sentences after.
    ['AWS made $45 billion of AI revenue. Azure is smaller but grows faster, at 45% year over year.', [['$45 billion', 'supported', 'amazon-ai-revenue-2024'], ['45%', 'conflict', 'microsoft-ai-revenue-growth']]],
    ['AWS made $45 billion of AI revenue.\n\nAzure is smaller but grows faster, at 45% year over year.', [['$45 billion', 'supported', 'amazon-ai-revenue-2024'], ['45%', 'conflict', 'microsoft-ai-revenue-growth']]],
    // A sentence naming its own measure (revenue) leaves the frame.
    ['Analysts put Microsoft Azure AI revenue growth at 40%.\n\nGoogle Cloud booked $15.2 billion of revenue in Q3, up 34%.', [['40%', 'supported', 'microsoft-ai-revenue-growth']]],
  ]);
  findingsTable('a writer speaking of themselves is the subject: the fact\'s subject must be named in the sentence', [
    ['Anthropic and OpenAI both run on AWS. We spent about $14 million on AWS last year, of which roughly 18% went to AI workloads.', []],
    ['Anthropic committed to spend on AWS for years. We recommend signing a three-year committed-spend agreement with AWS.', []],
    // "Our …" opens the writer's own sentence too.
    [
      'Microsoft and Google are predicted to make comparable investments within 18 months.\n\nOur AI spend grew by about 60% year on year, and we expect it to double again within 24 months.',
      [['18 months', 'supported', 'rival-investments-horizon']],
    ],
    // "We agree that …" opens a view of others: the figure is Google's.
    ['We agree that Google will boost its Anthropic funding to $8-12 billion within 18 months.', [['$8-12 billion', 'conflict', 'google-anthropic-prediction']]],
    // So does a source of the writer's that says something: the figure is the source's, of the party before.
    ['The box says Nvidia has over 95% of the AI accelerator market. Our source says more than 80%.', [
      ['95%', 'conflict', 'nvidia-ai-accelerator-share'], ['80%', 'supported', 'nvidia-ai-accelerator-share'],
    ]],
  ]);
  findingsTable('a sentence about a party no knowledge base knows is evidence to cite, not to contradict', [
    ['Nimbus Compute, a smaller rival of AWS, says its AI revenue grew 45% year over year.', []],
    ['Nimbus Compute, a smaller rival of AWS, says its AI revenue grew 35% year over year.', [['35%', 'supported', 'amazon-ai-revenue-growth']]],
    // A person's fact needs that person named plainly: the company both run is not enough.
    ['Andy Jassy has run Amazon since 2021, and Matt Garman, who joined in 2005, now runs AWS.', [['2005', 'supported', 'garman-joined-amazon']]],
  ]);
  findingsTable('a measure word in another clause with a figure of another kind is that figure\'s, not a measure of this one', [
    // "revenue" is the $38 billion's (total revenue rules it out), not the growth's.
    ["Azure's AI business is estimated at $38 billion of revenue for 2024, growing 45% a year.", [['45%', 'conflict', 'microsoft-ai-revenue-growth']]],
  ]);
  findingsTable('a party after the same preposition as the next figure\'s is the earlier figure\'s ("… for OpenAI and $21 billion for Anthropic")', [
    [
      'Of the combined $58 billion, an estimated $25 billion is earmarked as training compute credits for OpenAI and about $21 billion for Anthropic.',
      [['$25 billion', 'supported', 'amazon-openai-compute-credits'], ['$21 billion', 'conflict', 'amazon-anthropic-compute-credits']],
    ],
  ]);
  findingsTable('a figure the writer denies or marks false gets no finding, not even a citation of another fact it agrees with', [
    ['Amazon did not invest $35 billion in Anthropic.', []],
    ['Amazon invested $8 billion in Anthropic, not $35 billion.', [['$8 billion', 'supported', 'amazon-anthropic-investment']]],
    ['Reports that Amazon invested $35 billion in Anthropic are false.', []],
    ['Some outlets misreported Amazon\'s Anthropic investment as $35 billion.', []],
    // Not a denial: "not only", a name between commas, a correction in the next clause.
    ['Amazon has put not only $9 billion into Anthropic.', [['$9 billion', 'conflict', 'amazon-anthropic-investment']]],
    ["Some outlets misquoted the H100's power efficiency; the H100 is rated at 1.9 TFLOPS per watt in that table.", [['1.9 TFLOPS per watt', 'conflict', 'h100-power-efficiency']]],
  ]);
  findingsTable('a sentence that names a party and no measure takes the measure the sentence before ended on', [
    ["An analyst puts AWS's AI revenue growth at 35% a year, and says AWS holds a 33% share of the cloud market. Azure sits at 20%.", [
      ['35%', 'supported', 'amazon-ai-revenue-growth'],
      ['33%', 'supported', 'amazon-cloud-market-share'],
      ['20%', 'conflict', 'microsoft-cloud-market-share'],
    ]],
  ]);
  findingsTable('a sentence that says it measures the same (lexicon sameMeasureCues) takes the words of the figure before undiscounted', [
    ['The market-share tables cited in coverage put AWS at 32% in one case and 36% in another. Google Cloud, by the same measure, sits at 15%.', [
      ['32%', 'supported', 'amazon-cloud-market-share'],
      ['36%', 'conflict', 'amazon-cloud-market-share'],
      ['15%', 'conflict', 'google-cloud-market-share'],
    ]],
    // Without the cue, the words of a figure a little further away are too faint to contradict.
    ['The market-share tables cited in coverage put AWS at 32% in one case and 36% in another. Google Cloud sits at 15%.', [
      ['32%', 'supported', 'amazon-cloud-market-share'],
      ['36%', 'conflict', 'amazon-cloud-market-share'],
    ]],
  ]);
  findingsTable('the parties joined by the relation\'s preposition, labelling the figure after them, say the relation', [
    ['- Google in Anthropic: roughly $3 billion.', [['$3 billion', 'conflict', 'google-anthropic-investment']]],
    ['- Microsoft in OpenAI: about $13 billion.', [['$13 billion', 'supported', 'microsoft-openai-investment']]],
    // Joined by "and", not by the relation's preposition: no word of the relation.
    ['- Google and Anthropic: roughly $3 billion.', []],
  ]);
  findingsTable('what a conclusion after a comma says (lexicon conclusions: ", so", ", meaning") is no measure of the figure before', [
    ['Matt Garman has been running AWS since 2023, so he owns this one personally.', [['2023', 'conflict', 'garman-aws-ceo']]],
    ['Matt Garman has been running AWS since 2023 and owns this one personally.', []],
  ]);
  findingsTable('a part of the figure before is never a fact that is a whole by its qualifier (`whole`: combined, total-after)', [
    ['It has committed about $75 billion to OpenAI and Anthropic together, including up to $25 billion for Anthropic alone.', [['$75 billion', 'conflict', 'amazon-combined-investment']]],
  ]);
  findingsTable('a measure word in another cell of the row with a figure of its own is that cell\'s, not the row\'s frame', [
    ['| Cloud | AI growth YoY | Cloud share | Latest quarter |\n|---|---|---|---|\n| AWS | 28% | 36% | $33.0B revenue |', [
      ['28%', 'conflict', 'amazon-ai-revenue-growth'],
      ['36%', 'conflict', 'amazon-cloud-market-share'],
    ]],
  ]);
  findingsTable('what an addition adds ("plus", with or without a comma) is another thing than the figure before', [
    ['Amazon invested $50 billion in OpenAI plus a large cloud pact.', [['$50 billion', 'supported', 'amazon-openai-investment']]],
    // With no word of its own the figure stays silent: the pact's words are not its.
    ['OpenAI: $50 billion from Amazon plus a large cloud pact.', []],
  ]);
  findingsTable('a share price or its move (the bundled exclusive relation share-price) is no market share', [
    ['Amazon shares closed up 3.5% on the day of the announcement.', []],
    ["AWS holds 33% of the cloud market, and its parent's stock rose 4%.", [['33%', 'supported', 'amazon-cloud-market-share']]],
  ]);
  findingsTable('a list item\'s opening label says what its figures measure', [
    ['- cloud share: AWS 33% in one piece, 32% in the other. Azure 25%, Oracle 4%', [
      ['33%', 'supported', 'amazon-cloud-market-share'], ['32%', 'supported', 'amazon-cloud-market-share'],
      ['25%', 'conflict', 'microsoft-cloud-market-share'], ['4%', 'conflict', 'oracle-cloud-market-share'],
    ]],
  ]);
  findingsTable('a group\'s fact and its member\'s with the same values are one claim: the doubt between them leaves a conflict standing, on the member named', [
    ['Amazon says Trainium can cut training costs by up to 55% against comparable H100 clusters, and that its custom chips trim inference costs by about a third.', [
      ['55%', 'conflict', 'trainium-training-cost-reduction'], ['a third', 'supported', 'aws-chips-inference-cost-reduction'],
    ]],
  ]);
  findingsTable('a speaker\'s label is who talks, no other party that keeps a party implied, unless the speaker speaks of their own', [
    ['**OKAFOR:** Two months apart, yes. And the Anthropic round is up to twenty-five billion, of which eight billion is upfront.', [
      ['twenty-five billion', 'supported', 'amazon-anthropic-investment'], ['eight billion', 'conflict', 'amazon-anthropic-upfront'],
    ]],
    ['**OKAFOR:** Our own round closed last week. And the Anthropic round is up to twenty-five billion, of which eight billion is upfront.', [
      ['twenty-five billion', 'supported', 'amazon-anthropic-investment'],
    ]],
  ]);
  findingsTable('a forecast that a stake climbs to a figure is the predicted raise (the facts\' own words)', [
    ["Google's Anthropic position is reported at around $2 billion, and the same analysts expect it to climb to $20 billion.", [
      ['$2 billion', 'supported', 'google-anthropic-investment'], ['$20 billion', 'conflict', 'google-anthropic-prediction'],
    ]],
  ]);
  findingsTable('a run-in heading in bold labels the sentence it runs into, not the rest of its paragraph', [
    ['5. **Share.** AWS sits at roughly 33% of cloud, Azure at 24%, Google Cloud at 14%. Azure is growing its AI revenue faster, at around 40% against 30% for AWS.', [
      ['33%', 'supported', 'amazon-cloud-market-share'], ['24%', 'supported', 'microsoft-cloud-market-share'], ['14%', 'conflict', 'google-cloud-market-share'],
      ['40%', 'supported', 'microsoft-ai-revenue-growth'], ['30%', 'conflict', 'amazon-ai-revenue-growth'],
    ]],
    // A sentence's own full stop is no heading's: "Share." here says nothing of what 33% measures.
    ['Share. AWS sits at roughly 33% of cloud.', []],
  ]);
  findingsTable('the labs taken together: the combined investment\'s words', [
    ['Counting its OpenAI cheque too, Amazon now has roughly $64 billion riding on frontier labs.', [['$64 billion', 'conflict', 'amazon-combined-investment']]],
  ]);
  findingsTable('a lead sentence\'s measure goes on to the next, whose only measure word is a figure\'s of another kind', [
    ['On AI revenue, the gap is narrower. One estimate has AWS at $45 billion, Azure at $36 billion and Google Cloud at $28 billion, with Google growing about 30% a year.', [
      ['$45 billion', 'supported', 'amazon-ai-revenue-2024'], ['$36 billion', 'conflict', 'microsoft-ai-revenue-2024'], ['$28 billion', 'supported', 'google-ai-revenue-2024'],
      ['30%', 'supported', 'google-ai-revenue-growth'],
    ]],
  ]);
  findingsTable('a figure whose own sentence measures an earlier figure of its kind takes that measure, not the sentence before\'s', [
    ["AWS has roughly 32% of the cloud market. Azure's AI business is growing at about 40% a year and AWS's at around 25%.", [
      ['32%', 'supported', 'amazon-cloud-market-share'],
      ['40%', 'supported', 'microsoft-ai-revenue-growth'],
      ['25%', 'conflict', 'amazon-ai-revenue-growth'],
    ]],
  ]);
  describe("a person who says something is who talks, not who the sentence is about (the electric-trucks knowledge base)", () => {
    const { kb: trucks } = knowledgeBaseFromTexts([
      { file: 'electric-trucks.dealkb.json', text: readFileSync(join(__dirname, '../../domains/electric-trucks/electric-trucks.dealkb.json'), 'utf8') },
    ]);
    const rows: [text: string, expected: string[][]][] = [
      ['VoltLane builds truck chargers. Chief executive Marcus Delacroix says the company has 68 stations open today.', [['68', 'supported', 'voltlane-stations']]],
      ['VoltLane builds truck chargers. Chief executive Marcus Delacroix says the company has 75 stations open today.', [['75', 'conflict', 'voltlane-stations']]],
      // A unit naming the measure and the relation's words add up: the mileage is the warranty's, not the range's (both in miles).
      ['The Haul is a truck.\n\nThe battery is warranted for 8 years or 1,000,000 miles, whichever comes first.', [['8 years', 'supported', 'haul-warranty-years'], ['1,000,000 miles', 'conflict', 'haul-warranty-miles']]],
      // A unit's spelling ("kWh" of "$ per kWh") is what is measured, no party the knowledge base does not know.
      [
        "A thread on Brightcell's Tessford plant, the most important asset in US electric freight.\n\nTessford was announced as a 30 GWh plant. After the expansion, capacity is 45 GWh.\n\nThe expansion alone cost $650 million and was finished nine months after ground was broken on the second hall.",
        [['30 GWh', 'outdated', 'tessford-capacity'], ['45 GWh', 'conflict', 'tessford-capacity'], ['$650 million', 'conflict', 'tessford-expansion-cost'], ['nine months', 'conflict', 'tessford-expansion-build-time']],
      ],
      // The maker of one product names it: its facts are found by the maker's name, and a wrong value conflicts.
      ["Corvane's battery warranty is 8 years or 700,000 miles.", [['8 years', 'supported', 'haul-warranty-years'], ['700,000 miles', 'conflict', 'haul-warranty-miles']]],
      // 280 MW is no mistake for a charger's 1.2 MW, which reads as well: the network's 260 MW, which reads as well, takes it.
      ['VoltLane reports 68 stations and 280 MW of capacity.', [['68', 'supported', 'voltlane-stations'], ['280 MW', 'conflict', 'voltlane-installed-capacity']]],
      // …even where the maker, named in a list beside its own facts, weighs less for the figure.
      [
        "- Corvane delivered 1,240 trucks last year. Finance is comfortable with its cash position of $740 million.\n- Corvane's battery warranty is 8 years or 700,000 miles. Our trucks will run about 110,000 miles a year.",
        [['1,240', 'supported', 'corvane-2025-deliveries'], ['$740 million', 'supported', 'corvane-cash-end-2025'], ['8 years', 'supported', 'haul-warranty-years'], ['700,000 miles', 'conflict', 'haul-warranty-miles']],
      ],
      // Dates of one fact at two precisions: the month the finer source gives decides.
      ['The first Ridgeway trucks were delivered in January 2026.', [['January 2026', 'conflict', 'ridgeway-deliveries-start']]],
      ['The first Ridgeway trucks were delivered in February 2026.', [['February 2026', 'supported', 'ridgeway-deliveries-start']]],
    ];
    for (const [text, expected] of rows)
      it(text, () => assert.deepEqual(checkDocument(text, trucks, { includeSupported: true, withFixes: false }).findings.map((f) => [f.text, f.kind, f.fact]), expected));
  });
  describe("a scope of another file does not rule out a fact whose own words it holds (the bundled share-price and a user's share-price fact)", () => {
    const user = {
      sources: [{ id: 'wire', title: 'Wire story', file: 'wire.txt' }],
      entities: [{ id: 'acme', name: 'Acme', kind: 'company' }],
      relations: [{ id: 'share-move', label: 'share price move', keywords: ['shares', 'stock'] }],
      facts: [{ id: 'acme-share-jump', statement: "the rise in Acme's shares after the deal", subject: 'acme', relation: 'share-move', type: 'percent', assertions: [{ source: 'wire', value: 36, quote: 'Acme shares rose 36% after the deal.' }] }],
    };
    const { kb: both } = knowledgeBaseFromTexts([
      { file: 'dealcheck.dealkb.json', text: readFileSync(join(__dirname, '../../../src/knowledge/bundled/dealcheck.dealkb.json'), 'utf8') },
      { file: 'acme.dealkb.json', text: JSON.stringify(user) },
    ]);
    const rows: [text: string, expected: string[][]][] = [
      // "shares jumped" is the bundled scope's word; "shares" is the user's fact's own.
      ['Acme shares jumped 36% on the news.', [['36%', 'supported', 'acme-share-jump']]],
      ['Acme shares jumped 40% on the news.', [['40%', 'conflict', 'acme-share-jump']]],
      // The bundled facts, of the scope's own file, are still ruled out by it.
      ['Amazon shares closed up 3.5% on the day of the announcement.', []],
    ];
    for (const [text, expected] of rows)
      it(text, () => assert.deepEqual(checkDocument(text, both, { includeSupported: true, withFixes: false }).findings.map((f) => [f.text, f.kind, f.fact]), expected));
  });
  findingsTable("a figure of another kind in the clause that is no plausible mistake for its deal's other side speaks of another deal", [
    ['Anthropic committed $100 billion over seven years to AWS.', [['$100 billion', 'supported', 'anthropic-aws-spend'], ['seven years', 'conflict', 'anthropic-aws-commitment-term']]],
    ['Anthropic committed $12 million over seven years to AWS.', []],
  ]);
  findingsTable('a leading subordinate phrase says when, not what the figure measures', [
    ['Amazon backs Anthropic. Before the latest round, the company had routed $6 billion into Anthropic.', [['$6 billion', 'conflict', 'amazon-anthropic-investment']]],
  ]);
  findingsTable("a product's maker stands for the product as a fact's subject, not as its object", [
    ['AWS claims up to 45% lower training costs than comparable H100 clusters.', [['45%', 'conflict', 'trainium-training-cost-reduction']]],
    // NVIDIA names no H100 compared with anything.
    ['- NVIDIA still >80% of accelerator mkt → Trainium = leverage vs NVDA pricing', []],
  ]);
  findingsTable('a figure no plausible mistake for its best reading is not flagged on a lesser one when some reading agrees with it', [
    // The cloud pact ($100 billion) reads best, the $8 billion is no mistake for it; the OpenAI investment ($50 billion) would be, but the Anthropic investment agrees.
    ["Amazon's relationship with Anthropic is the older one. By the time of the OpenAI deal, NextFin reports that Amazon had funneled $8 billion into the business, which uses AWS as its primary cloud provider.", []],
    // "the lab" stands for Anthropic (its entity's descriptions), which the $8 billion agrees with.
    ["Amazon's relationship with Anthropic is the older one. By the time of the OpenAI deal, NextFin reports that Amazon had funneled $8 billion into the lab, which uses AWS as its primary cloud provider.", [['$8 billion', 'supported', 'amazon-anthropic-investment']]],
  ]);
  findingsTable('a reading another period argues against plainly is cited only if the rest of its evidence outweighs it', [
    // "quarter" four words on (0.85): not ruled out, but the annual AI growth it echoes scores below 0.
    ["Microsoft said Azure and other cloud services grew 40% in its September 2025 quarter.", []],
    ["Microsoft said its AI revenue grew 40% last year.", [['40%', 'supported', 'microsoft-ai-revenue-growth']]],
  ]);
  findingsTable('the rest of a whole after a part is no whole, and what set the part apart is not its own', [
    // "upfront" sets the $5 billion apart; the other $23 billion is no upfront part, nor the whole, and its own qualifier is unsaid.
    ["Amazon's Anthropic money is less liquid than the headline suggests. One account puts the upfront portion at $5 billion, with the other $23 billion released only as Anthropic grows.", [['$5 billion', 'supported', 'amazon-anthropic-upfront']]],
    // Its own qualifier said after it ("targets", a milestone word): a milestone part.
    ["Amazon's Anthropic money is less liquid than the headline suggests. One account puts the upfront portion at $5 billion, with the other $23 billion released only as Anthropic hits commercial and technical targets.", [
      ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
      ['$23 billion', 'conflict', 'amazon-anthropic-milestones'],
    ]],
    // "the balance of roughly": a hedge between; its own qualifier (milestones) said after it.
    ["Amazon's new Anthropic deal is large. Only part of the money is guaranteed. About $5 billion will be paid upfront, according to a person familiar with the terms, with the balance of roughly $17 billion released as Anthropic meets commercial and technical milestones.", [
      ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
      ['$17 billion', 'conflict', 'amazon-anthropic-milestones'],
    ]],
  ]);
  findingsTable('a party implied by the rest of the sentence needs its partner named, or the relation said plainly', [
    // The dash after a list's figure keeps xAI in its clause, and Anthropic, carried from the item
    // before, is no party of "its original $15 billion target" (Google, who alone invests in it, is unnamed).
    [
      '- **$13 billion** — the Series F Anthropic closed in September 2025.\n- **$20 billion** — the round xAI closed in January, above its original **$15 billion** target.',
      [],
    ],
    // The fact's own words name a side of it (the OpenAI deal of the gap between the two deals): enough, with both parties implied, for a conflict.
    ['Only the upfront slice of the Anthropic money is cash today. The OpenAI deal came roughly four months earlier.', [['four months', 'conflict', 'openai-to-anthropic-deal-gap']]],
    // The gap's relation, said plainly, implies both its parties.
    ['**Amazon × OpenAI.** The OpenAI deal came first, roughly two months earlier.', [['two months', 'supported', 'openai-to-anthropic-deal-gap']]],
  ]);
  describe('namedWeight is kept per figure and party: asked in any order, each answer is what fresh evidence gives', () => {
    const text = 'Amazon invested $4 billion in Anthropic, and Google put $2 billion into Trainium 2 chips.';
    const entities = ['amazon', 'anthropic', 'google', 'trainium', 'trainium2', 'openai'];
    // Each order asks every (figure, party) pair of one unit's evidence; a kept answer is never another pair's.
    const orders: [string, (pairs: [number, string][]) => [number, string][]][] = [
      ['figure by figure', (pairs) => pairs],
      ['party by party', (pairs) => [...pairs].sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0])],
      ['backwards', (pairs) => [...pairs].reverse()],
      ['each pair twice', (pairs) => [...pairs, ...pairs]],
    ];
    for (const [name, order] of orders)
      it(name, () => {
        const ev = gatherEvidence({ start: 0, text }, kb)!;
        const pairs = ev.figures.flatMap((_, f) => entities.map((e): [number, string] => [f, e]));
        for (const [f, e] of order(pairs)) {
          const fresh = gatherEvidence({ start: 0, text }, kb)!;
          assert.equal(namedWeight(kb, ev, e, ev.figures[f]), namedWeight(kb, fresh, e, fresh.figures[f]), `${ev.figures[f].text}, ${e}`);
        }
      });
  });

  describe('otherScope: another measure or period said for the figure, each figure\'s words its own', () => {
    // [text, figure, fact, weight, scope]: the figures of one sentence ask in turn, so a scope found for one is never another's.
    const cases: [string, string, string, number, string | undefined][] = [
      ['AWS revenue grew 17% in the third quarter to $33 billion.', '17%', 'amazon-cloud-market-share', 1, 'total-revenue'],
      ['AWS revenue grew 17% in the third quarter to $33 billion.', '$33 billion', 'amazon-anthropic-investment', 1, 'quarterly'],
      ['Anthropic reached a $5 billion run-rate.', '$5 billion', 'amazon-anthropic-investment', 1, 'run-rate'],
      // A duration already past is no prediction's horizon.
      ['Amazon added 4 gigawatts over the past twelve months and expects to keep going.', 'twelve months', 'amazon-anthropic-increase-horizon', 1, 'past-period'],
      // A stock's return, a holding's weight in a fund and a business segment's growth are no market share or AI revenue growth.
      ['Amazon shares have returned 9% year to date.', '9%', 'amazon-cloud-market-share', 1, 'share-price'],
      ['Amazon is our largest holding at 6.2% of net assets.', '6.2%', 'amazon-cloud-market-share', 1, 'portfolio-weight'],
      ['AWS segment growth was 20% in the year.', '20%', 'amazon-ai-revenue-growth', 1, 'total-revenue'],
      ['Alphabet lifted its 2025 capital-spending guidance to $91-93 billion.', '$91-93 billion', 'google-anthropic-investment', 0.95, 'capital-spending'],
      ['Amazon invested $8 billion in Anthropic, valued at $183 billion.', '$8 billion', 'amazon-anthropic-investment', 0, undefined],
      ['Amazon invested $8 billion in Anthropic.', '$8 billion', 'amazon-anthropic-investment', 0, undefined],
      // The price a round set, and a figure in a private round, are no investment.
      ['Anthropic closed a $13 billion round at $183 billion.', '$183 billion', 'amazon-anthropic-investment', 1, 'valuation'],
      ['A lab valued at $183 billion in its last private round will not move.', '$183 billion', 'amazon-anthropic-investment', 0.9, 'funding-round'],
      // A sentence's framing opening sets the period of every figure after it, however far.
      ['By quarterly growth, AWS came in at 20%, behind Azure at 40% and Google Cloud at 30%.', '30%', 'google-ai-revenue-growth', 0.9, 'quarterly'],
    ];
    for (const [text, figure, fact, weight, scope] of cases) {
      it(`${figure} in "${text}" for ${fact}`, () => {
        const s = otherScope(bundledCandidate(text, figure, fact));
        assert.deepEqual([round(s.weight), s.scope], [weight, scope]);
      });
    }
  });
});
