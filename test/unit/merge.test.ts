/**
 * Several knowledge bases as one: the same entries twice count once, an id taken is an error
 * rather than a silent merge, and a file changes another's entries only under "extend" or
 * "override".
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../../src/knowledge';

const bundledText = readFileSync(join(__dirname, '../../src/knowledge/bundled/dealcheck.dealkb.json'), 'utf8');

/** Assertions per fact, a fingerprint of what the knowledge base counts. */
function counts(files: { path: string; text: string }[], useBundled = true) {
  const { kb, problems } = loadKnowledgeBase({ files, useBundled });
  return {
    problems: problems.map((p) => `${p.file}:${p.line + 1}:${p.character + 1} ${p.field}: ${p.message}`),
    facts: kb.facts.length,
    assertions: kb.facts.reduce((n, f) => n + f.assertions.length, 0),
    kb,
  };
}

const user = (body: object) => JSON.stringify({ version: 1, ...body }, null, 2);

describe('merging knowledge bases', () => {
  const alone = counts([]);

  const copies: { name: string; files: { path: string; text: string }[] }[] = [
    { name: 'a workspace copy of the bundled knowledge base', files: [{ path: 'src/knowledge/bundled/dealcheck.dealkb.json', text: bundledText }] },
    { name: 'a reformatted copy', files: [{ path: 'copy.dealkb.json', text: JSON.stringify(JSON.parse(bundledText)) }] },
    { name: 'two copies', files: [{ path: 'a.dealkb.json', text: bundledText }, { path: 'b.dealkb.json', text: bundledText }] },
  ];
  for (const { name, files } of copies) {
    it(`counts ${name} once`, () => {
      const merged = counts(files);
      assert.deepEqual([merged.problems, merged.facts, merged.assertions], [[], alone.facts, alone.assertions]);
    });
  }

  const own = {
    sources: [{ id: 'memo', file: 'memo.txt', title: 'Memo' }],
    facts: [
      {
        id: 'amazon-anthropic-total',
        statement: "Amazon's total in Anthropic",
        subject: 'amazon',
        relation: 'investment',
        object: 'anthropic',
        type: 'money',
        assertions: [{ source: 'memo', value: { amount: 33, scale: 'billion' }, quote: 'Amazon has now put $33 billion into Anthropic.' }],
      },
    ],
  };

  it('counts a user file given twice once', () => {
    const text = user(own);
    const merged = counts([{ path: 'memo.dealkb.json', text }, { path: './memo.dealkb.json', text }]);
    assert.deepEqual([merged.problems, merged.facts, merged.assertions], [[], alone.facts + 1, alone.assertions + 1]);
  });

  const taken: { name: string; body: object; expected: string }[] = [
    {
      name: 'a relation',
      body: { relations: [{ id: 'joined', label: 'joined', keywords: ['chief since'] }] },
      expected: 'user.dealkb.json:5:13 relations[0].id: duplicate relation id "joined", already defined in the bundled knowledge base: to add keywords to it, list it under "extend" → "relations"; to replace it, under "override" → "relations"',
    },
    {
      name: 'a fact',
      body: { ...own, facts: [{ ...own.facts[0], id: 'amazon-anthropic-investment' }] },
      expected: 'user.dealkb.json:12:13 facts[0].id: duplicate fact id "amazon-anthropic-investment", already defined in the bundled knowledge base: to add assertions to it, list it under "extend" → "facts"',
    },
    {
      name: 'an entity',
      body: { entities: [{ id: 'amazon', name: 'Amazon', kind: 'company', aliases: ['Bezos empire'] }] },
      expected: 'user.dealkb.json:5:13 entities[0].id: duplicate entity id "amazon", already defined in the bundled knowledge base: to add aliases or descriptions to it, list it under "extend" → "entities"',
    },
  ];
  for (const { name, body, expected } of taken) {
    it(`reports ${name} whose id the bundled knowledge base has taken, and leaves the bundled one as it was`, () => {
      const merged = counts([{ path: 'user.dealkb.json', text: user(body) }]);
      assert.deepEqual(merged.problems, [expected]);
      assert.deepEqual(merged.kb.relations.get('joined'), alone.kb.relations.get('joined'));
      assert.deepEqual(merged.kb.entities.get('amazon'), alone.kb.entities.get('amazon'));
      assert.equal(merged.assertions, alone.assertions);
    });
  }

  it('extends a bundled entity, relation and fact only when told to, once however often it is loaded', () => {
    const text = user({
      sources: own.sources,
      extend: {
        entities: [{ id: 'amazon', aliases: ['Bezos empire'] }, { id: 'anthropic', descriptions: ['safety lab'] }],
        relations: [{ id: 'investment', keywords: ['bankroll'] }],
        facts: [{ id: 'amazon-anthropic-investment', assertions: own.facts[0].assertions }],
      },
    });
    const merged = counts([{ path: 'x.dealkb.json', text }, { path: 'y.dealkb.json', text }]);
    assert.deepEqual(merged.problems, []);
    assert.equal(merged.assertions, alone.assertions + 1);
    assert.ok(merged.kb.entities.get('amazon')!.aliases.includes('Bezos empire'));
    assert.deepEqual(merged.kb.entities.get('anthropic')!.descriptions?.filter((d) => d === 'safety lab'), ['safety lab']);
    assert.ok(merged.kb.entities.get('anthropic')!.descriptions!.includes('lab'), 'the bundled descriptions stay');
    assert.ok(merged.kb.relations.get('investment')!.keywords.includes('bankroll'));
    assert.equal(merged.kb.relations.get('investment')!.label, 'investment');
  });

  it('asks an entity extension for aliases or descriptions', () => {
    const merged = counts([{ path: 'n.dealkb.json', text: user({ extend: { entities: [{ id: 'amazon' }] } }) }]);
    assert.equal(merged.problems.length, 1);
    assert.match(merged.problems[0], /^n\.dealkb\.json:\d+:\d+ extend\.entities\[0\]\.aliases: list aliases or descriptions to add$/);
  });

  it('replaces a bundled qualifier under "override"', () => {
    const merged = counts([{ path: 'o.dealkb.json', text: user({ override: { qualifiers: [{ id: 'offer', label: 'a bid', keywords: ['bid'] }] } }) }]);
    assert.deepEqual(merged.problems, []);
    assert.deepEqual(merged.kb.qualifiers.get('offer'), { id: 'offer', label: 'a bid', keywords: ['bid'], implicit: false, exclusive: false, frames: false, whole: false });
  });

  it('reports what "extend" and "override" name but nobody defines, with "did you mean"', () => {
    const merged = counts([
      {
        path: 'e.dealkb.json',
        text: user({ extend: { relations: [{ id: 'investmnet', keywords: ['bankroll'] }] }, override: { qualifiers: [{ id: 'ofer', label: 'a bid', keywords: ['bid'] }] } }),
      },
    ]);
    assert.deepEqual(merged.problems, [
      'e.dealkb.json:6:15 extend.relations[0].id: there is no relation "investmnet" to extend; did you mean "investment"?',
      'e.dealkb.json:16:15 override.qualifiers[0].id: there is no qualifier "ofer" to override; did you mean "offer"?',
    ]);
  });
});
