/**
 * A fast path for the schema's common case: an entry that is valid as written. zod validates a
 * hundred thousand assertions in over half a second, with an object per field for its issues;
 * this parser, compiled once from the same schemas, checks a valid entry with plain loops and
 * builds the value zod would (fields in the schema's order, defaults filled in). It only ever
 * accepts what zod accepts: anything it cannot vouch for goes to zod, so every message about a
 * bad entry is still zod's, in the loader's words.
 */
import type { z } from 'zod';

/** The value is not of this schema (zod would reject it too): in a union, the next option is tried. */
const NO: unique symbol = Symbol('not of the schema');
/** The value may or may not be of this schema (a URL, an object of another class): only zod can say. */
const UNSURE: unique symbol = Symbol('only zod can say');

type Outcome = unknown;
/**
 * The strings read so far, each by itself: a file repeats the same relation ids, notes and table
 * rows thousands of times, and JSON.parse gives each occurrence a string of its own. With 100,000
 * assertions the repeats were 26 MB of a 57 MB total.
 */
export type Interned = Map<string, string>;
type Parse = (input: unknown, strings: Interned) => Outcome;

/** The parts of zod's schema definitions this parser reads. */
interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
  defaultValue?: unknown;
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { def: Def }).def;
}

const unsure: Parse = () => UNSURE;

/** A check zod runs on a string, an array's length or a number; undefined for one this parser does not know. */
function checkOf(c: CheckDef): ((v: never) => boolean) | undefined {
  switch (c.check) {
    case 'min_length':
      return (v: { length: number }) => v.length >= c.minimum!;
    case 'max_length':
      return (v: { length: number }) => v.length <= c.maximum!;
    case 'string_format':
      return c.format === 'regex' && c.pattern ? (v: string) => ((c.pattern!.lastIndex = 0), c.pattern!.test(v)) : undefined;
    case 'number_format':
      return c.format === 'safeint' ? (v: number) => Number.isSafeInteger(v) : undefined;
    case 'greater_than':
      return c.inclusive ? (v: number) => v >= c.value! : (v: number) => v > c.value!;
    case 'less_than':
      return c.inclusive ? (v: number) => v <= c.value! : (v: number) => v < c.value!;
    default:
      return undefined;
  }
}

/** A value of the right kind passes its checks, or is no value of the schema; a check this parser does not know leaves it to zod. */
function withChecks(def: Def, isKind: (v: unknown) => boolean): (input: unknown) => Outcome {
  const checks = (def.checks ?? []).map((c) => checkOf(c._zod.def));
  if (checks.some((c) => c === undefined)) return (v) => (isKind(v) ? UNSURE : NO);
  const known = checks as ((v: unknown) => boolean)[];
  return (v) => (isKind(v) && known.every((check) => check(v)) ? v : NO);
}

/** Plain data as JSON and YAML give it: anything else (a Map, a Date) is left to zod. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function arrayParser(def: Def): Parse {
  const element = compile(def.element!);
  const length = withChecks(def, Array.isArray);
  return (input, strings) => {
    const checked = length(input);
    if (checked === NO || checked === UNSURE) return checked;
    const list = input as unknown[];
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) {
      const v = element(list[i], strings);
      if (v === NO || v === UNSURE) return v;
      out[i] = v;
    }
    return out;
  };
}

/** zod's first option that accepts the value gives its output: an option this parser is unsure of stops the search. */
function unionParser(def: Def): Parse {
  const options = def.options!.map(compile);
  return (input, strings) => {
    for (const option of options) {
      const v = option(input, strings);
      if (v !== NO) return v;
    }
    return NO;
  };
}

/** One field of an object: how it is read when present, and what an absent one gives. */
interface Field {
  key: string;
  parse: Parse;
  /** An absent field: left out (optional), its default (default), or the object is no value of the schema. */
  absent: 'omit' | 'default' | 'no';
  defaultOf?: Def;
}

function fieldOf(key: string, schema: z.ZodType): Field {
  const def = defOf(schema);
  if (def.type === 'optional') return { key, parse: compile(def.innerType!), absent: 'omit' };
  if (def.type === 'default') return { key, parse: compile(def.innerType!), absent: 'default', defaultOf: def };
  return { key, parse: compile(schema), absent: 'no' };
}

/** A field's value as zod gives it, written into `out`; NO or UNSURE when there is none. */
function readField(f: Field, input: Record<string, unknown>, out: Record<string, unknown>, strings: Interned): typeof NO | typeof UNSURE | undefined {
  if (!Object.hasOwn(input, f.key)) {
    if (f.absent === 'no') return NO;
    // zod reads the getter each time: a default list is a fresh copy per entry.
    if (f.absent === 'default') out[f.key] = f.defaultOf!.defaultValue;
    return undefined;
  }
  const given = input[f.key];
  // Written but undefined (no JSON or YAML does this): zod's rules for it are its own.
  if (given === undefined) return UNSURE;
  const v = f.parse(given, strings);
  if (v === NO || v === UNSURE) return v;
  out[f.key] = v;
  return undefined;
}

/** A strict object (unknown fields are errors) or a stripping one; fields in the schema's order, as zod writes them. */
function objectParser(def: Def): Parse {
  const catchall = def.catchall ? defOf(def.catchall).type : undefined;
  // A refinement of the whole object ("aliases or descriptions") is zod's to check.
  if ((catchall !== undefined && catchall !== 'never') || def.checks?.length) return unsure;
  const fields = Object.entries(def.shape ?? {}).map(([key, s]) => fieldOf(key, s));
  const known = new Set(fields.map((f) => f.key));
  const strict = catchall === 'never';
  return (input, strings) => {
    if (!isPlainObject(input)) return typeof input === 'object' && input !== null && !Array.isArray(input) ? UNSURE : NO;
    // Fields zod reads through the prototype ("toString" in {}) are none of a knowledge base's.
    if (strict) for (const k in input) if (!known.has(k)) return NO;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const failed = readField(f, input, out, strings);
      if (failed !== undefined) return failed;
    }
    return out;
  };
}

const isString = (v: unknown) => typeof v === 'string';

/** A string parser whose strings are each the first of their text this load read. */
function internedString(parse: Parse): Parse {
  return (input, strings) => {
    const v = parse(input, strings);
    if (typeof v !== 'string') return v;
    const known = strings.get(v);
    if (known !== undefined) return known;
    strings.set(v, v);
    return v;
  };
}
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function compile(schema: z.ZodType): Parse {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return objectParser(def);
    case 'array':
      return arrayParser(def);
    case 'union':
      return unionParser(def);
    case 'string':
      return internedString(withChecks(def, isString));
    case 'number':
      return withChecks(def, isNumber);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : NO);
    case 'enum': {
      // The schema's own string for each value: one string however often a file says it.
      const values = new Map(Object.values(def.entries ?? {}).map((v) => [v, v]));
      return (v) => values.get(v) ?? NO;
    }
    case 'literal': {
      const values = new Set(def.values ?? []);
      return (v) => (values.has(v) ? v : NO);
    }
    default:
      // Optional and default values are handled as fields; anything else is zod's.
      return unsure;
  }
}

/**
 * The schema's parser for values it can vouch for: what zod's `parse` would return for a valid
 * value, or undefined when only zod can tell (an invalid value among them). Equal strings of the
 * values parsed with one `strings` map are one string.
 */
export function fastParser<T>(schema: z.ZodType<T>): (input: unknown, strings?: Interned) => T | undefined {
  const parse = compile(schema);
  return (input, strings = new Map()) => {
    const v = parse(input, strings);
    return v === NO || v === UNSURE ? undefined : (v as T);
  };
}
