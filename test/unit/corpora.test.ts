/**
 * Every labelled corpus of test/corpora.json meets its bar: precision and recall of conflicts,
 * citation coverage (of the labelled fact, when a label names it) and open-world errors (silent
 * figures that got a finding). A corpus that cannot be scored fails with the reason.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { checkCorpus, corpusDir, loadManifest, roundOf, scoreOf } from '../support/corpora';
import { formatScore } from '../support/scorer';

describe('labelled corpora', () => {
  for (const corpus of loadManifest()) {
    const { bar } = corpus;
    it(`${corpus.name}: precision ≥ ${bar.precision}, recall ≥ ${bar.recall}, citations ≥ ${bar.coverage}, open-world errors ≤ ${bar.openWorldErrors}`, () => {
      for (const file of readdirSync(corpusDir(corpus)).filter((f) => f.endsWith('.md'))) roundOf(corpus, file);
      const s = scoreOf(checkCorpus(corpus));
      const report = `${formatScore(s)}\n${s.mistakes.join('\n')}`;
      assert.ok(s.precision >= bar.precision, report);
      assert.ok(s.recall >= bar.recall, report);
      assert.ok(s.coverage >= bar.coverage, report);
      assert.ok(s.openWorldErrorRate <= bar.openWorldErrors, report);
    });
  }
});
