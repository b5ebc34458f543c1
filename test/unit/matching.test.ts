/**
 * Pairing figures with facts, on a small knowledge base of its own so the rules are tested apart
 * from the curated one. Each row: a draft sentence, and per figure the expected verdict and fact.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../src/diagnostics/engine';
import { knowledgeBaseFromTexts } from '../../src/knowledge/knowledge-base';

const { kb, problems } = knowledgeBaseFromTexts([
  { file: 'matching.dealkb.json', text: readFileSync(join(__dirname, '../fixtures/matching.dealkb.json'), 'utf8') },
]);

type Expect = [figure: string, kind: 'conflict' | 'supported', fact: string];
const rows: [draft: string, expected: Expect[]][] = [
  ['Amazon invested $35 billion in Anthropic this spring.', [['$35 billion', 'conflict', 'amazon-anthropic-investment']]],
  ['Amazon previously funneled $8 billion into Anthropic.', [['$8 billion', 'supported', 'amazon-anthropic-investment']]],
  ['AWS put $8bn into Anthropic.', [['$8bn', 'supported', 'amazon-anthropic-investment']]],
  ['Amazon has invested $50 billion in Anthropic and $8 billion in OpenAI.', [
    ['$50 billion', 'conflict', 'amazon-anthropic-investment'],
    ['$8 billion', 'conflict', 'amazon-openai-investment'],
  ]],
  ['Amazon has invested $25 billion in Anthropic and $50 billion in OpenAI.', [
    ['$25 billion', 'supported', 'amazon-anthropic-investment'],
    ['$50 billion', 'supported', 'amazon-openai-investment'],
  ]],
  ['Only $7 billion of the Anthropic money arrives upfront; the other $19 billion depends on milestones.', [
    ['$7 billion', 'conflict', 'amazon-anthropic-upfront'],
    ['$19 billion', 'conflict', 'amazon-anthropic-milestone'],
  ]],
  ['Google has put roughly $4 billion into Anthropic.', [['$4 billion', 'conflict', 'google-anthropic-investment']]],
  ["Amazon's $50 billion investment in OpenAI ended Microsoft's exclusive grip.", [['$50 billion', 'supported', 'amazon-openai-investment']]],
  ["Microsoft's OpenAI investment is estimated at $13 billion, far below Amazon's.", [['$13 billion', 'supported', 'microsoft-openai-investment']]],
  ['Trainium 2 posts 850 TFLOPS at FP16 while the H100 posts 989 TFLOPS.', [
    ['850 TFLOPS', 'conflict', 'trainium2-throughput'],
    ['989 TFLOPS', 'supported', 'h100-throughput'],
  ]],
  ['Inferentia 2 answers Llama 70B requests in 45 ms; the L40S needs 42 ms.', [
    ['45 ms', 'supported', 'inferentia2-latency'],
    ['42 ms', 'conflict', 'l40s-latency'],
  ]],
  ['Matt Garman joined Amazon in 2005 and took the helm of AWS in 2024.', [
    ['2005', 'supported', 'garman-joined-amazon'],
    ['2024', 'supported', 'garman-aws-ceo'],
  ]],
  ['Garman, AWS chief since 2022, spoke in San Francisco.', [['2022', 'conflict', 'garman-aws-ceo']]],
  // A date needs its relation's words close, or, with its subject right beside it, nearby.
  ['Matt Garman in 2022 was, after many years, handed the helm of AWS.', [['2022', 'conflict', 'garman-aws-ceo']]],
  ['In 2024 the market was calm, and Matt Garman later took the helm.', []],
  ['| Cloud | AI revenue (2024 est.) | Share |\n|---|---|---|\n| AWS | $45B | 33% |\n| Microsoft Azure | $38B | 28% |', [
    ['$45B', 'supported', 'amazon-ai-revenue-2024'],
    ['33%', 'supported', 'amazon-cloud-share'],
    ['28%', 'conflict', 'microsoft-cloud-share'],
  ]],
  // A paragraph that names nobody is about the parties of the paragraph before.
  ['Amazon invested $25 billion in Anthropic.\n\nOf that, $5 billion is paid upfront and $19 billion is tied to milestones.', [
    ['$25 billion', 'supported', 'amazon-anthropic-investment'],
    ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
    ['$19 billion', 'conflict', 'amazon-anthropic-milestone'],
  ]],
  ['Apple bought Beats in 2014.\n\nOf that, $5 billion is paid upfront.', []],
  // A heading that names parties speaks for the list under it, also past a lead-in ending in a colon,
  // but not past a paragraph that speaks for itself.
  ['## Amazon and Anthropic\n\n- $5 billion is paid upfront.\n- $19 billion is tied to milestones.', [
    ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
    ['$19 billion', 'conflict', 'amazon-anthropic-milestone'],
  ]],
  ['## Amazon and Anthropic\n\nIt depends on the report:\n\n- $5 billion is paid upfront.', [['$5 billion', 'supported', 'amazon-anthropic-upfront']]],
  // A chat's speaker label names who talks: the paragraph before still says whose the figure is.
  ['**[08:49] Priya Raman:** the piece says Amazon expanded its deal with Anthropic.\n\n**[08:50] Dan Whitcombe:** yes, and the upfront piece is $7 billion.', [['$7 billion', 'conflict', 'amazon-anthropic-upfront']]],
  // A table looks past a heading that names nobody to the paragraph before it; a list does not.
  ['Amazon expanded its deal with Anthropic.\n\n## Key terms\n\n| Term | Detail |\n|---|---|\n| Upfront tranche | $7 billion |', [['$7 billion', 'conflict', 'amazon-anthropic-upfront']]],
  ['Amazon expanded its deal with Anthropic.\n\n## Key terms\n\n- Upfront tranche: $7 billion', []],
  // A paragraph between cuts the heading's parties as the paragraph before, but the heading still gives the section's topic.
  ['## Amazon and Anthropic\n\nThe terms are unusual.\n\n- $19 billion is tied to milestones.', [['$19 billion', 'conflict', 'amazon-anthropic-milestone']]],
  ['## What we know\n\nThe terms are unusual.\n\n- $19 billion is tied to milestones.', []],
  // A list item that names nobody is about the item before it that names someone.
  ['- Amazon invested $25 billion in Anthropic.\n- Of that, $5 billion is paid upfront.', [
    ['$25 billion', 'supported', 'amazon-anthropic-investment'],
    ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
  ]],
  // Words after "according to" or "per" say who reports the figure, not what it is.
  ['Amazon put $19 billion into Anthropic, per milestone filings.', [['$19 billion', 'conflict', 'amazon-anthropic-investment']]],
  ['```\nAmazon invested $25 billion in Anthropic.\n```\n\nOf that, $5 billion is paid upfront.', []],
  // "It" and "The company" speak of the party the sentence before opened with.
  ['Amazon backs both labs. It poured $50 billion into OpenAI, a move that hurt Microsoft.', [['$50 billion', 'supported', 'amazon-openai-investment']]],
  ['Amazon backs both labs. It poured $60 billion into OpenAI, a move that hurt Microsoft.', [['$60 billion', 'conflict', 'amazon-openai-investment']]],
  // Parties named only after the figure do not stop the sentence before from lending its own.
  ['Amazon made a larger approach to OpenAI. Fifty billion dollars was put on the table, yet OpenAI turned it down for Microsoft.', [['Fifty billion dollars', 'supported', 'amazon-openai-investment']]],
  // A relation marked implied needs no words: a market's money figure is its size, the year says which.
  // A fact's year said with its figure is cited on that fact, even beside a wrong value.
  ['Inference serving: about $28 billion in 2024 and $200 billion in 2028.', [
    ['$28 billion', 'supported', 'inference-serving-2024'],
    ['2024', 'supported', 'inference-serving-2024'],
    ['$200 billion', 'conflict', 'inference-serving-2028'],
    ['2028', 'supported', 'inference-serving-2028'],
  ]],
  // A person who speaks for a company (speaksFor) stands for it as a fact's subject.
  ['Garman defended the $50 billion OpenAI investment.', [['$50 billion', 'supported', 'amazon-openai-investment']]],
  ['Garman defended the $60 billion OpenAI investment.', [['$60 billion', 'conflict', 'amazon-openai-investment']]],
  ['Garman joined Amazon in 2005.', [['2005', 'supported', 'garman-joined-amazon']]],
  // A change's start is where the thing is: the forecast said for the change ("projected") is its end's.
  ['Inference serving is projected to climb from $30 billion to $210 billion.', [
    ['$30 billion', 'conflict', 'inference-serving-2024'],
    ['$210 billion', 'supported', 'inference-serving-2028'],
  ]],
  ['Inference serving is projected to climb to $210 billion from a base of $30 billion.', [
    ['$210 billion', 'supported', 'inference-serving-2028'],
    ['$30 billion', 'conflict', 'inference-serving-2024'],
  ]],
  // The year of another clause, or a year the figure's fact is not of, is not the fact's.
  ['Inference serving was a $28 billion market, and regulators opened a review in 2024.', [['$28 billion', 'supported', 'inference-serving-2024']]],
  ['Apple bought Beats for $3 billion in 2014, when inference serving was no market.', []],
  // "up to" is a hedge, not growth.
  ['AWS AI revenue was up 45% this year.', [['45%', 'conflict', 'amazon-ai-revenue-growth']]],
  ['AWS says customers can cut their bills by up to 45%.', []],
  // A figure hedged as a source hedges it echoes that assertion, though a sibling's word is near.
  ["Amazon's first Anthropic commitment, up to $4 billion, was mostly contingent.", [['$4 billion', 'supported', 'amazon-anthropic-investment']]],
  // A sentence about a person does not lend its figure to a fact it names only in passing.
  ['Matt Garman joined Amazon in 2005 and has since seen $9 billion invested.', [['2005', 'supported', 'garman-joined-amazon']]],
  // A question claims nothing: cited when it agrees, never flagged.
  ['Did Amazon invest $8 billion in Anthropic?', [['$8 billion', 'supported', 'amazon-anthropic-investment']]],
  ['Did Amazon invest $35 billion in Anthropic?', []],
  // A price per something the fact does not speak of is no reading of it.
  ['Amazon paid $35 per share for its stake in Anthropic.', []],
  // A claim the writer takes back claims nothing either; the correction is checked.
  ['We said $10 billion of the Anthropic package was paid upfront. That was wrong. The upfront portion is $5 billion.', [
    ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
  ]],
  ['Matt Garman became AWS chief executive in 2024 (not 2023).', [['2024', 'supported', 'garman-aws-ceo']]],
  // The retraction's words as a label introduce the writer's note, which claims what it says.
  ['**Our note:** Matt Garman, who has run AWS since 2023, keeps making the argument.', [['2023', 'conflict', 'garman-aws-ceo']]],
  ['Our note put Matt Garman at the head of AWS in 2023.', []],
  // A correction is read with the claim it corrects: the right figure is the milestone tranche's.
  ['Our first draft put the milestone tranche of Amazon\'s Anthropic investment at $15 billion. The right figure is $20 billion.', [
    ['$20 billion', 'supported', 'amazon-anthropic-milestone'],
  ]],
  // Back past sentences that name nobody, to the last that names someone.
  ['Amazon invested $25 billion in Anthropic. The money is back-loaded. Only $19 billion depends on milestones.', [
    ['$25 billion', 'supported', 'amazon-anthropic-investment'],
    ['$19 billion', 'conflict', 'amazon-anthropic-milestone'],
  ]],
  // A table is about what the paragraph before it names.
  ["Amazon's funding of Anthropic, step by step.\n\n| Round | Investor | Amount |\n|---|---|---|\n| First | Amazon | $8 billion |\n| Upfront tranche | Amazon | $7 billion |", [
    ['$8 billion', 'supported', 'amazon-anthropic-investment'],
    ['$7 billion', 'conflict', 'amazon-anthropic-upfront'],
  ]],
  // A quoted paragraph lends its parties like any other.
  ['> Amazon invested $25 billion in Anthropic.\n\n> Of that, $5 billion is paid upfront.', [
    ['$25 billion', 'supported', 'amazon-anthropic-investment'],
    ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
  ]],
  // The paragraph before lends the parties of its last sentence that names someone.
  ['Amazon invested $25 billion in Anthropic. The terms were unusual.\n\nOf that, $5 billion is paid upfront.', [
    ['$25 billion', 'supported', 'amazon-anthropic-investment'],
    ['$5 billion', 'supported', 'amazon-anthropic-upfront'],
  ]],
  // The paragraph's first figure decides, not its first sentence; three parties before say nothing of who comes next.
  ['Amazon invested $25 billion in Anthropic.\n\nThe headline hides conditions. Only $19 billion depends on milestones.', [
    ['$25 billion', 'supported', 'amazon-anthropic-investment'],
    ['$19 billion', 'conflict', 'amazon-anthropic-milestone'],
  ]],
  ['Amazon, Microsoft and Google all backed Anthropic.\n\nOnly $19 billion depends on milestones.', []],
  // "It" after an FAQ's "A:" is still the party the question named; "ending Google's hopes" is a clause of its own.
  ['**Q:** What did Amazon do?\n**A:** It invested $35 billion in Anthropic, ending Google\'s hopes.', [['$35 billion', 'conflict', 'amazon-anthropic-investment']]],
  // Unsaid, the year may be any of the fact's years: "a $28 billion base" agrees with 2024.
  ['Inference serving starts from a $28 billion base and will grow fast.', [['$28 billion', 'supported', 'inference-serving-2024']]],
  // A label and its value after a colon are one clause.
  ['- Year Matt Garman took the helm at AWS: 2022', [['2022', 'conflict', 'garman-aws-ceo']]],
  ['- The year Matt Garman took the helm at AWS, long before the cloud boom and the deals that followed it: 2022', []],
  // A forecast's own words tie a date to what is forecast.
  ['An AI Foundry service for startups is predicted by Q3 2026.', [['Q3 2026', 'supported', 'ai-foundry-launch']]],
  ['The same outlet expects an AI Foundry service by Q4 2026.', [['Q4 2026', 'conflict', 'ai-foundry-launch']]],
  ['AI Foundry turned out to be popular in Q4 2026.', []],
  // In a sentence pricing tokens, a plain dollar amount is a price per million tokens.
  ['A million tokens cost $1.50 on Trainium 2 against $2.50 on the H100.', [
    ['$1.50', 'supported', 'trainium2-token-cost'],
    ['$2.50', 'conflict', 'h100-token-cost'],
  ]],
  ['Trainium 2 costs $1.50 a month to rent.', []],
  ['Trainium 2 serves tokens at $1.50 per million, against $2.50 on an H100.', [
    ['$1.50', 'supported', 'trainium2-token-cost'],
    ['$2.50', 'conflict', 'h100-token-cost'],
  ]],
  // A deadline with a date fact of its own: another year is that fact's conflict, the share still its own.
  ['Generative AI could take 30-50% of cloud spending by 2030, analysts predict.', [
    ['30-50%', 'supported', 'genai-cloud-spending-share'],
    ['2030', 'conflict', 'genai-cloud-spending-year'],
  ]],
  // Naming the investor and no partner, a figure may be any of its investments: it agrees with the one it matches.
  ["Amazon's $50 billion commitment drew attention.", [['$50 billion', 'supported', 'amazon-openai-investment']]],
  ["Amazon's $5 billion commitment drew attention.", [['$5 billion', 'supported', 'amazon-anthropic-upfront']]],
  // …but agreeing with none, it is no conflict: with no partner named, nothing says which of them it is.
  ["Amazon's $70 billion commitment drew attention.", []],
  // A table header can name what a bare number counts.
  ['| Metric | Value |\n|---|---|\n| Neuron SDK GitHub stars | 900+ |\n| Neuron SDK GitHub stars | 1,300 |', [
    ['900+', 'conflict', 'neuron-sdk-stars'],
    ['1,300', 'supported', 'neuron-sdk-stars'],
  ]],
  // The writer speaking of themselves does not lend the figure to a party the heading names.
  ['## Amazon\n\nRevenue grew 45% last year.', [['45%', 'conflict', 'amazon-ai-revenue-growth']]],
  ["## Amazon\n\nI've watched revenue growth of 45% at my last job.", []],
  // A line's name may stand for its generation that the knowledge base knows.
  ['Trainium peaks at 850 TFLOPS.', [['850 TFLOPS', 'conflict', 'trainium2-throughput']]],
  // …but a generation the knowledge base does not know is another product.
  ['Trainium 3 peaks at 850 TFLOPS.', []],
  // A party the fact's own words name is no rival to it.
  ['The OpenAI deal came 3 months before the Anthropic one.', [['3 months', 'conflict', 'openai-to-anthropic-gap']]],
  // A deadline right after a figure shares the figure's words.
  ['Generative AI workloads could account for 30-50% of cloud spending by 2029.', [
    ['30-50%', 'supported', 'genai-cloud-spending-share'],
    ['2029', 'conflict', 'genai-cloud-spending-year'],
  ]],
  // A word right after a figure, with punctuation before the next, is the first figure's.
  ['- Anthropic funding: up to $25B → $5B upfront + $22B milestone-gated', [
    ['$25B', 'supported', 'amazon-anthropic-investment'],
    ['$5B', 'supported', 'amazon-anthropic-upfront'],
    ['$22B', 'conflict', 'amazon-anthropic-milestone'],
  ]],
  // "and Google's stake" starts a clause of its own.
  ["Microsoft's stake in OpenAI is $13 billion and Google's stake in Anthropic is $3 billion.", [
    ['$13 billion', 'supported', 'microsoft-openai-investment'],
    ['$3 billion', 'conflict', 'google-anthropic-investment'],
  ]],
  // "Per watt" before a throughput makes it an efficiency.
  ['Per watt, Trainium 2 delivers 2.4 TFLOPS.', [['2.4 TFLOPS', 'conflict', 'trainium2-efficiency']]],
  ['Trainium 2 delivers 2.1 TFLOPS per watt and 800 TFLOPS in all.', [
    ['2.1 TFLOPS per watt', 'supported', 'trainium2-efficiency'],
    ['800 TFLOPS', 'supported', 'trainium2-throughput'],
  ]],
  // "He" opening a paragraph is the party the paragraph before named.
  ['Matt Garman has been an Amazon employee for years.\n\nHe was named chief of AWS in 2023.', [['2023', 'conflict', 'garman-aws-ceo']]],
  // A lead-in says what the table under it prices; the heading of a list lends only what it names itself.
  ['Trainium 2 and H100 prices:\n\nCost to generate a million Claude 3.5 tokens:\n\n| Chip | Cost |\n|---|---|\n| Trainium 2 | $1.50 |\n| H100 | $2.50 |', [
    ['$1.50', 'supported', 'trainium2-token-cost'],
    ['$2.50', 'conflict', 'h100-token-cost'],
  ]],
  // A change ("from 52 ms to 42 ms") is one party's, not figures in turn; a party another figure
  // of the sentence holds ("45 ms, while the L40S…") is not the series'. The far end of the
  // change shares the first figure's words (lexicon changeEnds): both are the L40S's.
  ['Inferentia 2 answers in 45 ms, while the L40S went from 52 ms to 42 ms.', [
    ['45 ms', 'supported', 'inferentia2-latency'],
    ['52 ms', 'conflict', 'l40s-latency'],
    ['42 ms', 'conflict', 'l40s-latency'],
  ]],
  // An exclusive relation for one type: "stake" says a percentage is no market share, while a
  // dollar stake is still an investment.
  ['Microsoft owns a 27% share stake in OpenAI.', []],
  // A percentage of the fact's own object says its measure, whatever the verb ("owns" is a stake's word).
  ['Nvidia owns 95% of the AI chip market.', [['95%', 'conflict', 'nvidia-accelerator-share']]],
  ['Nvidia holds over 80% of the AI chip market.', [['80%', 'supported', 'nvidia-accelerator-share']]],
  ["Microsoft's $13 billion stake in OpenAI drew notice.", [['$13 billion', 'supported', 'microsoft-openai-investment']]],
  // A sentence that names a party and no measure takes the measure of the sentence before.
  ['AWS holds 33% of the cloud market. Microsoft is smaller, at 28%.', [
    ['33%', 'supported', 'amazon-cloud-share'],
    ['28%', 'conflict', 'microsoft-cloud-share'],
  ]],
  ['AWS holds 33% of the cloud market. Microsoft grew 28% last year.', [['33%', 'supported', 'amazon-cloud-share']]],
  // Ellipsis looks past a sentence that names nobody and says no measure back to the lead sentence.
  ['A chart overstated Azure\'s share of the cloud market. Our source puts Azure at 24%. The chart has been redrawn. A second one puts AWS at 33%.', [
    ['24%', 'supported', 'microsoft-cloud-share'],
    ['33%', 'supported', 'amazon-cloud-share'],
  ]],
  // A signed percentage is a change, which names a relation of changes; in brackets after an
  // amount it is that amount's party's.
  ['AI revenue: AWS $45B (+38%), Microsoft Azure $38B.', [
    ['$45B', 'supported', 'amazon-ai-revenue-2024'],
    ['38%', 'conflict', 'amazon-ai-revenue-growth'],
  ]],
  ['AI revenue: AWS $45B (38%), Microsoft Azure $38B.', [['$45B', 'supported', 'amazon-ai-revenue-2024']]],
  // Another person named closer to a date than the fact's person, named only as an owner, takes it.
  ["Garman's predecessor, Adam Selipsky, had run AWS since 2021.", []],
  ['Matt Garman runs AWS. His predecessor, Adam Selipsky, had run AWS since 2021.', []],
  ['Matt Garman, who succeeded Adam Selipsky, has run AWS since 2021.', [['2021', 'conflict', 'garman-aws-ceo']]],
  // A claim taken back after a label claims nothing.
  ["*Correction: an earlier version of this note gave Microsoft's cloud market share as 28%.*", []],
  // Sentences that name a party and no measure take the measure of the lead sentence before them,
  // past figures said in turn; the nearest sentence without such a figure is the lead.
  ['A donut chart splits the cloud market by provider. AWS takes the largest slice, 33%. Microsoft follows at 28%.', [
    ['33%', 'supported', 'amazon-cloud-share'],
    ['28%', 'conflict', 'microsoft-cloud-share'],
  ]],
  ['A donut chart splits the cloud market by provider. Amazon reported strong results. AWS takes the largest slice, 33%.', []],
  // A figure more than ten times off every source's value is about something else, not a mistake.
  ['Amazon invested $35 million in Anthropic.', []],
  ['Amazon invested $350 billion in Anthropic.', []],
  ['Amazon invested $80 billion in Anthropic.', [['$80 billion', 'conflict', 'amazon-anthropic-investment']]],
  // A percentage of another party is a part of that party: a stake, not a share of the market.
  ['Microsoft holds roughly 27% of OpenAI after the recapitalization.', []],
  ['Microsoft holds 28% of the cloud market.', [['28%', 'conflict', 'microsoft-cloud-share']]],
  // A deadline ("by Q3 2027") is due for the sentence's verb however far it is; "in" dates anything.
  ['Analysts expect AWS to launch an AI Foundry service, packaging compute and financing for start-ups, by Q3 2027.', [['Q3 2027', 'conflict', 'ai-foundry-launch']]],
  // A product's only date needs no relation's words beside it: its name and a date say which fact.
  ['Analysts expect AWS to launch an AI Foundry service, packaging compute and financing for start-ups, in Q3 2027.', [['Q3 2027', 'conflict', 'ai-foundry-launch']]],
  ['One analysis even names it "AI Foundry" and dates it to Q3 2026.', [['Q3 2026', 'supported', 'ai-foundry-launch']]],
  // A company's or a person's date still needs its relation: Garman has two.
  ['Matt Garman, in 2006, was at a conference.', []],
  // A figure opening its table row is described by the cell after it.
  ['| Number | What it is |\n|---|---|\n| $50 billion | Amazon\'s investment in OpenAI |\n| $45 billion | Amazon\'s investment in OpenAI |', [
    ['$50 billion', 'supported', 'amazon-openai-investment'],
    ['$45 billion', 'conflict', 'amazon-openai-investment'],
  ]],
  // A caption scales the bare numbers of the table under it, and the year columns say which fact.
  ['## Market sizes\n\nSizes in $ billions; the last column is our own.\n\n| Segment | 2024 | 2028 | 2030 |\n|---|---|---|---|\n| AI inference serving | 28 | 200 | 480 |', [
    ['28', 'supported', 'inference-serving-2024'],
    ['200', 'conflict', 'inference-serving-2028'],
  ]],
  ['## Rivals\n- Microsoft put $13 billion into OpenAI.\n\n| Round | Amount |\n|---|---|\n| Second | $7 billion |', [['$13 billion', 'supported', 'microsoft-openai-investment']]],
  // What the parties passed over ("in favour of Microsoft") is not a party of the figure.
  ['Some reporting describes the $50 billion as money that OpenAI later turned down in favour of Microsoft.', [['$50 billion', 'supported', 'amazon-openai-investment']]],
  // A deadline opening the sentence of a figure shares its words.
  ['By 2029, generative AI could take 30-50% of cloud spending.', [
    ['2029', 'conflict', 'genai-cloud-spending-year'],
    ['30-50%', 'supported', 'genai-cloud-spending-share'],
  ]],
  // Whom a consequence names (", ending Microsoft's hold") is no party of the figure.
  ["Some $50 billion of that went to OpenAI, ending Microsoft's exclusive hold on the lab.", []],
  // Silence: nothing the knowledge base knows, versions, code, URLs, comments, front matter.
  ['Apple bought Beats for $3 billion in 2014.', []],
  ['Claude 3.5 and GPT-4o run on Llama 70B-class hardware.', []],
  ['`Amazon invested $35 billion in Anthropic`', []],
  ['```\nAmazon invested $35 billion in Anthropic.\n```', []],
  ['[Anthropic](https://example.com/amazon-invested-35-billion)', []],
  ['<!-- Amazon invested $35 billion in Anthropic. -->', []],
  ['---\nnote: Amazon invested $35 billion in Anthropic.\n---\n\nHello.', []],
  ['Amazon reported $20 billion of quarterly profit.', []],
  // Parts of a whole said in one series are parts, each: no reading of the whole.
  ['Amazon invested $8 billion in Anthropic, in instalments of $1.25 billion and $2.75 billion.', [['$8 billion', 'supported', 'amazon-anthropic-investment']]],
  // A sentence that leaves its measure to the one before goes on with the measure its figures
  // carry on, past a last figure that holds it only from afar.
  ['AWS holds 32% of the cloud market, against 11% for Google Cloud. Azure is at 27%.', [
    ['32%', 'supported', 'amazon-cloud-share'],
    ['27%', 'conflict', 'microsoft-cloud-share'],
  ]],
  // A lead-in that names a price rate frames the items under it, as a caption frames a table: a
  // paragraph before the list, or an item the others are nested under; not the items after it.
  ['Cost per million tokens served:\n\n- Trainium 2 at $1.50.\n- Trainium 2 at $1.80.', [
    ['$1.50', 'supported', 'trainium2-token-cost'],
    ['$1.80', 'conflict', 'trainium2-token-cost'],
  ]],
  ['- Cost per million tokens served:\n  - Trainium 2 at $1.50.\n  - Trainium 2 at $1.80.\n- Trainium 2 sells at $1.80.', [
    ['$1.50', 'supported', 'trainium2-token-cost'],
    ['$1.80', 'conflict', 'trainium2-token-cost'],
  ]],
  // A period one cell of a row names holds for the whole row; one a header names, for its own column only.
  ['| Provider | Latest quarter | Growth |\n|---|---|---|\n| AWS | Q3 2025 | 20% |', []],
  ['| Provider | Growth | Revenue, latest quarter |\n|---|---|---|\n| AWS | 20% | $33 billion |', [['20%', 'conflict', 'amazon-ai-revenue-growth']]],
];

describe('keywords', () => {
  const words = (text: string) => kb.findKeywords(text).map((k) => k.keyword);
  const cases: [text: string, expected: string[]][] = [
    ['revenue up 35%', ['revenue', 'up']],
    // Longer keywords match at a word's start: "invested" is "invest".
    ['Amazon invested', ['invest']],
    // The shortest are whole words: "upfront" is not "up", nor "update".
    ['paid upfront', ['upfront']],
    ['an update', []],
    // A year inside a phrase says when, not what: "cloud 2025 spending" is "cloud spending"; a year is passed over only inside one.
    ['their cloud 2025 spending', ['cloud spending']],
    ['cloud in 2025 spending', []],
  ];
  for (const [text, expected] of cases) it(text, () => assert.deepEqual(words(text), expected));
});

describe('matching figures to facts', () => {
  it('the fixture knowledge base is valid', () => assert.deepEqual(problems, []));
  for (const [draft, expected] of rows) {
    it(draft.replace(/\n/g, ' ⏎ '), () => {
      const { findings } = checkDocument(draft, kb, { includeSupported: true });
      assert.deepEqual(
        findings.map((f) => [f.text, f.kind, f.fact]),
        expected,
        findings.map((f) => f.message).join('\n'),
      );
    });
  }
});
