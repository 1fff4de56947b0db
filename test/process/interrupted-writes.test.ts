import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT } from '../helpers.js';

/**
 * A signal that arrives while a report or chart is being written: the preloaded module
 * (test/fixtures/process/signal-mid-write.cjs) sends it right after the temporary file's bytes are written, as a
 * user's kill would arrive in the middle of the write. Only a real process can be ended by a signal.
 */
const PRELOAD = join(FIXTURES, 'process', 'signal-mid-write.cjs');

function runSignalled(signal: NodeJS.Signals, args: (dir: string) => string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'mining-energy-signal-'));
  const result = spawnSync(process.execPath, ['--require', PRELOAD, BIN, ...args(dir)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SIGNAL_MID_WRITE: signal },
  });
  return { dir, result };
}

describe('a signal in the middle of writing --out', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s during a report leaves no temporary file: the page is whole, and the run ends by the signal',
    (signal) => {
      const { dir, result } = runSignalled(signal, (d) => [
        'report',
        '--region',
        'sichuan',
        '--out',
        join(d, 'r.html'),
      ]);
      expect(result.signal, result.stderr).toBe(signal);
      const files = readdirSync(dir);
      expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
      // Whole or not at all: the signal is handled between two steps of the write, here after it.
      for (const name of files) expect(readFileSync(join(dir, name), 'utf8').trimEnd()).toMatch(/<\/html>$/);
    },
  );

  it('SIGTERM during a chart leaves no temporary file, and the file whole', () => {
    const { dir, result } = runSignalled('SIGTERM', (d) => [
      'chart',
      'shares',
      '--region',
      'china',
      '--out',
      join(d, 'c.svg'),
    ]);
    expect(result.signal, result.stderr).toBe('SIGTERM');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8').trimEnd()).toMatch(/<\/svg>$/);
  });
});

describe('data import on a full disk', () => {
  const IMPORTS = join(FIXTURES, 'import');
  const importArgs = (out: string) => [
    'data',
    'import',
    'cbeci-mining-map',
    join(IMPORTS, 'cbeci_mining_countries_2019-09_2022-01.csv'),
    '--out',
    out,
    '--source',
    'second-map',
  ];

  it.each(['hashrate-shares.json', 'sources.json'])(
    'failing to write %s exits 1, changes no file of the directory and leaves nothing staged',
    (failing) => {
      const out = join(mkdtempSync(join(tmpdir(), 'mining-energy-full-')), 'out');
      const first = spawnSync(
        process.execPath,
        [
          BIN,
          'data',
          'import',
          'coinmetrics',
          join(IMPORTS, 'coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv'),
          '--out',
          out,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(first.status, first.stderr).toBe(0);
      const before = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
      const result = spawnSync(
        process.execPath,
        ['--require', join(FIXTURES, 'process', 'enospc.cjs'), BIN, ...importArgs(out)],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', COLUMNS: '1000', ENOSPC_ON: failing },
        },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/no space left on the device \(ENOSPC\); nothing was changed/);
      const after = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
      expect(after).toEqual(before);
      const check = spawnSync(process.execPath, [BIN, 'data', 'check', out], { cwd: ROOT, encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
    },
  );
});
