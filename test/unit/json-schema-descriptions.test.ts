/** Completion in a *.dealkb.json file teaches the format: every field of the JSON Schema has a description. */
import assert from 'node:assert/strict';
import { knowledgeBaseJsonSchema } from '../../src/knowledge/json-schema';

interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
}

/** Paths of the fields without a description, through lists and alternatives. */
function undescribed(s: Schema, path: string): string[] {
  const out: string[] = [];
  for (const [key, field] of Object.entries(s.properties ?? {})) {
    if (!field.description) out.push(`${path}.${key}`);
    out.push(...undescribed(field, `${path}.${key}`));
  }
  if (s.items) out.push(...undescribed(s.items, `${path}[]`));
  for (const alternative of s.anyOf ?? []) out.push(...undescribed(alternative, path));
  return out;
}

describe('schemas/dealkb.schema.json descriptions', () => {
  it('describe every field', () => {
    assert.deepEqual(undescribed(JSON.parse(knowledgeBaseJsonSchema()), ''), []);
  });
});
