/**
 * The knowledge base format. Every type the engine uses for knowledge is inferred from
 * these schemas; `schemas/dealkb.schema.json` is generated from them (npm run schema), and each
 * field's description there is what an editor shows while completing a *.dealkb.json file, so
 * the descriptions teach the format as docs/knowledge-base.md does.
 */
import * as z from 'zod';

const id = z
  .string({ error: 'expected an id string' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lowercase letters, digits, ".", "_" or "-"' });

export const Scale = z
  .enum(['thousand', 'million', 'billion', 'trillion'], {
    error: 'expected one of "thousand", "million", "billion", "trillion"',
  })
  .describe('The scale the number is written in: {"amount": 25, "scale": "billion"} is 25,000,000,000.');
export type Scale = z.infer<typeof Scale>;

export const SCALE_FACTOR: Record<Scale, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

/** A quantity: a plain number, a scaled amount, or a range (both ends in the same scale). */
export const Quantity = z.union(
  [
    z.number().describe('A plain number in the fact\'s unit: 25000000000 (dollars), 33 (percent), 4 (times), 10 (years when the unit is "years").'),
    z
      .object({ amount: z.number().describe('The number as written: 25 for "$25 billion".'), scale: Scale.optional() })
      .strict()
      .describe('A scaled amount: {"amount": 25, "scale": "billion"}.'),
    z
      .object({ min: z.number().describe('The low end, in the scale: 10 for "$10-15 billion".'), max: z.number().describe('The high end: 15 for "$10-15 billion".'), scale: Scale.optional() })
      .strict()
      .describe('A range, both ends in the same scale: {"min": 10, "max": 15, "scale": "billion"} for "$10-15 billion". Give it the hedge "range".'),
  ],
  { error: 'expected a number (e.g. 25000000000) or {"amount": 25, "scale": "billion"} or {"min": 10, "max": 15, "scale": "billion"}' },
);
export type Quantity = z.infer<typeof Quantity>;

/** A calendar point with the precision the source gives. */
export const CalendarDate = z
  .object({
    year: z.number().int().min(1900).max(2200).describe('The year: 2026.'),
    quarter: z.number().int().min(1).max(4).optional().describe('1 to 4, for "Q3 2026".'),
    half: z.number().int().min(1).max(2).optional().describe('1 or 2, for "H2 2026".'),
    month: z.number().int().min(1).max(12).optional().describe('1 to 12, for "April 2026".'),
  })
  .strict()
  .describe('The value of a date fact, as precise as the source is: {"year": 2026}, {"year": 2026, "quarter": 3}, {"year": 2026, "half": 2}, {"year": 2026, "month": 4}.');
export type CalendarDate = z.infer<typeof CalendarDate>;

export const ValueType = z
  .enum(['money', 'percent', 'multiple', 'date', 'duration', 'count', 'spec'], {
    error: 'expected one of "money", "percent", "multiple", "date", "duration", "count", "spec"',
  })
  .describe(
    'The kind of figure: money (dollars), percent (percent points: 33 for 33%), multiple (4 for "4x"), date (a calendar value), duration (a span of time, with "unit": "years" or "months"…), count (things counted, with "unit": "stars"…), spec (a measurement, with "unit": "TFLOPS", "ms"…). Only figures of this kind in a draft are checked against the fact.',
  );
export type ValueType = z.infer<typeof ValueType>;

/** How the source hedges its figure. */
export const Hedge = z
  .enum(['exact', 'up-to', 'more-than', 'at-least', 'about', 'nearly', 'less-than', 'estimate', 'range'], {
    error: 'expected one of "exact", "up-to", "more-than", "at-least", "about", "nearly", "less-than", "estimate", "range"',
  })
  .describe(
    'How the source hedges its figure: "up to $25 billion" is up-to, "over 80%" more-than, "at least" at-least, "about $28bn" about, "~$18B (est.)" estimate, "nearly $60 billion" nearly, "under 5%" less-than, "$10-15 billion" range (with a {"min", "max"} value). The hedge widens the source\'s value: about and estimate by 5% either way, nearly and less-than by 10% below, more-than and at-least by 10% above; exact, up-to and range not at all. A draft\'s figure, widened by its own hedge and rounding, agrees when the two overlap: "nearly $60 billion" agrees with $58 billion, "over 70%" does not agree with over 80%, "$20 billion" does not agree with up to $25 billion. Default: exact.',
  );
export type Hedge = z.infer<typeof Hedge>;

/** A date as sources give it: a year, a month, or a day. */
const IsoDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, { error: 'expected a date like 2026, 2026-04 or 2026-04-15' });

/** What became of a claim, as a source reports it. */
export const Status = z
  .enum(['announced', 'completed', 'offered', 'rejected', 'predicted', 'estimated'], {
    error: 'expected one of "announced", "completed", "offered", "rejected", "predicted", "estimated"',
  })
  .describe(
    'What the source says became of the claim: announced (made public, not yet done), completed (done: invested, paid, launched), offered (proposed to the other party), rejected (the offer was turned down), predicted (a forecast), estimated (the source\'s own estimate).',
  );
export type Status = z.infer<typeof Status>;

export const Source = z
  .object({
    id: id.describe('A short id that assertions cite as "source": lowercase letters, digits, ".", "_" or "-". It also names the footnote a fix adds ([^dc-<id>]).'),
    file: z.string().min(1).describe('File name of the source text, looked up in the sources folder (`kb check --sources DIR`, the dealcheck.sourcesFolder setting). Quotes must be verbatim in it.'),
    title: z.string().min(1).describe('A descriptive title: the headline, or a description when the text has none. Shown in hovers, messages and footnotes.'),
    publisher: z.string().min(1).optional().describe('Who published it ("NextFin"). Shown in hovers and footnotes, and names the source where statuses differ.'),
    date: IsoDate.optional().describe(
      'When the source was published: 2026, 2026-04 or 2026-04-15. Dates decide which of a fact\'s values is the newest: a draft\'s figure that agrees only with an older value is reported as outdated.',
    ),
    dateInferred: z
      .boolean()
      .optional()
      .describe('true when the text itself gives no date and the curator worked it out (from events it mentions, or a later source\'s account). Say how in "dateNote".'),
    dateNote: z.string().min(1).optional().describe('How an inferred date was worked out: "HumanX 2026 conference, \'this week\'".'),
    url: z.string().url().optional().describe('Where the source can be read.'),
  })
  .strict()
  .describe('A source text the knowledge base quotes.');
export type Source = z.infer<typeof Source>;

export const EntityKind = z
  .enum(['company', 'chip', 'market', 'person', 'product', 'model', 'project', 'event', 'other'])
  .describe('What the entity is. Companies, chips, markets, people, products, models and projects compete for a fact\'s subject and object roles; events and others only add evidence.');

/** How entity names match, said once for the name and the aliases. */
const NAME_MATCHING =
  'Matched as whole words, ignoring case and treating any run of spaces as one; an all-capital name of up to five characters (AWS, OCI, H100) matches only as written.';

export const Entity = z
  .object({
    id: id.describe('A short id that facts use as "subject", "object" or "family".'),
    name: z.string().min(1).describe(`The usual name ("Anthropic", "Trainium 2"). ${NAME_MATCHING}`),
    kind: EntityKind,
    aliases: z
      .array(z.string().min(1))
      .default([])
      .describe(`Other ways drafts name it: "Amazon Web Services", "AWS", "Claude maker", a ticker. ${NAME_MATCHING}`),
    descriptions: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Common nouns a draft uses after "the" to refer back to it ("lab", "startup", "chipmaker", "software maker"): "the lab" stands for the last entity named before it in the paragraph that has the description, unless a party no knowledge base knows is named between; with no such entity before it, for the one entity that has the description, if only one does. Lowercase; matched as whole words, ignoring case.',
      ),
    family: id
      .optional()
      .describe('Entity id of the line this is one generation of ("trainium" for Trainium 2): a draft naming only the line may mean this one.'),
    maker: id
      .optional()
      .describe(
        'Entity id of who makes it ("amazon" for Trainium 2): a draft naming only the maker where it speaks of what the product measures ("AWS says it trains models for up to 50% less than H100 clusters") may mean the product, at a discount. A maker of one product only names it: "Corvane\'s battery warranty" is the Haul\'s when Corvane makes nothing else in the knowledge base.',
      ),
    speaksFor: id
      .optional()
      .describe(
        'Entity id of the company a person leads or speaks for ("amazon" for Matt Garman, the AWS chief): a draft naming only the person where it speaks of the company\'s deals ("Garman defended the $50 billion OpenAI investment") may mean the company, at a discount.',
      ),
    members: z
      .array(id)
      .optional()
      .describe(
        'For a group ("the leading AI labs"), the entity ids of the parties it stands for ("openai", "anthropic"): a sentence naming every member names the group, and no member counts as another party against a fact about the group ("Amazon\'s combined commitment to OpenAI and Anthropic is $58 billion"). A fact about the group and one about a member with the same relation and the same values are one claim: a figure that fits either reading but agrees with neither conflicts, on the reading that scores best ("AWS\'s custom chips cut training costs by 40%" and "Trainium cuts training costs by up to 40%").',
      ),
  })
  .strict()
  .describe('A company, chip, market, person, product… that facts are about.');
export type Entity = z.infer<typeof Entity>;

/** What `exclusive` means, for relations and qualifiers alike. */
const EXCLUSIVE_DOC =
  'Its words name this measure or period and no other ("valuation", "run-rate", "operating margin", "in the third quarter"): a figure said with them belongs only to facts of this relation (or with this qualifier), and stays silent when there are none. Declare the measures and periods your facts are NOT about this way, so that drafts\' figures about them are not read as your facts.';

const EXCLUSIVE_FOR_DOC =
  'With "exclusive": the types of figure its words rule other facts out for (default: every type). An ownership stake\'s "stake" says that "a 27% stake" is no market share, while "a $2 billion stake" may still be an investment or any other money fact: "exclusiveFor": ["percent"].';

/** How keywords match, said once for every keyword list. */
const KEYWORD_MATCHING =
  'Each keyword matches at the start of a word, ignoring case: "invest" matches "invested" and "investment", not "reinvest"; spaces match any run of spaces ("set aside"). Keywords of one or two letters ("up", "to") match whole words only. A keyword written in capitals ("CAGR", "ARR", "Q3") matches only in capitals, as a whole word. Write stems for words that inflect.';

/** A word list the matcher looks for near a figure. */
const keywords = z.array(z.string().min(1)).default([]);

export const Relation = z
  .object({
    id: id.describe('A short id that facts use as "relation".'),
    label: z.string().min(1).describe('How the relation reads in a message: "investment", "market share".'),
    keywords: keywords.describe(
      `Words that say a figure is this relation ("invest", "stake", "funding" for an investment). A figure's own sentence is searched, nearer words counting more. ${KEYWORD_MATCHING}`,
    ),
    implied: z
      .boolean()
      .default(false)
      .describe('true when a figure of the fact\'s type beside its subject is this relation even without its words ("Inference serving: about $28bn in 2024" is a market size). Default false.'),
    objectPrepositions: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Prepositions that say this relation between a figure and the fact\'s object named right after them, without its words: "in" for an investment ("Microsoft\'s $13 billion in OpenAI"). Default none.',
      ),
    completedWord: z
      .string()
      .min(1)
      .optional()
      .describe('How a completed claim of this relation reads where sources differ on status: "invested" for an investment (default: "completed").'),
    exclusive: z
      .boolean()
      .default(false)
      .describe(EXCLUSIVE_DOC),
    change: z
      .boolean()
      .default(false)
      .describe('true for a relation that is a change, such as growth: a percentage written with a sign ("AWS $45bn (+35%)", "−5%") says it without its words. Default false.'),
    exclusiveFor: z
      .array(ValueType)
      .min(1)
      .optional()
      .describe(EXCLUSIVE_FOR_DOC),
  })
  .strict()
  .describe('What a figure says about its subject: an investment, a market share, a latency…');
export type Relation = z.infer<typeof Relation>;

export const Qualifier = z
  .object({
    id: id.describe('A short id that facts list under "qualifiers".'),
    label: z.string().min(1).describe('How the qualifier reads: "upfront", "an offer".'),
    keywords: keywords.describe(
      `Words that signal the qualifier near a figure ("upfront", "initial"). Said, they count for the facts with the qualifier and against their siblings without it ("$5 billion upfront" is the upfront part, not the whole investment); unsaid, a fact with the qualifier loses a little (less when "implicit"). ${KEYWORD_MATCHING}`,
    ),
    implicit: z
      .boolean()
      .default(false)
      .describe('true when writers often leave it unsaid (a prediction, an estimate): a figure without its words still fits a fact with this qualifier, at a small cost. Default false.'),
    exclusive: z
      .boolean()
      .default(false)
      .describe(EXCLUSIVE_DOC),
    frames: z
      .boolean()
      .default(false)
      .describe(
        'true when writers say it once for a whole passage or table and leave it unsaid after ("AI revenue" in a table\'s header, or in the paragraph before "Azure grew 45%"): said in an earlier sentence of the paragraph, in any header of the table, or in the text before that names someone, it holds for the figure. Default false.',
      ),
    whole: z
      .boolean()
      .default(false)
      .describe(
        'true when the qualifier makes a fact a whole ("combined", "in total"): a figure said as a part of the figure before it ("about $75 billion in all, including up to $25 billion for Anthropic") is never a reading of a fact with it. Default false.',
      ),
    facet: id
      .optional()
      .describe(
        'Qualifiers with the same facet are alternatives ("training" and "inference" are both of the facet "workload"): a figure said plainly with one is no reading of a fact with another, unless that one is said as plainly.',
      ),
  })
  .strict()
  .describe('Something that narrows a fact (upfront, tied to milestones, an offer, a prediction): two facts alike but for a qualifier are told apart by its words.');
export type Qualifier = z.infer<typeof Qualifier>;

export const Assertion = z
  .object({
    source: id.describe('Id of the source that states this value.'),
    value: z
      .union([Quantity, CalendarDate], {
        error: 'expected a number (e.g. 25000000000) or {"amount": 25, "scale": "billion"}, a range {"min": 10, "max": 15, "scale": "billion"}, or a date {"year": 2026, "quarter": 3}',
      })
      .describe('The value the source gives: a number, {"amount": 25, "scale": "billion"}, a range {"min": 10, "max": 15, "scale": "billion"}, or, for a date fact, {"year": 2026, "quarter": 3}. `kb check` checks that the quote writes it, in any spelling.'),
    hedge: Hedge.default('exact'),
    quote: z
      .string()
      .min(1)
      .max(400, { error: 'a quote is one sentence at most (400 characters)' })
      .describe('A verbatim sentence (or table row) from the source that contains the figure, copied exactly (curly quotes and dashes too): `kb check` finds it in the source file. Shown in hovers and footnotes.'),
    note: z.string().min(1).optional().describe('How this source frames the figure, when it differs from others ("an offer, rejected"). Shown beside the value in hovers.'),
    asOf: IsoDate.optional().describe(
      'When the value held, if not at the source\'s date: a 2026 article recalling "the $4 billion invested in 2023" asserts $4 billion as of 2023. Decides, with the source\'s date, which value is the newest.',
    ),
    asOfInferred: z.boolean().optional().describe('true when the text gives no date for the value and the curator inferred "asOf".'),
    status: z
      .union([Status, z.array(Status).min(1)])
      .optional()
      .describe('What became of the claim in this source: "completed", or several in order, ["offered", "rejected"]. When sources differ, messages and hovers say who says what; predicted, estimated, offered and rejected values never make another value outdated.'),
  })
  .strict()
  .describe('One source\'s value for a fact, with its words.');
export type Assertion = z.infer<typeof Assertion>;

export const Fact = z
  .object({
    id: id.describe('A short id for the fact, unique in the knowledge base: "amazon-anthropic-investment".'),
    statement: z.string().min(1).describe('The fact in plain words, without the figure, as messages use it: "Amazon\'s investment in Anthropic".'),
    subject: id.describe('Entity id of who or what the figure is about (the investor, the market, the chip). A draft must name it, or its family, near the figure.'),
    relation: id.describe('Relation id: what the figure says about the subject.'),
    object: id.optional().describe('Entity id of the counterpart, if any (the company invested in). Named near the figure, it counts for the fact; another party of its kind there counts against.'),
    qualifiers: z
      .array(id)
      .default([])
      .describe('Qualifier ids that narrow the fact (upfront, milestone, offer, prediction): "$5 billion upfront" is the upfront part, not the whole investment.'),
    year: z.number().int().optional().describe('The year the figure is for (market size in 2024, projection for 2028): a different year beside a draft\'s figure counts against the fact.'),
    type: ValueType,
    unit: z
      .string()
      .min(1)
      .optional()
      .describe('Required for duration ("years", "months", "quarters", "weeks", "days"), count and spec facts: the id (or a spelling) of a unit of the "units" section ("stars", "tflops", "TFLOPS/W"). A draft\'s figure is compared only in the same unit; a unit no "units" entry defines is an error.'),
    condition: z.string().min(1).optional().describe('The condition a measurement holds under ("FP16", "Llama 70B"): a note for curators, neither matched nor shown. Words a draft uses to say it belong in "keywords".'),
    keywords: keywords.describe(
      `Extra words that point at this fact beyond its relation and qualifiers ("Trainium", "FP16", "headline"): evidence for this fact over its siblings. ${KEYWORD_MATCHING}`,
    ),
    assertions: z.array(Assertion).min(1, { error: 'a fact needs at least one assertion' }).describe('What each source says, one entry per source and value.'),
  })
  .strict()
  .describe('One figure-bearing fact: who, what relation, qualifiers, and what each source says.');
export type Fact = z.infer<typeof Fact>;

export const EntityExtension = z
  .object({
    id: id.describe('Id of an entity defined in an earlier knowledge base (the bundled one, or a file before this).'),
    aliases: z.array(z.string().min(1)).min(1, { error: 'list at least one alias to add' }).optional().describe('Aliases to add.'),
    descriptions: z
      .array(z.string().min(1))
      .min(1, { error: 'list at least one description to add' })
      .optional()
      .describe('Descriptions to add ("chipmaker"): common nouns a draft uses after "the" to refer back to the entity (see an entity\'s "descriptions").'),
  })
  .strict()
  .refine((e) => e.aliases !== undefined || e.descriptions !== undefined, { error: 'list aliases or descriptions to add', path: ['aliases'] });
export type EntityExtension = z.infer<typeof EntityExtension>;
export const KeywordExtension = z
  .object({
    id: id.describe('Id of a relation or qualifier defined in an earlier knowledge base.'),
    keywords: z.array(z.string().min(1)).min(1, { error: 'list at least one keyword to add' }).describe('Keywords to add.'),
  })
  .strict();
export const FactExtension = z
  .object({
    id: id.describe('Id of a fact defined in an earlier knowledge base.'),
    keywords: z.array(z.string().min(1)).optional().describe('Keywords to add to the fact.'),
    assertions: z.array(Assertion).default([]).describe('Assertions to add: another source\'s value for the same fact.'),
  })
  .strict();

export const Extensions = z
  .object({
    entities: z.array(EntityExtension).default([]).describe('Aliases and descriptions to add to entities defined elsewhere.'),
    relations: z.array(KeywordExtension).default([]).describe('Keywords to add to relations defined elsewhere; they serve every fact with the relation.'),
    qualifiers: z.array(KeywordExtension).default([]).describe('Keywords to add to qualifiers defined elsewhere.'),
    facts: z.array(FactExtension).default([]).describe('Assertions (and keywords) to add to facts defined elsewhere.'),
  })
  .strict()
  .describe('Additions to entries another knowledge base defines (the bundled one, or a file loaded before this): aliases, keywords, assertions. Reusing an id under "entities", "facts"… is an error; adding goes here.');
export type Extensions = z.infer<typeof Extensions>;

export const Overrides = z
  .object({
    relations: z.array(Relation).default([]).describe('Relations that replace, whole, those with the same id.'),
    qualifiers: z.array(Qualifier).default([]).describe('Qualifiers that replace, whole, those with the same id.'),
  })
  .strict()
  .describe('Relations and qualifiers that replace, whole, those another knowledge base defines with the same id: their keywords change which fact the bundled figures match.');
export type Overrides = z.infer<typeof Overrides>;

/** What a count or spec unit's spellings are, said once. */
const UNIT_SPELLING =
  'As written right after a number, singular and plural ("TFLOPS", "teraflops"; "truck", "trucks"; "GitHub stars"). Case does not matter, except for a spelling of three letters or fewer with a capital ("GB", "MW"), which matches only as written.';

export const Unit = z
  .object({
    id: id.describe('A short id that facts name as their "unit" (a fact may also name one of its spellings).'),
    type: z
      .enum(['count', 'spec'], { error: 'expected "count" (things counted) or "spec" (a measurement)' })
      .describe('count: a number of things (GPUs, stars, trucks); spec: a measurement (TFLOPS, ms, GWh, a price per million tokens).'),
    label: z.string().min(1).optional().describe('How messages write the unit; the first spelling if not given.'),
    spellings: z.array(z.string().min(1)).default([]).describe(UNIT_SPELLING),
    per: z
      .object({
        of: z.string().min(1).describe('"money" for a price (dollars per …), or the id of the unit this one divides (TFLOPS per watt divides "tflops").'),
        spellings: z
          .array(z.string().min(1))
          .min(1, { error: 'a rate needs the words of what it is per ("million tokens", "watt")' })
          .describe('What the rate is per, as written after "per", "/" or "a" ("million tokens", "1M tokens", "M tok"; "watt"): "$1.50 per million tokens", "$2/M tok", "2.1 TFLOPS per watt".'),
      })
      .strict()
      .optional()
      .describe('For a rate: a figure of another unit (or money) per something. A figure of that unit followed by "per …", or in a sentence or table column that says "per …", is read in this unit.'),
  })
  .strict()
  .describe('A unit that counts or measures figures (GPUs, stars, TFLOPS, ms, trucks, GWh…): a draft\'s figure in it is compared with facts in the same unit.');
export type Unit = z.infer<typeof Unit>;

export const KnowledgeBaseFile = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema that editors complete and validate this file with: "…/schemas/dealkb.schema.json".'),
    version: z.literal(1, { error: 'expected "version": 1' }).describe('The format version: 1.'),
    sources: z.array(Source).default([]).describe('The source texts, each with an id that assertions cite.'),
    entities: z.array(Entity).default([]).describe('Companies, chips, markets, people… with the names drafts use for them.'),
    relations: z.array(Relation).default([]).describe('What figures say (investment, market share…), with the words that say it.'),
    qualifiers: z.array(Qualifier).default([]).describe('What narrows a fact (upfront, offer, prediction…), with the words that signal it.'),
    units: z.array(Unit).default([]).describe('The units that count or measure figures (GPUs, stars, TFLOPS, ms, trucks, GWh…), with how drafts write them.'),
    facts: z.array(Fact).default([]).describe('The facts, each with one assertion per source.'),
    extend: Extensions.optional(),
    override: Overrides.optional(),
  })
  .strict();
export type KnowledgeBaseFile = z.infer<typeof KnowledgeBaseFile>;

/** The statuses an assertion records, in order; none when it records none. */
export function statusesOf(a: Assertion): Status[] {
  return a.status === undefined ? [] : typeof a.status === 'string' ? [a.status] : a.status;
}
