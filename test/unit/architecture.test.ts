/** The checking core stays editor-free: nothing under src/diagnostics or src/knowledge imports vscode or the LSP libraries. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  for (const dir of ['src/diagnostics', 'src/knowledge']) {
    it(`${dir} imports neither vscode nor the language server libraries`, () => {
      const offenders = files(join(root, dir)).filter((f) =>
        /from\s+['"](?:vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|require\(['"]vscode['"]\)/.test(readFileSync(f, 'utf8')),
      );
      assert.deepEqual(offenders.map((f) => relative(root, f)), []);
    });
    it(`${dir} imports no Node built-in, so the engine runs in a web worker`, () => {
      const offenders = files(join(root, dir)).filter((f) => [...readFileSync(f, 'utf8').matchAll(/(?:from\s+|require\()['"]([^'"]+)['"]/g)].some(([, m]) => m.startsWith('node:') || builtinModules.includes(m)));
      assert.deepEqual(offenders.map((f) => relative(root, f)), []);
    });
  }

  // The engine keeps a block's result by what it reads of the paragraph before it, not by that
  // paragraph's text (src/diagnostics/context/context-key.ts): a unit's context (ProseUnit.previous)
  // is read only by the functions that key names, so that a new reading of it is added to the key too.
  it('src/diagnostics reads a unit\'s context only through what the engine keeps its results by', () => {
    const derived = /\b(?:ev|d)\.previous\b/g;
    const keyed = /\b(?:lastNaming|captionUnit|moneyRate|framesSaid|questionWords|previousMeasure)\(\w+\.previous\b|\b\w+\.previous \?(?!\?)/g;
    const offenders = files(join(root, 'src/diagnostics'))
      .filter((f) => !/[\\/](?:engine|explain)\.ts$/.test(f))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ at: `${relative(root, f)}:${i + 1}`, line })))
      .filter(({ line }) => !/^\s*(?:\/\/|\/?\*)/.test(line) && /\.previous\b/.test(line.replace(derived, '').replace(keyed, '')))
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    assert.deepEqual(offenders, []);
  });

  // The report and the configuration's schema are shown and read by the editor too (a webview, a
  // web worker): they use neither Node nor the editor.
  for (const path of ['src/report', 'src/config/schema.ts', 'src/config/index.ts']) {
    it(`${path} imports no Node built-in, vscode or language server library`, () => {
      const all = path.endsWith('.ts') ? [join(root, path)] : files(join(root, path));
      const offenders = all.filter((f) =>
        /from\s+['"](?:node:[^'"]+|fs|path|os|url|crypto|child_process|worker_threads|vscode|vscode-languageserver[^'"]*)['"]/.test(readFileSync(f, 'utf8')),
      );
      assert.deepEqual(offenders.map((f) => relative(root, f)), []);
    });
  }
});
