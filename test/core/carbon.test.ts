import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/estimate.js';
import { shippedData } from '../helpers.js';
import { share, tinyDataset } from './fixtures.js';

describe('carbon', () => {
  it('brackets the energy bounds between an all-hydro and an all-coal grid', () => {
    const e = estimate(tinyDataset(), 'a', { year: 2020, carbonBracket: { low: 24, high: 820 } });
    // Energy 50 TWh, bounds half the basis's 5% and 95% points (triangular on 50–200, mode 100): 50 + √375 and
    // 200 − √750, halved: 34.68–86.31 TWh.
    const lowTwh = 0.5 * (50 + Math.sqrt(375));
    const highTwh = 0.5 * (200 - Math.sqrt(750));
    expect(e.carbon?.bracket).toMatchObject({ lowGco2PerKwh: 24, highGco2PerKwh: 820 });
    expect(e.carbon?.bracket?.lowMtco2).toBeCloseTo((lowTwh * 24) / 1000, 10);
    expect(e.carbon?.bracket?.highMtco2).toBeCloseTo((highTwh * 820) / 1000, 10);
  });

  it('brackets the best guess when the energy has no bounds', () => {
    const data = tinyDataset({
      networkEnergy: [
        {
          id: 'net',
          scope: 'world',
          kind: 'estimate',
          source: 'test',
          values: [{ year: 2020, twh: 100, evidence: 'primary' }],
        },
      ],
    });
    const e = estimate(data, 'a', { year: 2020, carbonBracket: { low: 10, high: 1000 } });
    expect(e.carbon?.bracket?.lowMtco2).toBeCloseTo(0.5, 10);
    expect(e.carbon?.bracket?.highMtco2).toBeCloseTo(50, 10);
    expect(estimate(data, 'a', { year: 2020 }).carbon?.bracket).toBeNull();
  });

  it("weights the world's intensity by its regions' hashrate shares; a region without one takes the world's", () => {
    const data = tinyDataset({ shares: [share('a', '2020-01', 25), share('b', '2020-01', 75)] });
    const e = estimate(data, 'world', { year: 2020 });
    // a: 500 g/kWh (own, 2020); b: none, so the world's nearest to 2020 (2018: 400; 2022: 300; tie → earlier)
    expect(e.carbon?.gco2PerKwh).toBeCloseTo(0.25 * 500 + 0.75 * 400, 10);
    expect(e.carbon?.source).toBe('share-weighted');
    expect(e.carbon?.weights?.map((w) => [w.region, w.sharePct, w.intensityRegion])).toEqual([
      ['a', 25, 'a'],
      ['b', 75, 'world'],
    ]);
    expect(e.warnings.map((w) => w.message)).toContain('The network intensity counts Bland at the world grid average.');
    expect(estimate(data, 'a', { year: 2020 }).carbon?.weights).toBeNull();
  });

  it('gives the 2021 network intensity from the shipped shares, between the cleanest and dirtiest grids', async () => {
    const e = estimate(await shippedData(), 'world', { year: 2021 });
    const weights = e.carbon?.weights ?? [];
    // The ten parts of the world in 2021, China's five provinces, the United States' six states, and what CBECI's
    // rounded monthly shares leave of the world (under 0.01%), counted at the world grid average.
    expect(weights).toHaveLength(22);
    expect(weights.find((w) => w.region === 'world')?.sharePct).toBeLessThan(0.01);
    expect(weights.reduce((sum, w) => sum + w.sharePct, 0)).toBeCloseTo(100, 9);
    const intensities = weights.map((w) => w.gco2PerKwh);
    expect(e.carbon?.gco2PerKwh).toBeGreaterThan(Math.min(...intensities));
    expect(e.carbon?.gco2PerKwh).toBeLessThan(Math.max(...intensities));
  });

  it("says how much of the world its recorded parts leave out, and counts it at the world's grid", () => {
    const data = tinyDataset({ shares: [share('a', '2020-01', 25), share('b', '2020-01', 60)] });
    const e = estimate(data, 'world', { year: 2020 });
    // a 25% at 500 g/kWh, b 60% and the unplaced 15% at the world's 400 (2018, the nearer on a tie)
    expect(e.carbon?.gco2PerKwh).toBeCloseTo(0.25 * 500 + 0.75 * 400, 9);
    expect(e.warnings.map((w) => w.message)).toContain(
      'The network intensity: the recorded parts of World add up to 85% for 2020; the other 15% is in no recorded region and is counted at the world grid average.',
    );
  });
});
