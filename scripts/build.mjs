// Bundles the front ends with esbuild: the CLI, the language server and the VS Code extension.
// `vscode` stays external (the editor provides it); everything else is bundled, so the
// package needs no node_modules.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

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

// zod re-exports every locale's error messages as `z.locales`; dealcheck uses only the English
// ones zod installs itself. The rest were a quarter of the server's bundle, and a first start
// compiles every byte of it.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

await build({
  entryPoints: entries,
  plugins: [zodEnglishOnly],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  define: { DEALCHECK_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});

// The server points "go to the knowledge base entry" at a shipped copy of the bundled knowledge base.
mkdirSync('dist/knowledge', { recursive: true });
copyFileSync('src/knowledge/bundled/dealcheck.dealkb.json', 'dist/knowledge/dealcheck.dealkb.json');
