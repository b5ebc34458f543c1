// Writes what is generated from the zod schemas (npm run schema): schemas/dealkb.schema.json from
// the knowledge base schema, and package.json's contributes.configuration from the settings
// schema. Unit tests fail when the committed files differ from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeBaseJsonSchema } from '../src/knowledge/json-schema';
import { configurationContribution } from '../src/server/settings';

const root = join(__dirname, '..');
writeFileSync(join(root, 'schemas/dealkb.schema.json'), knowledgeBaseJsonSchema());

const pkgPath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
pkg.contributes.configuration = { title: 'dealcheck', properties: configurationContribution() };
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
