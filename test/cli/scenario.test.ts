import { describe, expect, it } from 'vitest';
import { expectFailure, runCli } from '../helpers.js';

describe('scenario', () => {
  it('prints the JSON document for a ban', () => {
    const { code, stdout } = runCli(['scenario', '--ban', 'china', '--year', '2021', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.scenario).toMatchObject({
      year: 2021,
      bans: ['china'],
      redistribute: 'proportional',
      basis: { series: 'cbeci', twh: 89 },
    });
    const us = result.regions.find((r: { id: string }) => r.id === 'united-states');
    expect(Object.keys(us)).toEqual(['id', 'sharePct', 'before', 'after', 'change']);
    expect(us.after.twh).toBeGreaterThan(us.before.twh);
    expect(result.total.before.twh).toBe(89);
    expect(result.total.after.twh).toBe(89);
  });

  it('shows the carbon cost of moving Sichuan to Xinjiang in a table', () => {
    const { code, stdout } = runCli(['scenario', '--ban', 'Szechuan', '--redistribute', 'xinjiang', '--year', '2021']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ban sichuan \(redistribute: xinjiang\)/);
    expect(stdout).toMatch(/│ network +│ +100 → 100 │/);
  });

  it('accepts moves by name', () => {
    const { code, stdout } = runCli(['scenario', '--move', 'Mainland China:USA:50', '--year', '2021', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).scenario.moves).toEqual([{ from: 'china', to: 'united-states', pct: 50 }]);
  });

  it.each([
    [['scenario'], /Give --ban/],
    [['scenario', '--move', 'china:united-states:150'], /argument 'china:united-states:150' is invalid/],
    [['scenario', '--move', 'china:atlantis:10'], /Unknown region "atlantis"/],
    [['scenario', '--move', 'china:sichuan:10', '--year', '2021'], /one region contains the other/],
    [['scenario', '--ban', 'china', '--year', '2024'], /No world network-energy series covers 2024/],
    [['scenario', '--move', 'china:texas:10', '--redistribute', 'none'], /--redistribute goes with --ban/],
  ])('exits 2 on %j with nothing on stdout', (args, message) => expectFailure(args, 2, message));
});

describe('scenario --uncertainty', () => {
  it('adds percentiles of the network totals, reproducible with a seed', () => {
    const args = [
      'scenario',
      '--ban',
      'sichuan',
      '--redistribute',
      'xinjiang',
      '--year',
      '2021',
      '--uncertainty',
      '5000',
      '--seed',
      '7',
      '--json',
    ];
    const first = runCli(args);
    expect(first.code).toBe(0);
    expect(runCli(args).stdout).toBe(first.stdout);
    const { uncertainty, total } = JSON.parse(first.stdout);
    expect(uncertainty.settings).toMatchObject({ samples: 5000, seed: 7 });
    expect(uncertainty.total.change.mtco2.p5).toBeGreaterThan(0);
    expect(uncertainty.total.change.mtco2.p5).toBeLessThan(total.change.mtco2);
    expect(uncertainty.total.change.mtco2.p95).toBeGreaterThan(total.change.mtco2);
  });

  it('has no share spread', () => {
    const { code, stderr } = runCli(['scenario', '--ban', 'china', '--uncertainty', '10', '--share-spread', '2']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option '--share-spread'/);
  });
});
