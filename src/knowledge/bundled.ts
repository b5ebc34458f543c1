/** The knowledge base that ships with dealcheck, curated from the five source articles. */
import bundledJson from './bundled/dealcheck.dealkb.json';
import { type LoadedFile, loadKnowledgeBaseText } from './loader';

export const BUNDLED_KB_NAME = 'dealcheck.dealkb.json (bundled)';

let cached: LoadedFile | undefined;

export function bundledKnowledgeBase(): LoadedFile {
  cached ??= loadKnowledgeBaseText(BUNDLED_KB_NAME, JSON.stringify(bundledJson, null, 2));
  return cached;
}
