import { describe, expect, it } from 'vitest';
import { shareSpreadPct } from '../../src/core/shares/share-model.js';
import { DEFAULT_UNCERTAINTY, intervalOf, simulateEstimate } from '../../src/core/uncertainty/uncertainty.js';

const SETTINGS = { shareSpreadPct: 1, breakSpread: 1 };

describe('the spread of a share (the share model)', () => {
  const link = { pct: 20, precisionPct: null, approximate: false, secondhand: false, breaks: [], distanceMonths: 0 };

  it('is 0 for an exact share recorded in the period', () => {
    expect(shareSpreadPct(link, SETTINGS)).toBe(0);
  });

  it('grows by 10% of the share a year from its records, 20% for secondhand or approximate figures', () => {
    // 18 months from a firsthand record: 20 × 0.1 × 1.5 = 3 points.
    expect(shareSpreadPct({ ...link, distanceMonths: -18 }, SETTINGS)).toBeCloseTo(3, 12);
    // Secondhand, 6 months: 20 × 0.2 × 0.5 = 2 points.
    expect(shareSpreadPct({ ...link, secondhand: true, distanceMonths: 6 }, SETTINGS)).toBeCloseTo(2, 12);
    // Approximate without a stated precision (± 1 point), 12 months: √(1² + (20 × 0.2)²) = √17.
    expect(shareSpreadPct({ ...link, approximate: true, distanceMonths: 12 }, SETTINGS)).toBeCloseTo(Math.sqrt(17), 12);
    // Never more than the break's spread: 20 years away, still ± 20 points (± 100%).
    expect(shareSpreadPct({ ...link, distanceMonths: 240 }, SETTINGS)).toBeCloseTo(20, 12);
  });

  it('is the widest across a structural break: ± breakSpread of the share, at least its stated precision', () => {
    expect(shareSpreadPct({ ...link, breaks: ['ban'] }, SETTINGS)).toBe(20);
    expect(shareSpreadPct({ ...link, breaks: ['ban'] }, { ...SETTINGS, breakSpread: 0.5 })).toBe(10);
    expect(shareSpreadPct({ ...link, pct: 0.5, precisionPct: 2, breaks: ['ban'] }, SETTINGS)).toBe(2);
  });
});

describe('the bounds of an estimate (intervalOf)', () => {
  it('gives a basis alone its own 5% and 95% points', () => {
    // Triangular on 50–200 with its mode at 100: 50 + √(0.05 × 150 × 50) and 200 − √(0.05 × 150 × 100).
    const interval = intervalOf({
      basis: { twh: 100, lowerTwh: 50, upperTwh: 200 },
      links: [{ pct: 40, spreadPct: 0 }],
    });
    expect(interval?.lowerTwh).toBeCloseTo(0.4 * (50 + Math.sqrt(375)), 10);
    expect(interval?.upperTwh).toBeCloseTo(0.4 * (200 - Math.sqrt(750)), 10);
  });

  it('gives a share alone its uniform 5% and 95% points: ± 0.9 of its spread', () => {
    const interval = intervalOf({
      basis: { twh: 100, lowerTwh: null, upperTwh: null },
      links: [{ pct: 20, spreadPct: 10 }],
    });
    expect(interval?.lowerTwh).toBeCloseTo(11, 10); // (20 − 9)% of 100
    expect(interval?.upperTwh).toBeCloseTo(29, 10); // (20 + 9)% of 100
  });

  it('adds the logarithms of the ratios in quadrature', () => {
    // Basis 100 (50–200): ratios (50 + √375)/100 and (200 − √750)/100. Share 20 ± 10: ratios 0.55 and 1.45.
    const interval = intervalOf({
      basis: { twh: 100, lowerTwh: 50, upperTwh: 200 },
      links: [{ pct: 20, spreadPct: 10 }],
    });
    const low = Math.hypot(Math.log((50 + Math.sqrt(375)) / 100), Math.log(0.55));
    const high = Math.hypot(Math.log((200 - Math.sqrt(750)) / 100), Math.log(1.45));
    expect(interval?.lowerTwh).toBeCloseTo(20 * Math.exp(-low), 10); // 9.33
    expect(interval?.upperTwh).toBeCloseTo(20 * Math.exp(high), 10); // 37.4
  });

  it('has none when nothing is uncertain: a basis without bounds and exact shares', () => {
    expect(
      intervalOf({ basis: { twh: 100, lowerTwh: null, upperTwh: null }, links: [{ pct: 20, spreadPct: 0 }] }),
    ).toBe(null);
  });

  // The Monte Carlo draws the same factors (the basis triangular on its bounds, each share uniform within ± its
  // spread); the rule's interval is within 15% of its 5th and 95th percentiles, within 2% for one factor, and
  // within 20% when two shares cross a break (no chain of the shipped data does: the rule is then 17% low at the
  // top, as the sum of two long-tailed logarithms is not normal).
  const cases: [
    string,
    { twh: number; lowerTwh: number; upperTwh: number },
    { pct: number; spreadPct: number }[],
    number,
  ][] = [
    [
      'an exact share (the basis alone)',
      { twh: 121.1, lowerTwh: 66.5, upperTwh: 239.8 },
      [{ pct: 4.66, spreadPct: 0 }],
      0.02,
    ],
    [
      'a share interpolated a year from its records',
      { twh: 121.1, lowerTwh: 66.5, upperTwh: 239.8 },
      [{ pct: 9.47, spreadPct: 1.89 }],
      0.15,
    ],
    [
      'two shares, each uncertain',
      { twh: 120, lowerTwh: 90, upperTwh: 160 },
      [
        { pct: 20, spreadPct: 4 },
        { pct: 40, spreadPct: 8 },
      ],
      0.15,
    ],
    [
      'a province share across a ban',
      { twh: 155.8, lowerTwh: 85.3, upperTwh: 334.1 },
      [
        { pct: 35.76, spreadPct: 35.76 },
        { pct: 15.67, spreadPct: 1.31 },
      ],
      0.15,
    ],
    [
      'two shares across breaks',
      { twh: 100, lowerTwh: 60, upperTwh: 200 },
      [
        { pct: 30, spreadPct: 30 },
        { pct: 20, spreadPct: 20 },
      ],
      0.2,
    ],
    ['a share alone, no basis bounds', { twh: 100, lowerTwh: 100, upperTwh: 100 }, [{ pct: 20, spreadPct: 10 }], 0.02],
  ];

  it.each(cases)('agrees with the Monte Carlo: %s', (_name, basis, links, tolerance) => {
    const interval = intervalOf({ basis, links });
    const simulated = simulateEstimate(
      { basis, links, gco2PerKwh: null },
      { ...DEFAULT_UNCERTAINTY, samples: 200_000, seed: 11 },
    );
    expect(interval).not.toBeNull();
    const { lowerTwh, upperTwh } = interval as { lowerTwh: number; upperTwh: number };
    expect(Math.abs(lowerTwh - simulated.energy.p5) / simulated.energy.p5).toBeLessThan(tolerance);
    expect(Math.abs(upperTwh - simulated.energy.p95) / simulated.energy.p95).toBeLessThan(tolerance);
  });
});
