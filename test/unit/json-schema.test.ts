import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeBaseJsonSchema } from '../../src/knowledge/json-schema';

describe('schemas/dealkb.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` after changing src/knowledge/schema.ts)', () => {
    const committed = readFileSync(join(__dirname, '../../schemas/dealkb.schema.json'), 'utf8');
    assert.equal(committed, knowledgeBaseJsonSchema());
  });
});
