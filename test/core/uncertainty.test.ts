import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/estimate.js';
import {
  percentiles,
  randomGenerator,
  simulateChanges,
  simulateEstimate,
  triangular,
} from '../../src/core/uncertainty/uncertainty.js';
import { share, tinyDataset } from './fixtures.js';

const settings = {
  samples: 20_000,
  seed: 7,
  basisSpread: 0.2,
  shareSpreadPct: 1,
  intensitySpread: 0.1,
  breakSpread: 0.5,
};

describe('Monte Carlo building blocks', () => {
  it('draws the same sequence from the same seed, in [0, 1)', () => {
    const a = randomGenerator(42);
    const b = randomGenerator(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(0.5, 1);
  });

  it.each([
    [0, 10, 10, 20, 10],
    [1, 10, 10, 20, 20],
    [0.5, 0, 5, 10, 5],
    [0.3, 5, 5, 5, 5],
  ])('triangular(u=%d) on [%d, %d, %d] is %d', (u, low, mode, high, expected) => {
    expect(triangular(u, low, mode, high)).toBeCloseTo(expected, 9);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ p5: 5, p50: 50, p95: 95 });
  });

  it('gives the percentiles a full sort gives, with repeats, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 }), (items) => {
        const sorted = Float64Array.from(items).sort();
        const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
        expect(percentiles(Float64Array.from(items))).toEqual({ p5: at(0.05), p50: at(0.5), p95: at(0.95) });
      }),
    );
  });
});

describe('simulateEstimate', () => {
  it('collapses to the point estimate when nothing is uncertain', () => {
    const result = simulateEstimate(
      { basis: { twh: 100, lowerTwh: 100, upperTwh: 100 }, links: [{ pct: 20, spreadPct: 0 }], gco2PerKwh: 500 },
      { ...settings, intensitySpread: 0 },
    );
    expect(result.energy).toEqual({ p5: 20, p50: 20, p95: 20 });
    expect(result.carbon).toEqual({ p5: 10, p50: 10, p95: 10 });
  });

  it('keeps the interval inside the bounds and around the mode', () => {
    const result = simulateEstimate(
      { basis: { twh: 100, lowerTwh: 50, upperTwh: 200 }, links: [{ pct: 50, spreadPct: 5 }], gco2PerKwh: null },
      settings,
    );
    expect(result.carbon).toBeNull();
    expect(result.energy.p5).toBeGreaterThan(0.45 * 50);
    expect(result.energy.p95).toBeLessThan(0.55 * 200);
    expect(result.energy.p5).toBeLessThan(result.energy.p50);
    expect(result.energy.p50).toBeLessThan(result.energy.p95);
    // triangular(50, 100, 200) has its median at 200 - sqrt(0.5 × 150 × 100) ≈ 113.4; × 50%
    expect(result.energy.p50).toBeCloseTo(0.5 * (200 - Math.sqrt(0.5 * 150 * 100)), 0);
  });
});

describe('estimate with uncertainty', () => {
  it('uses a stated precision over the default spread and is reproducible with a seed', () => {
    const data = tinyDataset({
      shares: [share('a', '2020-01', 40, { approximate: true, precisionPct: 10 }), share('b', '2020-01', 60)],
    });
    const first = estimate(data, 'a', { year: 2020, uncertainty: settings });
    expect(first.share.links[0]?.precisionPct).toBe(10);
    expect(first.energy.p5).toBeLessThan(first.energy.twh);
    expect(first.energy.p95).toBeGreaterThan(first.energy.twh);
    expect(estimate(data, 'a', { year: 2020, uncertainty: settings }).energy).toEqual(first.energy);
    const narrow = estimate(tinyDataset({ shares: [share('a', '2020-01', 40, { approximate: true })] }), 'a', {
      year: 2020,
      uncertainty: settings,
    });
    expect((narrow.energy.p95 ?? 0) - (narrow.energy.p5 ?? 0)).toBeLessThan(
      (first.energy.p95 ?? 0) - (first.energy.p5 ?? 0),
    );
    expect(first.uncertainty).toEqual(settings);
    expect(estimate(data, 'a', { year: 2020 }).energy.p5).toBeUndefined();
  });
});

describe('simulateChanges', () => {
  // Two intensity records, hydro at 20 g/kWh and coal at 800: before, 60% of the network on hydro and 40% on coal;
  // after, all of it on coal. Carbon weights are world-share points × g/kWh.
  const footprints = [
    { sharePct: 100, carbonWeights: [60 * 20, 40 * 800] },
    { sharePct: 100, carbonWeights: [0, 100 * 800] },
  ];
  const run = (options: typeof settings) =>
    simulateChanges({ twh: 100, lowerTwh: null, upperTwh: null }, 2, () => footprints, options)[0];

  it('collapses to the point figures with no spread', () => {
    const result = run({ ...settings, basisSpread: 0, intensitySpread: 0 });
    expect(result?.before.mtco2.p50).toBeCloseTo((60 * 20 + 40 * 800) / 1000, 9);
    expect(result?.after.mtco2.p50).toBeCloseTo(80, 9);
    const p50 = result?.change.mtco2.p50;
    expect(result?.change.mtco2).toEqual({ p5: p50, p50, p95: p50 });
    expect(result?.change.twh.p50).toBeCloseTo(0, 12);
  });

  it('draws the same errors for before and after, so a change is narrower than either total', () => {
    const result = run(settings);
    const width = (p: { p5: number; p95: number } | undefined) => (p ? p.p95 - p.p5 : Number.NaN);
    expect(width(result?.change.mtco2)).toBeLessThan(width(result?.after.mtco2));
    expect(result?.before.twh.p5).toBeGreaterThanOrEqual(80);
    expect(result?.before.twh.p95).toBeLessThanOrEqual(120);
  });
});
