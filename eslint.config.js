import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The concepts of the core, each with the concepts it builds on (the folders of src/core/ it may import from); the
// products in src/core/*.ts build on all of them, and no concept imports a product. Lowest first:
// common ← regions ← shares, network; shares ← carbon; common ← uncertainty; all of these ← scenario ← products.
const CORE_CONCEPTS = {
  common: [],
  regions: ['common'],
  shares: ['common', 'regions'],
  network: ['common', 'regions'],
  carbon: ['common', 'regions', 'shares'],
  uncertainty: ['common'],
  scenario: ['common', 'regions', 'shares', 'network', 'carbon', 'uncertainty'],
};
const CORE_DIRECTION =
  'Inside the core, imports go one way: common ← regions ← shares, network; shares ← carbon; common ← uncertainty; all ← scenario ← the products in src/core/*.ts (see docs/architecture.md)';

/** The imports a file of a concept folder may not make: of the concepts it does not build on, and of the products. */
function conceptPatterns(concept) {
  const allowed = new Set([concept, ...CORE_CONCEPTS[concept]]);
  const others = Object.keys(CORE_CONCEPTS).filter((other) => !allowed.has(other));
  return [
    ...others.map((other) => ({
      regex: `^(\\.\\./)+(core/)?${other}/`,
      message: `${CORE_DIRECTION}; core/${concept}/ may not import from core/${other}/.`,
    })),
    {
      regex: '^\\.\\./(\\.\\./core/)?[^/]+\\.js$',
      message: `${CORE_DIRECTION}; core/${concept}/ may not import a product of src/core/.`,
    },
  ];
}

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
    // Each concept folder of the core (a later entry's patterns replace the one above's): the layers above the core,
    // the concepts the folder does not build on, and the products in src/core/*.ts.
    ...Object.keys(CORE_CONCEPTS).map((concept) => ({
      files: [`src/core/${concept}/**/*.ts`],
      above: ['import', 'net', 'update', 'format', 'cli'],
      concept,
    })),
    { files: ['src/import/**/*.ts'], above: ['net', 'update', 'format', 'cli'] },
    { files: ['src/net/**/*.ts'], above: ['update', 'format', 'cli'] },
    { files: ['src/update/**/*.ts'], above: ['format', 'cli'] },
    { files: ['src/format/**/*.ts'], above: ['cli'] },
  ].map(({ files, above, except = [], concept }) => ({
    files,
    ignores: except,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...above.map((layer) => ({
              group: [`**/${layer}/*`, `./${layer}/*`],
              message: `Imports go one way: errors and text ← data ← contract ← core ← import ← net ← update ← format ← cli; this layer may not import from ${layer}/.`,
            })),
            ...(concept === undefined ? [] : conceptPatterns(concept)),
          ],
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
