import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/cli/progress.js';
import { runCli } from '../helpers.js';

/** A stand-in for stderr that keeps what is written, and a clock the test moves. */
function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

function fakeClock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

/** Reports `total` steps in `reports` equal reports, `msEach` apart. */
function runWork(
  onProgress: ((done: number, total: number) => void) | undefined,
  clock: ReturnType<typeof fakeClock>,
  total: number,
  reports: number,
  msEach: number,
) {
  for (let r = 1; r <= reports; r++) {
    clock.advance(msEach);
    onProgress?.((total / reports) * r, total);
  }
}

describe('progress reporter', () => {
  it('shows the percentage of long work on a terminal, then clears its line', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = progressReporter('Monte Carlo', 'samples', stream, clock.now);
    // 100 reports 30 ms apart: 3 seconds of work.
    runWork(progress.onProgress, clock, 100_000, 100, 30);
    progress.finish();
    expect(stream.writes.length).toBeGreaterThan(10);
    // eslint-disable-next-line no-control-regex
    expect(stream.writes[0]).toMatch(/^\rMonte Carlo: \d+% \([\d,]+ of 100,000 samples\)\u001b\[K$/);
    expect(stream.writes).toContain('\rMonte Carlo: 50% (50,000 of 100,000 samples)\u001b[K');
    expect(stream.writes.at(-2)).toBe('\rMonte Carlo: 100% (100,000 of 100,000 samples)\u001b[K');
    expect(stream.writes.at(-1)).toBe('\r\u001b[K');
    // One line a percentage point at most.
    expect(new Set(stream.writes).size).toBe(stream.writes.length);
  });

  it('shows nothing for work that ends within about a second', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = progressReporter('Monte Carlo', 'samples', stream, clock.now);
    // 100 reports 5 ms apart: half a second.
    runWork(progress.onProgress, clock, 100_000, 100, 5);
    progress.finish();
    expect(stream.writes).toEqual([]);
  });

  it('judges the pace after the first steps, so a slow start alone does not make work long', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const progress = progressReporter('Series', 'days', stream, clock.now);
    clock.advance(200);
    progress.onProgress?.(1, 1_000);
    runWork((done, total) => progress.onProgress?.(done + 1, total + 1), clock, 999, 100, 3);
    progress.finish();
    expect(stream.writes).toEqual([]);
  });

  it('asks for no progress at all when stderr is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = progressReporter('Monte Carlo', 'samples', stream, fakeClock().now);
    expect(progress.onProgress).toBeUndefined();
    progress.finish();
    expect(stream.writes).toEqual([]);
  });
});

describe('progress end to end', () => {
  it.each([
    [['scenario', '--ban', 'china', '--year', '2021', '--uncertainty', '300000', '--seed', '1', '--json']],
    [['estimate', '--region', 'sichuan', '--year', '2021', '--uncertainty', '3000000', '--seed', '1', '--json']],
    [['network', '--input', '--format', 'csv']],
  ])('%j off a terminal: no progress on stderr or stdout', async (args) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(stderr).not.toMatch(/%|\r|\u001b/);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/\r(?!\n)|\u001b|Monte Carlo:|Series:/);
  });
});
