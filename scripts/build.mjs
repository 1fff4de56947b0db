#!/usr/bin/env node
// Builds dist/: the CLI as one CommonJS file (what only some runs need is in dist/lazy/, as ES modules), the
// library in dist/lib/,
// type declarations in dist/types/, and a copy of the shipped data as validated here.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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
  // commander is CommonJS; an ESM bundle of it needs a real `require`.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [lazyChildProcess],
};
// The CLI is one file with no static imports of its own, so that a run resolves and reads as few modules as
// possible; what only some runs need (the table renderer, chalk, zod and the validators) is built into
// dist/lazy/ and imported when needed.
const LAZY = {
  'src/format/table.ts': 'table',
  'src/format/scenario.ts': 'scenario-table',
  'src/format/network.ts': 'network-table',
  'src/format/claims.ts': 'claims-table',
  'src/format/compare.ts': 'compare-table',
  'src/format/compare-with.ts': 'compare-with-table',
  'src/format/shares.ts': 'shares-table',
  'src/format/lists.ts': 'regions-table',
  'src/data/validate.ts': 'validate',
  'src/data/seed-schema.ts': 'seed-schema',
  'src/data/series-input.ts': 'series-input',
  'src/import/import-data.ts': 'import-data',
  chalk: 'chalk',
};
const lazyModules = {
  name: 'lazy-modules',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const key =
        args.path === 'chalk'
          ? 'chalk'
          : relative(fileURLToPath(root), resolve(args.resolveDir, args.path)).replace(/\.js$/, '.ts');
      const name = LAZY[key];
      if (!name) throw new Error(`build: add ${key} to LAZY, or import it statically`);
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
  define: { 'import.meta.url': '__moduleUrl' },
  inject: ['scripts/cjs-module-url.mjs'],
  plugins: [lazyChildProcess, lazyModules],
});
await build({
  ...common,
  splitting: false,
  entryPoints: Object.fromEntries(Object.entries(LAZY).map(([source, name]) => [name, source])),
  outdir: 'dist/lazy',
});
await build({
  ...common,
  entryPoints: { index: 'src/index.ts', schema: 'src/contract/estimate.ts' },
  outdir: 'dist/lib',
});

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const { loadData, DATA_FILE_NAMES } = await import(new URL('dist/lib/index.js', root).href);
try {
  await loadData({ dataDir: 'data', defaultData: false });
} catch (error) {
  process.stderr.write(`build: the shipped data is invalid.\n${error.message}\n`);
  process.exit(1);
}
// The CLI trusts data/ without re-validating only while it is byte-for-byte what was validated here.
mkdirSync('dist/validated-data', { recursive: true });
for (const name of Object.values(DATA_FILE_NAMES)) copyFileSync(`data/${name}`, `dist/validated-data/${name}`);
