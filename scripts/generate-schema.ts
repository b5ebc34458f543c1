// Writes what is generated from the zod schemas (npm run schema): schemas/dealkb.schema.json from
// the knowledge base schema, schemas/dealcheckrc.schema.json from the configuration's, and package.json's contributes.configuration from the settings
// schema. Unit tests fail when the committed files differ from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeBaseJsonSchema } from '../src/knowledge/json-schema';
import { configurationContribution } from '../src/server/settings';
import { configJsonSchema } from '../src/config/schema';

const root = join(__dirname, '..');
writeFileSync(join(root, 'schemas/dealkb.schema.json'), knowledgeBaseJsonSchema());
writeFileSync(join(root, 'schemas/dealcheckrc.schema.json'), configJsonSchema());

const pkgPath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
pkg.contributes.configuration = { title: 'dealcheck', properties: configurationContribution() };
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
