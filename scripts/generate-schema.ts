// Writes schemas/dealkb.schema.json from the zod schema (npm run schema). A unit test fails when
// the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { knowledgeBaseJsonSchema } from '../src/knowledge/json-schema';

writeFileSync(new URL('../schemas/dealkb.schema.json', import.meta.url), knowledgeBaseJsonSchema());
