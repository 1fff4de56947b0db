#!/usr/bin/env node
// Builds dist/: one ESM bundle for the CLI and the library (shared chunks, cli-table3 and zod split out so
// that `--json` runs load neither), type declarations, and a manifest of the shipped data validated here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
process.chdir(fileURLToPath(root));
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', schema: 'src/format/estimate-schema.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // commander and cli-table3 are CommonJS; an ESM bundle of them needs a real `require`.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const { loadData, DATA_FILE_NAMES } = await import(new URL('dist/index.js', root).href);
try {
  await loadData({ dataDir: 'data', defaultData: false });
} catch (error) {
  process.stderr.write(`build: the shipped data is invalid.\n${error.message}\n`);
  process.exit(1);
}
const manifest = Object.fromEntries(
  Object.values(DATA_FILE_NAMES).map((name) => [
    name,
    createHash('sha256')
      .update(readFileSync(`data/${name}`, 'utf8'))
      .digest('hex'),
  ]),
);
writeFileSync('dist/data-manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
