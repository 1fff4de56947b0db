import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Script } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const { bundleScript } = createRequire(import.meta.url)(join(ROOT, 'bin', 'mining-energy.js')) as {
  bundleScript: (cachedData?: Buffer) => Script;
};

// A copy of the installed package, so that its code cache can be spoiled or removed.
const copy = mkdtempSync(join(tmpdir(), 'mining-energy-cache-'));
for (const part of ['bin', 'dist', 'data', 'seeds', 'package.json'])
  cpSync(join(ROOT, part), join(copy, part), { recursive: true });
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'mining-energy.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '100' },
  });

describe("the CLI bundle's code cache", () => {
  it('is accepted by the Node that built it', () => {
    expect(bundleScript(readFileSync(join(ROOT, 'dist', 'cli.cache'))).cachedDataRejected).toBe(false);
  });

  it('gives way to an ordinary compile when V8 rejects it or it is missing, with the same output', () => {
    const expected = run(ROOT, 'estimate', '--region', 'sichuan');
    expect(expected.status).toBe(0);
    writeFileSync(join(copy, 'dist', 'cli.cache'), Buffer.from('not a code cache'));
    expect(bundleScript(readFileSync(join(copy, 'dist', 'cli.cache'))).cachedDataRejected).toBe(true);
    const spoiled = run(copy, 'estimate', '--region', 'sichuan');
    expect([spoiled.status, spoiled.stdout, spoiled.stderr]).toEqual([0, expected.stdout, expected.stderr]);
    rmSync(join(copy, 'dist', 'cli.cache'));
    const missing = run(copy, 'estimate', '--region', 'sichuan');
    expect([missing.status, missing.stdout, missing.stderr]).toEqual([0, expected.stdout, expected.stderr]);
  });

  it("loads the bundle's lazy modules from a cached run (a --data directory is validated)", () => {
    const result = run(
      ROOT,
      'estimate',
      '--region',
      'sichuan',
      '--json',
      '--data',
      join(ROOT, 'test', 'fixtures', 'overlay'),
    );
    expect(result.stderr).not.toMatch(/dynamic import|unexpected/);
    expect(result.status).toBe(0);
  });
});
