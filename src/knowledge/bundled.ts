/** The knowledge base that ships with dealcheck, curated from the five source articles. */
import bundledJson from './bundled/dealcheck.dealkb.json';
import type { LoadedFile } from './loader';
import { SECTION_NAMES } from './loader';
import { KnowledgeBaseFile } from './schema';

export const BUNDLED_KB_NAME = 'dealcheck.dealkb.json (bundled)';

let cached: LoadedFile | undefined;

/**
 * Parsed with the schema but without the position-keeping loader: the tests (and `dealcheck kb
 * check`) check the bundled file through the loader, and the server starts faster without it.
 */
export function bundledKnowledgeBase(): LoadedFile {
  if (cached) return cached;
  const content = KnowledgeBaseFile.parse(bundledJson);
  const paths = new Map<object, (string | number)[]>();
  for (const section of SECTION_NAMES) (content[section] as object[]).forEach((entry, i) => paths.set(entry, [section, i]));
  cached = {
    file: BUNDLED_KB_NAME,
    description: 'the bundled knowledge base',
    content: {
      ...content,
      extend: content.extend ?? { entities: [], relations: [], qualifiers: [], facts: [] },
      override: content.override ?? { relations: [], qualifiers: [] },
    },
    rejected: Object.fromEntries(SECTION_NAMES.map((s) => [s, new Set<string>()])) as LoadedFile['rejected'],
    problems: [],
    pathOf: (entry) => paths.get(entry) ?? [],
    locate: () => ({ line: 0, character: 0, endLine: 0, endCharacter: 0 }),
  };
  return cached;
}
