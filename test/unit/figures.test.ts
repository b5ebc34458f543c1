/** Every spelling of every kind of figure a writer uses, and the names that are not figures. */
import assert from 'node:assert/strict';
import { bundledUnits } from '../support/units';
import { findFigures } from '../../src/diagnostics/figures/find-figures';
import { MAY_HOLD_FIGURE } from '../../src/diagnostics/figures/numbers';
import { figureKind } from '../../src/diagnostics/figures/kinds';
import { readRates } from '../../src/diagnostics/figures/units';
import { readFigures } from '../../src/diagnostics/figures/read-figures';
import { layout } from '../../src/diagnostics/reading/layout';

type Row = [text: string, figure: string, type: string, lo: number, hi: number, hedge?: string, unit?: string];

const B = 1e9;
const FIGURES: Row[] = [
  ['Amazon invested $35 billion in Anthropic', '$35 billion', 'money', 35 * B, 35 * B],
  ['a $25bn deal', '$25bn', 'money', 25 * B, 25 * B],
  ['a $25B deal', '$25B', 'money', 25 * B, 25 * B],
  ['a $25 bn deal', '$25 bn', 'money', 25 * B, 25 * B],
  ['US$25 billion in credits', 'US$25 billion', 'money', 25 * B, 25 * B],
  ['USD 25 billion in credits', 'USD 25 billion', 'money', 25 * B, 25 * B],
  ['25 billion dollars in credits', '25 billion dollars', 'money', 25 * B, 25 * B],
  ['the 50 billion dollar offer', '50 billion dollar', 'money', 50 * B, 50 * B],
  ['4 billion US dollars', '4 billion US dollars', 'money', 4 * B, 4 * B],
  ['$25,000 million in credits', '$25,000 million', 'money', 25 * B, 25 * B],
  ['twenty-five billion dollars of it', 'twenty-five billion dollars', 'money', 25 * B, 25 * B],
  ['a $500m round', '$500m', 'money', 5e8, 5e8],
  ['$1.2 trillion of capex', '$1.2 trillion', 'money', 1.2e12, 1.2e12],
  ['an additional $10-15 billion', '$10-15 billion', 'money', 10 * B, 15 * B, 'range'],
  ['a total of $35–40 billion', '$35–40 billion', 'money', 35 * B, 40 * B, 'range'],
  ['up to $25 billion', '$25 billion', 'money', 25 * B, 25 * B, 'up-to'],
  ['nearly $60 billion', '$60 billion', 'money', 60 * B, 60 * B, 'nearly'],
  // Billions said without a currency, with no noun after them, are dollars.
  ['fifty billion to OpenAI, and more', 'fifty billion', 'money', 50 * B, 50 * B],
  ['Azure was smaller, at thirty-eight billion, but it grew', 'thirty-eight billion', 'money', 38 * B, 38 * B],
  ['a small base, about eight billion.', 'eight billion', 'money', 8 * B, 8 * B, 'about'],
  ['going to twenty-five to thirty billion within', 'twenty-five to thirty billion', 'money', 25 * B, 30 * B, 'range'],
  ['put 8 billion into Anthropic', '8 billion', 'money', 8 * B, 8 * B],
  ['of which eight billion is upfront', 'eight billion', 'money', 8 * B, 8 * B],
  // Half a unit more, in speech.
  ['roughly a year and a half of AWS operating income', 'a year and a half', 'duration', 18, 18, 'about', 'months'],
  ['spending on AWS over the next decade', 'the next decade', 'duration', 120, 120, 'exact', 'months'],
  ['Jassy ran AWS for the next decade and a half', 'the next decade and a half', 'duration', 180, 180, 'exact', 'months'],
  // An article counts one unit only after a word that bounds a span (lexicon spanBounds): "35% a year" is a rate.
  ['Amazon adds more within a year', 'a year', 'duration', 12, 12, 'exact', 'months'],
  ['the deal closed in under a quarter', 'a quarter', 'duration', 3, 3, 'less-than', 'months'],
  ['roughly $4 billion', '$4 billion', 'money', 4 * B, 4 * B, 'about'],
  ['an estimated $13 billion', '$13 billion', 'money', 13 * B, 13 * B, 'about'],
  ['a $100 billion-plus commitment', '$100 billion-plus', 'money', 100 * B, 100 * B, 'more-than'],
  ['more than $100 billion', '$100 billion', 'money', 100 * B, 100 * B, 'more-than'],
  ['$50+ billion on compute', '$50+ billion', 'money', 50 * B, 50 * B, 'more-than'],
  ['40% of the market', '40%', 'percent', 40, 40],
  ['40 percent of the market', '40 percent', 'percent', 40, 40],
  ['40 per cent of the market', '40 per cent', 'percent', 40, 40],
  ['ninety percent of the market', 'ninety percent', 'percent', 90, 90],
  ['30-50% of cloud spending', '30-50%', 'percent', 30, 50, 'range'],
  ['30%-50% of cloud spending', '30%-50%', 'percent', 30, 50, 'range'],
  ['70–80% of workloads', '70–80%', 'percent', 70, 80, 'range'],
  ['over 80% of the market', '80%', 'percent', 80, 80, 'more-than'],
  ['a 37.5% CAGR', '37.5%', 'percent', 37.5, 37.5],
  ['up to 4x the performance', '4x', 'multiple', 4, 4, 'up-to'],
  ['4× faster', '4×', 'multiple', 4, 4],
  ['four times the performance', 'four times', 'multiple', 4, 4],
  ['a 4-fold gain', '4-fold', 'multiple', 4, 4],
  // A word that is a multiple by itself (lexicon multipleWords), before what it multiplies.
  ['pitched at triple the performance', 'triple', 'multiple', 3, 3],
  ['twice as fast as the H100', 'twice', 'multiple', 2, 2],
  // An article before a scale word and dollars is one.
  ['at least a billion dollars across Cohere and xAI', 'a billion dollars', 'money', 1 * B, 1 * B, 'at-least'],
  ['joined Amazon in 2005', '2005', 'date', 2005 * 12, 2005 * 12 + 11, 'exact'],
  ['launch by Q3 2026', 'Q3 2026', 'date', 2026 * 12 + 6, 2026 * 12 + 8, 'exact'],
  ['in H1 2026', 'H1 2026', 'date', 2026 * 12, 2026 * 12 + 5, 'exact'],
  ['published April 2026', 'April 2026', 'date', 2026 * 12 + 3, 2026 * 12 + 3],
  ['on Apr. 15, 2026', 'Apr. 15, 2026', 'date', 2026 * 12 + 3, 2026 * 12 + 3],
  ['over 10 years', '10 years', 'duration', 120, 120, undefined, 'months'],
  ['a 10-year deal', '10-year', 'duration', 120, 120, undefined, 'months'],
  ['for a decade', 'a decade', 'duration', 120, 120, undefined, 'months'],
  ['a decade-long commitment', 'decade-long', 'duration', 120, 120, undefined, 'months'],
  ['within 18 months', '18 months', 'duration', 18, 18, undefined, 'months'],
  ['within eighteen months', 'eighteen months', 'duration', 18, 18, undefined, 'months'],
  ['posts 800 TFLOPS at FP16', '800 TFLOPS', 'spec', 800, 800, undefined, 'tflops'],
  ['answers in 45 ms', '45 ms', 'spec', 45, 45, undefined, 'ms'],
  ['answers in 45 milliseconds', '45 milliseconds', 'spec', 45, 45, undefined, 'ms'],
  ['reaches 2.1 TFLOPS/W', '2.1 TFLOPS/W', 'spec', 2.1, 2.1, undefined, 'tflops-per-watt'],
  ['reaches 3.4 TFLOPS per watt', '3.4 TFLOPS per watt', 'spec', 3.4, 3.4, undefined, 'tflops-per-watt'],
  ['costs $1.50 per million tokens', '$1.50', 'spec', 1.5, 1.5, undefined, 'usd-per-1m-tokens'],
  ['costs $1.50 per 1M tokens', '$1.50', 'spec', 1.5, 1.5, undefined, 'usd-per-1m-tokens'],
  ['more than 1,200 stars', '1,200', 'count', 1200, 1200, 'more-than', 'stars'],
  ['over 1,200 GitHub stars', '1,200', 'count', 1200, 1200, 'more-than', 'stars'],
  ['models with 1 trillion+ parameters', '1 trillion+', 'count', 1e12, 1e12, 'more-than', 'parameters'],
  // A scale letter right after digits, and an article before a scale word.
  ['models of 1T+ param training runs', '1T+', 'count', 1e12, 1e12, 'more-than', 'parameters'],
  ['clusters of 100K GPUs', '100K', 'count', 1e5, 1e5, 'exact', 'gpus'],
  ['models with more than a trillion parameters', 'a trillion', 'count', 1e12, 1e12, 'more-than', 'parameters'],
  ['a model with a trillion or more parameters', 'a trillion or more', 'count', 1e12, 1e12, 'more-than', 'parameters'],
  ['models with a trillion-plus parameters', 'a trillion-plus', 'count', 1e12, 1e12, 'more-than', 'parameters'],
  ['half a trillion parameters or more', 'half a trillion', 'count', 5e11, 5e11, 'exact', 'parameters'],
  ['across 2-3 clouds', '2-3', 'count', 2, 3, 'range', 'clouds'],
  ['one million GPUs', 'one million', 'count', 1e6, 1e6, 'exact', 'gpus'],
  ['a 1 trillion parameter model', '1 trillion', 'count', 1e12, 1e12, 'exact', 'parameters'],
  // Issue 9's spellings: hundreds in words, a hyphenated scale, cents, parts of a year, hours, shorthand.
  ['one hundred and twenty billion dollars of it', 'one hundred and twenty billion dollars', 'money', 120 * B, 120 * B],
  ['three hundred fifty million users', 'three hundred fifty million', 'count', 3.5e8, 3.5e8, 'exact', 'users'],
  ['Amazon invested $8-billion in Anthropic', '$8-billion', 'money', 8 * B, 8 * B],
  ['costs 75 cents per million tokens', '75 cents', 'spec', 0.75, 0.75, undefined, 'usd-per-1m-tokens'],
  // Dollars and cents said aloud, before a rate or a mark.
  ['comes out at a dollar fifty per million tokens', 'a dollar fifty', 'spec', 1.5, 1.5, undefined, 'usd-per-1m-tokens'],
  ['On the H100 it is two dollars and forty.', 'two dollars and forty', 'money', 2.4, 2.4],
  // Cents in words need a rate or a mark after them: in "two dollars forty cartons" the dollars stand alone.
  ['it paid two dollars forty cartons', 'two dollars', 'money', 2, 2],
  ['launch in the third quarter of 2026', 'third quarter of 2026', 'date', 2026 * 12 + 6, 2026 * 12 + 8, 'exact'],
  ['a fourth-quarter 2025 filing', 'fourth-quarter 2025', 'date', 2025 * 12 + 9, 2025 * 12 + 11, 'exact'],
  ['in the first half of 2026', 'first half of 2026', 'date', 2026 * 12, 2026 * 12 + 5, 'exact'],
  ['general availability in late 2025', 'late 2025', 'date', 2025 * 12 + 8, 2025 * 12 + 11, 'exact'],
  // Years said as in speech (transcripts, radio scripts).
  ['by twenty twenty-seven every provider', 'twenty twenty-seven', 'date', 2027 * 12, 2027 * 12 + 11, 'exact'],
  ['at the company since two thousand and five', 'two thousand and five', 'date', 2005 * 12, 2005 * 12 + 11, 'exact'],
  ['for twenty-one years now', 'twenty-one years', 'duration', 252, 252, undefined, 'months'],
  ['the deal closed in mid-2025', 'mid-2025', 'date', 2025 * 12 + 4, 2025 * 12 + 7, 'exact'],
  ['the outage lasted 3 hours', '3 hours', 'duration', 3 * (12 / (365 * 24)), 3 * (12 / (365 * 24)), undefined, 'hours'],
  ['a 5 yrs commitment', '5 yrs', 'duration', 60, 60, undefined, 'months'],
  // "between … and …" is one range, "between" and the first number's sign and scale in it.
  ['would lift the total to somewhere between $30 and $35 billion.', 'between $30 and $35 billion', 'money', 30 * B, 35 * B, 'range'],
  ['worth between $20 billion and $30 billion to Amazon', 'between $20 billion and $30 billion', 'money', 20 * B, 30 * B, 'range'],
  ['between 60 and 70 percent of their workloads', 'between 60 and 70 percent', 'percent', 60, 70, 'range'],
  // A range runs upward: "between 2 and 1" is none.
  ['a gap between 70 and 60 percent of it', '60 percent', 'percent', 60, 60, 'exact'],
  // Fractions of something are percentages, about that much; "and a half" adds a half.
  ['AWS holds about a third of the cloud market', 'a third', 'percent', 100 / 3, 100 / 3, 'about'],
  ['Nvidia sells roughly nine-tenths of the world\'s AI accelerators', 'nine-tenths', 'percent', 90, 90, 'about'],
  ['Nvidia controls something like four-fifths of the market', 'four-fifths', 'percent', 80, 80, 'about'],
  ['the big three hold three-quarters of the market', 'three-quarters', 'percent', 75, 75, 'about'],
  ['over two and a half years', 'two and a half years', 'duration', 30, 30, undefined, 'months'],
  ['one and a half billion dollars of it', 'one and a half billion dollars', 'money', 1.5 * B, 1.5 * B],
  // A lowercase word may describe what is counted; a year before one counts nothing.
  ['Amazon ordered 100,000 liquid-cooled GPUs', '100,000', 'count', 1e5, 1e5, 'exact', 'gpus'],
  ['shipped in 2025 new GPUs', '2025', 'date', 2025 * 12, 2025 * 12 + 11, 'exact'],
  // A year written short is this century's.
  ['AWS CEO since \'24, he said', "'24", 'date', 2024 * 12, 2024 * 12 + 11, 'exact'],
  ['op income in Q3 ’25 alone', 'Q3 ’25', 'date', 2025 * 12 + 6, 2025 * 12 + 8, 'exact'],
  // A measure may be said in words.
  ['Trainium 2 is about eight hundred teraflops at FP16', 'eight hundred teraflops', 'spec', 800, 800, 'about', 'tflops'],
];

/** "989 to 800 TFLOPS": a range runs upward, so these are two measures said in turn. */
const RESPECTIVE: [text: string, figures: [string, number, string | undefined][]][] = [
  ['The H100 leads Trainium 2 in FP16 throughput, 989 to 800 TFLOPS.', [['989', 989, 'tflops'], ['800 TFLOPS', 800, 'tflops']]],
  ['between 800 to 989 TFLOPS', [['800 to 989 TFLOPS', 800, 'tflops']]],
  // A number in words after a series joiner takes the measure's unit; elsewhere a number word is no measure.
  ['about eight hundred teraflops, against nine hundred eighty-nine for the H100', [['eight hundred teraflops', 800, 'tflops'], ['nine hundred eighty-nine', 989, 'tflops']]],
  ['Trainium 2 posts 800 TFLOPS, which is one reason it sells', [['800 TFLOPS', 800, 'tflops']]],
  // A unit declared with "in" gives the bare numbers after it in its sentence, its longest spelling first.
  ['The right panel plots power efficiency in TFLOPS per watt, where Inferentia 2 leads at 3.4 and the H100 trails at 1.6.', [['3.4', 3.4, 'tflops-per-watt'], ['1.6', 1.6, 'tflops-per-watt']]],
  ['Latency in ms: Inferentia 2 answers at 45.', [['45', 45, 'ms']]],
  ['Amazon ranks first in chip deals, at 3.', []],
  // A number labelling its line (markup blanked, as a unit's text has it) takes the unit its description names.
  ["  1,500+   — GitHub stars on AWS's Neuron SDK.", [['1,500+', 1500, 'stars']]],
  ["  1,500.   Stars on Amazon's open-source Neuron SDK.", [['1,500', 1500, 'stars']]],
  // Not a section's number, nor a label whose description names no unit.
  ['   2. Capital ties between clouds and labs', []],
  ['  1,500.   A number nobody can explain.', []],
  // The lexicon's other unitDeclarations: "On TFLOPS per watt, …", "Ranked by TFLOPS per watt, …"; "on the L40S" declares nothing.
  ['On TFLOPS per watt, Inferentia 2 manages 4.1, the L40S 2.5 and the H100 just 1.3.', [['4.1', 4.1, 'tflops-per-watt'], ['2.5', 2.5, 'tflops-per-watt'], ['1.3', 1.3, 'tflops-per-watt']]],
  // A label before a colon that ends in a unit declares it: "Efficiency, TFLOPS per watt: …"; a label naming none declares nothing.
  ['Efficiency, TFLOPS per watt: Trainium 2 at 2.1, the H100 at 1.6.', [['2.1', 2.1, 'tflops-per-watt'], ['1.6', 1.6, 'tflops-per-watt']]],
  ['Efficiency, by our count: Trainium 2 at 2.1, the H100 at 1.6.', []],
  ['Ranked by TFLOPS per watt, Inferentia 2 comes first at 3.4.', [['3.4', 3.4, 'tflops-per-watt']]],
  ['The H100 leads on the L40S at 3.', []],
  // After a spec's sentence, the bare decimals up to the next spec take its unit; whole numbers and versions ("Claude 3.5") do not.
  ['2.1 teraflops per watt for Trainium 2. Inferentia 2 is the standout at 3.4. The L40S sits at 2.9.', [['2.1 teraflops per watt', 2.1, 'tflops-per-watt'], ['3.4', 3.4, 'tflops-per-watt'], ['2.9', 2.9, 'tflops-per-watt']]],
  ['Trainium 2 reaches 2.1 TFLOPS per watt. It serves Claude 3.5 to 2 labs.', [['2.1 TFLOPS per watt', 2.1, 'tflops-per-watt']]],
  ['Trainium 2 reaches 2.1 TFLOPS per watt. Its latency is 45 ms, or 1.5 on a busy day.', [['2.1 TFLOPS per watt', 2.1, 'tflops-per-watt'], ['45 ms', 45, 'ms'], ['1.5', 1.5, 'ms']]],
  // A count's unit said once passes to the bare numbers of ten or more after it in its sentence; years stay dates.
  ['Neuron has 1,200 stars today and targets 5,000 by 2027.', [['1,200', 1200, 'stars'], ['5,000', 5000, 'stars'], ['2027', 2027 * 12, undefined]]],
  ['Bedrock has 120,000 customers, up from 80,000 a year ago.', [['120,000', 1.2e5, 'customers'], ['80,000', 8e4, 'customers']]],
  ['Bedrock has 120,000 customers; 8 of them are banks.', [['120,000', 1.2e5, 'customers']]],
  ['Bedrock has 120,000 customers. Another 40,000 wait.', [['120,000', 1.2e5, 'customers']]],
  // "from … to" is a change from one figure to another.
  ['Bedrock grew from 100,000 to 120,000 customers', [['100,000', 1e5, 'customers'], ['120,000', 1.2e5, 'customers']]],
  ['prices fell from $3 to $2 per million tokens', [['$3', 3, 'usd-per-1m-tokens'], ['$2', 2, 'usd-per-1m-tokens']]],
  ['valued from $10 to $15 billion', [['$10', 10e9, undefined], ['$15 billion', 15e9, undefined]]],
  // A price's rate carries through its paragraph to bare small amounts, not to amounts in billions.
  ['Claude tokens run $1.50 per million on Trainium. On the Nvidia flagship: $2.40. Amazon spent $8bn.', [
    ['$1.50', 1.5, 'usd-per-1m-tokens'], ['$2.40', 2.4, 'usd-per-1m-tokens'], ['$8bn', 8e9, undefined],
  ]],
  // A bare part of an amount stops at a figure of another kind, whose unit the bare number takes (found by npm run fuzz).
  ['Amazon first committed up to 4 billion dollars to Anthropic.upfrontThe H100 reaches 1.8 TFLOPS per watt, against 2.1 for Trainium 2.', [
    ['4 billion dollars', 4e9, undefined], ['1.8 TFLOPS per watt', 1.8, 'tflops-per-watt'], ['2.1', 2.1, 'tflops-per-watt'],
  ]],
  // Cents are a price too: "at around 70 cents" after a price per million tokens is one.
  ['About $1.50 per million tokens on Trainium 2 versus $2.40 on the H100, with Inferentia 2 lower still at around 70 cents.', [
    ['$1.50', 1.5, 'usd-per-1m-tokens'], ['$2.40', 2.4, 'usd-per-1m-tokens'], ['70 cents', 0.7000000000000001, 'usd-per-1m-tokens'],
  ]],
  // A lead sentence that says a rate and prices nothing lends it to the next sentence's bare small amounts.
  ['Buyers quote the cost of serving a million tokens. Inferentia 2 comes in at $0.60, the L40S at $1.20. Amazon spent $8bn.', [
    ['$0.60', 0.6, 'usd-per-1m-tokens'], ['$1.20', 1.2, 'usd-per-1m-tokens'], ['$8bn', 8e9, undefined],
  ]],
  // Not when the lead sentence has an amount of its own, nor two sentences on.
  ['Amazon spent $8bn to cut the cost of serving a million tokens. Its chips cost $1.15 each.', [['$8bn', 8e9, undefined], ['$1.15', 1.15, undefined]]],
  ['Buyers quote the cost of serving a million tokens. Nobody else does. Inferentia 2 comes in at $0.60.', [['$0.60', 0.6, undefined]]],
  // Bare parts of an amount, in its sentence or the next, before a word an amount is followed by, take its scale.
  ['Of the twenty-five billion, only five arrives upfront. The other twenty is tied to milestones.', [
    ['twenty-five billion', 25e9, undefined], ['five', 5e9, undefined], ['twenty', 20e9, undefined],
  ]],
  ['It put $25 billion in: 5 up front, 20 on milestones.', [['$25 billion', 25e9, undefined], ['5', 5e9, undefined], ['20', 20e9, undefined]]],
  // Not one (a pronoun as often), not a number as large as the whole, not two sentences on.
  ['It put $25 billion in, and one is upfront; 30 is on milestones. Then 5 is upfront.', [['$25 billion', 25e9, undefined]]],
];

const NOT_FIGURES = [
  // A compound adjective says large, not how large; a verb of change is no multiple.
  'a billion-dollar business',
  'AI revenue doubled last year',
  'a triple-digit growth rate',
  'Trainium can double as an inference part',
  // A fraction making a term with the word after it (lexicon fractionTerms) is no figure, even after a cue ("at").
  'runs at half precision',
  // An article counts only before a scale word.
  'tuned a parameter by hand',
  // "one" alone is a determiner more often than a count: "two labs, one cloud".
  'The labs will stay on one cloud forever.',
  // A hyphen joins a number only to a singular unit: "three-quarters" is no nine months.
  'Three-quarters stay on AWS',
  'tracks 14 cloud and chip names',
  // An amount with a letter right after it is no amount (issue 13: "$1e308" was read as $1).
  'an amount of $1e308 in the log',
  'Claude 3.5 is fast',
  'it reports twice a year',
  'GPT-4o and GPT-4 compete',
  'Llama 70B requests',
  'P4d and P5 instances',
  'the H100 and the L40S',
  'Trainium2 chips',
  'version 1.2.3 shipped',
  'see footnote [^1]',
  // A number word before a describing word is prose, not a count.
  'two leading model providers and one massive cloud',
  // A noun after a bare billion counts something else.
  'a market of two billion people',
  'eight billion tokens a day',
  // A fraction is a percentage only before "of" or beside a word of change.
  'a third round of funding',
  'results due by a quarter-end',
  // A decade is no short year.
  "the '90s boom",
];

/** A bare table cell, its row and column headers, and the paragraph above the table: the figure read, its value and unit. */
const TABLE_CELLS: [cell: string, rowHeader: string, columnHeader: string, caption: string, expected: [string, string, number, string | undefined][]][] = [
  ['45', 'Latency', 'Inferentia 2 (ms)', '', [['45', 'spec', 45, 'ms']]],
  // The column's unit comes first: "Google Cloud" names no count of clouds under "($B)".
  ['26', 'Google Cloud', 'AI revenue, 2024 est. ($B)', '', [['26', 'money', 26 * B, undefined]]],
  ['26', 'Google Cloud', 'AI revenue, 2024 est. ($ billions)', '', [['26', 'money', 26 * B, undefined]]],
  // A caption above the table scales its bare numbers, before a row header's noun.
  ['15', 'Full-stack AI cloud', '2024', 'Sizes in $ billions. The last column is our own.', [['15', 'money', 15 * B, undefined]]],
  ['15', 'Segment A', '2024', 'All figures (US$ m).', [['15', 'money', 15e6, undefined]]],
  // An amount said above the table is no caption.
  ['15', 'Segment A', '2024', 'Amazon put $8 billion in.', []],
  ['1,200', 'Neuron SDK', 'GitHub stars', 'Sizes in $ billions.', [['1,200', 'count', 1200, 'stars']]],
  // A cell's number may be hedged.
  ['up to 25', 'Amazon', 'Amount ($B)', '', [['25', 'money', 25 * B, undefined]]],
];

describe('figures', () => {
  for (const [text, figure, type, lo, hi, hedge = lo === hi ? 'exact' : 'range', unit] of FIGURES) {
    it(`${text} → ${figure}`, () => {
      // Rates said after a figure ("$1.50 per million tokens") are read once the figures are found.
      const found = readRates(text, findFigures(text, [], bundledUnits), bundledUnits.rates, () => ({ start: 0, end: text.length }));
      assert.equal(found.length, 1, `found ${JSON.stringify(found.map((f) => f.text))}`);
      const f = found[0];
      assert.deepEqual(
        { text: f.text, at: f.start, type: f.type, lo: f.value.lo, hi: f.value.hi, hedge: f.hedge, unit: f.unit },
        { text: figure, at: text.indexOf(figure), type, lo, hi, hedge: hedge === 'exact' && f.hedge === 'range' ? 'range' : hedge, unit },
      );
    });
  }
  for (const [text, expected] of RESPECTIVE)
    it(`${text} → ${expected.map(([t]) => t).join(' and ')}`, () =>
      assert.deepEqual(readFigures({ start: 0, text }, [], () => layout(text, false), bundledUnits).map((f) => [f.text, f.value.lo, f.unit]), expected));
  for (const [cell, rowHeader, columnHeader, caption, expected] of TABLE_CELLS)
    it(`| ${rowHeader} | ${cell} | under "${columnHeader}" after "${caption}" → ${expected.map(([t, type]) => `${t} (${type})`).join('') || 'no figure'}`, () => {
      const unit = { start: 0, text: cell, table: { rowHeader, columnHeader, rowContext: '', headerRow: `${rowHeader} | ${columnHeader}` }, ...(caption ? { previous: caption } : {}) };
      assert.deepEqual(readFigures(unit, [], () => layout(cell, true), bundledUnits).map((f) => [f.text, f.type, f.value.lo, f.unit]), expected);
    });
  for (const text of NOT_FIGURES) {
    it(`${text} → no figure`, () => assert.deepEqual(findFigures(text, [], bundledUnits).map((f) => f.text), []));
  }
  it('finds each figure once, left to right', () => {
    assert.deepEqual(
      findFigures('From $28 billion in 2024 to $210 billion in 2028, a 65% CAGR.', [], bundledUnits).map((f) => f.text),
      ['$28 billion', '2024', '$210 billion', '2028', '65%'],
    );
    assert.deepEqual(findFigures('from $10 billion to $15 billion', [], bundledUnits).map((f) => f.text), ['$10 billion', '$15 billion']);
  });
});

describe('replacements are written in the figure\'s own style', () => {
  const cases: [like: string, value: number, expected: string][] = [
    // Money keeps the figure's scale where it can.
    ['$8bn', 25e9, '$25bn'],
    ['$8bn', 5e8, '$500mn'],
    // A token price in the style of an amount in billions: dollars, never "$0.00mn" (issue 13).
    ['$8bn', 0.8, '$0.8'],
    ['75 cents', 0.8, '80 cents'],
    ['75 cents', 1.5, '$1.50'],
    ['$25 billion', 4e9, '$4 billion'],
    // A measurement groups thousands as the writer did, and always from 10,000.
    ['1,000 TFLOPS', 1500, '1,500 TFLOPS'],
    ['800 TFLOPS', 1500, '1500 TFLOPS'],
    ['800 TFLOPS', 25000, '25,000 TFLOPS'],
    ['45 ms', 38, '38 ms'],
  ];
  for (const [like, value, expected] of cases)
    it(`${value} in the style of ${like} → ${expected}`, () => {
      const [figure] = findFigures(like, [], bundledUnits);
      assert.equal(figureKind(figure.kind).render({ lo: value, hi: value }, figure), expected);
    });
  // A range said "between … and …" is written back so; one value in its style has no "between".
  const ranges: [like: string, value: { lo: number; hi: number }, expected: string][] = [
    ['between $30 and $35 billion', { lo: 35e9, hi: 40e9 }, 'between $35 and $40 billion'],
    ['between $30 and $35 billion', { lo: 58e9, hi: 58e9 }, '$58 billion'],
    ['between 60 and 70 percent', { lo: 70, hi: 80 }, 'between 70 and 80 percent'],
    ['between 60 and 70 percent', { lo: 75, hi: 75 }, '75 percent'],
  ];
  for (const [like, value, expected] of ranges)
    it(`${value.lo}–${value.hi} in the style of ${like} → ${expected}`, () => {
      const [figure] = findFigures(like, [], bundledUnits);
      assert.equal(figureKind(figure.kind).render(value, figure), expected);
    });
});

describe('MAY_HOLD_FIGURE: a block without a digit, number word, fraction or decade is not parsed', () => {
  const rows: [text: string, may: boolean][] = [
    ['AWS holds about a third of the cloud market.', true],
    ['Fifteen years.', true],
    ['The other twenty-one billion sits behind milestones.', true],
    ['Anthropic committed to AWS for over a decade.', true],
    // An article before a scale word: explain read "a trillion parameters" and the check skipped its block.
    ['Milestones include a model with a trillion parameters.', true],
    ['A billionaire backed it.', false],
    ['It grew 35% in 2024.', true],
    ['Amazon backs both labs, thirdly and fourthly.', false],
    ['No figure here, only words.', false],
  ];
  for (const [text, may] of rows) it(`${text} → ${may}`, () => assert.equal(MAY_HOLD_FIGURE.test(text), may));
});

describe('dollars written last, as a compound adjective too', () => {
  const rows: [text: string, figure: string, value: number][] = [
    ["Amazon's fifty-billion-dollar investment in OpenAI", 'fifty-billion-dollar', 50e9],
    ['a 50-billion-dollar investment', '50-billion-dollar', 50e9],
    ['a fifty billion dollar investment', 'fifty billion dollar', 50e9],
    ['twenty-five billion dollars of new money', 'twenty-five billion dollars', 25e9],
  ];
  for (const [text, figure, value] of rows)
    it(`${text} → ${figure}`, () => {
      const found = findFigures(text, [], bundledUnits);
      assert.deepEqual(found.map((f) => [f.text, f.type, f.value.lo]), [[figure, 'money', value]]);
    });
});
