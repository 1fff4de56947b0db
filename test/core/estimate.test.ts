import { describe, expect, it } from 'vitest';
import { estimate, regionsWithShares } from '../../src/core/estimate.js';
import { UsageError } from '../../src/errors.js';
import { shippedData } from '../helpers.js';
import { share, tinyDataset } from './fixtures.js';

describe('estimate on a small dataset', () => {
  const data = tinyDataset();

  it('multiplies the year-mean share by the first series covering the year, bounds included', () => {
    const e = estimate(data, 'a', { year: 2020 });
    expect(e.share.pct).toBeCloseTo(50, 10); // mean of 40 and 60
    expect(e.basis.series).toBe('net'); // first in file order, not `old`
    expect(e.energy.twh).toBeCloseTo(50, 10);
    expect(e.energy.lowerTwh).toBeCloseTo(25, 10);
    expect(e.energy.upperTwh).toBeCloseTo(100, 10);
    expect(e.power.gw).toBeCloseTo(50_000 / 8_766, 10);
    expect(e.power.lowerGw).toBeCloseTo(25_000 / 8_766, 10);
  });

  it('takes the latest measured year by default and points to a later projection', () => {
    const e = estimate(data, 'a1');
    expect(e.year).toBe(2020);
    expect(e.basis.scope).toBe('world');
    expect(e.warnings.some((w) => w.includes('projection') && w.includes('--year 2024'))).toBe(true);
  });

  it('chains shares up to the scope of the basis', () => {
    const e = estimate(data, 'a1', { year: 2020 });
    expect(e.share.links.map((l) => [l.region, l.of])).toEqual([
      ['a1', 'a'],
      ['a', 'world'],
    ]);
    expect(e.share.pct).toBeCloseTo(12.5, 10); // 25% × 50%
    expect(e.energy.twh).toBeCloseTo(12.5, 10);
  });

  it('uses a projection of the parent when the year is only projected', () => {
    const e = estimate(data, 'a1', { year: 2024 });
    expect(e.basis).toMatchObject({ series: 'proj', scope: 'a', kind: 'projection' });
    expect(e.share.pct).toBeCloseTo(25, 10);
    expect(e.energy.twh).toBeCloseTo(100, 10);
    expect(e.warnings.join('\n')).toMatch(/projection \(series proj\)/);
    expect(e.warnings.join('\n')).toMatch(/A-one's share of Aland is from 2019-06, 55 months before 2024/);
  });

  it('warns about approximate shares, with the record note', () => {
    const e = estimate(data, 'a1', { year: 2020 });
    expect(e.warnings).toContain("A-one's share of Aland in 2019-06 (25%) is approximate: roughly");
  });

  it('warns when a year rests on fewer than 12 months', () => {
    const e = estimate(data, 'a', { year: 2020 });
    expect(e.warnings).toContain("Aland's share of World in 2020 rests on 2 months (2020-01 to 2020-02), not 12.");
  });

  it('shows the note of a region in the chain', () => {
    expect(estimate(data, 'b', { year: 2020 }).warnings).toContain('Bland: B is odd.');
  });

  it('forces a series with --series, and refuses one that does not fit', () => {
    expect(estimate(data, 'a', { year: 2020, series: 'old' }).basis.twh).toBe(999);
    expect(() => estimate(data, 'b', { year: 2024, series: 'proj' })).toThrow(/not Bland or a region above it/);
    expect(() => estimate(data, 'a', { year: 2021, series: 'old' })).toThrow(/covers 2019, 2020/);
    expect(() => estimate(data, 'a', { series: 'nope' })).toThrow(UsageError);
  });

  it('names the years that exist when none covers the year asked', () => {
    expect(() => estimate(data, 'a', { year: 2030 })).toThrow(
      /No network-energy series covers 2030 for Aland. Years available: 2024 \(proj\), 2020 \(net\), 2019, 2020 \(old\)/,
    );
  });

  it("uses the region's carbon intensity, else its nearest ancestor's at the nearest year (earlier on a tie)", () => {
    const own = estimate(data, 'a', { year: 2020 });
    expect(own.carbon).toMatchObject({ region: 'a', year: 2020, gco2PerKwh: 500 });
    expect(own.carbon?.mtco2).toBeCloseTo(25, 10); // 50 TWh × 500 g/kWh
    expect(own.carbon?.upperMtco2).toBeCloseTo(50, 10);
    const inherited = estimate(data, 'b', { year: 2020 });
    expect(inherited.carbon).toMatchObject({ region: 'world', year: 2018 });
    expect(inherited.warnings.join('\n')).toMatch(/World's grid intensity is used/);
    expect(inherited.warnings.join('\n')).toMatch(/World's for 2018, 2 years from 2020/);
  });

  it("shows the basis source's own carbon figure only for the basis scope itself", () => {
    expect(estimate(data, 'a', { year: 2024 }).carbon?.reported).toEqual({ mtco2: 100, source: 'proj' });
    expect(estimate(data, 'a1', { year: 2024 }).carbon?.reported).toBeNull();
  });

  it("ranks among the baseline and gives the share of the region's country", () => {
    const e = estimate(data, 'a1', { year: 2020 });
    expect(e.comparison).toMatchObject({
      baseline: 'list',
      rank: 3,
      count: 4,
      above: { country: 'Bland' },
      below: { country: 'Cland' },
    });
    expect(e.comparison?.pctOfCountry).toBeCloseTo(1.25, 10); // 12.5 of Aland's 1000
  });

  it('returns a month estimate at the annual rate of that month', () => {
    const e = estimate(data, 'a', { month: '2020-02' });
    expect(e.month).toBe('2020-02');
    expect(e.energy.twh).toBeCloseTo(60, 10);
  });

  it('lists each source once, sorted by id', () => {
    const ids = estimate(data, 'a', { year: 2024 }).sources.map((s) => s.id);
    expect(ids).toEqual(['proj', 'test']);
  });

  it('refuses a region whose chain lacks share data', () => {
    const noShares = tinyDataset({ shares: [share('a1', '2020-01', 10)] });
    expect(() => estimate(noShares, 'a1', { year: 2020 })).toThrow(/No hashrate share is recorded for Aland/);
    expect(regionsWithShares(noShares).map((r) => r.id)).toEqual([]);
    expect(regionsWithShares(data).map((r) => r.id)).toEqual(['a', 'b', 'a1']);
  });
});

describe('estimate on the shipped data', async () => {
  const data = await shippedData();

  it('Sichuan, latest measured year: 10% × 21.11% × 95.53 TWh ≈ 2.02 TWh in 2022', () => {
    const e = estimate(data, 'sichuan');
    expect(e.year).toBe(2022);
    expect(e.basis).toMatchObject({ series: 'cbeci', scope: 'world', twh: 95.53 });
    expect(e.energy.twh).toBeCloseTo(0.1 * 0.2111 * 95.53, 9);
    expect(e.power.gw).toBeCloseTo(0.23, 2);
    const warnings = e.warnings.join('\n');
    expect(warnings).toMatch(/Sichuan's share of China is from 2021-04, 9 months before 2022/);
    expect(warnings).toMatch(/China's share of World in 2022 rests on one month \(2022-01\)/);
    expect(warnings).toMatch(/approximate/);
    expect(warnings).toMatch(/--year 2024/);
  });

  it('Sichuan 2024 on the Jiang et al. projection: ≈ 29.7 TWh, 63rd on the CIA 2016 list between Serbia and Oman', () => {
    const e = estimate(data, 'sichuan', { year: 2024, baseline: 'cia-2016' });
    expect(e.energy.twh).toBeCloseTo(29.659, 6);
    expect(e.power.gw).toBeCloseTo(3.383, 3);
    expect(e.comparison).toMatchObject({ rank: 63, above: { country: 'Serbia' }, below: { country: 'Oman' } });
    expect(e.warnings.join('\n')).toMatch(/33 months before 2024/);
    expect(e.warnings.join('\n')).toMatch(/before China's 2021 mining ban/);
  });

  it("China 2024 shows Jiang et al.'s 130.50 Mt beside the grid-intensity figure", () => {
    const e = estimate(data, 'china', { year: 2024 });
    expect(e.carbon?.reported).toEqual({ mtco2: 130.5, source: 'jiang-2021' });
    expect(e.carbon?.gco2PerKwh).toBeCloseTo(549.3, 1); // Ember/OWID, China 2021
    expect(e.carbon?.mtco2).toBeCloseTo((296.59 * (e.carbon?.gco2PerKwh ?? 0)) / 1000, 9);
  });

  it('carries the CBECI v1 bounds into a regional figure', () => {
    const e = estimate(data, 'united-states', { year: 2021, series: 'cbeci-v1' });
    expect(e.energy.lowerTwh).not.toBeNull();
    expect(e.energy.lowerTwh as number).toBeLessThan(e.energy.twh);
    expect(e.energy.upperTwh as number).toBeGreaterThan(e.energy.twh);
    expect(e.carbon?.lowerMtco2).not.toBeNull();
  });

  it('says so when a share in the chain is zero (China in July 2021)', () => {
    const e = estimate(data, 'sichuan', { month: '2021-07' });
    expect(e.energy.twh).toBe(0);
    expect(e.warnings).toContain(
      "China's share of World is 0% in 2021-07: no hashrate is recorded there, so the estimate is zero.",
    );
  });

  it('Texas against the United States', () => {
    const e = estimate(data, 'texas', { year: 2021 });
    expect(e.comparison?.country).toBe('United States');
    expect(e.comparison?.pctOfCountry).toBeCloseTo((e.energy.twh / 3989.566) * 100, 8);
  });
});
