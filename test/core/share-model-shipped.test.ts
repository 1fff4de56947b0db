import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/estimate.js';
import { UsageError } from '../../src/errors.js';
import { shippedData, thrown } from '../helpers.js';

describe('the share model on the shipped data', async () => {
  const data = await shippedData();

  it("Russia 2019–2026: recorded, interpolated across the gap between CBECI's map and Hashrate Index, carried after", () => {
    const rows = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => estimate(data, 'russia', { year }));
    expect(rows.map((e) => e.share.links[0]?.obtained)).toEqual([
      'recorded',
      'recorded',
      'recorded',
      'recorded',
      'interpolated',
      'interpolated',
      'recorded',
      'carried',
    ]);
    // From CBECI's January 2022 (4.66%) to Hashrate Index's May 2025 (15.652%), 40 months: mid-2023 is 17.5 months
    // on, mid-2024 29.5.
    const [y2023, y2024] = [rows[4], rows[5]];
    expect(y2023?.share.pct).toBeCloseTo(4.66 + (15.652 - 4.66) * (17.5 / 40), 9); // 9.469
    expect(y2024?.share.pct).toBeCloseTo(4.66 + (15.652 - 4.66) * (29.5 / 40), 9); // 12.767
    // 2022 → 2023 → 2024 → 2025: 4.66 → 9.47 → 12.77 → 15.92, no jump from a switch of record.
    expect(rows[6]?.share.pct).toBeCloseTo((15.652 + 16.61 + 15.51) / 3, 9);
    // The interpolated years say between which records, and that the two sources measure differently.
    for (const e of [y2023, y2024]) {
      expect(e?.share.links[0]?.restsOn.map((r) => [r.month, r.source])).toEqual([
        ['2022-01', 'cbeci-mining-map'],
        ['2025-05', 'hashrateindex-heatmap-2025-05'],
      ]);
      expect(e?.warnings.map((w) => w.message).join('\n')).toMatch(
        /Russia's share of World for 20(23|24) is interpolated between January 2022 \(4\.66%, cbeci-mining-map\) and May 2025 \(15\.65%, hashrateindex-heatmap-2025-05\), two sources that measure differently/,
      );
    }
    // Their uncertainty grows with the distance from the nearer record (20% a year: the May 2025 one is
    // secondhand): 2023 is 12 months from January 2022, 2024 is 5 months from May 2025.
    expect(y2023?.share.links[0]?.spreadPct).toBeCloseTo(9.469 * 0.2 * 1, 2);
    expect(y2024?.share.links[0]?.spreadPct).toBeCloseTo(12.7666 * 0.2 * (5 / 12), 3);
    // So their bounds are wider, relative to the estimate, than the basis's alone would make them.
    for (const e of [y2023, y2024]) {
      if (!e) throw new Error('no row');
      const basisOnly = estimate(data, 'world', { year: e.year });
      const width = (x: typeof e) => ((x.energy.upperTwh as number) - (x.energy.lowerTwh as number)) / x.energy.twh;
      expect(width(e)).toBeGreaterThan(width(basisOnly));
    }
    // The recorded years rest on exact shares: their bounds are the basis's 5% and 95% points alone.
    expect(rows[2]?.share.links[0]?.spreadPct).toBe(0);
  });

  it("Xinjiang 2024: a pre-ban share, with bounds much wider than the network total's and the ban first", () => {
    const e = estimate(data, 'xinjiang', { year: 2024 });
    expect(e.share.links[0]).toMatchObject({
      region: 'xinjiang',
      obtained: 'carried',
      months: ['2020-04'],
      breaks: ['china-ban-2021'],
      spreadPct: 35.76, // ± 100% of its 35.76%
    });
    expect(e.warnings[0]?.message).toBe(
      "Xinjiang's share of China is from April 2020, before China's mining ban of June 2021 (china-ban-2021): it may not hold after it, so it is given the widest uncertainty, and the range shows how little is known after the break.",
    );
    // The network total's bounds alone, on the same share: share × 85.29 to share × 334.1 TWh.
    const fraction = e.share.pct / 100;
    const totalLower = fraction * (e.basis.lowerTwh as number);
    const totalUpper = fraction * (e.basis.upperTwh as number);
    expect(e.energy.lowerTwh as number).toBeLessThan(0.2 * totalLower);
    expect(e.energy.upperTwh as number).toBeGreaterThan(totalUpper);
    expect(e.caveats).toContain('pre-break-share');
  });

  it('refuses such a share with strictBreaks, naming the break', () => {
    const error = thrown(UsageError, () => estimate(data, 'xinjiang', { year: 2024, strictBreaks: true }));
    expect(error.message).toMatch(/^Xinjiang's share of China is from April 2020, before the break china-ban-2021/);
    // A share that crosses no break is not refused.
    expect(estimate(data, 'china', { year: 2024, strictBreaks: true }).share.links[0]?.breaks).toEqual([]);
  });

  it("Kazakhstan 2022: January's share is from before the power cuts of 24–31 January, applied to the whole year", () => {
    const e = estimate(data, 'kazakhstan', { year: 2022 });
    expect(e.share.links[0]).toMatchObject({
      obtained: 'recorded',
      months: ['2022-01'],
      breaks: ['kazakhstan-power-2022'],
      spreadPct: 13.22,
    });
    expect(e.warnings[0]?.message).toMatch(
      /^Kazakhstan's share of World is from January 2022, before Kazakhstan's power cuts to miners of January 2022 \(kazakhstan-power-2022\)/,
    );
    // January 2022 alone, as a month, is its own record: no break.
    expect(estimate(data, 'kazakhstan', { month: '2022-01' }).share.links[0]?.breaks).toEqual([]);
    // From June 2022 the record of May 2023 (after the cuts) is carried back, not a line across the break.
    expect(estimate(data, 'kazakhstan', { month: '2022-06' }).share.links[0]).toMatchObject({
      obtained: 'carried',
      months: ['2023-05'],
      breaks: [],
    });
  });

  it('carries the last record with growing uncertainty, and refuses only where a nearer whole breakdown leaves the region out', () => {
    // Germany 2023: CBECI's January 2022 (3.06%, firsthand) carried 12 months: ± 3.06 × 10% = 0.306 points.
    const germany = estimate(data, 'germany', { year: 2023 });
    expect(germany.share.links[0]).toMatchObject({ obtained: 'carried', months: ['2022-01'] });
    expect(germany.share.links[0]?.spreadPct).toBeCloseTo(0.306, 9);
    // 2024: May 2025's whole breakdown, 5 months away, does not name Germany; its last record is 24 months away.
    for (const [region, year, last] of [
      ['germany', 2024, 'January 2022'],
      ['iran', 2024, 'January 2022'],
      ['ethiopia', 2025, 'December 2024'],
    ] as const) {
      const error = thrown(UsageError, () => estimate(data, region, { year }));
      expect(error.message).toContain(
        `the whole breakdown nearest ${year}: its hashrate is inside that breakdown's remainder, and a share from further away (${last}) would count it twice`,
      );
    }
  });
});
