import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REGION_DEPTH } from '../../src/data/limits.js';
import { expectFailure, FIXTURES, runCli, WIDE } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mining-energy-deep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a user data directory on the command line', () => {
  it('refuses a 5,000-deep region chain with the depth limit (exit 1), well under a second', async () => {
    const deep = Array.from({ length: 5000 }, (_, i) => ({
      id: `deep-${i}`,
      name: `Deep ${i}`,
      kind: 'other',
      parent: i === 0 ? 'world' : `deep-${i - 1}`,
    }));
    writeFileSync(join(dir, 'regions.json'), JSON.stringify(deep));
    const started = performance.now();
    const result = await runCli(['--data', dir, 'estimate', '--region', 'deep-4999'], WIDE);
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `regions.json → region "deep-${MAX_REGION_DEPTH - 1}" → parent → is ${MAX_REGION_DEPTH + 1} levels down from the world (the world included), over the limit of ${MAX_REGION_DEPTH} levels (MAX_REGION_DEPTH)`,
    );
    expect(result.stderr).not.toMatch(/call stack/);
    // About 0.2 s alone, start-up included; the margin is for a loaded test machine.
    expect(seconds).toBeLessThan(10);
  });

  it('is a usage error (exit 2) to give --no-default-data without --data', async () => {
    await expectFailure(['--no-default-data', 'regions'], 2, /--no-default-data needs --data <dir>/);
  });
});

describe('data import into a directory', () => {
  const CBECI_EXPORT = join(FIXTURES, 'import', 'cbeci_revised_daily_export_2010-07-18_2024-11-16.csv');

  it('refuses a data file in the out directory that is a broken symbolic link, instead of writing over it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mining-energy-import-'));
    symlinkSync(join(out, 'nowhere.json'), join(out, 'network-energy.json'));
    await expectFailure(
      ['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', out],
      1,
      /Cannot read the data file .*network-energy\.json: it is a symbolic link to .*nowhere\.json/,
    );
    rmSync(out, { recursive: true, force: true });
  });
});
