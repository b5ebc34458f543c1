/** The settings schema is the one truth: package.json's contributions and the server's parsing follow it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILES } from '../../src/config/schema';
import { CONFIG_FILE_NAMES } from '../../src/server/files';
import { SETTING_KEYS } from '../../src/server/protocol';
import { DEFAULT_SETTINGS, Settings, configurationContribution, parseSettings } from '../../src/server/settings';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('settings', () => {
  it('package.json contributes.configuration is generated from the schema (run `npm run schema`)', () => {
    assert.deepEqual(pkg.contributes.configuration.properties, configurationContribution());
  });

  it('the extension tells the server which of exactly these settings the writer set', () => {
    assert.deepEqual([...SETTING_KEYS].sort(), Object.keys(Settings.shape).sort());
  });

  it('the extension reads ahead exactly the configuration files the server looks for, in their order', () => {
    assert.deepEqual([...CONFIG_FILE_NAMES], [...CONFIG_FILES]);
  });

  it('every contributed command is registered by the extension, and no other', () => {
    const source = readFileSync(join(root, 'src/extension/activate.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([\w.]+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), registered);
  });

  const cases: [string, unknown, Partial<typeof DEFAULT_SETTINGS>, number][] = [
    ['nothing sent', undefined, {}, 0],
    ['null', null, {}, 0],
    ['a valid override', { showSupported: true, knowledgeBase: ['kb/team.dealkb.json'] }, { showSupported: true, knowledgeBase: ['kb/team.dealkb.json'] }, 0],
    ['a wrong type falls back to the default', { enable: 'yes' }, {}, 1],
    ['a bad severity falls back, the rest is kept', { severity: { money: 'loud' }, showSupported: true }, { showSupported: true }, 1],
    ['a per-kind severity', { severity: { money: 'error' } }, { severity: { ...DEFAULT_SETTINGS.severity, money: 'error' } }, 0],
    ['a negative debounce', { debounceMs: -5 }, {}, 1],
  ];
  for (const [name, raw, expected, problems] of cases) {
    it(`parses ${name}`, () => {
      const result = parseSettings(raw);
      assert.deepEqual(result.settings, { ...DEFAULT_SETTINGS, ...expected });
      assert.equal(result.problems.length, problems, result.problems.join('\n'));
    });
  }
});
