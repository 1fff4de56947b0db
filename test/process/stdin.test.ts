import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, WIDE } from '../helpers.js';

/** `-` and /dev/stdin read standard input: only a real process has one to pipe into. */

const run = (args: readonly string[], input: string) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...WIDE },
  });

const SERIES = ['date,hashrateEhs,revenueUsd', '2022-01-01,180,40000000', '2022-01-02,181,41000000', ''].join('\n');

const out = mkdtempSync(join(tmpdir(), 'mining-energy-stdin-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('standard input as the file', () => {
  it.each(['-', '/dev/stdin'])('network --input %s reads the series piped in', (name) => {
    const piped = run(['network', '--input', name, '--json'], SERIES);
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    const days = (JSON.parse(piped.stdout) as { date: string }[]).map((r: { date: string }) => r.date);
    expect(days).toEqual(['2022-01-01', '2022-01-02']);
  });

  it('names standard input in the problems of what was piped in', () => {
    const piped = run(['network', '--input', '-'], 'date,hashrateEhs,revenueUsd\n2022-01-01,-5,40000000\n');
    expect(piped.status).toBe(1);
    expect(piped.stdout).toBe('');
    expect(piped.stderr).toContain('standard input → line 2 → hashrateEhs');
  });

  it('data import takes - as the file, and its source record says it was read from standard input', () => {
    const csv = readFileSync(join(FIXTURES, 'import', 'cbeci_mining_countries_2019-09_2022-01.csv'), 'utf8');
    const dir = join(out, 'map');
    const piped = run(['data', 'import', 'cbeci-mining-map', '-', '--out', dir], csv);
    expect(piped.status).toBe(0);
    const [source] = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as { note: string }[];
    expect(source?.note).toMatch(/from standard input \(read \d{4}-\d{2}-\d{2}\)/);
    expect(JSON.parse(readFileSync(join(dir, 'hashrate-shares.json'), 'utf8'))).toHaveLength(290);
  });
});
