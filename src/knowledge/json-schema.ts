/** The JSON Schema of knowledge base files, generated from the zod schema so the two cannot drift. */
import * as z from 'zod';
import { KnowledgeBaseFile } from './schema';

export function knowledgeBaseJsonSchema(): string {
  const schema = z.toJSONSchema(KnowledgeBaseFile, { io: 'input', target: 'draft-7' });
  return JSON.stringify({ ...schema, title: 'dealcheck knowledge base (*.dealkb.json)' }, null, 2) + '\n';
}
