/**
 * Every labelled corpus of test/corpora.json meets its bar: precision and recall of conflicts,
 * citation coverage (of the labelled fact, when a label names it) and open-world errors (silent
 * figures that got a finding). A corpus that cannot be scored fails with the reason.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { checkCorpus, corpusDir, loadManifest, roundOf, scoreOf } from '../support/corpora';
import { formatScore } from '../support/scorer';

/**
 * Checking a corpus is work in proportion to its drafts (186 in test/corpus-open), not a measure
 * of speed: a loaded machine took over the suite's 20 s for it, so the suite allows this much.
 */
const CORPUS_TIMEOUT_MS = 180_000;

describe('labelled corpora', function () {
  this.timeout(CORPUS_TIMEOUT_MS);
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
