/**
 * Reads knowledge base files (JSON, or YAML) and reports every problem with its file, line,
 * column and field, in the words of the format rather than of the parser. Each entry is
 * validated on its own, so one bad fact never hides the others: the good entries are kept and
 * the bad ones reported, once each. Nothing here throws: a file nested too deeply, a YAML alias
 * bomb or a parser failure is one more problem at its line.
 */
import { type Node as JsonNode, findNodeAtLocation, getLocation, parseTree, printParseErrorCode, type ParseError, visit as visitJson } from 'jsonc-parser';
import { type Document, isAlias, isMap, isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import * as z from 'zod';
import { type Interned, fastParser } from './fast-parse';
import { MAX_NESTING_DEPTH, scanJson, tooDeepAt } from './nesting';
import {
  Entity,
  EntityExtension,
  Fact,
  FactExtension,
  KeywordExtension,
  type KnowledgeBaseFile,
  Qualifier,
  Relation,
  Source,
  Unit,
} from './schema';
import { didYouMean } from './suggest';
import { DURATION_UNITS } from './values';

export interface KbProblem {
  file: string;
  /** 0-based, as in LSP. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** The field, as a path: facts[3].assertions[0].value */
  field: string;
  message: string;
}

export type Path = (string | number)[];

export type Range = Omit<KbProblem, 'file' | 'field' | 'message'>;

/** The sections that define entries with ids. */
export const SECTION_NAMES = ['sources', 'entities', 'relations', 'qualifiers', 'units', 'facts'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface LoadedFile {
  file: string;
  /** How messages name the file when its name and line say little ("the bundled knowledge base"). */
  description?: string;
  /** The valid entries (a rejected entry is left out; its problems say why). */
  content: KnowledgeBaseFile & { extend: NonNullable<KnowledgeBaseFile['extend']>; override: NonNullable<KnowledgeBaseFile['override']> };
  /** Ids of entries that were rejected: references to them are not reported again. */
  rejected: Record<SectionName, Set<string>>;
  problems: KbProblem[];
  /** Where a kept entry sits in the file (its index counts the rejected entries too). */
  pathOf(entry: object): Path;
  /**
   * The position of a field, for problems found later (unknown ids across files). A file loaded
   * without keeping its text (`keepText: false`) can only say its start, and then notes that it
   * had to (`positionsLost`); `withText` gives it its positions back.
   */
  locate(path: Path): Range;
  /** Set once `locate` was asked for a position it could not give, the text having been let go. */
  readonly positionsLost?: boolean;
}

/** One path style everywhere: facts[3].assertions[0].value */
export function formatPath(path: Path): string {
  return path.filter((p) => p !== '').map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(file)';
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** A file's data and where each path of it sits in its text. */
interface Parsed {
  data: unknown;
  /** Syntax problems: offsets, the path at the offset, and the message. */
  syntax: { start: number; end: number; path: Path; message: string }[];
  /** The value at `path`, or its field name with `key` (for a field that should not be there). */
  locate(path: Path, key?: boolean): { start: number; end: number };
}

/** JSON parse errors in the format's words; the codes themselves never reach the user. */
const JSON_ERRORS: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
  InvalidSymbol: 'unexpected character: expected a value, a quoted "name", or one of , : [ ] { }',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a field name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the field name',
  CommaExpected: 'expected a comma between the items',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the list',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string: a closing " is missing',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape: a backslash in a string is written \\\\',
  InvalidCharacter: 'a line break or tab inside a string must be written \\n or \\t',
};

function jsonSyntaxMessage(text: string, e: ParseError): { start: number; message: string } {
  // A trailing comma shows up as a missing name or value before the closing bracket.
  const code = printParseErrorCode(e.error);
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const before = text.slice(0, e.offset).trimEnd();
    if (before.endsWith(',') && /^[\]}]/.test(text.slice(e.offset))) return { start: before.length - 1, message: 'trailing comma: remove the comma before the closing bracket' };
  }
  const word = /^(?:'([^'\n]*)'|([A-Za-z_$][\w$-]*))\s*:/.exec(text.slice(e.offset));
  if (code === 'InvalidSymbol' && word) return { start: e.offset, message: `field names are written in double quotes: "${word[1] ?? word[2]}"` };
  return { start: e.offset, message: JSON_ERRORS[code] ?? 'invalid JSON' };
}

/**
 * A JSON text's syntax tree, built when first asked for (a valid file never needs it): where a
 * path sits in the text, and the tree-building parser's errors.
 */
function jsonTree(text: string): { tree: () => JsonNode | undefined; errors: () => ParseError[]; locate: Parsed['locate'] } {
  let root: JsonNode | undefined;
  let treeErrors: ParseError[] = [];
  const tree = () => {
    if (!root) {
      treeErrors = [];
      root = parseTree(text, treeErrors, { allowTrailingComma: false, disallowComments: true });
    }
    return root;
  };
  return {
    tree,
    errors: () => treeErrors,
    locate(path, key) {
      const top = tree();
      let node: JsonNode | undefined;
      for (let n = path.length; n >= 0 && !node; n--) node = top && findNodeAtLocation(top, path.slice(0, n));
      const name = key && node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      if (name) return { start: name.offset, end: name.offset + name.length };
      // A missing field points at the object that lacks it.
      const target = node ?? top;
      return target ? { start: target.offset, end: target.offset + target.length } : { start: 0, end: 0 };
    },
  };
}

/** `members`: the text's members, as scanJson counts them. */
function parseJson(text: string, members: number): Parsed {
  let data: unknown;
  let parsed = false;
  try {
    // The native parser first: a large, valid file (the common case) never builds a syntax tree.
    data = JSON.parse(text);
    parsed = true;
  } catch {
    // Invalid: the tree-building parser below says where and why.
  }
  const { tree, errors, locate } = jsonTree(text);
  const syntax: Parsed['syntax'] = !parsed ? syntaxErrors(text, tree, errors) : members === keysIn(data) ? [] : duplicateKeys(text);
  if (parsed && syntax.length) data = undefined;
  return { data, syntax, locate };
}

/** The syntax errors of a text JSON.parse refused, in the format's words, one per line. */
function syntaxErrors(text: string, tree: () => JsonNode | undefined, errors: () => ParseError[]): Parsed['syntax'] {
  tree();
  const syntax: Parsed['syntax'] = [];
  let lastLineEnd = -1;
  for (const e of errors()) {
    // The errors after the first on a line are its echoes (a missing quote derails the rest of the line).
    if (e.offset <= lastLineEnd) continue;
    const { start, message } = jsonSyntaxMessage(text, e);
    syntax.push({ start, end: Math.max(start + 1, e.offset + e.length), path: getLocation(text, start).path, message });
    const eol = text.indexOf('\n', e.offset);
    lastLineEnd = eol < 0 ? text.length : eol;
  }
  return syntax.length ? syntax : [{ start: 0, end: 0, path: [], message: 'invalid JSON' }];
}

/** The keys of every object in parsed JSON data. */
function keysIn(data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  let n = 0;
  if (Array.isArray(data)) for (const v of data) n += keysIn(v);
  else for (const k in data) n += 1 + keysIn((data as Record<string, unknown>)[k]);
  return n;
}

/**
 * JSON.parse keeps the last of two equal keys silently; YAML reports them itself. A scan that
 * builds no tree: each open object's keys so far, and the path to it.
 */
function duplicateKeys(text: string): Parsed['syntax'] {
  const out: Parsed['syntax'] = [];
  const open: { keys?: Set<string>; index: number; key?: string }[] = [];
  const pathOf = () => open.slice(1).map((_, i) => (open[i].keys ? open[i].key! : open[i].index));
  visitJson(text, {
    onObjectBegin: () => void open.push({ keys: new Set(), index: 0 }),
    onObjectEnd: () => void open.pop(),
    onArrayBegin: () => void open.push({ index: 0 }),
    onArrayEnd: () => void open.pop(),
    onObjectProperty: (name, offset, length) => {
      const top = open[open.length - 1];
      if (top.keys!.has(name)) out.push({ start: offset, end: offset + length, path: [...pathOf(), name], message: `field "${name}" is given twice in this object` });
      top.keys!.add(name);
      top.key = name;
    },
    onSeparator: (sep) => {
      const top = open[open.length - 1];
      if (sep === ',' && top && !top.keys) top.index++;
    },
  });
  return out;
}

/** Each alias may expand this many nodes in all: enough for any hand-written reuse, far too few for an alias bomb. */
const MAX_YAML_ALIAS_COUNT = 100;

/** YAML errors in the format's words; the rest keep the parser's wording, without its position. */
function yamlSyntaxMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'MISSING_CHAR':
      if (/quote/i.test(first)) return 'a closing quote is missing';
      if (/without - indicator/.test(first)) return 'this line is indented less than the entry above it, and is not a list item ("- ")';
      return first;
    case 'BAD_INDENT':
      return /flow sequence/i.test(first) ? 'a "[" list is not closed with "]", or its next line is not indented enough' : 'bad indentation: the fields of one entry must line up';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a field\'s value cannot be "name: value" on the same line: put the inner field on its own line, indented';
    case 'DUPLICATE_KEY':
      return 'a field is given twice in this entry';
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML: use spaces';
    case 'MULTIPLE_DOCS':
      return 'a knowledge base file holds one YAML document: remove the "---" line';
    case 'UNEXPECTED_TOKEN':
      return 'unexpected text: check the indentation, and that each field is written "name: value"';
    default:
      return first;
  }
}

function parseYaml(text: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (path: Path, key?: boolean) => {
    const parent = key && path.length ? doc.getIn(path.slice(0, -1), true) : undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
      if (isNode(pair?.key) && pair.key.range) return { start: pair.key.range[0], end: pair.key.range[1] };
    }
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return { start: node.range[0], end: node.range[1] };
    }
    return { start: 0, end: 0 };
  };
  const syntax: Parsed['syntax'] = [];
  for (const e of doc.errors) {
    // An unexpected token after an error, or a second error on its line, is the first one's echo.
    const last = syntax.at(-1);
    if (last && (e.code === 'UNEXPECTED_TOKEN' || text.slice(last.start, e.pos[0]).indexOf('\n') < 0)) continue;
    syntax.push({ start: e.pos[0], end: e.pos[1], path: [], message: yamlSyntaxMessage(e.code, e.message) });
  }
  let data: unknown;
  if (!syntax.length) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    } catch {
      const alias = firstAlias(doc);
      syntax.push({ ...(alias ?? { start: 0, end: 0 }), path: [], message: `YAML aliases expand to too many entries (more than ${MAX_YAML_ALIAS_COUNT} each): write the entries out` });
    }
  }
  return { data, syntax, locate };
}

function firstAlias(doc: Document): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) found = { start: node.range[0], end: node.range[1] };
      return visit.BREAK;
    },
  });
  return found;
}

function problemAt(file: string, starts: number[], start: number, end: number, path: Path, message: string): KbProblem {
  const a = positionAt(starts, start);
  const b = positionAt(starts, Math.max(start, end));
  return { file, line: a.line, character: a.character, endLine: b.line, endCharacter: b.character, field: formatPath(path), message };
}

/** The sections of a file, and the lists under "extend" and "override", with each entry's schema. */
const LISTS: { path: [string] | [string, string]; schema: z.ZodType; section?: SectionName }[] = [
  { path: ['sources'], schema: Source, section: 'sources' },
  { path: ['entities'], schema: Entity, section: 'entities' },
  { path: ['relations'], schema: Relation, section: 'relations' },
  { path: ['qualifiers'], schema: Qualifier, section: 'qualifiers' },
  { path: ['units'], schema: Unit, section: 'units' },
  { path: ['facts'], schema: Fact, section: 'facts' },
  { path: ['extend', 'entities'], schema: EntityExtension },
  { path: ['extend', 'relations'], schema: KeywordExtension },
  { path: ['extend', 'qualifiers'], schema: KeywordExtension },
  { path: ['extend', 'facts'], schema: FactExtension },
  { path: ['override', 'relations'], schema: Relation },
  { path: ['override', 'qualifiers'], schema: Qualifier },
];

/** The lists with each schema's fast path for valid entries (fast-parse.ts). */
const ENTRY_LISTS = LISTS.map((list) => ({ ...list, fast: fastParser(list.schema) }));

const TOP_LEVEL_KEYS = ['$schema', 'version', ...SECTION_NAMES, 'extend', 'override'];
const GROUP_KEYS: Record<string, string[]> = { extend: ['entities', 'relations', 'qualifiers', 'facts'], override: ['relations', 'qualifiers'] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const p of path) {
    if (!isRecord(v) && !Array.isArray(v)) return undefined;
    v = Object.hasOwn(v, p) ? (v as Record<string | number, unknown>)[p] : undefined;
  }
  return v;
}

type SchemaDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[] };

function defOf(s: z.ZodType): SchemaDef {
  return (s as unknown as { def: SchemaDef }).def;
}

/** The schema under optional, default and pipe wrappers; a union's alternatives each. */
function unwrap(s: z.ZodType): z.ZodType[] {
  for (let def = defOf(s); ; def = defOf(s)) {
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return def.type === 'union' ? (def.options ?? []).flatMap(unwrap) : [s];
  }
}

/** The schemas of the value at `p` inside a value of `s`. */
function stepInto(s: z.ZodType, p: string | number): z.ZodType[] {
  const def = defOf(s);
  const next = def.type === 'object' && typeof p === 'string' ? def.shape?.[p] : def.type === 'array' && typeof p === 'number' ? def.element : undefined;
  return next ? unwrap(next) : [];
}

/** The field names an object at `path` inside a value of `schema` may have (for "did you mean"). */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let schemas = unwrap(schema);
  for (const p of path) schemas = schemas.flatMap((s) => stepInto(s, p));
  return [...new Set(schemas.flatMap((s) => (defOf(s).type === 'object' ? Object.keys(defOf(s).shape ?? {}) : [])))];
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v === 'number' ? 'the number' : typeof v} ${String(v)}`;
}

const TYPE_NAMES: Record<string, string> = { string: 'a text in quotes', number: 'a number', boolean: 'true or false', array: 'a list [...]', object: 'an object {...}', int: 'a whole number' };

/** A zod issue in the format's words, at the path it is about. */
function issueProblems(issue: z.core.$ZodIssue, entry: unknown, schema: z.ZodType, base: Path): { path: Path; message: string; key?: boolean }[] {
  const path = [...base, ...(issue.path as Path)];
  const input = valueAt(entry, issue.path as Path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(schema, issue.path as Path);
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"${didYouMean(key, known)}`, key: true }));
    }
    case 'invalid_type':
      if (input === undefined) return [{ path, message: `"${String(issue.path.at(-1))}" is missing` }];
      return [{ path, message: `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(input)}` }];
    case 'invalid_value': {
      const hint = typeof input === 'string' ? didYouMean(input, issue.values.map(String)) : '';
      return [{ path, message: `${issue.message}, not ${describeValue(input)}${hint}` }];
    }
    case 'invalid_union':
      return [{ path, message: `${issue.message}, not ${describeValue(input)}` }];
    case 'too_small':
      if (issue.origin === 'string') return [{ path, message: 'must not be empty' }];
      return [{ path, message: issue.message.startsWith('Too small') ? `must be at least ${String(issue.minimum)}` : issue.message }];
    case 'too_big':
      return [{ path, message: issue.message.startsWith('Too big') ? `must be at most ${String(issue.maximum)}` : issue.message }];
    case 'invalid_format':
      return [{ path, message: issue.message.startsWith('Invalid') ? `invalid ${issue.format}` : issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Checks of a fact that its schema cannot express: a date value for a date fact, a unit where one is needed. */
function factProblems(fact: Fact): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  const needsUnit = fact.type === 'duration' || fact.type === 'count' || fact.type === 'spec';
  if (needsUnit && fact.unit === undefined)
    out.push({ path: ['unit'], message: `a ${fact.type} fact needs a unit${fact.type === 'duration' ? ` (${[...DURATION_UNITS.keys()].filter((u) => u.endsWith('s')).map((u) => `"${u}"`).join(', ')})` : ''}` });
  else if (fact.type === 'duration' && !DURATION_UNITS.has(fact.unit!))
    out.push({ path: ['unit'], message: `unknown unit of time "${fact.unit}"${didYouMean(fact.unit!, DURATION_UNITS.keys())}` });
  else if (!needsUnit && fact.unit !== undefined) out.push({ path: ['unit'], message: `a ${fact.type} fact has no unit: remove "unit"` });
  fact.assertions.forEach((a, i) => {
    const isDate = typeof a.value === 'object' && 'year' in a.value;
    if (isDate !== (fact.type === 'date'))
      out.push({ path: ['assertions', i, 'value'], message: fact.type === 'date' ? 'a date fact\'s value is a date like {"year": 2026, "quarter": 3}' : `a ${fact.type} fact's value is a number, not a date` });
    else if (typeof a.value === 'object' && 'min' in a.value && a.value.min > a.value.max)
      out.push({ path: ['assertions', i, 'value'], message: `"min" (${a.value.min}) is above "max" (${a.value.max})` });
  });
  return out;
}

function emptyContent(): LoadedFile['content'] {
  return {
    version: 1,
    sources: [],
    entities: [],
    relations: [],
    qualifiers: [],
    units: [],
    facts: [],
    extend: { entities: [], relations: [], qualifiers: [], facts: [] },
    override: { relations: [], qualifiers: [] },
  };
}

/** One file being loaded: what it has kept and rejected so far, and where its fields are. */
class FileLoad {
  readonly content = emptyContent();
  readonly rejected = Object.fromEntries(SECTION_NAMES.map((s) => [s, new Set<string>()])) as LoadedFile['rejected'];
  /**
   * Each list of entries validated: where it is, its kept entries, and, when some were rejected,
   * the index in the file of each kept one (a kept entry's index is its place in the list
   * otherwise). An entry's path is worked out from them when asked for (see pathOf), not kept:
   * a path for each of a hundred thousand entries, held to the end of the merge, was a sixth of
   * a large load's memory, for problems that are nearly never found.
   */
  readonly lists: { path: Path; kept: readonly object[]; from: number; indexes: readonly number[] | undefined }[] = [];
  readonly problems: KbProblem[] = [];
  /** The file's strings, each once (fast-parse.ts): the entries kept share them; the map goes with the load. */
  readonly strings: Interned = new Map();
  /** Worked out for the first problem: a valid file of a hundred thousand lines never needs them. */
  private lines?: number[];
  parsed?: Parsed;

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {}

  private get starts(): number[] {
    return (this.lines ??= lineStarts(this.text));
  }

  /** A problem at the value of `path`, or at its field name with `key`. */
  at(path: Path, message: string, key?: boolean): void {
    const { start, end } = this.parsed ? this.parsed.locate(path, key) : { start: 0, end: 0 };
    this.problems.push(problemAt(this.file, this.starts, start, end, path, message));
  }

  atOffset(start: number, end: number, path: Path, message: string): void {
    this.problems.push(problemAt(this.file, this.starts, start, end, path, message));
  }

  lineOf(path: Path): number {
    return positionAt(this.starts, this.parsed ? this.parsed.locate(path).start : 0).line + 1;
  }

  /**
   * The file as loaded. The parsed data is not kept (the entries kept are the schema's copies),
   * nor this load's working state (its strings map); the text only with `keepText`, for the
   * problems found later (see LoadedFile.locate).
   */
  result(keepText = true): LoadedFile {
    this.problems.sort((a, b) => a.line - b.line || a.character - b.character);
    const { file, content, rejected, problems, lists } = this;
    const positions = keepText ? textPositions(file, this.text, this.parsed?.locate, this.lines) : undefined;
    this.parsed = undefined;
    return loadedFile({ file, content, rejected, problems }, pathsOf(lists), positions);
  }
}

/** An entry's path in its file, from the lists it was kept in (see FileLoad.lists): each entry's worked out on the first question. */
function pathsOf(lists: FileLoad['lists']): LoadedFile['pathOf'] {
  let paths: Map<object, Path> | undefined;
  return (entry) => {
    if (!paths) {
      paths = new Map();
      for (const { path, kept, from, indexes } of lists) for (let k = 0; from + k < kept.length; k++) paths.set(kept[from + k], [...path, indexes ? indexes[k] : k]);
    }
    return paths.get(entry) ?? [];
  };
}

/** Where a path of a file sits in its text: `locateIn` finds its offsets (none: the file's start); `lines`, if worked out already. */
function textPositions(file: string, text: string, locateIn: Parsed['locate'] | undefined, lines?: number[]): (path: Path) => Range {
  let starts = lines;
  return (path) => {
    const { start, end } = locateIn ? locateIn(path) : { start: 0, end: 0 };
    const { file: _f, field: _p, message: _m, ...range } = problemAt(file, (starts ??= lineStarts(text)), start, end, path, '');
    return range;
  };
}

/** A file's position of nothing: what a file without its text can say. */
const FILE_START: Range = { line: 0, character: 0, endLine: 0, endCharacter: 0 };

/** A loaded file whose `locate` answers from `positions`, or, without them, notes that it could not (LoadedFile.positionsLost). */
function loadedFile(parts: Omit<LoadedFile, 'pathOf' | 'locate' | 'positionsLost'>, pathOf: LoadedFile['pathOf'], positions: ((path: Path) => Range) | undefined): LoadedFile {
  let lost = false;
  return {
    ...parts,
    pathOf,
    locate(path) {
      if (positions) return positions(path);
      lost = true;
      return FILE_START;
    },
    get positionsLost() {
      return lost;
    },
  };
}

/**
 * A file loaded without its text (`keepText: false`), with positions again from its text: for the
 * problems found when the files are merged, which a large load's text was let go before.
 * `text` must be the one it was loaded from.
 */
export function withText(loaded: LoadedFile, text: string): LoadedFile {
  const { pathOf, locate: _locate, positionsLost: _lost, ...parts } = loaded;
  const locateIn = isYaml(loaded.file) ? parseYaml(text).locate : jsonTree(text).locate;
  return loadedFile(parts, pathOf, textPositions(loaded.file, text, locateIn));
}

function isYaml(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** The file's top level: the version, known sections, and "extend" and "override" as objects of lists. */
function checkFrame(load: FileLoad, data: Record<string, unknown>): void {
  if (!Object.hasOwn(data, 'version')) load.at([], '"version": 1 is missing');
  else if (data.version !== 1) load.at(['version'], `expected "version": 1, not ${describeValue(data.version)}`);
  if (Object.hasOwn(data, '$schema') && typeof data.$schema !== 'string') load.at(['$schema'], `expected a text in quotes, not ${describeValue(data.$schema)}`);
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.includes(key)) load.at([key], `unknown section "${key}"${didYouMean(key, TOP_LEVEL_KEYS)}`, true);
  }
  for (const [group, keys] of Object.entries(GROUP_KEYS)) {
    if (!Object.hasOwn(data, group)) continue;
    const value = data[group];
    if (!isRecord(value)) load.at([group], `expected an object with ${keys.map((k) => `"${k}"`).join(', ')}, not ${describeValue(value)}`);
    else for (const key of Object.keys(value)) if (!keys.includes(key)) load.at([group, key], `unknown section "${key}"${didYouMean(key, keys)}`, true);
  }
}

type EntryList = (typeof ENTRY_LISTS)[number];

/** The problems of one entry: its schema's, then, for a valid fact, the checks the schema cannot express. */
function entryProblems(list: EntryList, entry: unknown, base: Path, strings: Interned): { problems: { path: Path; message: string; key?: boolean }[]; value?: object } {
  // A valid entry (nearly all of them) never reaches zod, whose issues are worded below.
  const fast = list.fast(entry, strings);
  const parsed = fast !== undefined ? { success: true as const, data: fast } : list.schema.safeParse(entry);
  if (!parsed.success) return { problems: parsed.error.issues.flatMap((issue) => issueProblems(issue, entry, list.schema, base)) };
  const problems = list.section === 'facts' ? factProblems(parsed.data as Fact).map((p) => ({ path: [...base, ...p.path], message: p.message })) : [];
  return { problems, value: parsed.data as object };
}

/** Validates one list of entries, keeping the valid ones. */
function loadList(load: FileLoad, list: EntryList, entries: unknown[]): void {
  const [group, name] = list.path;
  const target = (name === undefined ? load.content[group as SectionName] : (load.content[group as 'extend' | 'override'] as Record<string, unknown[]>)[name]) as object[];
  const ids = new Map<string, number>();
  const start = target.length;
  const indexes: number[] = [];
  entries.forEach((entry, i) => {
    const base: Path = [...list.path, i];
    const { problems, value } = entryProblems(list, entry, base, load.strings);
    // One problem per field: a union's alternatives each complain about the same value.
    const seen = new Set<string>();
    for (const p of problems) {
      const field = formatPath(p.path);
      if (!seen.has(field)) load.at(p.path, p.message, p.key);
      seen.add(field);
    }
    const entryId = isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    if (list.section && entryId !== undefined) {
      const first = ids.get(entryId);
      if (first !== undefined) {
        load.at([...base, 'id'], `duplicate id "${entryId}": ${formatPath([...list.path, first])} (line ${load.lineOf([...list.path, first])}) has it too`);
        return;
      }
      ids.set(entryId, i);
      if (problems.length) load.rejected[list.section].add(entryId);
    }
    if (problems.length || !value) return;
    target.push(value);
    indexes.push(i);
  });
  // The kept entries' indexes are their places unless some entry was rejected.
  load.lists.push({ path: list.path, kept: target, from: start, indexes: indexes.some((index, k) => index !== k) ? indexes : undefined });
}

export interface LoadOptions {
  /**
   * Keep the text, so that problems found later (when files are merged) have positions: the
   * default. A large load lets each file's text go once it is read (100,000 assertions' files
   * are 130 MB of strings), and gives a text back with `withText` should a problem need it.
   */
  keepText?: boolean;
}

/** Parses and validates one file's text. YAML when the name ends in .yaml/.yml, JSON otherwise. */
export function loadKnowledgeBaseText(file: string, text: string, options: LoadOptions = {}): LoadedFile {
  const keepText = options.keepText !== false;
  const yaml = isYaml(file);
  const load = new FileLoad(file, text);
  // The JSON scan counts the members too, for parseJson.
  const scan = yaml ? undefined : scanJson(text);
  const deep = scan ? scan.tooDeep : tooDeepAt(text, true);
  if (deep !== undefined) {
    load.atOffset(deep, deep + 1, [], `nested more than ${MAX_NESTING_DEPTH} levels deep; a knowledge base needs 5`);
    return load.result(keepText);
  }
  try {
    load.parsed = scan ? parseJson(text, scan.members) : parseYaml(text);
  } catch {
    // The scan above makes this unreachable in practice; a parser failure is still a problem, not a crash.
    load.atOffset(0, 0, [], `could not be read as ${yaml ? 'YAML' : 'JSON'}`);
    return load.result(keepText);
  }
  for (const s of load.parsed.syntax) load.atOffset(s.start, s.end, s.path, `invalid ${yaml ? 'YAML' : 'JSON'}: ${s.message}`);
  const data = load.parsed.data;
  if (load.problems.length) return load.result(keepText);
  if (!isRecord(data)) {
    load.at([], 'expected an object with "version", "sources", "entities", "relations", "qualifiers", "units" and "facts"');
    return load.result(keepText);
  }
  checkFrame(load, data);
  for (const list of ENTRY_LISTS) {
    const entries = valueAt(data, list.path);
    if (Array.isArray(entries)) loadList(load, list, entries);
    // A list under a group that is not an object was reported with the group.
    else if (entries !== undefined) load.at(list.path, `expected a list [...], not ${describeValue(entries)}`);
  }
  return load.result(keepText);
}
