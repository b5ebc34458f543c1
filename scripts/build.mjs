// Bundles the front ends with esbuild: the CLI, the language server and the VS Code extension,
// once for Node (dist/) and, for the extension and its server, once more for the browser
// (dist/web/: vscode.dev, github.dev, web-worker extension hosts). Both builds bundle the same
// engine and the bundled knowledge base; the browser build fails on any Node built-in, since
// esbuild cannot resolve one for the browser platform. `vscode` stays external (the editor
// provides it); everything else is bundled, so the package needs no node_modules.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * What the Node front ends' cache of built knowledge bases (src/node/knowledge-cache.ts) is keyed
 * by besides the files: a digest of the code that parses, merges and indexes a knowledge base and
 * reads its snapshots back (src/knowledge, the bundled file included), of the locked versions of
 * the parsers it uses, and the version. Any change to them leaves every cached knowledge base
 * behind, never half-valid.
 */
function engineId() {
  const hash = createHash('sha256').update(pkg.version);
  const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  for (const f of [...files('src/knowledge').sort(), 'package-lock.json']) hash.update(f).update(readFileSync(f));
  return hash.digest('hex').slice(0, 32);
}
// npm pack and npm publish (which run `prepare`) build what is published: minified, without source maps.
const production = process.argv.includes('--production') || ['pack', 'publish'].includes(process.env.npm_command ?? '');
// `--analyze` (with or without --production) prints what weighs most in the web worker's server
// bundle, the one held under 1 MB: by package (or folder of src/) and by file.
const analyze = process.argv.includes('--analyze');

if (process.argv.includes('--e2e-suite')) {
  // The in-editor mocha suite: its own files compiled, vscode and mocha left to the extension host.
  const suite = readdirSync('test/e2e/suite').filter((f) => f.endsWith('.ts')).map((f) => `test/e2e/suite/${f}`);
  await build({
    entryPoints: suite, outdir: 'out/test/e2e/suite', bundle: true, packages: 'external', platform: 'node',
    target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning',
  });
  process.exit(0);
}
const entries = [
  { in: 'src/cli/index.ts', out: 'cli' },
  { in: 'src/server/index.ts', out: 'server-main' },
  { in: 'src/server/launcher.ts', out: 'server' },
  { in: 'src/extension.ts', out: 'extension' },
].filter((e) => {
  try {
    readFileSync(e.in);
    return true;
  } catch {
    return false;
  }
});

// The web worker carries the bundled knowledge base's text too (about 50 KB): "go to the
// knowledge base entry" needs its lines, and reading it through the extension at start-up would
// cost a round trip while the writer waits for the first diagnostics.
// The knowledge base itself is then parsed from that text (JSON.parse) rather than inlined a
// second time as an object literal: 43 KB less, and JSON.parse is the faster way to build it.
const bundledKnowledgeBaseText = {
  name: 'bundled-knowledge-base-text',
  setup(b) {
    const file = join(process.cwd(), 'src/knowledge/bundled/dealcheck.dealkb.json');
    b.onResolve({ filter: /^dealcheck:bundled-knowledge-base-text$/ }, () => ({ path: file, namespace: 'kb-text' }));
    b.onLoad({ filter: /.*/, namespace: 'kb-text' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
    b.onResolve({ filter: /[\\/]dealcheck\.dealkb\.json$/ }, (args) =>
      /[\\/]knowledge[\\/]bundled\.ts$/.test(args.importer) ? { path: file, namespace: 'kb-object' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kb-object' }, () => ({
      contents: "import text from 'dealcheck:bundled-knowledge-base-text'; export default JSON.parse(text);",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

// The lexicon's uses and examples are its documentation and its tests' lines (test/unit/reading/
// lexicon.test.ts reads the source file); the engine reads only its words and their values. The
// bundles carry the words alone: about 40 KB less for a web worker to fetch and compile.
const lexiconWordsOnly = {
  name: 'lexicon-words-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]lexicon\.en\.json$/ }, (args) => {
      const lexicon = JSON.parse(readFileSync(args.path, 'utf8'));
      const words = Object.fromEntries(
        Object.entries(lexicon).map(([name, list]) => {
          if (typeof list !== 'object' || list === null || !('entries' in list)) return [name, ''];
          const entries = Object.entries(list.entries).map(([word, entry]) => {
            if (typeof entry === 'string') return [word, ''];
            const { example: _example, ...value } = entry;
            return [word, { ...value, example: '' }];
          });
          return [name, { use: '', entries: Object.fromEntries(entries) }];
        }),
      );
      return { contents: JSON.stringify(words), loader: 'json' };
    });
  },
};

// The model's docs say why each weight and gate exists (model.json is read by people, by npm run
// fit and by its test from the source file); the engine reads only the numbers. The bundles carry
// the numbers alone: about 11 KB less, which keeps the web worker's bundle under 1 MB.
const modelNumbersOnly = {
  name: 'model-numbers-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]matching[\\/]model\.json$/ }, (args) => {
      const model = JSON.parse(readFileSync(args.path, 'utf8'));
      const numbers = Object.fromEntries(
        Object.entries(model).map(([name, section]) =>
          typeof section !== 'object' || section === null ? [name, ''] : [name, Object.fromEntries(Object.entries(section).map(([k, { doc: _doc, ...rest }]) => [k, { ...rest, doc: '' }]))],
        ),
      );
      return { contents: JSON.stringify(numbers), loader: 'json' };
    });
  },
};

const common = {
  plugins: [lexiconWordsOnly, modelNumbersOnly],
  bundle: true,
  external: ['vscode'],
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  define: { DEALCHECK_VERSION: JSON.stringify(pkg.version), DEALCHECK_ENGINE_ID: JSON.stringify(engineId()) },
  logLevel: 'warning',
};

await build({ ...common, entryPoints: entries, outdir: 'dist', platform: 'node', target: 'node20', format: 'cjs' });

// The browser: the extension is loaded by VS Code's web-worker extension host as a CommonJS
// module; the server is a web worker of its own, a plain script.
const [, webServer] = await Promise.all([
  build({
    ...common, entryPoints: { extension: 'src/extension-browser.ts' }, outdir: 'dist/web', platform: 'browser', target: 'es2022', format: 'cjs', conditions: ['worker'],
    // When the extension host began to run the script: the start-up timeline's "extension script".
    banner: { js: '"use strict"; var DEALCHECK_SCRIPT_STARTED = performance.timeOrigin + performance.now();' },
  }),
  // A worker has no DOM: the "worker" condition picks packages' DOM-free builds (micromark's
  // character references would otherwise decode through document.createElement).
  build({
    ...common, plugins: [...common.plugins, bundledKnowledgeBaseText],
    entryPoints: { server: 'src/server/browser.ts' }, outdir: 'dist/web', platform: 'browser', target: 'es2022', format: 'iife', conditions: ['worker'], metafile: analyze,
    // When the worker began to run the script, before its modules are set up: the start-up marks' "script".
    banner: { js: '"use strict"; var DEALCHECK_SCRIPT_STARTED = performance.timeOrigin + performance.now();' },
  }),
]);

if (analyze) printLargestInputs(webServer.metafile, 25);

/** The largest inputs of a build's one output, by package (or folder of src/) and by file. */
function printLargestInputs(metafile, count) {
  const [[file, output]] = Object.entries(metafile.outputs).filter(([f]) => f.endsWith('.js'));
  const inputs = Object.entries(output.inputs).map(([path, { bytesInOutput }]) => ({ path: path.replace(`${process.cwd()}/`, ''), bytes: bytesInOutput }));
  const groups = new Map();
  for (const { path, bytes } of inputs) {
    const group = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? (path.startsWith('src/') ? path.split('/').slice(0, 3).join('/') : path);
    groups.set(group, (groups.get(group) ?? 0) + bytes);
  }
  const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
  const table = (title, rows) => {
    console.log(`\n${title}`);
    for (const [name, bytes] of rows.sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${kb(bytes)}  ${(bytes / output.bytes * 100).toFixed(1).padStart(4)}%  ${name}`);
  };
  console.log(`${file}: ${output.bytes.toLocaleString('en')} bytes (${kb(1024 * 1024 - output.bytes).trim()} under 1 MiB)`);
  table('by package or folder', [...groups]);
  table('by file', inputs.map(({ path, bytes }) => [path, bytes]));
}

// The server points "go to the knowledge base entry" at a shipped copy of the bundled knowledge base.
mkdirSync('dist/knowledge', { recursive: true });
copyFileSync('src/knowledge/bundled/dealcheck.dealkb.json', 'dist/knowledge/dealcheck.dealkb.json');
