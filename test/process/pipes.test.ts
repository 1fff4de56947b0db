import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, WIDE, STACK_FRAME } from '../helpers.js';
import { writeUserRegions } from '../../scripts/synthetic-data.mjs';

/**
 * What only a real process with real pipes and files as stdout and stderr shows, so these run the built binary:
 * a full disk (/dev/full), a reader that leaves early (EPIPE: `| head`, a pipe closed at once), and bytes written
 * to a pipe through the file descriptor itself. The in-process harness captures what is written and can show
 * none of these.
 */

describe('a full disk (/dev/full as stdout)', () => {
  it('a full disk ends the run with exit code 1 and one line, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'estimate', '--region', 'sichuan', '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', full, 'pipe'],
        env: { ...process.env, NO_COLOR: '1', ...WIDE },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('error: cannot write the output: no space left on device (ENOSPC)\n');
    } finally {
      closeSync(full);
    }
  });

  it('a full disk on stderr too ends the run with exit code 1, silently', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'estimate', '--region', 'sichuan'], {
        cwd: ROOT,
        stdio: ['ignore', full, full],
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(result.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});

describe('a reader that leaves early (EPIPE)', () => {
  /** Runs the CLI with its output read through pipes, closing the readers named before anything is written. */
  function runWithClosedReaders(
    args: readonly string[],
    close: readonly ('stdout' | 'stderr')[],
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stdout = '';
      let stderr = '';
      for (const name of close) child[name].destroy();
      if (!close.includes('stdout')) child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      if (!close.includes('stderr')) child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('a reader that leaves early (EPIPE) stops the writing quietly, with the run’s own exit code, every time', async () => {
    for (let i = 0; i < 20; i++) {
      const outClosed = await runWithClosedReaders(['estimate', '--region', 'sichuan'], ['stdout']);
      expect(outClosed.code).toBe(0);
      expect(outClosed.stderr).toContain('warning (');
      expect(outClosed.stderr).not.toMatch(new RegExp(`error|EPIPE|${STACK_FRAME.source}`, 'm'));
      const bothClosed = await runWithClosedReaders(['estimate', '--region', 'sichuan'], ['stdout', 'stderr']);
      expect(bothClosed.code).toBe(0);
    }
  }, 120_000);

  it('a failed run whose stderr reader left keeps its exit code', async () => {
    for (let i = 0; i < 5; i++) {
      const result = await runWithClosedReaders(['estimate', '--region', 'nowhere'], ['stdout', 'stderr']);
      expect(result.code).toBe(2);
    }
  }, 60_000);

  it('ends quietly when the reader leaves early (| head -1)', () => {
    const result = spawnSync(
      'bash',
      ['-c', `set -o pipefail; NO_COLOR=1 node ${BIN} estimate --all --kind province --format ndjson | head -1`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  describe('estimate --all over many regions', () => {
    /** Provinces of China with a share each: enough estimates that the output is written in many batches. */
    let dataDir = '';
    beforeAll(() => {
      dataDir = writeUserRegions(mkdtempSync(join(tmpdir(), 'mining-energy-stream-')), 1500);
    });

    it('stops early with exit code 0 when the reader closes the pipe after the first line', () => {
      const result = spawnSync(
        'sh',
        ['-c', `"${process.execPath}" "${BIN}" --data "${dataDir}" estimate --all --format ndjson | head -c 200`],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      );
      expect(result.status).toBe(0);
      expect(result.stdout.length).toBe(200);
      expect(result.stderr).not.toContain('error');
    });
  });
});

describe('bytes on a pipe', () => {
  it('writes the same bytes to a redirected stdout as to --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-png-'));
    const out = join(dir, 'shares.png');
    expect((await runCli(['chart', 'shares', '--region', 'sichuan', '--format', 'png', '--out', out])).code).toBe(0);
    const piped = spawnSync(process.execPath, [BIN, 'chart', 'shares', '--region', 'sichuan', '--format', 'png'], {
      cwd: ROOT,
    });
    expect(piped.status).toBe(0);
    expect(piped.stdout.equals(readFileSync(out))).toBe(true);
  });
});
