/** The shipped copy of the bundled knowledge base beside the Node server's bundle, for "go to the knowledge base entry". */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function bundledKnowledgeBaseFile(dir: string): string | undefined {
  for (const candidate of [join(dir, 'knowledge', 'dealcheck.dealkb.json'), join(dir, '../knowledge/bundled/dealcheck.dealkb.json')])
    if (existsSync(candidate)) return candidate;
  return undefined;
}
