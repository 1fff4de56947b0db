import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationImports, pruneDeclarations } from '../scripts/declarations.mjs';
import { ROOT } from './helpers.js';

/**
 * A program that uses the library as its users would, typed as strictly as TypeScript allows: the package's own
 * declarations are checked too (skipLibCheck off), so a declaration file the package leaves out fails here (TS2307).
 */
const CONSUMER = `import { type Estimate, estimate, indexData, loadData, resolveRegion } from 'mining-energy';

const data = await loadData();
const region = resolveRegion(indexData(data), 'Sichuan');
const result: Estimate = estimate(data, region.id, { year: 2021 });
const twh: number = result.energy.twh;
process.stdout.write(JSON.stringify({ region: result.region.id, year: result.year, twh }));
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    skipLibCheck: false,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2023'],
    types: ['node'],
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
  },
  files: ['index.ts'],
};

/** What the program needs besides the package, taken from this project's node_modules: nothing is downloaded. */
const LINKED = ['zod', 'typescript', '@types/node', 'undici-types'];

const work = mkdtempSync(join(tmpdir(), 'mining-energy-consumer-'));
const consumer = join(work, 'consumer');

/** Packs the built package as `npm publish` would (without building again) and unpacks it where a user's install puts it. */
function installPackedPackage(): void {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_offline: 'true' },
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { filename: string }[];
  const tarball = join(work, packed[0]?.filename ?? '');
  const target = join(consumer, 'node_modules', 'mining-energy');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  for (const name of LINKED) {
    const link = join(consumer, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(join(consumer, 'index.ts'), CONSUMER);
}

/** tsc's run on the program; it writes index.js even when the types fail. */
let typeCheck: { status: number | null; output: string };

beforeAll(() => {
  installPackedPackage();
  const tsc = spawnSync(process.execPath, [join(consumer, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], {
    cwd: consumer,
    encoding: 'utf8',
  });
  typeCheck = { status: tsc.status, output: tsc.stdout + tsc.stderr };
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package, installed in a fresh project', () => {
  it('type-checks a strict TypeScript program that loads the data, finds a region and estimates it', () => {
    expect(typeCheck.output).toBe('');
    expect(typeCheck.status).toBe(0);
  });

  it('runs that program with node: Sichuan in 2021 uses a finite, positive number of TWh', () => {
    const run = spawnSync(process.execPath, ['index.js'], { cwd: consumer, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { region: string; year: number; twh: number };
    expect(result).toMatchObject({ region: 'sichuan', year: 2021 });
    expect(Number.isFinite(result.twh)).toBe(true);
    expect(result.twh).toBeGreaterThan(0);
  });
});

describe('pruneDeclarations', () => {
  /** Every form in which tsc writes an import into a declaration file, each naming its own file. */
  const FORMS = [
    ["import { A } from './single.js';", './single.js'],
    ['import type { B } from "./double.js";', './double.js'],
    ['export declare const c: import("./import-type.js").C;', './import-type.js'],
    ["export declare const d: import('./import-type-single.js').D;", './import-type-single.js'],
    ['export * from "./star.js";', './star.js'],
    ["export { E } from './named.js';", './named.js'],
    ['import "./side-effect.js";', './side-effect.js'],
    ['import f = require("./required.js");', './required.js'],
    ['/// <reference path="./referenced.d.ts" />', './referenced.d.ts'],
    ["import { G } from '../parent/up.mjs';", '../parent/up.mjs'],
  ] as const;

  it.each(FORMS)('follows %s', (line, specifier) => {
    expect(declarationImports(line)).toEqual([specifier]);
  });

  it('ignores packages and keeps only the files the entry reaches, in every form', () => {
    const dir = join(work, 'types');
    const file = (path: string, text = 'export {};\n') => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    file('lib/index.d.ts', [...FORMS.map(([line]) => line), "import type { z } from 'zod';"].join('\n'));
    for (const [, specifier] of FORMS) {
      file(join('lib', specifier.replace(/\.js$/, '.d.ts').replace(/\.mjs$/, '.d.mts')));
    }
    file('lib/unreached.d.ts');
    file('cli/main.d.ts');
    pruneDeclarations(dir, 'lib/index.d.ts');
    const left = (readdirSync(dir, { recursive: true }) as string[]).filter((path) => path.includes('.d.'));
    expect(left.sort()).toEqual(
      [
        'lib/index.d.ts',
        'lib/single.d.ts',
        'lib/double.d.ts',
        'lib/import-type.d.ts',
        'lib/import-type-single.d.ts',
        'lib/star.d.ts',
        'lib/named.d.ts',
        'lib/side-effect.d.ts',
        'lib/required.d.ts',
        'lib/referenced.d.ts',
        'parent/up.d.mts',
      ].sort(),
    );
  });
});
