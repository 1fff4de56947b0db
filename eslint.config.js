import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The layers, lowest first: src/*.ts (errors, text) ← data ← contract ← core ← import ← net ← update ← format ←
  // cli. A layer imports only from the layers below it.
  ...[
    {
      files: ['src/*.ts'],
      above: ['data', 'contract', 'core', 'import', 'net', 'update', 'format', 'cli'],
      except: ['src/index.ts', 'src/cli.ts'],
    },
    { files: ['src/data/**/*.ts'], above: ['contract', 'core', 'import', 'net', 'update', 'format', 'cli'] },
    { files: ['src/contract/**/*.ts'], above: ['core', 'import', 'net', 'update', 'format', 'cli'] },
    { files: ['src/core/**/*.ts'], above: ['import', 'net', 'update', 'format', 'cli'] },
    { files: ['src/import/**/*.ts'], above: ['net', 'update', 'format', 'cli'] },
    { files: ['src/net/**/*.ts'], above: ['update', 'format', 'cli'] },
    { files: ['src/update/**/*.ts'], above: ['format', 'cli'] },
    { files: ['src/format/**/*.ts'], above: ['cli'] },
  ].map(({ files, above, except = [] }) => ({
    files,
    ignores: except,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: above.map((layer) => ({
            group: [`**/${layer}/*`, `./${layer}/*`],
            message: `Imports go one way: errors and text ← data ← contract ← core ← import ← net ← update ← format ← cli; this layer may not import from ${layer}/.`,
          })),
        },
      ],
    },
  })),
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Injected into the CommonJS build of the CLI, where require and __filename exist.
    files: ['scripts/cjs-module-url.mjs'],
    languageOptions: { globals: { require: 'readonly', __filename: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
