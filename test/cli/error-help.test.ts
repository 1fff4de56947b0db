import { describe, expect, it } from 'vitest';
import { runCli, WIDE } from '../helpers.js';

/** Errors laid out as warnings are, and refusals that say what would answer them. */

describe('errors wrap like warnings', () => {
  it('wraps a long error at 80 columns on a pipe, with the hanging indent of warnings', async () => {
    const { code, stderr } = await runCli(['estimate', '--region', 'sichuan', '--year', '2030']);
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0]).toMatch(/^error: No network total/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
  });

  it('follows COLUMNS, as warnings do', async () => {
    const { stderr } = await runCli(['estimate', '--region', 'sichuan', '--year', '2030'], { COLUMNS: '50' });
    for (const line of stderr.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(50);
  });

  it('keeps a short error on one line', async () => {
    const { stderr } = await runCli(['estimate', '--region', 'atlantis']);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('refusals end with the way round', () => {
  it('names data update, --hashrate with --revenue, and --data for a year no total covers', async () => {
    const { code, stderr } = await runCli(['estimate', '--region', 'sichuan', '--year', '2030'], WIDE);
    expect(code).toBe(2);
    const last = stderr.trimEnd().split('. ').at(-1) ?? '';
    expect(stderr).toContain('`mining-energy data update`');
    expect(last).toContain('--hashrate with --revenue');
    expect(last).toContain('--data <dir>');
  });

  it('names the share dataset that records Norway, and the option that uses it', async () => {
    const { code, stderr } = await runCli(['estimate', '--region', 'norway'], WIDE);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /cannot be estimated\. A share dataset records one: ask for it with --share-dataset cdmir-survey-2024\.\n$/,
    );
  });

  it('estimates Norway when asked as the refusal says', async () => {
    const { code } = await runCli(['estimate', '--region', 'norway', '--share-dataset', 'cdmir-survey-2024', '--json']);
    expect(code).toBe(0);
  });

  it('the shares command names the same dataset, with its own option', async () => {
    const { code, stderr } = await runCli(['shares', '--region', 'norway'], WIDE);
    expect(code).toBe(2);
    expect(stderr).toContain('--dataset cdmir-survey-2024');
  });
});

describe('tables and warnings name regions as people do', () => {
  it("prefixes each region's warnings with its name when there are several", async () => {
    const { stdout, stderr } = await runCli(
      ['estimate', '--region', 'texas,united-arab-emirates', '--year', '2023'],
      WIDE,
    );
    expect(stdout).toMatch(/│ United Arab Emirates +│/);
    expect(stdout).not.toMatch(/│ united-arab-emirates +│/);
    // By default a line per code, naming the regions it concerns when not all of them.
    // (Texas's chain rests on the United States' share interpolated between 2022 and 2025; the Emirates' does not.)
    expect(stderr).toMatch(/^warning \(interpolated-share\): a share is interpolated between records \(Texas\)$/m);
    expect(stderr).not.toMatch(/texas/);
    const explained = await runCli(
      ['estimate', '--region', 'texas,united-arab-emirates', '--year', '2023', '--explain'],
      WIDE,
    );
    expect(explained.stderr).toMatch(/^warning \(interpolated-share\): Texas: /m);
    expect(explained.stderr).toMatch(/^note \(approximate\): United Arab Emirates: /m);
    expect(explained.stderr).not.toMatch(/texas: /);
  });
});

describe('a path with a line break in an error', () => {
  it.each([
    [['network', '--input', 'a\nb.csv'], 'Cannot read the input series a\\u{a}b.csv: it does not exist.'],
    [['--data', 'x\ny', 'estimate', '--region', 'sichuan'], 'x\\u{a}y does not exist.'],
  ])('is written on one line: %j', async (args, said) => {
    const { code, stdout, stderr } = await runCli(args, { COLUMNS: '1000' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(said);
  });
});
