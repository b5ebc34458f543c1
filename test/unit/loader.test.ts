/** A bad knowledge base file is reported with file, line, column and field; good entries are kept. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledgeBaseText } from '../../src/knowledge/loader';

const fixture = readFileSync(join(__dirname, '../fixtures/team.dealkb.json'), 'utf8');

describe('knowledge base loader', () => {
  it('reports a wrong value at its line and column, naming the field and what was expected', () => {
    const { problems } = loadKnowledgeBaseText('team.dealkb.json', fixture);
    const line = fixture.split('\n').findIndex((l) => l.includes('"25 billion"'));
    assert.deepEqual(
      problems.map((p) => [p.file, p.line, p.character, p.field]),
      [['team.dealkb.json', line, fixture.split('\n')[line].indexOf('"25 billion"'), 'facts[0].assertions[0].value']],
    );
    assert.match(problems[0].message, /^value: expected a number \(e\.g\. 25000000000\) or \{"amount": 25, "scale": "billion"\}/);
  });

  it('keeps the good entries of a file with a bad one', () => {
    const loaded = loadKnowledgeBaseText('team.dealkb.json', fixture);
    assert.deepEqual(loaded.content.entities.map((e) => e.id), ['acme', 'widgetco']);
    const good = fixture.replace('"25 billion"', '{ "amount": 3, "scale": "billion" }');
    const kb = buildKnowledgeBase([loadKnowledgeBaseText('team.dealkb.json', good)]);
    assert.deepEqual(kb.problems, []);
    assert.equal(kb.kb.facts[0].assertions.length, 2);
  });

  it('reports JSON syntax errors with their position', () => {
    const { problems } = loadKnowledgeBaseText('bad.json', '{\n  "version": 1,\n  "facts": [,]\n}');
    assert.equal(problems.length > 0, true);
    assert.deepEqual([problems[0].line, problems[0].message.startsWith('invalid JSON')], [2, true]);
  });

  it('reports unknown sections and a wrong version', () => {
    const { problems } = loadKnowledgeBaseText('x.json', '{"version": 2, "fact": []}');
    assert.deepEqual(problems.map((p) => p.field).sort(), ['fact', 'version']);
  });

  it('reports unknown references at the referencing field', () => {
    const text = fixture.replace('"25 billion"', '3000000000').replace('"subject": "acme"', '"subject": "acme-inc"');
    const { problems } = buildKnowledgeBase([loadKnowledgeBaseText('team.dealkb.json', text)]);
    const line = text.split('\n').findIndex((l) => l.includes('"acme-inc"'));
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[line, 'subject: unknown entity "acme-inc"']]);
  });

  it('reports an unknown or circular entity family at the entity, and keeps the entity', () => {
    for (const [family, message] of [
      ['acme-group', 'family: unknown entity "acme-group"'],
      ['widgetco', 'family: an entity is not its own family'],
    ]) {
      const text = fixture.replace('"25 billion"', '3000000000').replace('"id": "widgetco"', `"id": "widgetco", "family": "${family}"`);
      const { kb, problems } = buildKnowledgeBase([loadKnowledgeBaseText('team.dealkb.json', text)]);
      const line = text.split('\n').findIndex((l) => l.includes(`"family": "${family}"`));
      assert.deepEqual(problems.map((p) => [p.line, p.field, p.message]), [[line, 'entities[1].family', message]]);
      assert.equal(kb.entities.get('widgetco')?.family, undefined);
    }
  });

  it('reads YAML with positions', () => {
    const yaml = 'version: 1\nsources:\n  - id: memo\n    file: memo.txt\n    title: Memo\n    date: May 2026\n';
    const { problems } = loadKnowledgeBaseText('team.dealkb.yaml', yaml);
    assert.deepEqual(problems.map((p) => [p.line, p.field]), [[5, 'sources[0].date']]);
  });
});
