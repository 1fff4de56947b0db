import { describe, expect, it } from 'vitest';
import { expectFailure, runCli, WIDE } from '../helpers.js';

describe('scenario', () => {
  it('prints the JSON document for a ban', async () => {
    const { code, stdout } = await runCli(['scenario', '--ban', 'china', '--year', '2021', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.scenario).toMatchObject({
      year: 2021,
      bans: ['china'],
      redistribute: 'proportional',
      basis: { series: 'cbeci', twh: 89.0022, coverage: 'year', evidence: 'computed', factor: 1 },
      carbonBasis: 'life-cycle',
    });
    const us = result.regions.find((r: { id: string }) => r.id === 'united-states');
    expect(Object.keys(us)).toEqual(['id', 'sharePct', 'before', 'after', 'change']);
    expect(us.after.twh).toBeGreaterThan(us.before.twh);
    expect(result.total.before.twh).toBe(89.0022);
    expect(result.total.after.twh).toBe(89.0022);
  });

  it('shows the carbon cost of moving Sichuan to Xinjiang in a table', async () => {
    const { code, stdout } = await runCli(
      ['scenario', '--ban', 'Szechuan', '--redistribute', 'xinjiang', '--year', '2021'],
      WIDE,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/ban Sichuan \(redistribute: Xinjiang\)/);
    expect(stdout).toMatch(/│ network +│ +100 → 100 │/);
  });

  it('accepts moves by name', async () => {
    const { code, stdout } = await runCli(['scenario', '--move', 'Mainland China:USA:50', '--year', '2021', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).scenario.moves).toEqual([{ from: 'china', to: 'united-states', pct: 50 }]);
  });

  it.each([
    [['scenario'], /Give --ban/],
    [['scenario', '--move', 'china:united-states:150'], /argument 'china:united-states:150' is invalid/],
    [['scenario', '--move', 'china:atlantis:10'], /Unknown region "atlantis"/],
    [['scenario', '--move', 'china:sichuan:10', '--year', '2021'], /one region contains the other/],
    [
      ['scenario', '--ban', 'china', '--year', '2030'],
      /No network total \(published, computed here or read on one day\) covers 2030 for World/,
    ],
    [['scenario', '--ban', 'china', '--series', 'jiang-2021'], /"jiang-2021" is not a world series/],
    [['scenario', '--move', 'china:texas:10', '--redistribute', 'none'], /--redistribute goes with --ban/],
  ])('exits 2 on %j with nothing on stdout', async (args, message) => await expectFailure(args, 2, message));
});

describe('scenario --uncertainty', () => {
  const SICHUAN_TO_XINJIANG = ['scenario', '--ban', 'sichuan', '--redistribute', 'xinjiang', '--year', '2021'];

  it('adds percentiles of the network totals, reproducible with a seed', async () => {
    const args = [...SICHUAN_TO_XINJIANG, '--uncertainty', '5000', '--seed', '7', '--json'];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    expect((await runCli(args)).stdout).toBe(first.stdout);
    const { uncertainty, total } = JSON.parse(first.stdout);
    expect(uncertainty.settings).toMatchObject({ samples: 5000, seed: 7 });
    expect(uncertainty.total.change.mtco2.p5).toBeGreaterThan(0);
    expect(uncertainty.total.change.mtco2.p5).toBeLessThan(total.change.mtco2);
    expect(uncertainty.total.change.mtco2.p95).toBeGreaterThan(total.change.mtco2);
  });

  it('varies the shares too: the named regions get intervals, and --share-spread 0 holds approximate shares fixed', async () => {
    const run = async (spread: string) => {
      // On UNU's total, which has no bounds, the share's spread is what widens Sichuan's interval.
      const { code, stdout } = await runCli([
        ...SICHUAN_TO_XINJIANG,
        '--series',
        'unu-2023',
        '--uncertainty',
        '2000',
        '--seed',
        '3',
        '--share-spread',
        spread,
        '--break-spread',
        '0',
        '--json',
      ]);
      expect(code).toBe(0);
      return JSON.parse(stdout);
    };
    const varied = await run('1');
    expect(varied.uncertainty.regions.map((r: { id: string }) => r.id)).toEqual(['sichuan', 'xinjiang']);
    const sichuan = varied.uncertainty.regions[0];
    const expected = varied.regions.find((r: { id: string }) => r.id === 'sichuan').before.twh;
    expect(sichuan.before.twh.p5).toBeLessThan(expected);
    expect(sichuan.before.twh.p95).toBeGreaterThan(expected);
    expect(sichuan.after.twh).toEqual({ p5: 0, p50: 0, p95: 0 });
    // Sichuan's 10% (April 2021) is approximate and states no precision: it alone spreads with --share-spread.
    const fixed = await run('0');
    const width = (p: { p5: number; p95: number }) => p.p95 - p.p5;
    expect(width(fixed.uncertainty.regions[0].before.twh)).toBeLessThan(width(sichuan.before.twh));
    // By default a share from before a ban (Sichuan's April 2021, China's ban of June 2021) spreads ± 100%.
    const widened = JSON.parse(
      (await runCli([...SICHUAN_TO_XINJIANG, '--series', 'unu-2023', '--uncertainty', '2000', '--seed', '3', '--json']))
        .stdout,
    );
    expect(widened.uncertainty.settings.breakSpread).toBe(1);
    expect(width(widened.uncertainty.regions[0].before.twh)).toBeGreaterThan(2 * width(sichuan.before.twh));
    expect(fixed.uncertainty.regions[0].change.mtco2.p50).toBeCloseTo(
      fixed.regions.find((r: { id: string }) => r.id === 'sichuan').change.mtco2,
      1,
    );
  });
});
