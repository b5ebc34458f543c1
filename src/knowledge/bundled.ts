/** The knowledge base that ships with dealcheck, curated from the five source articles. */
import bundledJson from './bundled/dealcheck.dealkb.json';
import type { LoadedFile } from './loader';
import { KnowledgeBaseFile } from './schema';

export const BUNDLED_KB_NAME = 'dealcheck.dealkb.json (bundled)';

let cached: LoadedFile | undefined;

/**
 * Parsed with the schema but without the position-keeping loader: the tests check the bundled
 * file against the schema and its references, and the server starts faster without the detour.
 */
export function bundledKnowledgeBase(): LoadedFile {
  cached ??= {
    file: BUNDLED_KB_NAME,
    content: KnowledgeBaseFile.parse(bundledJson),
    problems: [],
    locate: () => ({ line: 0, character: 0, endLine: 0, endCharacter: 0 }),
  };
  return cached;
}
