#!/usr/bin/env node
// Builds dist/: the CLI as one CommonJS file with its V8 code cache (what only some runs need is in dist/lazy/, as ES
// modules sharing dist/chunks/ with the library), the library in dist/lib/, the library's type declarations in
// dist/types/, and the shipped data as validated here (dist/shipped-data.json).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { pruneDeclarations } from './declarations.mjs';

const root = new URL('../', import.meta.url);

// commander requires node:child_process at load time but uses it only to run executable subcommands, which
// this CLI has none of; loading it (with net and dgram) is a measurable part of start-up, so defer it.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander') ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents:
        "let real; const load = () => (real ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, key) => load()[key] });",
      loader: 'js',
    }));
  },
};
// zod's namespace re-exports every one of its ~50 message locales (z.locales), which a namespace import keeps in
// the bundle; this tool uses only the English messages zod registers itself, so the locale index is left empty.
const noZodLocales = {
  name: 'no-zod-locales',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('node_modules/zod/') ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
process.chdir(fileURLToPath(root));
rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  // commander is CommonJS; an ESM bundle of it needs a real `require`.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  // The sources import commander through @commander-js/extra-typings for option types taken from the
  // declarations; at run time that package is commander itself, so the bundle takes commander directly.
  alias: { '@commander-js/extra-typings': 'commander' },
  plugins: [lazyChildProcess, noZodLocales],
  // Vega, Vega-Lite and resvg are dependencies, loaded from node_modules by the report and chart commands alone;
  // undici too, by data update alone.
  external: ['vega', 'vega-lite', '@resvg/resvg-js', 'undici'],
};
// The CLI is one file with no static imports of its own, so that a run resolves and reads as few modules as
// possible; what only some runs need and is large (zod and the validators, the importers) is built into
// dist/lazy/ and imported when needed.
const LAZY = {
  'src/data/validate.ts': 'validate',
  'src/data/seed-schema.ts': 'seed-schema',
  'src/import/import-data.ts': 'import-data',
  'src/format/pictures/pictures.ts': 'pictures',
  'src/update/update-data.ts': 'update-data',
  'src/format/text/update.ts': 'update-summary',
};
// Imported with import() in the sources, but small, or (the series reader) the only module a run of
// `network --input` would load: bundled into the CLI itself, since loading any ES module brings Node's ES-module
// loader in (6-8 ms), more than compiling these with the rest of the bundle.
const INLINE = new Set([
  'src/data/series-input.ts',
  'src/format/text/table.ts',
  'src/format/text/scenario.ts',
  'src/format/text/network.ts',
  'src/format/text/claims.ts',
  'src/format/text/compare.ts',
  'src/format/text/compare-with.ts',
  'src/format/text/shares.ts',
  'src/format/text/lists.ts',
  'chalk',
]);
const lazyModules = {
  name: 'lazy-modules',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      if (args.path === 'undici') return { path: 'undici', external: true };
      const key =
        args.path === 'chalk'
          ? 'chalk'
          : relative(fileURLToPath(root), resolve(args.resolveDir, args.path)).replace(/\.js$/, '.ts');
      if (INLINE.has(key)) return undefined;
      const name = LAZY[key];
      if (!name) throw new Error(`build: add ${key} to LAZY or INLINE, or import it statically`);
      return { path: `./lazy/${name}.js`, external: true };
    });
  },
};
// CommonJS for the entry: Node starts a CommonJS program without setting up its ES-module loader.
await build({
  ...common,
  format: 'cjs',
  splitting: false,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  banner: {},
  // The bundle knows its folder and the package's version: finding package.json at each start-up (walking up from
  // the module, reading and parsing it) took about 1 ms. import.meta.url, which only that walk used, is worked out
  // only when read.
  define: {
    'import.meta.url': '__cjsModule.url',
    BUNDLE_DIR: '__dirname',
    BUNDLE_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
  },
  inject: ['scripts/cjs-module-url.mjs'],
  plugins: [lazyChildProcess, noZodLocales, lazyModules],
});
// bin/mining-energy.js compiles the bundle from its text: ASCII text is a one-byte string, which is read and
// compiled faster than the two-byte string a single other character makes of the whole bundle (about 1 ms a run).
// esbuild escapes other characters in strings, not in regular expressions: write those as \u escapes.
// The text is written as the script the entry compiles: the bundle as a function of CommonJS's arguments and of
// the entry's loader for dist/lazy/ (an import() in a script made by node:vm and restored from a code cache has
// no loader to call), so that no run rewrites or joins 280 KB of text before compiling it.
{
  const cli = readFileSync('dist/cli.cjs', 'latin1');
  const at = cli.search(/[\u0080-\u00ff]/);
  if (at >= 0) {
    throw new Error(
      `build: dist/cli.cjs has a character outside ASCII near "${cli.slice(Math.max(0, at - 40), at + 10)}"; write it as a \\u escape in the source`,
    );
  }
  const lazy = cli.replaceAll('import("./lazy/', '__lazyImport("./lazy/');
  const left = lazy.search(/\bimport\(/);
  if (left >= 0) {
    throw new Error(`build: dist/cli.cjs imports something other than ./lazy/ near "${lazy.slice(left, left + 60)}"`);
  }
  writeFileSync(
    'dist/cli.cjs',
    `(function (exports, require, module, __filename, __dirname, __lazyImport) {${lazy}\n})`,
    'latin1',
  );
}
// The lazily loaded parts of the CLI (in dist/lazy/) and the library (in dist/lib/) are one split build, so that
// what they share (zod above all) is one chunk in dist/chunks/, loaded and compiled once and shipped once.
await build({
  ...common,
  entryPoints: {
    ...Object.fromEntries(Object.entries(LAZY).map(([source, name]) => [`lazy/${name}`, source])),
    'lib/index': 'src/index.ts',
    'lib/schema': 'src/contract/estimate.ts',
  },
  outdir: 'dist',
});

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
pruneDeclarations('dist/types', 'index.d.ts');

const { loadData, DATA_FILE_NAMES, precomputedBottomUp } = await import(new URL('dist/lib/index.js', root).href);
try {
  await loadData({ dataDir: 'data', defaultData: false });
} catch (error) {
  process.stderr.write(`build: the shipped data is invalid.\n${error.message}\n`);
  process.exit(1);
}
// The CLI trusts data/ without validating it again while it is byte-for-byte what was validated here: the files'
// texts, as members of one JSON object (the format of shippedSnapshotText in src/data/load.ts).
const snapshotMembers = Object.entries(DATA_FILE_NAMES).map(([key, name]) => {
  const text = readFileSync(`data/${name}`, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) throw new Error(`build: data/${name} starts with a byte-order mark; remove it`);
  return `${JSON.stringify(key)}:${text}`;
});
writeFileSync('dist/shipped-data.json', `{${snapshotMembers.join(',')}}`);
// The bottom-up series' yearly totals from the shipped daily inputs and hardware list (about 0.1 s of model a run),
// keyed by a digest of all they rest on: a run uses them only while its inputs, hardware list and CBECI series are
// these (src/core/network/computed-series.ts).
// Computed on the data as a run loads them (the snapshot just written), so that the JSON of what they rest on is a
// run's byte for byte.
// The inputs are kept as a file of their own, compared as bytes: a run reads no JSON string of them.
const precomputed = precomputedBottomUp(await loadData());
writeFileSync('dist/bottom-up-series.json', JSON.stringify(precomputed?.record ?? {}));
writeFileSync('dist/bottom-up-inputs.csv', precomputed?.inputs ?? '');

// V8's code cache for the CLI bundle, taken after runs of the commonest commands so that the functions they
// compile are in it; bin/mining-energy.js uses it when this Node's V8 accepts it. (Adding --help grew the cache
// by 50 KB, which every run reads, for 1.5 ms off help alone.)
execFileSync(
  process.execPath,
  ['scripts/code-cache.cjs', 'dist/cli.cache', 'estimate --region sichuan --json', 'estimate --region sichuan'],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', MINING_ENERGY_NO_USER_DATA: '1' } },
);
