/** What `dealcheck explain` says a figure's verdict is, a check reports, on every draft of the project's corpora. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../src/diagnostics/engine';
import { explainDocument } from '../../src/diagnostics/explain';
import { loadKnowledgeBase } from '../../src/knowledge';

const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
const corpora = ['test/corpus', 'test/corpus-varied'].map((d) => join(__dirname, '../..', d));

describe('explain agrees with the check', () => {
  for (const dir of corpora) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      it(`${dir.split('/').pop()}/${name}`, () => {
        const text = readFileSync(join(dir, name), 'utf8');
        const checked = checkDocument(text, kb, { includeSupported: true, withFixes: false }).findings.map((f) => [
          f.range.start.line, f.range.start.character, f.kind, f.fact,
        ]);
        const explained = explainDocument(text, kb)
          .filter((e) => e.verdict !== 'silent')
          .map((e) => [e.range.start.line, e.range.start.character, e.verdict, e.fact]);
        assert.deepEqual(explained, checked);
      });
    }
  }
});
