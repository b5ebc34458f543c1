/**
 * The `dealcheck.*` settings. The zod schema is the single truth: the server parses what the
 * client sends with it, and package.json's `contributes.configuration` is generated from it
 * (npm run schema) and checked by a test, so the two cannot drift.
 */
import * as z from 'zod';
import { DEFAULT_BLOCK_BUDGET_MS } from '../diagnostics/engine';
import { ValueType } from '../knowledge/schema';

/**
 * How many of a document's diagnostics carry related information by default: far more than a
 * draft shows on a screen or a writer reads in the Problems panel, and few enough that the sources'
 * rows (about 40% of a dense draft's answer) do not dominate each keystroke's payload.
 */
export const DEFAULT_RELATED_INFORMATION_LIMIT = 1000;

export const Severity = z.enum(['ignore', 'hint', 'information', 'warning', 'error']);
export type Severity = z.infer<typeof Severity>;

const severityByKind = z
  .object(Object.fromEntries(ValueType.options.map((kind) => [kind, Severity.default('warning')])) as Record<ValueType, z.ZodDefault<typeof Severity>>)
  .describe('Severity of a conflict, per kind of figure (money, percent, multiple, date, duration, count, spec); "ignore" turns that check off.');

export const Settings = z.object({
  enable: z.boolean().default(true).describe('Check Markdown documents.'),
  knowledgeBase: z
    .array(z.string())
    .default([])
    .describe('Extra knowledge base files (.dealkb.json, .json, .yaml), relative to the workspace folder. Files named *.dealkb.json or *.dealkb.yaml in the workspace are loaded too, except under test, tests and fixtures folders.'),
  useBundledKnowledgeBase: z.boolean().default(true).describe('Use the knowledge base that ships with dealcheck, curated from five source articles.'),
  sourcesFolder: z
    .string()
    .default('')
    .describe('Folder holding the source texts the knowledge base quotes; when set, hovers and related information link to the quoted line.'),
  severity: severityByKind.default(Object.fromEntries(ValueType.options.map((kind) => [kind, 'warning'])) as Record<ValueType, Severity>),
  outdatedSeverity: Severity.default('information').describe(
    'Severity of an outdated figure: one that agrees only with a value a newer source has replaced ("$4 billion" after later sources report $8 and $25 billion); "ignore" turns the check off.',
  ),
  showSupported: z.boolean().default(false).describe('Also mark figures the sources support, as hints.'),
  showUnverified: z
    .boolean()
    .default(false)
    .describe('Also mark figures no fact of the knowledge base covers, as hints: what dealcheck could not check.'),
  blockTimeBudgetMs: z
    .number()
    .int()
    .min(10)
    .max(600_000)
    .default(DEFAULT_BLOCK_BUDGET_MS)
    .describe('Milliseconds dealcheck may spend on one paragraph (a block: a paragraph, list, table or heading) before it skips it with an information diagnostic. Raise it to check a paragraph that was skipped.'),
  debounceMs: z.number().int().min(0).max(5000).default(150).describe('Wait this long after typing stops before pushing diagnostics (clients that pull get them at once).'),
  relatedInformationLimit: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(DEFAULT_RELATED_INFORMATION_LIMIT)
    .describe(
      "How many of a document's diagnostics, from its top, list each source's value as related information (linked to the quoted line, under the problem in the Problems panel); the rest keep their message, hover and quick-fixes. Every keystroke resends a document's whole list, so a draft with thousands of findings would otherwise send megabytes each time.",
    ),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** Settings as a client sent them; anything unusable falls back to its default, field by field. */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const input = raw && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : {};
  const problems: string[] = [];
  for (;;) {
    const result = Settings.safeParse(input);
    if (result.success) return { settings: result.data, problems };
    const issue = result.error.issues[0];
    const key = String(issue.path[0]);
    problems.push(`dealcheck.${issue.path.join('.')}: ${issue.message}; using the default`);
    delete input[key];
  }
}

/** `contributes.configuration.properties` for package.json. */
export function configurationContribution(): Record<string, unknown> {
  const json = z.toJSONSchema(Settings, { io: 'input' }) as { properties: Record<string, Record<string, unknown>> };
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(json.properties)) {
    const { description, ...rest } = schema;
    out[`dealcheck.${key}`] = { ...rest, markdownDescription: description, scope: 'window' };
  }
  out['dealcheck.trace.server'] = {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    markdownDescription: 'Trace the messages between VS Code and the dealcheck language server (in the "dealcheck" output channel).',
    scope: 'window',
  };
  return out;
}
