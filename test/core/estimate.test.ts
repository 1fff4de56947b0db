import { describe, expect, it } from 'vitest';
import { estimate, regionsWithShares } from '../../src/core/estimate.js';
import { UsageError } from '../../src/errors.js';
import { shippedData } from '../helpers.js';
import { share, tinyDataset } from './fixtures.js';

describe('estimate on a small dataset', () => {
  const data = tinyDataset();

  it('multiplies the year-mean share by the first series covering the year, with bounds from the basis', () => {
    const e = estimate(data, 'a', { year: 2020 });
    expect(e.share.pct).toBeCloseTo(50, 10); // mean of 40 and 60
    expect(e.share.links[0]).toMatchObject({ obtained: 'recorded', spreadPct: 0 });
    expect(e.basis.series).toBe('net'); // first in file order, not `old`
    expect(e.energy.twh).toBeCloseTo(50, 10);
    // The share is exact, so the bounds are the basis's 5% and 95% points, halved: the triangular distribution on
    // 50–200 with its mode at 100 has P(X < 50 + a) = a² / (150 × 50) = 0.05, so a = √375, and
    // P(X > 200 − b) = b² / (150 × 100) = 0.05, so b = √750.
    expect(e.energy.lowerTwh).toBeCloseTo(0.5 * (50 + Math.sqrt(375)), 10); // 34.68
    expect(e.energy.upperTwh).toBeCloseTo(0.5 * (200 - Math.sqrt(750)), 10); // 86.31
    expect(e.basis).toMatchObject({ lowerTwh: 50, upperTwh: 200 }); // the basis's own bounds, as published
    expect(e.power.gw).toBeCloseTo(50_000 / 8_766, 10);
    expect(e.power.lowerGw).toBeCloseTo((0.5 * (50 + Math.sqrt(375)) * 1000) / 8_766, 10);
  });

  it('takes the latest measured year by default, and points to a projection only for the same year', () => {
    const e = estimate(data, 'a1');
    expect(e.year).toBe(2020);
    expect(e.basis.scope).toBe('world');
    expect(e.warnings.map((w) => w.message).some((w) => w.includes('projection'))).toBe(false);
    const sameYear = tinyDataset({
      networkEnergy: [
        ...tinyDataset().networkEnergy,
        {
          id: 'late',
          scope: 'world',
          kind: 'estimate',
          source: 'test',
          values: [{ year: 2024, twh: 1, evidence: 'computed' }],
        },
      ],
    });
    expect(estimate(sameYear, 'a1', { year: 2024 }).warnings.map((w) => w.message)).toContain(
      'A projection for Aland also covers 2024 (series proj); it is not a measurement and is used only when asked for with --series proj.',
    );
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

  it('uses a projection only when it is asked for by name, even when it is the only figure for the year', () => {
    expect(() => estimate(data, 'a1', { year: 2024 })).toThrow(/Ask for series proj \(a projection\) to use one\./);
    const e = estimate(data, 'a1', { year: 2024, series: 'proj' });
    expect(e.basis).toMatchObject({ series: 'proj', scope: 'a', kind: 'projection' });
    expect(e.share.pct).toBeCloseTo(25, 10);
    expect(e.energy.twh).toBeCloseTo(100, 10);
    expect(e.warnings.map((w) => w.message).join('\n')).toMatch(/The basis is a projection for Aland \(series proj\)/);
    expect(e.warnings.map((w) => w.message).join('\n')).toMatch(
      /A-one's share of Aland is carried from June 2019 \(25%\), 55 months before 2024: its uncertainty grows by 20% of the share a year from there/,
    );
    expect(e.caveats).toEqual(['projection', 'stale-share', 'approximate']);
  });

  it('warns about approximate shares, with the record note', () => {
    const e = estimate(data, 'a1', { year: 2020 });
    expect(e.warnings.map((w) => w.message)).toContain(
      "A-one's share of Aland in 2019-06 (25%) is approximate: roughly",
    );
  });

  it('warns when a year rests on fewer than 12 months', () => {
    const e = estimate(data, 'a', { year: 2020 });
    expect(e.warnings.map((w) => w.message)).toContain(
      "Aland's share of World in 2020 rests on 2 months (January 2020 to February 2020), not 12.",
    );
  });

  it('shows the note of a region in the chain', () => {
    expect(estimate(data, 'b', { year: 2020 }).warnings.map((w) => w.message)).toContain('Bland: B is odd.');
  });

  it('forces a series with --series, and refuses one that does not fit', () => {
    expect(estimate(data, 'a', { year: 2020, series: 'old' }).basis.twh).toBe(999);
    expect(() => estimate(data, 'b', { year: 2024, series: 'proj' })).toThrow(/not Bland or a region above it/);
    expect(() => estimate(data, 'a', { year: 2021, series: 'old' })).toThrow(/covers 2019, 2020/);
    expect(() => estimate(data, 'a', { series: 'nope' })).toThrow(UsageError);
  });

  it('names the years that exist when none covers the year asked', () => {
    expect(() => estimate(data, 'a', { year: 2030 })).toThrow(
      /No network total \(published, computed here or read on one day\) covers 2030 for Aland\. Series available: proj \(Aland, projection\): 2024; net \(World, estimate\): 2020; old \(World, estimate\): 2019, 2020\./,
    );
  });

  it("uses the region's carbon intensity, else its nearest ancestor's at the nearest year (earlier on a tie)", () => {
    const own = estimate(data, 'a', { year: 2020 });
    expect(own.carbon).toMatchObject({ region: 'a', year: 2020, gco2PerKwh: 500 });
    expect(own.carbon?.mtco2).toBeCloseTo(25, 10); // 50 TWh × 500 g/kWh
    expect(own.carbon?.upperMtco2).toBeCloseTo((0.5 * (200 - Math.sqrt(750)) * 500) / 1000, 10); // the energy's upper bound × 500 g/kWh
    const inherited = estimate(data, 'b', { year: 2020 });
    expect(inherited.carbon).toMatchObject({ region: 'world', year: 2018 });
    expect(inherited.warnings.map((w) => w.message).join('\n')).toMatch(
      /No carbon intensity is recorded for Bland; World's grid intensity is used/,
    );
    expect(inherited.warnings.map((w) => w.message).join('\n')).toMatch(/World's for 2018, 2 years from 2020/);
  });

  it("shows the basis source's own carbon figure only for the basis scope itself", () => {
    expect(estimate(data, 'a', { year: 2024, series: 'proj' }).carbon?.reported).toEqual({
      mtco2: 100,
      source: 'proj',
    });
    expect(estimate(data, 'a1', { year: 2024, series: 'proj' }).carbon?.reported).toBeNull();
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
    const ids = estimate(data, 'a', { year: 2024, series: 'proj' }).sources.map((s) => s.id);
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
  // CBECI's 2024 covers 321 days (to 16 November): 136.6227 TWh, annualised × 366/321 for the leap year.
  const cbeci2024 = (136.6227 * 366) / 321;

  it('cites the source of every other total it shows beside the basis', () => {
    const e = estimate(data, 'texas', { year: 2024 });
    const cited = new Set(e.sources.map((s) => s.id));
    // 2024: CBECI's partial year is the basis; CDMIR's total, Digiconomist's reading and the bottom-up series are
    // shown beside it, each with the source its series names.
    expect(e.basis.alternatives.map((a) => a.series)).toEqual(['cdmir-2024', 'digiconomist', 'bottom-up']);
    for (const id of [
      'cbeci-export-2024',
      'cdmir-2025',
      'digiconomist-beci',
      'bottom-up-model',
      'coinmetrics-daily-2024',
    ])
      expect(cited.has(id), id).toBe(true);
  });

  it('Sichuan by default: 2025, the latest year with a total, on the bottom-up series computed from the inputs', () => {
    const e = estimate(data, 'sichuan');
    expect(e.year).toBe(2025);
    expect(e.basis).toMatchObject({ series: 'bottom-up', coverage: 'partial-year', days: 363, through: '2025-12-29' });
    expect(e.basis.source).toBe('bottom-up-model');
    // The share from before China's ban comes first; then what the year rests on.
    expect(e.warnings[0]?.message).toMatch(/^Sichuan's share of China is from April 2021, before China's mining ban/);
    expect(e.warnings[1]?.message).toBe(
      'No year was given: 2025 is the latest year with a total, and only the bottom-up series computed here covers it (363 days, to 2025-12-29). 2026 has only annualised readings of one day (cbeci-2026, digiconomist): give --year 2026 to use one.',
    );
    expect(e.sources.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'bottom-up-model',
        'coinmetrics-daily-2024',
        'coinmetrics-daily-2025',
        'cbeci-hardware-2020',
      ]),
    );
  });

  it('Sichuan 2024: the measured year, partial and annualised, with every caveat', () => {
    const e = estimate(data, 'sichuan', { year: 2024 });
    expect(e.year).toBe(2024);
    expect(e.basis).toMatchObject({
      series: 'cbeci',
      scope: 'world',
      coverage: 'partial-year',
      days: 321,
      through: '2024-11-16',
      publishedTwh: 136.6227,
      evidence: 'computed',
    });
    expect(e.basis.factor).toBeCloseTo(366 / 321, 12);
    expect(e.basis.twh).toBeCloseTo(cbeci2024, 9);
    // Sichuan's 10% of China (April 2021, carried across the ban) × China's share of the world interpolated between
    // January 2022 (21.11%) and May 2025 (13.727%) at mid-2024, 29.5 of 40 months: 15.665%.
    const chinaPct = 21.11 + (13.727 - 21.11) * (29.5 / 40);
    expect(e.share.links.map((l) => [l.region, l.obtained, l.months])).toEqual([
      ['sichuan', 'carried', ['2021-04']],
      ['china', 'interpolated', ['2022-01', '2025-05']],
    ]);
    expect(e.energy.twh).toBeCloseTo(0.1 * (chinaPct / 100) * cbeci2024, 9);
    // The spreads: Sichuan's share crosses the ban, the widest: ± 100% of 10 = ± 10 points. China's is 5 months
    // from May 2025 (secondhand): 15.665 × 20% × 5/12.
    const chinaSpread = chinaPct * 0.2 * (5 / 12);
    expect(e.share.links[0]?.spreadPct).toBeCloseTo(10, 12);
    expect(e.share.links[1]?.spreadPct).toBeCloseTo(chinaSpread, 9);
    // The bounds: each factor's 5% and 95% points as ratios to its value, their logarithms added in quadrature.
    // The basis's triangular distribution on L–H with mode M: 5% point L + √(0.05 (H − L)(M − L)), 95% point
    // H − √(0.05 (H − L)(H − M)); a share uniform within ± s: p ∓ 0.9 s.
    const [L, M, H] = [74.8054, 136.6227, 293.0296].map((v) => (v * 366) / 321) as [number, number, number];
    const basis5 = (L + Math.sqrt(0.05 * (H - L) * (M - L))) / M;
    const basis95 = (H - Math.sqrt(0.05 * (H - L) * (H - M))) / M;
    const low = Math.hypot(Math.log(basis5), Math.log(0.1), Math.log(1 - (0.9 * chinaSpread) / chinaPct));
    const high = Math.hypot(Math.log(basis95), Math.log(1.9), Math.log(1 + (0.9 * chinaSpread) / chinaPct));
    expect(e.energy.lowerTwh).toBeCloseTo(e.energy.twh * Math.exp(-low), 9);
    expect(e.energy.upperTwh).toBeCloseTo(e.energy.twh * Math.exp(high), 9);
    // Much wider than the network total's own bounds on the same share: under a fifth of its lower bound.
    expect(e.energy.lowerTwh as number).toBeLessThan(0.2 * ((e.share.pct / 100) * L));
    expect(e.evidence).toBe('secondhand');
    // Sichuan's share is carried from 2021 (stale), China's interpolated between 2022 and 2025
    expect(e.caveats).toEqual([
      'partial-year',
      'secondhand',
      'pre-break-share',
      'stale-share',
      'interpolated-share',
      'approximate',
    ]);
    const warnings = e.warnings.map((w) => w.message).join('\n');
    expect(warnings).toMatch(
      /cbeci covers 321 days of 2024, to 2024-11-16: 136\.6 TWh in those days, annualised to 155\.8 TWh/,
    );
    expect(warnings).toMatch(/Sichuan's share of China is from April 2021, before China's mining ban of June 2021/);
    expect(warnings).toMatch(/reported by satoshibrother\.com/);
    expect(warnings).toMatch(/--series jiang-2021/);
  });

  it('Sichuan 2023 warns that its share predates the ban, and lists the break on the link', () => {
    const e = estimate(data, 'sichuan', { year: 2023 });
    expect(e.warnings[0]?.message).toBe(
      "Sichuan's share of China is from April 2021, before China's mining ban of June 2021 (china-ban-2021): it may not hold after it, so it is given the widest uncertainty, and the range shows how little is known after the break.",
    );
    expect(e.share.links[0]).toMatchObject({ region: 'sichuan', breaks: ['china-ban-2021'], evidence: 'secondhand' });
    expect(e.share.links[1]).toMatchObject({ region: 'china', months: ['2022-01', '2025-05'], breaks: [] });
    // Before the ban took effect there is nothing to warn about.
    expect(estimate(data, 'sichuan', { month: '2021-05' }).share.links[0]?.breaks).toEqual([]);
  });

  it('Sichuan 2024 on the Jiang et al. projection, asked for by name: ≈ 29.7 TWh, 63rd on the CIA 2016 list', () => {
    const e = estimate(data, 'sichuan', { year: 2024, series: 'jiang-2021', baseline: 'cia-2016' });
    expect(e.energy.twh).toBeCloseTo(29.659, 6);
    expect(e.power.gw).toBeCloseTo(3.383, 3);
    expect(e.comparison).toMatchObject({ rank: 63, above: { country: 'Serbia' }, below: { country: 'Oman' } });
    expect(e.caveats).toContain('projection');
    expect(e.warnings.map((w) => w.message).join('\n')).toMatch(/before China's mining ban of June 2021/);
  });

  it('never rests an estimate on the projection unless it is named', () => {
    for (const region of ['china', 'sichuan', 'xinjiang', 'beijing']) {
      const e = estimate(data, region, { year: 2024 });
      expect(e.basis.kind).toBe('estimate');
      expect(e.basis.series).toBe('cbeci');
    }
    // China's share interpolated between January 2022 (21.11%) and May 2025 (13.727%), 29.5 of 40 months.
    const chinaPct = 21.11 + (13.727 - 21.11) * (29.5 / 40);
    expect(estimate(data, 'china', { year: 2024 }).energy.twh).toBeCloseTo((chinaPct / 100) * cbeci2024, 9);
  });

  it("China 2024 on the projection shows Jiang et al.'s 130.50 Mt beside the grid-intensity figure", () => {
    const e = estimate(data, 'china', { year: 2024, series: 'jiang-2021' });
    expect(e.carbon?.reported).toEqual({ mtco2: 130.5, source: 'jiang-2021' });
    expect(e.carbon).toMatchObject({ basis: 'life-cycle', year: 2024, source: 'share-weighted' });
    // China's provinces at their 2021 grids (NBS), by their shares of China (CBECI's map, 2020-04 and 2021-04),
    // the other 39.02% at China's 2024 grid (OWID's newer release).
    const gco2PerKwh =
      (39.02 * 559.552 + 35.76 * 661.3 + 10 * 145.7 + 8.07 * 672.8 + 5.42 * 128.1 + 1.73 * 795.1) / 100;
    expect(e.carbon?.gco2PerKwh).toBeCloseTo(gco2PerKwh, 9);
    expect(e.carbon?.mtco2).toBeCloseTo((296.59 * gco2PerKwh) / 1000, 9);
  });

  it('Texas 2023: a measured answer on secondhand shares, graded and caveated', () => {
    const e = estimate(data, 'texas', { year: 2023 });
    expect(e.basis).toMatchObject({ series: 'cbeci', twh: 121.134, coverage: 'year', evidence: 'computed' });
    // The United States' share interpolated between January 2022 (37.84%) and May 2025 (36.025%) at mid-2023,
    // 17.5 of the 40 months: 37.046%.
    const usPct = 37.84 + (36.025 - 37.84) * (17.5 / 40);
    expect(e.energy.twh).toBeCloseTo(0.285 * (usPct / 100) * 121.134, 9);
    expect(e.share.links.map((l) => [l.region, l.obtained, l.months, l.evidence])).toEqual([
      ['texas', 'recorded', ['2023-07'], 'secondhand'],
      ['united-states', 'interpolated', ['2022-01', '2025-05'], 'secondhand'],
    ]);
    // Texas's share is recorded in July 2023; the United States' is interpolated between 2022 and 2025
    expect(e.caveats).toEqual(['secondhand', 'interpolated-share']);
    expect(e.warnings.map((w) => w.message).join('\n')).toMatch(/reported by Decrypt and Cointelegraph.*curtailing/s);
    expect(e.basis.alternatives).toEqual([
      { series: 'iea-2023', kind: 'estimate', coverage: 'year', evidence: 'secondhand', twh: 120 },
      {
        series: 'bottom-up',
        kind: 'estimate',
        coverage: 'year',
        evidence: 'computed',
        twh: expect.closeTo(148.294, 3),
      },
    ]);
  });

  it('the United States in 2024, interpolated between January 2022 and May 2025', () => {
    const e = estimate(data, 'united-states', { year: 2024 });
    expect(e.year).toBe(2024);
    // 37.84% + (36.025% − 37.84%) × 29.5/40 = 36.5014375%.
    expect(e.share.pct).toBeCloseTo(36.5014375, 9);
    expect(e.energy.twh).toBeCloseTo(0.365014375 * cbeci2024, 9);
    expect(e.evidence).toBe('secondhand');
    expect(e.basis.alternatives.map((a) => [a.series, a.twh, a.coverage])).toEqual([
      ['cdmir-2024', 138, 'year'],
      ['digiconomist', 172.26, 'snapshot'],
      ['bottom-up', expect.closeTo(152.957, 3), 'year'],
    ]);
  });

  it('uses an annualised reading only when no total covers the year, and a multi-year total only when named', () => {
    expect(estimate(data, 'world', { year: 2025 }).basis.series).toBe('bottom-up');
    const e2026 = estimate(data, 'world', { year: 2026 });
    expect(e2026.basis).toMatchObject({ series: 'cbeci-2026', coverage: 'snapshot', asOf: '2026-07-27' });
    expect(e2026.caveats).toContain('snapshot');
    const e2025 = estimate(data, 'world', { year: 2025, series: 'digiconomist' });
    expect(e2025.basis).toMatchObject({ series: 'digiconomist', coverage: 'snapshot', twh: 204, asOf: '2025-05' });
    expect(e2025.caveats).toEqual(expect.arrayContaining(['snapshot', 'secondhand', 'approximate']));
    const unu = estimate(data, 'world', { year: 2021, series: 'unu-2023' });
    expect(unu.basis).toMatchObject({ coverage: 'multi-year', toYear: 2021, publishedTwh: 173.42 });
    expect(unu.energy.twh).toBeCloseTo(173.42 / 2, 9);
    expect(unu.caveats).toContain('multi-year');
    expect(estimate(data, 'world', { year: 2021 }).basis.series).toBe('cbeci');
  });

  it('says when a later year changes source, when a region has a note, and when a dataset goes unused', () => {
    expect(estimate(data, 'united-states', { year: 2026 }).warnings.map((w) => w.message)).toContain(
      "No total covers 2026, published or computed, so the basis is cbeci-2026's reading, a different estimate from bottom-up (which ends in 2025): a change from 2025 to 2026 is partly a change of source.",
    );
    expect(estimate(data, 'united-states', { year: 2025 }).warnings.map((w) => w.message)).toContain(
      "No published total covers 2025, so the basis is the bottom-up series: CBECI's bottom-up model run here on the daily inputs and the hardware list, not a published figure. It is 0.97–1.22× CBECI's totals in 2020–2024 (2024 over the 321 days both cover, to 2024-11-16; 0.62–1.22× in 2010–2024). The published totals end in 2024: a change from 2024 to 2025 is partly a change of source.",
    );
    expect(estimate(data, 'germany', { year: 2021 }).caveats).toContain('region-note');
    expect(
      estimate(data, 'sichuan', { year: 2021, shareDataset: 'cdmir-survey-2024' }).warnings.map((w) => w.message),
    ).toContain("The cdmir-survey-2024 dataset has no share on Sichuan's chain to World: the default shares are used.");
    // Direct intensities exist only for countries: a province keeps its own grid, on the other basis, and says so.
    const xinjiang = estimate(data, 'xinjiang', { year: 2021, carbonBasis: 'direct' });
    expect(xinjiang.carbon).toMatchObject({ region: 'xinjiang', basis: 'life-cycle' });
    expect(xinjiang.warnings.map((w) => w.message)).toContain(
      'No direct carbon intensity is recorded for Xinjiang; its life-cycle one is used (the two bases differ by about 12%).',
    );
    expect(xinjiang.caveats).toContain('carbon-basis');
  });

  it('uses the survey shares only when asked, with their caveat', () => {
    expect(() => estimate(data, 'norway', { year: 2024 })).toThrow(/No hashrate share is recorded for Norway/);
    const e = estimate(data, 'norway', { year: 2024, shareDataset: 'cdmir-survey-2024' });
    expect(e.energy.twh).toBeCloseTo(0.028 * cbeci2024, 9);
    expect(e.share.links[0]).toMatchObject({ dataset: 'cdmir-survey-2024', evidence: 'secondhand' });
    expect(e.caveats).toContain('dataset-share');
    expect(e.warnings.map((w) => w.message).join('\n')).toMatch(/surveyed.*over-represents the United States/s);
    expect(e.warnings.map((w) => w.message)).toContain(
      "Norway's share of World comes from the cdmir-survey-2024 dataset and is applied to all of World's hashrate, as if that sample stood for the whole of it.",
    );
    // Regions the survey does not name keep the default shares.
    const texas = estimate(data, 'texas', { year: 2024, shareDataset: 'cdmir-survey-2024' });
    expect(texas.share.links.map((l) => l.dataset)).toEqual([null, 'cdmir-survey-2024']);
    expect(() => estimate(data, 'norway', { shareDataset: 'nope' })).toThrow(/Unknown share dataset "nope"/);
  });

  it('counts carbon on one basis: life-cycle by default, direct when asked, never spliced', () => {
    const china = (e: ReturnType<typeof estimate>) => e.carbon?.weights?.find((w) => w.region === 'china');
    const lifeCycle = estimate(data, 'china', { year: 2021 });
    expect(lifeCycle.carbon).toMatchObject({ basis: 'life-cycle', mixedBases: false, evidence: 'computed' });
    expect(china(lifeCycle)).toMatchObject({ basis: 'life-cycle', gco2PerKwh: 599.005 });
    expect(lifeCycle.caveats).not.toContain('carbon-basis');
    const direct = estimate(data, 'china', { year: 2021, carbonBasis: 'direct' });
    expect(direct.carbon).toMatchObject({ basis: 'direct' });
    expect(china(direct)?.basis).toBe('direct');
    expect(china(direct)?.gco2PerKwh).toBeCloseTo(549.3, 1); // OWID's 2022 release, China 2021
    // The provinces have life-cycle intensities only: the mix says so rather than passing as direct.
    expect(direct.carbon?.mixedBases).toBe(true);
    expect(direct.caveats).toContain('carbon-basis');
    expect(direct.warnings.map((w) => w.message).join('\n')).toMatch(/mixes bases: xinjiang, sichuan/);
    // Sichuan's own grid counts before the basis: its hydro is a fifth of China's intensity, the bases 12% apart.
    const sichuan = estimate(data, 'sichuan', { year: 2021, carbonBasis: 'direct' });
    expect(sichuan.carbon).toMatchObject({ region: 'sichuan', basis: 'life-cycle' });
    expect(sichuan.caveats).toContain('carbon-basis');
    // Paraguay's 2025 estimate on the direct basis: its own hydro grid (about 25 g/kWh), not the world's 442.
    const paraguay = estimate(data, 'paraguay', { year: 2025, carbonBasis: 'direct' });
    expect(paraguay.carbon?.region).toBe('paraguay');
    expect(paraguay.carbon?.gco2PerKwh).toBeLessThan(30);
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
    expect(e.warnings.map((w) => w.message)).toContain(
      "China's share of World is 0% in 2021-07: no hashrate is recorded there, so the estimate is zero.",
    );
  });

  it('Texas against the United States', () => {
    const e = estimate(data, 'texas', { year: 2021 });
    // the default list is ember-2024, whose US figure is OWID's 4,404.83 TWh demand in 2024
    expect(e.comparison?.baseline).toBe('ember-2024');
    expect(e.comparison?.country).toBe('United States');
    expect(e.comparison?.countryYear).toBe(2024);
    expect(e.comparison?.pctOfCountry).toBeCloseTo((e.energy.twh / 4404.83) * 100, 8);
    const eia = estimate(data, 'texas', { year: 2021, baseline: 'eia-2019' });
    expect(eia.comparison?.pctOfCountry).toBeCloseTo((e.energy.twh / 3989.566) * 100, 8);
    expect(eia.comparison?.countryYear).toBe(2019);
  });
});
