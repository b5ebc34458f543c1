/**
 * The loader's fast path (src/knowledge/fast-parse.ts) accepts only what zod accepts, and gives
 * exactly zod's value (the same fields in the same order, defaults filled in): checked on every
 * entry of the bundled knowledge base and on many small changes of them, valid and not.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { fastParser } from '../../../src/knowledge/fast-parse';
import { Assertion, Entity, EntityExtension, Fact, FactExtension, KeywordExtension, Qualifier, Relation, Source, Unit } from '../../../src/knowledge/schema';

const bundled = JSON.parse(readFileSync(join(__dirname, '../../../src/knowledge/bundled/dealcheck.dealkb.json'), 'utf8'));

/** A seeded generator (mulberry32): the same changes on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values a field may be changed to: of every kind, valid for some fields and not for others. */
const REPLACEMENTS: unknown[] = [
  undefined, null, '', 'x', 'Bad Id', 'amazon', 'billion', 'exact', 'range', 'completed', ['completed'], [], ['x'], [''], 0, -1, 1.5, 2026, 1e300, 12,
  true, false, {}, { amount: 25 }, { amount: 25, scale: 'billion' }, { min: 1, max: 2 }, { year: 2026, quarter: 3 }, { year: 2026, month: 13 },
  'https://example.com/a', 'not a url', '2026-04', '2026-13', 'a'.repeat(401), { of: 'money', spellings: ['watt'] },
];

/** Every path to a value inside `v`. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [at];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}

/** A copy of `entry` with the value at `path` replaced (or removed, for undefined), or a field added beside it. */
function changed(entry: unknown, path: (string | number)[], value: unknown, addKey?: string): unknown {
  const copy = structuredClone(entry);
  if (!path.length) return value;
  let parent = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (addKey !== undefined && typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) (parent[last] as Record<string, unknown>)[addKey] = value;
  else if (value === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;
  return copy;
}

function agrees(schema: z.ZodType, entry: unknown): void {
  const fast = fastParser(schema)(entry);
  const zod = schema.safeParse(entry);
  if (fast === undefined) return;
  assert.ok(zod.success, `the fast path accepted what zod rejects: ${JSON.stringify(entry)}`);
  assert.equal(JSON.stringify(fast), JSON.stringify(zod.data), `different values for ${JSON.stringify(entry)}`);
  assert.deepEqual(fast, zod.data);
}

const SECTIONS: [string, z.ZodType][] = [
  ['sources', Source],
  ['entities', Entity],
  ['relations', Relation],
  ['qualifiers', Qualifier],
  ['units', Unit],
  ['facts', Fact],
];

describe('the loader\'s fast path', () => {
  for (const [section, schema] of SECTIONS) {
    it(`accepts every bundled entry of ${section} as zod parses it`, () => {
      for (const entry of bundled[section]) {
        assert.notEqual(fastParser(schema)(entry), undefined, `not accepted: ${JSON.stringify(entry)}`);
        agrees(schema, entry);
      }
    });
    it(`never accepts what zod rejects, nor gives another value, in ${section} changed field by field`, () => {
      const random = seeded(section.length * 7919);
      for (const entry of bundled[section]) {
        for (const path of paths(entry)) {
          for (let n = 0; n < 4; n++) {
            const value = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
            agrees(schema, changed(entry, path, value));
            agrees(schema, changed(entry, path, value, random() < 0.5 ? 'scale' : 'hedg'));
          }
        }
      }
    });
  }
  it('agrees with zod on the extensions and on assertions alone', () => {
    const fact = bundled.facts[0];
    const cases: [z.ZodType, unknown][] = [
      [EntityExtension, { id: 'amazon', aliases: ['Amazon.com'] }],
      [EntityExtension, { id: 'amazon', aliases: [] }],
      [KeywordExtension, { id: 'invest', keywords: ['backing'] }],
      [FactExtension, { id: fact.id }],
      [FactExtension, { id: fact.id, keywords: ['x'], assertions: fact.assertions }],
      [Source, { id: 's', file: 'f.txt', title: 'T', url: 'https://example.com' }],
      [Source, { id: 's', file: 'f.txt', title: 'T', url: 'nope' }],
      [Assertion, { source: 's', value: { year: 2026, half: 2 }, quote: 'q', status: ['offered', 'rejected'] }],
      [Assertion, { source: 's', value: Infinity, quote: 'q' }],
      [Assertion, Object.assign(Object.create(null), { source: 's', value: 1, quote: 'q' })],
      [Assertion, new Map([['source', 's']])],
    ];
    for (const [schema, entry] of cases) agrees(schema, entry);
    assert.notEqual(fastParser(Assertion)(cases[7][1]), undefined);
  });
});

describe('the fast path\'s strings, one per text for a load', () => {
  /** Every string inside `v`. */
  const stringsIn = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : typeof v === 'object' && v !== null ? Object.values(v).flatMap(stringsIn) : [];
  const rows: [section: string, schema: z.ZodType][] = [
    ['sources', Source],
    ['entities', Entity],
    ['facts', Fact],
  ];
  for (const [section, schema] of rows)
    it(`${section}: zod's values, parsed twice with one map of strings; the map holds each text the entries say, once`, () => {
      const strings = new Map<string, string>();
      const parse = fastParser(schema);
      for (const round of [1, 2])
        for (const entry of bundled[section]) assert.deepEqual(parse(structuredClone(entry), strings), schema.parse(entry), `round ${round}`);
      const texts = new Set((bundled[section] as unknown[]).flatMap(stringsIn));
      // Enum values (a fact's type, a hedge) are the schema's own strings, never the map's.
      for (const s of strings.keys()) assert.ok(texts.has(s), s);
      for (const [k, v] of strings) assert.equal(k, v);
    });
});
