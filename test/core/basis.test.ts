import { describe, expect, it } from 'vitest';
import { alternativeTotals, chooseBasis, describeCoverage, latestMeasuredYear } from '../../src/core/network/basis.js';
import { estimate } from '../../src/core/estimate.js';
import { indexData, regionChain } from '../../src/core/regions/lookup.js';
import type { NetworkSeries } from '../../src/data/schemas.js';
import { share, tinyDataset } from './fixtures.js';

const series = (id: string, values: NetworkSeries['values'], extra: Partial<NetworkSeries> = {}): NetworkSeries => ({
  id,
  scope: 'world',
  kind: 'estimate',
  source: 'test',
  values,
  ...extra,
});

/** The tiny world with these network series instead of its own. */
function withSeries(...networkEnergy: NetworkSeries[]) {
  const data = tinyDataset({ networkEnergy });
  const index = indexData(data);
  return { data, index, chain: regionChain(index, 'a1') };
}

describe('chooseBasis', () => {
  it('annualises a partial year explicitly: × days in the year ÷ days covered, bounds too', () => {
    const { index, chain } = withSeries(
      series('net', [
        {
          year: 2024,
          twh: 100,
          lowerTwh: 50,
          upperTwh: 200,
          evidence: 'computed',
          coverage: 'partial-year',
          days: 183,
          through: '2024-07-01',
        },
      ]),
    );
    const basis = chooseBasis(index, chain, 2024);
    expect(basis.factor).toBeCloseTo(366 / 183, 12);
    expect(basis.twh).toBeCloseTo(200, 9);
    expect(basis.lowerTwh).toBeCloseTo(100, 9);
    expect(basis.upperTwh).toBeCloseTo(400, 9);
    expect(basis.warnings.map((w) => w.message)[0]).toBe(
      'net covers 183 days of 2024, to 2024-07-01: 100 TWh in those days, annualised to 200 TWh for the year at their average rate (× 366/183). It is not a total for the whole year.',
    );
  });

  it('takes the yearly mean of a multi-year total, and its carbon likewise, only when named', () => {
    const twoYears = series('two', [
      { year: 2020, toYear: 2021, coverage: 'multi-year', twh: 160, mtco2: 80, evidence: 'primary' },
    ]);
    const { index, chain } = withSeries(twoYears);
    expect(() => chooseBasis(index, chain, 2021)).toThrow(/Ask for series two \(a multi-year total\) to use one\./);
    const basis = chooseBasis(index, chain, 2021, twoYears);
    expect(basis).toMatchObject({ coverage: 'multi-year', factor: 0.5, twh: 80, mtco2: 40 });
  });

  it('prefers a measured total over a reading, a reading over nothing, and a projection only when named', () => {
    const reading = series('reading', [{ year: 2025, twh: 300, evidence: 'secondhand', coverage: 'snapshot' }]);
    const total = series('total', [{ year: 2025, twh: 250, evidence: 'computed' }]);
    const projection = series('proj', [{ year: 2025, twh: 900, evidence: 'copy' }], {
      scope: 'a',
      kind: 'projection',
    });
    // The projection is for the nearer scope (Aland) and comes first: it is still not taken unless named.
    const both = withSeries(projection, reading, total);
    expect(chooseBasis(both.index, both.chain, 2025).series.id).toBe('total');
    const readingOnly = withSeries(projection, reading);
    expect(chooseBasis(readingOnly.index, readingOnly.chain, 2025)).toMatchObject({
      coverage: 'snapshot',
      twh: 300,
    });
    const projectionOnly = withSeries(projection);
    expect(() => chooseBasis(projectionOnly.index, projectionOnly.chain, 2025)).toThrow(
      /No network total \(published, computed here or read on one day\) covers 2025 for A-one\. Ask for series proj \(a projection\) to use one\./,
    );
    expect(chooseBasis(projectionOnly.index, projectionOnly.chain, 2025, projection).series.id).toBe('proj');
  });

  it('lists the other figures for the same scope and year, on the same rules', () => {
    const { index, chain } = withSeries(
      series('first', [
        { year: 2024, twh: 100, evidence: 'computed', coverage: 'partial-year', days: 183, through: '2024-07-01' },
      ]),
      series('second', [{ year: 2024, twh: 150, evidence: 'secondhand' }]),
      series('third', [{ year: 2023, toYear: 2024, coverage: 'multi-year', twh: 320, evidence: 'primary' }]),
    );
    const basis = chooseBasis(index, chain, 2024);
    expect(basis.series.id).toBe('first');
    expect(alternativeTotals(index, basis)).toEqual([
      { series: 'second', kind: 'estimate', coverage: 'year', evidence: 'secondhand', twh: 150 },
      { series: 'third', kind: 'estimate', coverage: 'multi-year', evidence: 'primary', twh: 160 },
    ]);
  });
});

describe('latestMeasuredYear', () => {
  it('is the latest year a measured total covers, in full or in part, not a later reading or projection', () => {
    const { index, chain } = withSeries(
      series('net', [
        { year: 2023, twh: 1, evidence: 'computed' },
        { year: 2024, twh: 1, evidence: 'computed', coverage: 'partial-year', days: 30, through: '2024-01-30' },
      ]),
      series('reading', [{ year: 2025, twh: 1, evidence: 'copy', coverage: 'snapshot' }]),
      series('proj', [{ year: 2030, twh: 1, evidence: 'copy' }], { kind: 'projection' }),
    );
    expect(latestMeasuredYear(index, chain)).toBe(2024);
  });

  it('falls back to the latest reading, never to a year only a projection covers', () => {
    const reading = series('reading', [{ year: 2022, twh: 1, evidence: 'copy', coverage: 'snapshot' }]);
    const projection = series('proj', [{ year: 2030, twh: 1, evidence: 'copy' }], { kind: 'projection' });
    const both = withSeries(reading, projection);
    expect(latestMeasuredYear(both.index, both.chain)).toBe(2022);
    const e = estimate(both.data, 'a1');
    expect(e.year).toBe(2022);
    expect(e.warnings.map((w) => w.message)).toContain(
      "No year was given: 2022 is the latest year a series covers, and only reading's annualised reading of one day covers it, not a total for the year.",
    );
    const projectionOnly = withSeries(projection);
    expect(() => latestMeasuredYear(projectionOnly.index, projectionOnly.chain)).toThrow(
      /No network total \(published, computed here or read on one day\) covers A-one or any region above it\. Series available: proj \(World, projection\): 2030/,
    );
  });
});

describe('describeCoverage', () => {
  it('says which years are partial, readings or one total', () => {
    expect(
      describeCoverage(
        series('s', [
          { year: 2021, twh: 1, evidence: 'computed' },
          { year: 2022, twh: 1, evidence: 'computed' },
          { year: 2023, twh: 1, evidence: 'computed', coverage: 'partial-year', days: 40, through: '2023-02-09' },
        ]),
      ),
    ).toBe('2021–2023 (2023: 40 days)');
    expect(
      describeCoverage(
        series('s', [
          { year: 2022, twh: 1, evidence: 'copy', coverage: 'snapshot' },
          { year: 2025, twh: 1, evidence: 'copy', coverage: 'snapshot', asOf: '2025-05' },
        ]),
      ),
    ).toBe('2022, 2025 (annualised readings)');
    expect(
      describeCoverage(
        series('s', [{ year: 2020, toYear: 2021, coverage: 'multi-year', twh: 1, evidence: 'primary' }]),
      ),
    ).toBe('2020, 2021 (2020–2021 as one total)');
  });
});

describe('shares across a whole breakdown and a structural break', () => {
  it("leaves a region out of a period whose parent's whole breakdown does not name it", () => {
    // In 2020 Aland and Bland make up the whole world each month; Cland is named only in 2022.
    const data = tinyDataset({
      regions: [...tinyDataset().regions, { id: 'c', name: 'Cland', kind: 'country', parent: 'world' }],
      shares: [...tinyDataset().shares, share('c', '2022-06', 5)],
      networkEnergy: [
        series(
          'net',
          [2020, 2021, 2022].map((year) => ({ year, twh: 100, evidence: 'computed' as const })),
        ),
      ],
    });
    expect(() => estimate(data, 'c', { year: 2020 })).toThrow(
      /Cland is not named in World's breakdown of January 2020, the whole breakdown nearest 2020: its hashrate is inside that breakdown's remainder/,
    );
    // No whole breakdown in 2021: the nearest record stands in, with a warning.
    // Aland (60%, February 2020), Bland (40%) and Cland (5%, June 2022) then add up to 105%; with no remainder to
    // give up the excess, all three are scaled to the whole, the same in every command.
    const e2021 = estimate(data, 'c', { year: 2021 });
    expect(e2021.share.pct).toBeCloseTo((5 * 100) / 105, 9);
    expect(e2021.caveats).toContain('stale-share');
    expect(e2021.warnings.map((w) => w.message).join('\n')).toMatch(
      /Cland's share of World is scaled by 0\.9524, from 5% to 4\.762%/,
    );
  });

  it('flags a share recorded before an event naming the region or its parent, applied after it', () => {
    const data = tinyDataset({
      events: [
        { id: 'ban-a', month: '2020-01', title: "Aland's ban", regions: ['a'], source: 'test', evidence: 'primary' },
      ],
    });
    // A-one's share is from June 2019, before Aland's ban of January 2020.
    const e = estimate(data, 'a1', { year: 2020 });
    expect(e.share.links.map((l) => [l.region, l.breaks])).toEqual([
      ['a1', ['ban-a']],
      ['a', []], // Aland's own 2020 months are from the ban on: they already show it.
    ]);
    expect(e.warnings.map((w) => w.message)).toContain(
      "A-one's share of Aland is from June 2019, before Aland's ban of January 2020 (ban-a): it may not hold after it, so it is given the widest uncertainty, and the range shows how little is known after the break.",
    );
    expect(e.caveats).toContain('pre-break-share');
    // A period that ends before the event is not affected.
    expect(estimate(data, 'a1', { month: '2019-12', series: 'old' }).share.links[0]?.breaks).toEqual([]);
    // A share from after an event, applied to a period before it, is flagged the other way.
    const after = tinyDataset({
      events: [
        { id: 'ban-a', month: '2019-03', title: "Aland's ban", regions: ['a'], source: 'test', evidence: 'primary' },
      ],
    });
    const early = estimate(after, 'a1', { year: 2019, series: 'old' });
    expect(early.share.links[0]?.breaks).toEqual(['ban-a']);
    expect(early.warnings.map((w) => w.message)).toContain(
      "A-one's share of Aland is from June 2019, after Aland's ban of March 2019 (ban-a): it may not hold before it, so it is given the widest uncertainty, and the range shows how little is known before the break.",
    );
  });
});
