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

// The folders of src/format/, each with the folders it builds on (the folders of src/format/ it may import from). The
// terminal (colours, display widths, numbers as text, progress) is the ground; the documents for programs (JSON, CSV,
// streams), the terminal's tables and text, and the pictures (charts, SVG, PNG, the HTML report) each build on it
// and on none of the others: terminal ← documents; terminal ← text; terminal ← pictures.
const FORMAT_FOLDERS = {
  terminal: [],
  documents: ['terminal'],
  text: ['terminal'],
  pictures: ['terminal'],
};
const FORMAT_DIRECTION =
  'Inside format/, imports go one way: terminal ← documents; terminal ← text; terminal ← pictures (see docs/architecture.md)';

/**
 * The imports a file of a format folder may not make: of any folder of src/format/ that is not its own or one it
 * builds on (a folder the rule does not know included), and of a module directly in src/format/.
 */
function formatPatterns(folder) {
  const allowed = [folder, ...FORMAT_FOLDERS[folder]].join('|');
  return [
    {
      regex: `^(\\.\\./|\\.\\./\\.\\./format/)(?!(${allowed})/)[^/.][^/]*/`,
      message: `${FORMAT_DIRECTION}; format/${folder}/ may import only from format/${[folder, ...FORMAT_FOLDERS[folder]].join('/, format/')}/.`,
    },
    {
      regex: '^\\.\\./(\\.\\./format/)?[^/]+\\.js$',
      message: `${FORMAT_DIRECTION}; the modules of format/ are in its folders, and format/${folder}/ may import only from those it builds on.`,
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
    // Each folder of src/format/ (replacing the entry above's patterns): the cli, and the folders it does not build on.
    ...Object.keys(FORMAT_FOLDERS).map((folder) => ({
      files: [`src/format/${folder}/**/*.ts`],
      above: ['cli'],
      folder,
    })),
  ].map(({ files, above, except = [], concept, folder }) => ({
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
            ...(folder === undefined ? [] : formatPatterns(folder)),
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
