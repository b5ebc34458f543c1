/**
 * The in-editor suite's entry, as @vscode/test-electron (and `npm run test:vscode` in
 * code-server) expect: `run()` runs mocha over the compiled *.test.js files beside it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const MochaClass = ((Mocha as unknown as { default?: typeof Mocha }).default ?? Mocha) as typeof Mocha;
  const mocha = new MochaClass({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
