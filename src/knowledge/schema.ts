/**
 * The knowledge base format. Every type the engine uses for knowledge is inferred from
 * these schemas; `schemas/dealkb.schema.json` is generated from them (npm run schema).
 */
import { z } from 'zod';

const id = z
  .string({ error: 'expected an id string' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'expected an id of lowercase letters, digits, ".", "_" or "-"' });

export const Scale = z.enum(['thousand', 'million', 'billion', 'trillion'], {
  error: 'expected one of "thousand", "million", "billion", "trillion"',
});
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
    z.number(),
    z.object({ amount: z.number(), scale: Scale.optional() }).strict(),
    z.object({ min: z.number(), max: z.number(), scale: Scale.optional() }).strict(),
  ],
  { error: 'expected a number (e.g. 25000000000) or {"amount": 25, "scale": "billion"} or {"min": 10, "max": 15, "scale": "billion"}' },
);
export type Quantity = z.infer<typeof Quantity>;

/** A calendar point with the precision the source gives. */
export const CalendarDate = z
  .object({
    year: z.number().int().min(1900).max(2200),
    quarter: z.number().int().min(1).max(4).optional(),
    half: z.number().int().min(1).max(2).optional(),
    month: z.number().int().min(1).max(12).optional(),
  })
  .strict();
export type CalendarDate = z.infer<typeof CalendarDate>;

export const ValueType = z.enum(['money', 'percent', 'multiple', 'date', 'duration', 'count', 'spec'], {
  error: 'expected one of "money", "percent", "multiple", "date", "duration", "count", "spec"',
});
export type ValueType = z.infer<typeof ValueType>;

/** How the source hedges its figure. */
export const Hedge = z.enum(['exact', 'up-to', 'more-than', 'at-least', 'about', 'nearly', 'less-than', 'estimate', 'range'], {
  error: 'expected one of "exact", "up-to", "more-than", "at-least", "about", "nearly", "less-than", "estimate", "range"',
});
export type Hedge = z.infer<typeof Hedge>;

export const Source = z
  .object({
    id,
    file: z.string().min(1).describe('File name of the source text, looked up in the sources folder.'),
    title: z.string().min(1).describe('A descriptive title: the headline, or a description when the text has none.'),
    publisher: z.string().min(1).optional(),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: 'expected a date like 2026, 2026-04 or 2026-04-15' })
      .optional(),
    url: z.string().url().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

export const EntityKind = z.enum(['company', 'chip', 'market', 'person', 'product', 'model', 'project', 'event', 'other']);

export const Entity = z
  .object({
    id,
    name: z.string().min(1),
    kind: EntityKind,
    aliases: z
      .array(z.string().min(1))
      .default([])
      .describe('Other ways drafts name it. All-capital aliases (AWS, OCI) match case-sensitively.'),
    family: id
      .optional()
      .describe('Entity id of the line this is one generation of ("trainium" for Trainium 2): a draft naming only the line may mean this one.'),
  })
  .strict();
export type Entity = z.infer<typeof Entity>;

/** What `exclusive` means, for relations and qualifiers alike. */
const EXCLUSIVE_DOC =
  'Its words name this measure or period and no other ("valuation", "run-rate", "operating margin", "in the third quarter"): a figure said with them belongs only to facts of this relation (or with this qualifier), and stays silent when there are none. Declare the measures and periods your facts are NOT about this way, so that drafts\' figures about them are not read as your facts.';

/** A word list the matcher looks for near a figure. Stems match word starts ("invest" matches "investment"). */
const keywords = z.array(z.string().min(1)).default([]);

export const Relation = z
  .object({
    id,
    label: z.string().min(1).describe('How the relation reads in a message: "investment", "market share".'),
    keywords,
    implied: z
      .boolean()
      .default(false)
      .describe('A figure of the fact\'s type beside its subject is this relation even without its words ("Inference serving: about $28bn in 2024" is a market size).'),
    exclusive: z
      .boolean()
      .default(false)
      .describe(EXCLUSIVE_DOC),
  })
  .strict();
export type Relation = z.infer<typeof Relation>;

export const Qualifier = z
  .object({
    id,
    label: z.string().min(1),
    keywords,
    implicit: z
      .boolean()
      .default(false)
      .describe('Writers often leave it unsaid (a prediction, an estimate): a figure without its words still fits, at a small cost.'),
    exclusive: z
      .boolean()
      .default(false)
      .describe(EXCLUSIVE_DOC),
  })
  .strict();
export type Qualifier = z.infer<typeof Qualifier>;

export const Assertion = z
  .object({
    source: id.describe('Id of the source that states this value.'),
    value: z.union([Quantity, CalendarDate], {
      error: 'expected a number (e.g. 25000000000) or {"amount": 25, "scale": "billion"}, a range {"min": 10, "max": 15, "scale": "billion"}, or a date {"year": 2026, "quarter": 3}',
    }),
    hedge: Hedge.default('exact'),
    quote: z
      .string()
      .min(1)
      .max(400, { error: 'a quote is one sentence at most (400 characters)' })
      .describe('A verbatim sentence (or table row) from the source that contains the figure.'),
    note: z.string().min(1).optional().describe('How this source frames the figure, when it differs from others ("an offer, rejected").'),
  })
  .strict();
export type Assertion = z.infer<typeof Assertion>;

export const Fact = z
  .object({
    id,
    statement: z.string().min(1).describe('The fact in plain words, without the figure: "Amazon\'s investment in Anthropic".'),
    subject: id.describe('Entity id of who or what the figure is about.'),
    relation: id.describe('Relation id.'),
    object: id.optional().describe('Entity id of the counterpart, if any (the company invested in).'),
    qualifiers: z.array(id).default([]).describe('Qualifier ids that narrow the fact (upfront, milestone, prediction, offer, total).'),
    year: z.number().int().optional().describe('The year the figure is for (market size in 2024, projection for 2028).'),
    type: ValueType,
    unit: z
      .string()
      .min(1)
      .optional()
      .describe('Unit for spec, count and duration values: "TFLOPS", "TFLOPS/W", "ms", "USD/1M tokens", "stars", "months".'),
    condition: z.string().min(1).optional().describe('Measurement condition shown with the value: "FP16", "Llama 70B".'),
    keywords: keywords.describe('Extra words that point at this fact beyond its relation and qualifiers.'),
    assertions: z.array(Assertion).min(1, { error: 'a fact needs at least one assertion' }),
  })
  .strict();
export type Fact = z.infer<typeof Fact>;

export const KnowledgeBaseFile = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'expected "version": 1' }),
    sources: z.array(Source).default([]),
    entities: z.array(Entity).default([]),
    relations: z.array(Relation).default([]),
    qualifiers: z.array(Qualifier).default([]),
    facts: z.array(Fact).default([]),
  })
  .strict();
export type KnowledgeBaseFile = z.infer<typeof KnowledgeBaseFile>;
