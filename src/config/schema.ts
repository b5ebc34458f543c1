/**
 * The project configuration file (.dealcheckrc.json, .dealcheckrc.yaml, or a "dealcheck" field
 * in package.json), read by the CLI and the language server alike. Pure: parsing a config's text
 * (JSON or YAML) reports each problem at its line, column and field; finding the file on disk
 * is in ./discover.ts (Node only).
 */
import { type Node as JsonNode, findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineCounter, isMap, isNode, isSeq, parseDocument } from 'yaml';
import * as z from 'zod';
import { ValueType } from '../knowledge/schema';

export const Severity = z.enum(['ignore', 'hint', 'information', 'warning', 'error']);
export type Severity = z.infer<typeof Severity>;

export const Config = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    knowledgeBase: z
      .array(z.string().min(1))
      .default([])
      .describe('Knowledge base files (.dealkb.json, .json, .yaml) to check against, relative to this file.'),
    useBundledKnowledgeBase: z.boolean().default(true).describe('Also check against the knowledge base that ships with dealcheck.'),
    sourcesFolder: z
      .string()
      .default('')
      .describe('Folder holding the source texts the knowledge base quotes, relative to this file.'),
    severity: z
      .strictObject(Object.fromEntries(ValueType.options.map((t) => [t, Severity.optional()])) as Record<ValueType, z.ZodOptional<typeof Severity>>)
      .default({})
      .describe('Severity of a conflict, per kind of figure; "ignore" turns that kind of figure off. Unset kinds are "warning".'),
    outdatedSeverity: Severity.default('information').describe(
      'Severity of an outdated figure: one that agrees only with a value a newer source has replaced; "ignore" turns the check off.',
    ),
    ignores: z
      .array(z.string())
      .default([])
      .describe('Files not to check, as .gitignore patterns relative to this file ("drafts/archive/", "!drafts/archive/keep.md").'),
    showSupported: z.boolean().default(false).describe('Also list the figures a source supports.'),
    showUnverified: z.boolean().default(false).describe('Editors: also mark figures no fact covers, as hints.'),
  })
  .describe('dealcheck configuration');
export type Config = z.infer<typeof Config>;

export const DEFAULT_CONFIG: Config = Config.parse({});

/** Where the configuration is looked for, in each folder from the current one up: the first found wins. */
export const CONFIG_FILES = ['.dealcheckrc.json', '.dealcheckrc.yaml', '.dealcheckrc.yml', 'package.json'] as const;
/** The field of package.json that holds the configuration. */
export const PACKAGE_FIELD = 'dealcheck';

export interface ConfigProblem {
  file: string;
  /** 0-based, as in LSP. */
  line: number;
  character: number;
  /** The field, as a path: severity.money */
  field: string;
  message: string;
}

export interface ParsedConfig {
  config: Config;
  problems: ConfigProblem[];
}

type Path = (string | number)[];

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

function fieldPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(file)';
}

interface Located {
  data: unknown;
  syntax: { offset: number; message: string }[];
  offsetOf(path: Path): number;
}

function locateJson(text: string, root: Path): Located {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  let data: unknown;
  try {
    data = errors.length ? undefined : JSON.parse(text);
  } catch {
    data = undefined;
  }
  for (const key of root) data = data && typeof data === 'object' ? (data as Record<string | number, unknown>)[key] : undefined;
  return {
    data,
    syntax: errors.map((e) => ({ offset: e.offset, message: `invalid JSON: ${printParseErrorCode(e.error)}` })),
    offsetOf(path) {
      let node: JsonNode | undefined;
      for (let n = path.length; n >= 0 && !node; n--) node = tree && findNodeAtLocation(tree, [...root, ...path.slice(0, n)]);
      return node?.offset ?? 0;
    },
  };
}

/** YAML's aliases are limited so a "billion laughs" file is an error, not a hang. */
const MAX_YAML_ALIASES = 100;

function locateYaml(text: string): Located {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors.map((e) => ({ offset: e.pos[0], message: `invalid YAML: ${e.message.split('\n')[0]}` }));
  let data: unknown;
  if (!syntax.length) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      syntax.push({ offset: 0, message: `invalid YAML: ${(e as Error).message}` });
    }
  }
  return {
    data,
    syntax,
    offsetOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = n ? doc.getIn(path.slice(0, n), true) : doc.contents;
        if (isNode(node) && node.range) return node.range[0];
        if (n && !isMap(node) && !isSeq(node) && node !== undefined) continue;
      }
      return 0;
    },
  };
}

/**
 * Parses a configuration file's text. `file` decides the syntax (.yaml/.yml is YAML, anything
 * else JSON) and whether the configuration is package.json's "dealcheck" field. An unusable
 * field falls back to its default and is reported; the rest of the file still applies.
 */
export function parseConfigText(file: string, text: string): ParsedConfig {
  const yaml = /\.ya?ml$/i.test(file);
  const inPackage = /(?:^|[\\/])package\.json$/.test(file);
  const located = yaml ? locateYaml(text) : locateJson(text, inPackage ? [PACKAGE_FIELD] : []);
  const starts = lineStarts(text);
  const problem = (offset: number, path: Path, message: string): ConfigProblem => ({ file, ...positionAt(starts, offset), field: fieldPath(path), message });
  if (located.syntax.length) return { config: DEFAULT_CONFIG, problems: located.syntax.map((s) => problem(s.offset, [], s.message)) };
  // An empty YAML file is an empty configuration.
  const raw = located.data ?? (yaml ? {} : located.data);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { config: DEFAULT_CONFIG, problems: [problem(located.offsetOf([]), [], 'the configuration must be an object')] };
  const input: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const problems: ConfigProblem[] = [];
  for (let tries = 0; tries <= Object.keys(raw).length; tries++) {
    const result = Config.safeParse(input);
    if (result.success) return { config: result.data, problems };
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of keys as Path[]) {
        const message = issue.code === 'unrecognized_keys' ? `unknown setting "${String(path.at(-1))}"` : issue.message;
        problems.push(problem(located.offsetOf(path), path, message));
        seen.add(String(path[0]));
      }
    }
    for (const key of seen) delete input[key];
  }
  return { config: DEFAULT_CONFIG, problems };
}

/** The severity of a conflict about a figure of `type` under `config`. */
export function severityOf(config: Config, type: string): Severity {
  return (config.severity as Record<string, Severity | undefined>)[type] ?? 'warning';
}

/** The JSON Schema of the configuration file, for editors (schemas/dealcheckrc.schema.json). */
export function configJsonSchema(): string {
  return `${JSON.stringify({ ...z.toJSONSchema(Config, { io: 'input' }), title: 'dealcheck configuration' }, null, 2)}\n`;
}
