/**
 * Knowledge bases to compare an index with the scan it replaces: the bundled one, the test
 * domains' and fixtures', and the bundled one with a few renamed copies of its facts (as
 * scripts/bench/large-kb.mjs builds the large one), so that values and qualifiers repeat across
 * parties as they do at scale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KnowledgeBase, knowledgeBaseFromTexts } from '../../src/knowledge/knowledge-base';
import { loadKnowledgeBase } from '../../src/knowledge';

const root = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The bundled file's sources, entities and facts under ids and names ending in `suffix`. */
function copyOf(bundled: any, suffix: string) {
  const id = (x: string) => `${x}-${suffix.toLowerCase()}`;
  return {
    version: 1,
    sources: bundled.sources.map((s: any) => ({ ...s, id: id(s.id) })),
    entities: bundled.entities.map((e: any) => ({
      ...e,
      id: id(e.id),
      name: `${e.name} ${suffix}`,
      ...(e.aliases ? { aliases: e.aliases.map((a: string) => `${a} ${suffix}`) } : {}),
      ...(e.family ? { family: id(e.family) } : {}),
    })),
    facts: bundled.facts.map((f: any) => ({
      ...f,
      id: id(f.id),
      subject: id(f.subject),
      ...(f.object ? { object: id(f.object) } : {}),
      assertions: f.assertions.map((a: any) => ({ ...a, source: id(a.source) })),
    })),
  };
}

/** Named knowledge bases, built once. */
export function knowledgeBasesToCompare(): [name: string, kb: KnowledgeBase][] {
  const bundledText = read('src/knowledge/bundled/dealcheck.dealkb.json');
  const bundled = JSON.parse(bundledText);
  const copies = ['Velorin', 'Trastik', 'Quonder'].map((s) => ({ file: `copy-${s}.dealkb.json`, text: JSON.stringify(copyOf(bundled, s)) }));
  const fixture = (path: string) => knowledgeBaseFromTexts([{ file: path, text: read(path) }]).kb;
  return [
    ['bundled', loadKnowledgeBase({ files: [], useBundled: true }).kb],
    ['bundled and three copies', loadKnowledgeBase({ files: copies.map((c) => ({ path: c.file, text: c.text })), useBundled: true }).kb],
    ['electric trucks', fixture('test/domains/electric-trucks/electric-trucks.dealkb.json')],
    ['matching fixture', fixture('test/fixtures/matching.dealkb.json')],
  ];
}
