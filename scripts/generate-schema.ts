// Writes schemas/dealkb.schema.json from the zod schema (npm run schema). A unit test fails when
// the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeBaseJsonSchema } from '../src/knowledge/json-schema';

writeFileSync(join(__dirname, '../schemas/dealkb.schema.json'), knowledgeBaseJsonSchema());
