/**
 * The engine keeps a block's result by what it reads of the paragraph before it
 * (src/diagnostics/context/context-key.ts): two paragraphs with the same key must give every
 * block of the corpora that takes one the same result.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contextKey } from '../../../src/diagnostics/context/context-key';
import { DocumentChecker, checkBlock } from '../../../src/diagnostics/engine';
import { loadKnowledgeBase } from '../../../src/knowledge';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const root = join(__dirname, '../../..');

/** Changes to a paragraph that leave whom its last naming sentence names, its caption's scale and its rate as they were. */
const VARIANTS: ((previous: string) => string)[] = [(p) => `Some words come first. ${p}`];
/** Other paragraphs of the corpora with the same key each block is checked after, at most. */
const OTHERS = 1;

/** Every block of the corpora that takes the paragraph before, and the distinct paragraphs before any block, by key. */
function corpusContexts(dirs: string[]): { blocks: { file: string; text: string; previous: string; topic: readonly string[] }[]; byKey: Map<string, Set<string>> } {
  const blocks = dirs.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.md'))
      .flatMap((file) => new DocumentChecker(kb).blockContexts(readFileSync(join(root, dir, file), 'utf8')).flatMap(({ text, previous, topic }) => (previous === undefined ? [] : [{ file, text, previous, topic }]))),
  );
  const seen = new Set<string>();
  const distinct = blocks.filter((b) => !seen.has(`${b.text}\u0000${b.previous}`) && !!seen.add(`${b.text}\u0000${b.previous}`));
  const byKey = new Map<string, Set<string>>();
  for (const { previous } of distinct) {
    const key = contextKey(previous, kb);
    if (!byKey.has(key)) byKey.set(key, new Set());
    byKey.get(key)!.add(previous);
  }
  return { blocks: distinct, byKey };
}

describe('contextKey', () => {
  it('names the parties, the scale, the rate, the frames, the question and the measure a block reads', () => {
    assert.notEqual(contextKey('AWS leads on AI revenue.', kb), contextKey('AWS leads on revenue.', kb));
    assert.notEqual(contextKey('Amazon invested in Anthropic.', kb), contextKey('Google invested in Anthropic.', kb));
    assert.notEqual(contextKey('Sizes in $ billions.', kb), contextKey('Sizes in $ millions.', kb));
    assert.notEqual(contextKey('Cost per million tokens:', kb), contextKey('Cost per chip:', kb));
    assert.notEqual(contextKey('**DANA:** Over what period is that spend?', kb), contextKey('**DANA:** How much is that spend?', kb));
    // The measure of its last sentence with a figure: "Azure follows at 24%" after it is a share, or AI revenue growth.
    assert.notEqual(contextKey('AWS leads the cloud market with a 33% share.', kb), contextKey('AWS leads on AI revenue growth at 35%.', kb));
    assert.equal(contextKey('Amazon invested in Anthropic. The money is back-loaded.', kb), contextKey('Amazon invested in Anthropic. The money is late.', kb));
  });

  it('the corpora: a block given paragraphs with one key reads the same', () => {
    const { blocks, byKey } = corpusContexts(['test/corpus', 'test/corpus-varied']);
    let compared = 0;
    for (const { file, text, previous, topic } of blocks) {
      const result = checkBlock(text, kb, previous, topic);
      const others = [...byKey.get(contextKey(previous, kb))!].filter((p) => p !== previous).slice(0, OTHERS);
      const variants = VARIANTS.map((v) => v(previous)).filter((v) => contextKey(v, kb) === contextKey(previous, kb));
      for (const other of [...others, ...variants]) {
        assert.deepEqual(checkBlock(text, kb, other, topic), result, `${file}: ${text.slice(0, 60)} after ${JSON.stringify(other.slice(0, 60))}`);
        compared++;
      }
    }
    assert.ok(compared >= 100, `only ${compared} comparisons`);
  });
});
