/**
 * kb add on the five source articles: the candidates it proposes include every bundled assertion
 * of the article (the fact, the value, the quote), and, with the article's own assertions taken
 * out of the knowledge base, still every value with its quote.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asMarkdown, figureValue, proposeAssertions } from '../../../src/cli/kb/add-kb';
import { bundledUnits } from '../../support/units';
import { findFigures } from '../../../src/diagnostics/figures/find-figures';
import { loadKnowledgeBase } from '../../../src/knowledge';
import { buildKnowledgeBase } from '../../../src/knowledge/knowledge-base';
import { loadKnowledgeBaseText } from '../../../src/knowledge/loader';
import { Assertion, type Fact, KnowledgeBaseFile } from '../../../src/knowledge/schema';
import { assertionInterval } from '../../../src/knowledge/values';
import { findSourcesFolder } from '../source-texts';

const bundledPath = join(__dirname, '../../../src/knowledge/bundled/dealcheck.dealkb.json');
const bundledText = readFileSync(bundledPath, 'utf8');
const bundled = KnowledgeBaseFile.parse(JSON.parse(bundledText));

interface Candidate {
  fact: string;
  /** The candidate's fact, to read its value in (a known one, or the new fact proposed). */
  of: Fact;
  assertion: Assertion;
}

/** Every candidate assertion a proposal holds, under known facts and new ones. */
function candidates(file: ReturnType<typeof proposeAssertions>['file'], known: ReadonlyMap<string, Fact>): Candidate[] {
  const parsed = KnowledgeBaseFile.parse(file);
  return [
    ...(parsed.extend?.facts ?? []).flatMap((f) => f.assertions.map((a) => ({ fact: f.id, of: known.get(f.id)!, assertion: a }))),
    ...parsed.facts.flatMap((f) => f.assertions.map((a) => ({ fact: f.id, of: f, assertion: a }))),
  ];
}

/** Same value (in base units) and the same sentence, one quote holding the other (a bullet's line has no full stop). */
function proposes(c: Candidate, fact: Fact, a: Assertion): boolean {
  const x = assertionInterval(c.of, c.assertion);
  const y = assertionInterval(fact, a);
  const same = (p: number, q: number) => Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(q));
  return same(x.lo, y.lo) && same(x.hi, y.hi) && (c.assertion.quote.includes(a.quote) || a.quote.includes(c.assertion.quote));
}

describe('kb add on the source articles', function () {
  this.timeout(60_000);
  const folder = findSourcesFolder();
  const { kb } = loadKnowledgeBase({ files: [], useBundled: true });
  const known = new Map(kb.facts.map((f) => [f.fact.id, f.fact]));

  for (const source of bundled.sources) {
    const own = bundled.facts.flatMap((fact) => fact.assertions.filter((a) => a.source === source.id).map((a) => ({ fact, a })));

    it(`${source.id}: proposes every one of its ${own.length} bundled assertions under its fact`, function () {
      if (!folder) this.skip();
      const article = readFileSync(join(folder!, source.file), 'utf8');
      const found = candidates(proposeAssertions(article, kb, source).file, known);
      const missing = own.filter(({ fact, a }) => !found.some((c) => c.fact === fact.id && proposes(c, fact, a)));
      assert.deepEqual(missing.map(({ fact, a }) => `${fact.id}: ${a.quote}`), []);
    });

    it(`${source.id}: with its own assertions taken out, still proposes each value with its quote`, function () {
      if (!folder) this.skip();
      const raw = JSON.parse(bundledText);
      raw.facts = raw.facts
        .map((f: Fact) => ({ ...f, assertions: f.assertions.filter((a) => a.source !== source.id) }))
        .filter((f: Fact) => f.assertions.length);
      const { kb: without, problems } = buildKnowledgeBase([loadKnowledgeBaseText('without.dealkb.json', JSON.stringify(raw))]);
      assert.deepEqual(problems, []);
      const article = readFileSync(join(folder!, source.file), 'utf8');
      const found = candidates(proposeAssertions(article, without, source).file, new Map(without.facts.map((f) => [f.fact.id, f.fact])));
      const missing = own.filter(({ fact, a }) => !found.some((c) => proposes(c, fact, a)));
      assert.deepEqual(missing.map(({ fact, a }) => `${fact.id}: ${a.quote}`), []);
    });
  }
});

describe('kb add: reading an article', () => {
  it('keeps every line of the article, so quotes stay verbatim, and maps offsets back', () => {
    const article = 'Title\nFirst line.\n| a | b |\n|---|---|\n| 1 | 2 |\nLast.';
    const { text, toArticle } = asMarkdown(article);
    assert.equal(text, 'Title\n\nFirst line.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nLast.');
    assert.deepEqual([toArticle(text.indexOf('First')), toArticle(text.indexOf('| 1')), toArticle(text.indexOf('Last'))], [article.indexOf('First'), article.indexOf('| 1'), article.indexOf('Last')]);
  });

  const values: [string, unknown][] = [
    ['$25 billion', { value: { amount: 25, scale: 'billion' } }],
    ['$10-15 billion', { value: { min: 10, max: 15, scale: 'billion' } }],
    ['33%', { value: 33 }],
    ['Q3 2026', { value: { year: 2026, quarter: 3 } }],
    ['April 2026', { value: { year: 2026, month: 4 } }],
    ['10 years', { value: 10, unit: 'years' }],
    ['18 months', { value: 18, unit: 'months' }],
    ['1,200 stars', { value: 1200, unit: 'stars' }],
  ];
  for (const [written, expected] of values) {
    it(`writes ${written} as ${JSON.stringify(expected)}`, () => assert.deepEqual(figureValue(findFigures(written, [], bundledUnits)[0]), expected));
  }
});
