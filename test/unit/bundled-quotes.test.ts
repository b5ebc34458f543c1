/**
 * Every bundled assertion must cite its source verbatim, and the quote must carry the figure.
 * The source texts live outside the repository: ../shared/sources, or $DEALCHECK_SOURCES.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KnowledgeBaseFile, SCALE_FACTOR, type Assertion, type Fact } from '../../src/knowledge/schema';
import { findSourcesFolder } from './source-texts';

const repoRoot = resolve(__dirname, '../..');
const bundledPath = join(repoRoot, 'src/knowledge/bundled/dealcheck.dealkb.json');

/** Ways a source may write the asserted number: "25", "25,000", "4x", "2.1", "Q3", "2026". */
function numberSpellings(fact: Fact, a: Assertion): string[] {
  const v = a.value;
  if (typeof v === 'number') {
    const out = [String(v), v.toLocaleString('en-US')];
    for (const f of Object.values(SCALE_FACTOR)) if (v % f === 0 || Number.isInteger((v / f) * 100)) out.push(String(v / f));
    return out;
  }
  if ('year' in v) return [String(v.year), ...(v.quarter ? [`Q${v.quarter}`] : [])];
  if ('amount' in v) return [String(v.amount), v.amount.toLocaleString('en-US')];
  return [String(v.min), String(v.max)];
}

const NUMBER_WORDS: Record<string, string> = { '1': 'one', '2': 'two', '3': 'three', '4': 'four', '10': 'ten', '120': 'decade' };

describe('bundled knowledge base', () => {
  const raw = JSON.parse(readFileSync(bundledPath, 'utf8'));
  const kb = KnowledgeBaseFile.parse(raw);

  it('parses against the schema and covers the sources (at least 85 assertions)', () => {
    const n = kb.facts.reduce((s, f) => s + f.assertions.length, 0);
    assert.ok(n >= 85, `only ${n} assertions`);
  });

  it('references only declared sources, entities, relations and qualifiers', () => {
    const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
    const sources = ids(kb.sources);
    const entities = ids(kb.entities);
    const relations = ids(kb.relations);
    const qualifiers = ids(kb.qualifiers);
    const factIds = new Set<string>();
    for (const f of kb.facts) {
      assert.ok(!factIds.has(f.id), `duplicate fact id ${f.id}`);
      factIds.add(f.id);
      assert.ok(entities.has(f.subject), `${f.id}: unknown subject ${f.subject}`);
      if (f.object) assert.ok(entities.has(f.object), `${f.id}: unknown object ${f.object}`);
      assert.ok(relations.has(f.relation), `${f.id}: unknown relation ${f.relation}`);
      for (const q of f.qualifiers) assert.ok(qualifiers.has(q), `${f.id}: unknown qualifier ${q}`);
      for (const a of f.assertions) assert.ok(sources.has(a.source), `${f.id}: unknown source ${a.source}`);
    }
  });

  const folder = findSourcesFolder();
  it('finds the source texts (../shared/sources or $DEALCHECK_SOURCES)', () => {
    assert.ok(folder, 'source texts not found: put them at ../shared/sources beside the checkout or set DEALCHECK_SOURCES');
  });

  it('quotes every source verbatim, one sentence at most, containing the figure', function () {
    if (!folder) this.skip();
    const texts = new Map(kb.sources.map((s) => [s.id, readFileSync(join(folder!, s.file), 'utf8')]));
    const problems: string[] = [];
    for (const f of kb.facts) {
      for (const a of f.assertions) {
        const text = texts.get(a.source)!;
        if (!text.includes(a.quote)) problems.push(`${f.id} [${a.source}]: quote not verbatim: ${a.quote}`);
        if (/[.!?]\s+[A-Z][^|]*[.!?]\s+[A-Z]/.test(a.quote)) problems.push(`${f.id} [${a.source}]: quote is more than one sentence`);
        const spellings = numberSpellings(f, a).flatMap((s) => [s, NUMBER_WORDS[s] ?? s]);
        if (!spellings.some((s) => a.quote.toLowerCase().includes(s.toLowerCase())))
          problems.push(`${f.id} [${a.source}]: quote lacks the figure (${spellings.join(' / ')}): ${a.quote}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
