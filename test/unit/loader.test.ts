/**
 * A bad knowledge base file is reported with file, line, column and field, in the format's words
 * (never the parser's), once per real problem; good entries are kept; nothing throws.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledgeBaseText, withText } from '../../src/knowledge/loader';
import { MAX_NESTING_DEPTH } from '../../src/knowledge/nesting';
import { stringify as stringifyYaml } from 'yaml';

const fixture = readFileSync(join(__dirname, '../fixtures/team.dealkb.json'), 'utf8');
const good = fixture.replace('"25 billion"', '3000000000');
/** Two facts with the same relation. */
const twoFacts = good.replace(/\n  \]\n\}\s*$/, `,\n    ${JSON.stringify({ ...JSON.parse(good).facts[0], id: 'acme-widgetco-second' })}\n  ]\n}\n`);

/** [line, column, field, message], 1-based like the CLI prints them. */
type Row = [number, number, string, string];

function problemsOf(file: string, text: string): Row[] {
  const { problems } = buildKnowledgeBase([loadKnowledgeBaseText(file, text)]);
  return problems.map((p) => [p.line + 1, p.character + 1, p.field, p.message]);
}

/** The 1-based line and column of the `nth` `needle` in `text`, or of `inner` within it. */
function at(text: string, needle: string, nth = 0, inner = ''): [number, number] {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not in the text`);
  const before = text.slice(0, offset + Math.max(0, needle.indexOf(inner))).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

describe('knowledge base loader', () => {
  const json: { name: string; text: string; expected: (text: string) => Row[] }[] = [
    {
      name: 'a wrong value, naming what was expected',
      text: fixture,
      expected: (t) => [[...at(t, '"25 billion"'), 'facts[0].assertions[0].value', 'expected a number (e.g. 25000000000) or {"amount": 25, "scale": "billion"}, a range {"min": 10, "max": 15, "scale": "billion"}, or a date {"year": 2026, "quarter": 3}, not the text "25 billion"']],
    },
    {
      name: 'an unknown field, at its name, with "did you mean"',
      text: good.replace('"quote": "Acme will buy WidgetCo for $3 billion." }\n      ]', '"quote": "Acme will buy WidgetCo for $3 billion.", "hedg": "about" }\n      ]'),
      expected: (t) => [[...at(t, '"hedg"'), 'facts[0].assertions[1].hedg', 'unknown field "hedg"; did you mean "hedge"?']],
    },
    {
      name: 'a misspelt enum value, with "did you mean"',
      text: good.replace('"kind": "company", "aliases": []', '"kind": "compnay", "aliases": []'),
      expected: (t) => [[...at(t, '"compnay"'), 'entities[1].kind', 'Invalid option: expected one of "company"|"chip"|"market"|"person"|"product"|"model"|"project"|"event"|"other", not the text "compnay"; did you mean "company"?']],
    },
    {
      name: 'a missing field, at the entry that lacks it',
      text: good.replace('"title": "Team memo", ', ''),
      expected: (t) => [[...at(t, '{ "id": "memo"'), 'sources[0].title', '"title" is missing']],
    },
    {
      name: 'unknown sections, prototype keys among them, and a wrong version',
      text: '{"version": 2, "fact": [], "__proto__": [], "constructor": {}}',
      expected: () => [
        [1, 13, 'version', 'expected "version": 1, not the number 2'],
        [1, 16, 'fact', 'unknown section "fact"; did you mean "facts"?'],
        [1, 28, '__proto__', 'unknown section "__proto__"'],
        [1, 45, 'constructor', 'unknown section "constructor"'],
      ],
    },
    {
      name: 'a duplicate id in one file, which keeps the first entry',
      text: good.replace('"aliases": [] }', '"aliases": [] },\n    { "id": "acme", "name": "Acme Inc", "kind": "company" }'),
      expected: (t) => [[...at(t, '"acme"', 1), 'entities[2].id', 'duplicate id "acme": entities[0] (line 7) has it too']],
    },
    {
      name: 'a duration without a unit',
      text: good.replace('"type": "money"', '"type": "duration"'),
      expected: (t) => [[...at(t, '{\n      "id": "acme-widgetco-acquisition"'), 'facts[0].unit', 'a duration fact needs a unit ("years", "months", "quarters", "weeks", "days", "hours", "minutes")']],
    },
    {
      name: 'a duration in an unknown unit',
      text: good.replace('"type": "money"', '"type": "duration", "unit": "constructor"'),
      expected: (t) => [[...at(t, '"constructor"'), 'facts[0].unit', 'unknown unit of time "constructor"']],
    },
    {
      name: 'a date value in a money fact',
      text: good.replace('"value": 3000000000', '"value": { "year": 2026 }'),
      expected: (t) => [[...at(t, '{ "year": 2026 }'), 'facts[0].assertions[0].value', 'a money fact\'s value is a number, not a date']],
    },
    {
      name: 'a misspelt reference, once, with "did you mean"',
      text: good.replace('"subject": "acme"', '"subject": "acme-inc"'),
      expected: (t) => [[...at(t, '"acme-inc"'), 'facts[0].subject', 'unknown entity "acme-inc"; did you mean "acme"?']],
    },
    {
      name: 'a misspelt relation id: one error, not one per fact using it',
      text: twoFacts.replace('{ "id": "acquisition"', '{ "id": "aquisition"'),
      expected: (t) => [[...at(t, '"relation": "acquisition"', 0, '"acquisition"'), 'facts[0].relation', 'unknown relation "acquisition"; did you mean "aquisition"? (used 1 more time in this file)']],
    },
    {
      name: 'an entry rejected for its own fault is not reported again by the facts that use it',
      text: good.replace('{ "id": "widgetco", "name": "WidgetCo", "kind": "company"', '{ "id": "widgetco", "name": "", "kind": "company"'),
      expected: (t) => [[...at(t, '""'), 'entities[1].name', 'must not be empty']],
    },
    {
      name: 'an unknown entity family',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "family": "acme-group"'),
      expected: (t) => [[...at(t, '"acme-group"'), 'entities[1].family', 'unknown entity "acme-group"; did you mean "acme"?']],
    },
    {
      name: 'an entity that is its own family',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "family": "widgetco"'),
      expected: (t) => [[...at(t, '"widgetco"', 1), 'entities[1].family', 'an entity is not its own family']],
    },
    {
      name: 'an unknown maker',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "maker": "acme-group"'),
      expected: (t) => [[...at(t, '"acme-group"'), 'entities[1].maker', 'unknown entity "acme-group"; did you mean "acme"?']],
    },
    {
      name: 'an entity that is its own maker',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "maker": "widgetco"'),
      expected: (t) => [[...at(t, '"widgetco"', 1), 'entities[1].maker', 'an entity is not its own maker']],
    },
    {
      name: 'an unknown company spoken for',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "speaksFor": "acme-group"'),
      expected: (t) => [[...at(t, '"acme-group"'), 'entities[1].speaksFor', 'unknown entity "acme-group"; did you mean "acme"?']],
    },
    {
      name: 'an entity that speaks for itself',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "speaksFor": "widgetco"'),
      expected: (t) => [[...at(t, '"widgetco"', 1), 'entities[1].speaksFor', 'an entity does not speak for itself']],
    },
    {
      name: 'an unknown group member',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "members": ["acme", "acme-group"]'),
      expected: (t) => [[...at(t, '"acme-group"'), 'entities[1].members[1]', 'unknown entity "acme-group"; did you mean "acme"?']],
    },
    {
      name: 'an entity that is its own member',
      text: good.replace('"id": "widgetco"', '"id": "widgetco", "members": ["widgetco"]'),
      expected: (t) => [[...at(t, '"widgetco"', 1), 'entities[1].members[0]', 'an entity is not its own member']],
    },
    {
      name: 'a syntax error in the format\'s words, with the field it is in (no parser code)',
      text: good.replace('"title": "Team memo",', '"title": "Team memo"'),
      expected: (t) => [[...at(t, '"date"'), 'sources[0].date', 'invalid JSON: expected a comma between the items']],
    },
    {
      name: 'a trailing comma',
      text: good.replace('"aliases": [] }', '"aliases": [], }'),
      expected: (t) => [[...at(t, ', }'), 'entities[1].aliases', 'invalid JSON: trailing comma: remove the comma before the closing bracket']],
    },
    {
      name: 'a field name without quotes',
      text: good.replace('{ "id": "memo"', '{ id: "memo"'),
      expected: (t) => [[...at(t, 'id: "memo"'), 'sources[0]', 'invalid JSON: field names are written in double quotes: "id"']],
    },
    {
      name: 'a field given twice',
      text: good.replace('"title": "Team memo",', '"title": "Team memo", "title": "Memo",'),
      expected: (t) => [[...at(t, '"title"', 1), 'sources[0].title', 'invalid JSON: field "title" is given twice in this object']],
    },
    {
      name: `nesting deeper than ${MAX_NESTING_DEPTH} levels, without a stack overflow`,
      text: '['.repeat(100_000) + ']'.repeat(100_000),
      expected: () => [[1, MAX_NESTING_DEPTH + 1, '(file)', `nested more than ${MAX_NESTING_DEPTH} levels deep; a knowledge base needs 5`]],
    },
  ];
  for (const { name, text, expected } of json) {
    it(`JSON: ${name}`, () => assert.deepEqual(problemsOf('team.dealkb.json', text), expected(text)));
  }

  const yaml: { name: string; text: string; expected: Row[] }[] = [
    {
      name: 'a wrong date, at its line',
      text: 'version: 1\nsources:\n  - id: memo\n    file: memo.txt\n    title: Memo\n    date: May 2026\n',
      expected: [[6, 11, 'sources[0].date', 'expected a date like 2026, 2026-04 or 2026-04-15']],
    },
    {
      name: 'a misspelt field, at its name',
      text: 'version: 1\nsources:\n  - id: memo\n    file: memo.txt\n    titel: Memo\n',
      expected: [
        [3, 5, 'sources[0].title', '"title" is missing'],
        [5, 5, 'sources[0].titel', 'unknown field "titel"; did you mean "title"?'],
      ],
    },
    {
      name: 'a bad indentation, in words',
      text: 'version: 1\nsources:\n  - id: memo\n    file: memo.txt\n   title: x\n',
      expected: [[5, 1, '(file)', 'invalid YAML: this line is indented less than the entry above it, and is not a list item ("- ")']],
    },
    {
      name: 'an alias bomb ("billion laughs"), at its first alias',
      text: ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `b${i}: &b${i} [${Array(9).fill(i ? `*b${i - 1}` : '*a').join(', ')}]`)].join('\n') + '\n',
      expected: [[2, 10, '(file)', 'invalid YAML: YAML aliases expand to too many entries (more than 100 each): write the entries out']],
    },
    {
      name: 'block nesting 100,000 deep ("- - - …"), without running out of memory',
      text: '- '.repeat(100_000) + 'x\n',
      expected: [[1, 2 * MAX_NESTING_DEPTH + 1, '(file)', `nested more than ${MAX_NESTING_DEPTH} levels deep; a knowledge base needs 5`]],
    },
    {
      name: 'flow nesting 100,000 deep',
      text: 'a: ' + '['.repeat(100_000) + '\n',
      expected: [[1, 3 + MAX_NESTING_DEPTH, '(file)', `nested more than ${MAX_NESTING_DEPTH} levels deep; a knowledge base needs 5`]],
    },
  ];
  for (const { name, text, expected } of yaml) {
    it(`YAML: ${name}`, () => assert.deepEqual(problemsOf('team.dealkb.yaml', text), expected));
  }

  it('keeps the good entries of a file with a bad one', () => {
    const loaded = loadKnowledgeBaseText('team.dealkb.json', fixture);
    assert.deepEqual(loaded.content.entities.map((e) => e.id), ['acme', 'widgetco']);
    const kb = buildKnowledgeBase([loadKnowledgeBaseText('team.dealkb.json', good.replace('3000000000', '{ "amount": 3, "scale": "billion" }'))]);
    assert.deepEqual(kb.problems, []);
    assert.equal(kb.kb.facts[0].assertions.length, 2);
  });

  it('a valid knowledge base nested within the limit loads', () => {
    assert.deepEqual(problemsOf('team.dealkb.json', good), []);
  });

  // A large load lets each file's text go once it is read (the server's, src/server/knowledge-host.ts):
  // its own problems keep their positions, the merge's point at the file's start until the text is given back.
  const unknownParty = { ...JSON.parse(good), extra: true };
  unknownParty.facts[0].subject = 'acmee';
  for (const [file, bad] of [['team.dealkb.json', JSON.stringify(unknownParty, null, 2)], ['team.dealkb.yaml', stringifyYaml(unknownParty)]] as const) {
    it(`${file}: loaded without its text, it gives its positions back with the text`, () => {
      const kept = buildKnowledgeBase([loadKnowledgeBaseText(file, bad)]).problems;
      assert.deepEqual(kept.map((p) => p.field), ['extra', 'facts[0].subject']);
      assert.ok(kept[1].line > 0);
      const loaded = loadKnowledgeBaseText(file, bad, { keepText: false });
      assert.equal(loaded.positionsLost, false);
      const lost = buildKnowledgeBase([loaded]).problems;
      assert.equal(loaded.positionsLost, true, 'the merge asked for a position');
      assert.deepEqual(lost[0], kept[0], 'the file\'s own problem was placed while its text was there');
      assert.deepEqual({ ...lost[1], line: 0, character: 0, endLine: 0, endCharacter: 0 }, lost[1], 'at the file\'s start');
      assert.deepEqual(buildKnowledgeBase([withText(loaded, bad)]).problems, kept);
    });
  }
});
