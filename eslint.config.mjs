// Lint rules the project holds itself to (npm run lint, part of npm test):
// - the engine's functions stay small: cyclomatic complexity at most 15 in src/diagnostics and src/knowledge
//   (and in src/node, the front ends' Node-only knowledge base cache);
// - the front ends never drop a promise on the floor (a rejected one would kill the server silently);
// - zod is imported as a namespace (`import * as z from 'zod'`): esbuild then bundles only the parts
//   used, while zod's `z` export (a namespace re-exported as a value) brings all of zod and every
//   locale into the bundles, about 100 KB more for the web worker's server bundle.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='zod'][importKind='value'] > :matches(ImportSpecifier[importKind='value'][imported.name='z'], ImportDefaultSpecifier)",
        message: "Import zod as a namespace (import * as z from 'zod') so the bundles carry only the parts of zod used.",
      }],
    },
  },
  {
    files: ['src/diagnostics/**/*.ts', 'src/knowledge/**/*.ts', 'src/node/**/*.ts'],
    rules: { complexity: ['error', { max: 15 }] },
  },
  {
    files: ['src/server/**/*.ts', 'src/extension.ts', 'src/extension-browser.ts', 'src/extension/**/*.ts', 'src/cli/**/*.ts', 'src/node/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
);
