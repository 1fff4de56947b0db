import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface PackedFile {
  path: string;
  size: number;
}

/** What `npm pack` would put in the tarball (from the built dist/, without running the build again). */
function packedFiles(): PackedFile[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return (JSON.parse(output) as { files: PackedFile[] }[])[0]?.files ?? [];
}

/** Every file the package ships: exact paths, and patterns for the build's hashed chunks and the declarations. */
const EXPECTED_FILES = [
  'DATA-LICENCES.md',
  'LICENSE',
  'README.md',
  'package.json',
  'bin/mining-energy.js',
  'bin/package.json',
  'data/carbon-intensity.json',
  'data/electricity-baselines.json',
  'data/events.json',
  'data/hardware.json',
  'data/hashrate-shares.json',
  'data/network-energy.json',
  'data/network-inputs.csv',
  'data/regions.json',
  'data/sources.json',
  'dist/bottom-up-inputs.csv',
  'dist/bottom-up-series.json',
  'dist/cli.cache',
  'dist/cli.cjs',
  'dist/lazy/import-data.js',
  'dist/lazy/pictures.js',
  'dist/lazy/seed-schema.js',
  'dist/lazy/update-data.js',
  'dist/lazy/update-summary.js',
  'dist/lazy/validate.js',
  'dist/lib/index.js',
  'dist/shipped-data.json',
  'seeds/README.md',
  'seeds/beijing-2023-clause18.json',
  'seeds/reuters-2021-sichuan.json',
];
const EXPECTED_PATTERNS = [/^dist\/chunks\/chunk-[A-Z0-9]+\.js$/, /^dist\/types\/(?:[a-z-]+\/)*[a-z-]+\.d\.ts$/];

/** The shipped data and seeds, and the build's validated snapshot of the data: not counted in the size limit. */
const isData = (path: string) =>
  /^(?:data|seeds)\//.test(path) ||
  ['dist/shipped-data.json', 'dist/bottom-up-series.json', 'dist/bottom-up-inputs.csv'].includes(path);

describe('the package', () => {
  const files = packedFiles();
  const paths = files.map((file) => file.path);

  it('holds exactly the files listed here', () => {
    const exact = paths.filter((path) => !EXPECTED_PATTERNS.some((pattern) => pattern.test(path)));
    expect(exact.sort()).toEqual([...EXPECTED_FILES].sort());
    expect(paths).toContain('dist/types/index.d.ts');
    expect(paths.some((path) => path.startsWith('dist/chunks/'))).toBe(true);
  });

  it('ships only the declarations the library exports reach (none of the CLI)', () => {
    const declarations = paths.filter((path) => path.startsWith('dist/types/'));
    expect(declarations.filter((path) => /^dist\/types\/(?:cli|cli\.d\.ts)/.test(path))).toEqual([]);
  });

  // A budget, so that growth is seen and decided: 1 MB until 4.1.0; 1.15 MB since the width tables (13 KB with
  // their code cache), the computed bottom-up series and data update's downloader; 1.35 MB since the updaters of
  // the yearly sources (Ember and OWID), estimate's years and remainders, the library's checks of hand-built data
  // and of every model option at its door, the share model through time, the warnings' catalogue and the chart of
  // electricity by year; 1.40 MB since the charts' font widths, the PNG's font check, the library's own parameter
  // names and the kept series' checksum (docs/speed.md, "The package").
  it('is under 1.40 MB unpacked apart from its data', () => {
    const bytes = files.filter((file) => !isData(file.path)).reduce((sum, file) => sum + file.size, 0);
    expect(bytes).toBeLessThan(1_400_000);
  });

  it('installs only the chart renderers and undici, which report, chart and data update alone load, and the width tables; the rest is bundled into dist/', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(manifest.dependencies as Record<string, string>).sort()).toEqual([
      '@resvg/resvg-js',
      'get-east-asian-width',
      'undici',
      'vega',
      'vega-lite',
    ]);
    // zod's types appear in the library's declarations; TypeScript users add zod themselves.
    expect(manifest.peerDependenciesMeta).toEqual({ zod: { optional: true } });
    const cli = readFileSync(join(ROOT, 'dist/cli.cjs'), 'utf8');
    for (const renderer of ['vega', 'vega-lite', '@resvg/resvg-js']) {
      expect(cli).not.toContain(`require("${renderer}")`);
      expect(cli).not.toContain(`import("${renderer}")`);
    }
    expect(readFileSync(join(ROOT, 'dist/lazy/pictures.js'), 'utf8')).toMatch(/import\("vega"\)/);
    // The width tables are a dependency of the library's sources, but bundled: the CLI loads nothing for them.
    expect(cli).not.toMatch(/require\("get-east-asian-width"\)|import\("get-east-asian-width"\)/);
    expect(cli).not.toMatch(/undici/);
    expect(readFileSync(join(ROOT, 'dist/lazy/update-data.js'), 'utf8')).toMatch(/import\("undici"\)/);
  });
});
