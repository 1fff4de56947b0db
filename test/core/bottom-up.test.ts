import { describe, expect, it } from 'vitest';
import {
  ageMonths,
  ageWeight,
  bottomUp,
  CBECI_OVERHEADS,
  inService,
  thresholdJPerTh,
  THS_PER_EHS,
  topDownTwh,
} from '../../src/core/network/bottom-up.js';
import type { Hardware } from '../../src/data/schemas.js';

const machine = (model: string, released: string, jPerTh: number): Hardware => ({
  model,
  released,
  jPerTh,
  source: 'test',
  evidence: 'primary',
});

describe('threshold', () => {
  it.each([
    // revenue USD/day, hashrate TH/s, price USD/kWh, J/TH
    [40e6, 180e6, 0.08, 40e6 / (180e6 * 86_400) / (0.08 / 3.6e6)],
    [86_400, 1, 3.6, 1e6],
    [10e6, 100e6, 0.05, 83.333333],
  ])('revenue %d on %d TH/s at $%d/kWh → %d J/TH', (revenue, hashrate, price, expected) => {
    expect(thresholdJPerTh(revenue, hashrate, price)).toBeCloseTo(expected, 5);
  });

  it('halves when the price doubles', () => {
    expect(thresholdJPerTh(1e7, 1e8, 0.1)).toBeCloseTo(thresholdJPerTh(1e7, 1e8, 0.05) / 2, 9);
  });
});

describe('age', () => {
  it.each([
    ['2020-05-01', '2020-05-31', 0],
    ['2020-05-31', '2021-05-01', 12],
    ['2020-12-15', '2021-01-01', 1],
    ['2019-01-20', '2023-12-31', 59],
  ])('%s → %s is %d months', (released, date, months) => expect(ageMonths(released, date)).toBe(months));

  it.each([
    [0, 1],
    [11, 1],
    [12, 0.8],
    [23, 0.8],
    [24, 0.6],
    [36, 0.4],
    [48, 0.2],
    [59, 0.2],
    [60, 0],
  ])('%d months weighs %d', (months, weight) => expect(ageWeight(months)).toBe(weight));

  it('is in service from the day after release until 1,825 days after it', () => {
    const m = machine('m', '2020-05-01', 30);
    expect(inService(m, '2020-05-01')).toBe(false);
    expect(inService(m, '2020-05-02')).toBe(true);
    expect(inService(m, '2025-04-29')).toBe(true); // day 1,824
    expect(inService(m, '2025-04-30')).toBe(false); // day 1,825
  });
});

describe('bottomUp', () => {
  const hardware = [
    machine('A', '2022-01-01', 16.5),
    machine('B', '2022-01-01', 21.5),
    machine('C', '2022-01-01', 29.5),
    machine('too hungry', '2022-01-01', 60),
  ];
  const input = {
    hashrateThs: 600 * THS_PER_EHS,
    thresholdJPerTh: 55,
    date: '2022-06-01',
    hardware,
    weighting: 'mean' as const,
    overheads: CBECI_OVERHEADS,
  };

  it("reproduces CBECI's published arithmetic for 600 EH/s", () => {
    const outcome = bottomUp(input);
    if (!outcome.ok) throw new Error('expected eligible machines');
    const { power, energy, eligible } = outcome.result;
    expect(eligible.map((m) => m.model)).toEqual(['A', 'B', 'C']);
    expect(power.lowerGw).toBeCloseTo(9.999, 3);
    expect(energy.lowerTwh).toBeCloseTo(87.65, 2);
    expect(power.upperGw).toBeCloseTo(21.24, 2);
    expect(energy.upperTwh).toBeCloseTo(186.19, 2);
    expect(power.gw).toBeCloseTo(14.85, 2);
    expect(energy.twh).toBeCloseTo(130.18, 2);
  });

  it('weights the best guess by age', () => {
    const aged = [machine('new', '2022-01-01', 20), machine('old', '2019-01-01', 40)];
    const outcome = bottomUp({ ...input, hardware: aged, weighting: 'age', date: '2022-06-15' });
    if (!outcome.ok) throw new Error('expected eligible machines');
    // new: 5 months → 1.0; old: 41 months → 0.4
    expect(outcome.result.efficiency.bestJPerTh).toBeCloseTo((20 * 1 + 40 * 0.4) / 1.4, 9);
    expect(outcome.result.eligible.map((m) => m.weight)).toEqual([1, 0.4]);
  });

  it('keeps lower ≤ best ≤ upper', () => {
    const outcome = bottomUp({ ...input, weighting: 'age' });
    if (!outcome.ok) throw new Error('expected eligible machines');
    const { gw, lowerGw, upperGw } = outcome.result.power;
    expect(lowerGw).toBeLessThanOrEqual(gw);
    expect(gw).toBeLessThanOrEqual(upperGw);
  });

  it('compares efficiency strictly below the threshold', () => {
    const outcome = bottomUp({ ...input, thresholdJPerTh: 21.5 });
    expect(outcome.ok && outcome.result.eligible.map((m) => m.model)).toEqual(['A']);
  });

  it('says which machine a too-low threshold excludes, or that every machine is too old', () => {
    const low = bottomUp({ ...input, thresholdJPerTh: 10 });
    expect(low).toEqual({ ok: false, why: { reason: 'threshold', mostEfficient: hardware[0] } });
    const late = bottomUp({ ...input, date: '2030-01-01' });
    expect(late.ok).toBe(false);
    expect(!late.ok && late.why).toMatchObject({ reason: 'age', newest: { released: '2022-01-01' } });
  });
});

describe('top-down', () => {
  it.each([
    [10e9, 0.6, 0.05, 120],
    [5e9, 1, 0.1, 50],
  ])('revenue $%d a year, share %d, $%d/kWh → %d TWh', (revenue, share, price, twh) => {
    expect(topDownTwh(revenue, share, price)).toBeCloseTo(twh, 9);
  });
});
