import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, WIDE } from '../helpers.js';

// A copy of the installed package, so that its shipped data can be edited after the build.
const copy = mkdtempSync(join(tmpdir(), 'mining-energy-'));
for (const part of ['bin', 'dist', 'data', 'seeds', 'package.json'])
  cpSync(join(ROOT, part), join(copy, part), { recursive: true });
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(copy, 'bin', 'mining-energy.js'), ...args], {
    encoding: 'utf8',
    // Wide, so that a message is matched unwrapped.
    env: { ...process.env, NO_COLOR: '1', ...WIDE },
  });

describe('shipped data edited after the build', () => {
  it('is used as built while unchanged', () => {
    const result = run('estimate', '--region', 'sichuan', '--year', '2024', '--json');
    expect(result.status).toBe(0);
    // 10% of China × 13.727% of the world × CBECI's 136.6227 TWh over 321 days of 2024, × 366/321.
    // Sichuan's 10% of China × China's share interpolated between January 2022 (21.11%) and May 2025 (13.727%) at
    // mid-2024 (29.5 of 40 months) × CBECI's 2024 annualised.
    const chinaPct = 21.11 + (13.727 - 21.11) * (29.5 / 40);
    expect(JSON.parse(result.stdout)[0].energy.twh).toBeCloseTo((0.1 * (chinaPct / 100) * 136.6227 * 366) / 321, 8);
  });

  it('is read from the file, not the build, once a byte changes and the length does not', () => {
    const file = join(copy, 'data', 'hashrate-shares.json');
    const text = readFileSync(file, 'utf8');
    const before = JSON.parse(run('estimate', '--region', 'sichuan', '--year', '2024', '--json').stdout)[0].energy.twh;
    // Sichuan's April 2021 share, 10% of China, the one its 2024 estimate carries: 11% instead, the same length.
    const edited = text.replace('"month": "2021-04",\n    "sharePct": 10,', '"month": "2021-04",\n    "sharePct": 11,');
    expect(edited.length).toBe(text.length);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const result = run('estimate', '--region', 'sichuan', '--year', '2024', '--json');
    writeFileSync(file, text);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)[0].energy.twh / before).toBeCloseTo(1.1, 9);
  });

  it('is validated again once changed, and its problems reported', () => {
    const file = join(copy, 'data', 'hashrate-shares.json');
    const shares = JSON.parse(readFileSync(file, 'utf8'));
    shares[0].sharePct = 175;
    writeFileSync(file, JSON.stringify(shares));
    const result = run('estimate', '--region', 'sichuan', '--json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /The shipped data has a problem:\n {2}- .*hashrate-shares\.json → record 1 \("china" 2019-09\) → sharePct → must be a percentage from 0 to 100/,
    );
  });

  it('names the package, not --no-default-data, when a shipped file is missing', () => {
    rmSync(join(copy, 'data', 'regions.json'));
    const result = run('estimate', '--region', 'sichuan');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/The shipped data in .* is missing regions\.json/);
    expect(result.stderr).toMatch(/install mining-energy again/);
    expect(result.stderr).not.toMatch(/--no-default-data/);
  });
});

describe('the start-up path', () => {
  it('does not bundle zod into the CLI entry: validation loads it only when data needs checking', () => {
    // A runtime value imported from src/data/schemas.ts into the core or a command pulls zod into dist/cli.cjs,
    // which costs tens of milliseconds on every run. The closed vocabularies live in src/data/vocabulary.ts.
    expect(readFileSync(join(ROOT, 'dist', 'cli.cjs'), 'utf8')).not.toMatch(/ZodError/);
  });

  it('bundles zod once, in a chunk the validators and the library share', () => {
    const files = readdirSync(join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      /\.c?js$/.test(file),
    );
    // zod names its error class "$ZodError" in a string, which minifying keeps.
    const withZod = files.filter((file) => readFileSync(join(ROOT, 'dist', file), 'utf8').includes('$ZodError'));
    expect(withZod).toHaveLength(1);
    expect(withZod[0]).toMatch(/^chunks\//);
  });
});
