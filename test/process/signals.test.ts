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
      const { dir, result } = runSignalled(signal, (d) => ['report', '--region', 'sichuan', '--out', join(d, 'r.html')]);
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
