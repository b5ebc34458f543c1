/** The configuration file: parsing with positions (src/config/schema.ts) and discovery on disk (discover.ts). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverConfig, resolveConfigPaths } from '../../../src/config/discover';
import { DEFAULT_CONFIG, configJsonSchema, parseConfigText, severityOf } from '../../../src/config/schema';

describe('config: parseConfigText', () => {
  it('reads JSON and YAML alike, filling in defaults', () => {
    const json = parseConfigText('.dealcheckrc.json', '{"knowledgeBase": ["a.json"], "severity": {"money": "error"}}');
    const yaml = parseConfigText('.dealcheckrc.yaml', 'knowledgeBase: [a.json]\nseverity:\n  money: error\n');
    assert.deepEqual(json, yaml);
    assert.deepEqual(json.config, { ...DEFAULT_CONFIG, knowledgeBase: ['a.json'], severity: { money: 'error' } });
    assert.equal(severityOf(json.config, 'money'), 'error');
    assert.equal(severityOf(json.config, 'percent'), 'warning');
  });

  it('reads the "dealcheck" field of package.json, and only that', () => {
    const r = parseConfigText('/x/package.json', '{\n  "name": "x",\n  "dealcheck": {\n    "showSupported": 1\n  }\n}\n');
    assert.deepEqual(r.problems, [{ file: '/x/package.json', line: 3, character: 21, field: 'showSupported', message: 'Invalid input: expected boolean, received number' }]);
  });

  it('takes an empty YAML file as the defaults', () => assert.deepEqual(parseConfigText('.dealcheckrc.yaml', ''), { config: DEFAULT_CONFIG, problems: [] }));

  const problems: [name: string, file: string, text: string, expected: [line: number, character: number, field: string, message: RegExp][]][] = [
    ['invalid JSON', 'rc.json', '{"ignores": ["a"]', [[0, 17, '(file)', /^invalid JSON: CloseBraceExpected$/]]],
    ['invalid YAML', 'rc.yaml', 'ignores: [a\n', [[1, 0, '(file)', /^invalid YAML: /]]],
    ['not an object', 'rc.json', '[1]', [[0, 0, '(file)', /^the configuration must be an object$/]]],
    ['a wrong type, field by field', 'rc.yaml', 'showSupported: yes please\nignores: [a]\n', [[0, 15, 'showSupported', /expected boolean/]]],
    ['an unknown severity', 'rc.json', '{"severity": {"money": "loud"}}', [[0, 23, 'severity.money', /^Invalid option/]]],
    ['an unknown kind of figure', 'rc.json', '{"severity": {"euros": "error"}}', [[0, 23, 'severity.euros', /^unknown setting "euros"$/]]],
    ['an unknown setting', 'rc.yaml', 'colour: true\n', [[0, 8, 'colour', /^unknown setting "colour"$/]]],
    ['YAML aliases past the limit ("billion laughs")', 'rc.yaml', `a: &a [x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${`*${i ? `b${i - 1}` : 'a'}, `.repeat(10)}x]`).join('\n')}\n`, [[0, 0, '(file)', /^invalid YAML: .*alias/i]]],
  ];
  for (const [name, file, text, expected] of problems)
    it(`reports ${name} at its line, column and field`, () => {
      const r = parseConfigText(file, text);
      assert.deepEqual(r.problems.map((p) => [p.line, p.character, p.field]), expected.map(([l, c, f]) => [l, c, f]));
      r.problems.forEach((p, i) => assert.match(p.message, expected[i][3]));
    });

  it('keeps the usable settings of a file with a bad one', () => {
    const r = parseConfigText('rc.yaml', 'showSupported: 3\nignores: [a]\n');
    assert.deepEqual(r.config.ignores, ['a']);
    assert.equal(r.config.showSupported, false);
  });

  it('schemas/dealcheckrc.schema.json is what npm run schema writes', () => {
    assert.equal(readFileSync(join(__dirname, '../../../schemas/dealcheckrc.schema.json'), 'utf8'), configJsonSchema());
  });
});

describe('config: discovery', () => {
  function tree(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'dealcheck-config-'));
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(join(dir, p, '..'), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    return dir;
  }

  const cases: [name: string, files: Record<string, string>, from: string, found: string | undefined][] = [
    ['none', { 'a/b.md': '' }, 'a', undefined],
    ['.dealcheckrc.json in the folder', { '.dealcheckrc.json': '{}' }, '.', '.dealcheckrc.json'],
    ['.dealcheckrc.yaml in a parent folder', { '.dealcheckrc.yaml': '', 'a/b/x.md': '' }, 'a/b', '.dealcheckrc.yaml'],
    ['the nearest folder first', { '.dealcheckrc.json': '{}', 'a/.dealcheckrc.yml': '' }, 'a', 'a/.dealcheckrc.yml'],
    ['.dealcheckrc.json before package.json', { 'package.json': '{"dealcheck": {}}', '.dealcheckrc.json': '{}' }, '.', '.dealcheckrc.json'],
    ['package.json with the field', { 'package.json': '{"dealcheck": {}}', 'a/x.md': '' }, 'a', 'package.json'],
    ['past a package.json without the field', { '.dealcheckrc.json': '{}', 'a/package.json': '{"name": "a"}' }, 'a', '.dealcheckrc.json'],
  ];
  for (const [name, files, from, found] of cases)
    it(`finds ${name}`, () => {
      const dir = tree(files);
      const loaded = discoverConfig(join(dir, from), dir);
      assert.equal(loaded.file, found && join(dir, found));
      assert.equal(loaded.dir, found ? join(dir, found, '..') : join(dir, from));
    });

  it('resolves knowledge base files and the sources folder against the file\'s folder', () => {
    const dir = tree({ 'cfg/.dealcheckrc.json': '{"knowledgeBase": ["kb/a.json", "/abs/b.json"], "sourcesFolder": "../src"}' });
    assert.deepEqual(resolveConfigPaths(discoverConfig(join(dir, 'cfg'), dir)), {
      knowledgeBase: [join(dir, 'cfg/kb/a.json'), '/abs/b.json'],
      sourcesFolder: join(dir, 'src'),
    });
  });
});
