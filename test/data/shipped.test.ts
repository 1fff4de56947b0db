import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAMES } from '../../src/data/dataset.js';
import { SHIPPED_SNAPSHOT_FILE, shippedSnapshotText } from '../../src/data/load.js';
import { checkReferences } from '../../src/data/references.js';
import { ROOT, SHIPPED_DATA, SHIPPED_SERIES, shippedData } from '../helpers.js';

describe('the shipped data', async () => {
  const data = await shippedData();

  it('passes every cross-file check', () => {
    expect(checkReferences(data)).toEqual([]);
  });

  it('cites only sources that exist, and every source states a licence', () => {
    const ids = new Set(data.sources.map((s) => s.id));
    const cited = [
      ...data.shares,
      ...data.networkEnergy,
      ...data.baselines,
      ...data.carbon,
      ...data.hardware,
      ...data.events,
    ].map((r) => r.source);
    expect(cited.filter((id) => !ids.has(id))).toEqual([]);
    expect(data.sources.filter((s) => s.licence === undefined).map((s) => s.id)).toEqual([]);
  });

  it('has the fixed region ids scripts rely on', () => {
    const ids = data.regions.map((r) => r.id);
    for (const id of [
      'world',
      'china',
      'united-states',
      'kazakhstan',
      'russia',
      'iran',
      'malaysia',
      'canada',
      'germany',
      'ireland',
      'other',
      'xinjiang',
      'sichuan',
      'inner-mongolia',
      'yunnan',
      'beijing',
      'georgia',
      'texas',
      'kentucky',
      'new-york',
      'california',
      'paraguay',
      'united-arab-emirates',
      'oman',
      'ethiopia',
      'norway',
      'new-hampshire',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('has all 29 months of the mining map for each of its 10 country rows, each month summing to 100 ± 0.1', () => {
    const map = data.shares.filter((s) => s.source === 'cbeci-mining-map');
    expect(map).toHaveLength(290);
    expect(map.every((s) => s.evidence === 'copy')).toBe(true);
    const months = new Map<string, number>();
    for (const s of map) months.set(s.month, (months.get(s.month) ?? 0) + s.sharePct);
    expect(months.size).toBe(29);
    expect([...months.keys()].sort()[0]).toBe('2019-09');
    expect([...months.keys()].sort().at(-1)).toBe('2022-01');
    for (const sum of months.values()) expect(Math.abs(sum - 100)).toBeLessThanOrEqual(0.1);
    const countries = data.regions.filter((r) => r.parent === 'world').map((r) => r.id);
    const jan2022 = Object.fromEntries(
      data.shares
        .filter((s) => s.month === '2022-01' && countries.includes(s.region))
        .map((s) => [s.region, s.sharePct]),
    );
    expect(jan2022).toMatchObject({
      'united-states': 37.84,
      china: 21.11,
      kazakhstan: 13.22,
      canada: 6.48,
      russia: 4.66,
    });
  });

  it('records the provincial and state shares as published, approximate ones marked with a note', () => {
    const find = (region: string, month: string) => data.shares.find((s) => s.region === region && s.month === month);
    expect(find('xinjiang', '2020-04')?.sharePct).toBe(35.76);
    expect(find('sichuan', '2020-04')?.sharePct).toBe(9.66);
    expect(find('sichuan', '2021-04')).toMatchObject({
      sharePct: 10,
      approximate: true,
      source: 'reuters-2021-sichuan',
    });
    expect(find('georgia', '2022-01')).toMatchObject({ sharePct: 32, approximate: true });
    expect(find('georgia', '2022-01')?.note).toMatch(/over 30%/);
    for (const s of data.shares.filter((s) => s.approximate)) expect(s.note).toBeTruthy();
  });

  it('records the 2025 readings as reported, with the rest of the world as a derived remainder each month', () => {
    for (const month of ['2025-05', '2025-07', '2025-10']) {
      const records = data.shares.filter((s) => s.month === month && s.dataset === undefined);
      const sum = records.reduce((total, s) => total + s.sharePct, 0);
      expect(sum).toBeCloseTo(100, 9);
      const rest = records.find((s) => s.region === 'other');
      expect(rest).toMatchObject({ evidence: 'computed' });
      expect(rest?.note).toMatch(/^Derived: 100% minus/);
      expect(records.filter((s) => s.region !== 'other').every((s) => s.evidence === 'secondhand')).toBe(true);
    }
    const find = (region: string, month: string) => data.shares.find((s) => s.region === region && s.month === month);
    expect(find('united-states', '2025-05')?.sharePct).toBe(36.025);
    expect(find('china', '2025-07')?.sharePct).toBe(13.84);
    expect(find('china', '2025-10')).toMatchObject({ sharePct: 14, approximate: true });
    expect(find('china', '2025-10')?.note).toMatch(/CryptoQuant.*15-20%/);
    expect(find('other', '2025-05')?.sharePct).toBeCloseTo(100 - 74.409, 9);
    expect(find('ethiopia', '2024-12')).toMatchObject({ sharePct: 2.5, evidence: 'copy' });
    expect(find('kazakhstan', '2023-05')).toMatchObject({ sharePct: 4, evidence: 'copy' });
    expect(find('texas', '2023-07')?.note).toMatch(/curtailing/);
    expect(find('new-hampshire', '2023-07')).toMatchObject({ sharePct: 5.33, evidence: 'secondhand' });
  });

  it('ships the survey as its own dataset, shares of surveyed hashrate with their caveat', () => {
    const survey = data.shares.filter((s) => s.dataset === 'cdmir-survey-2024');
    expect(survey.map((s) => [s.region, s.sharePct])).toEqual([
      ['united-states', 75.4],
      ['canada', 7.1],
      ['paraguay', 3.4],
      ['norway', 2.8],
      ['kazakhstan', 2.6],
      ['other', expect.closeTo(8.7, 9)],
    ]);
    expect(survey.every((s) => /surveyed|100% minus/.test(s.note ?? ''))).toBe(true);
  });

  it('orders the network series, measured ones first, with the published checks', () => {
    expect(data.networkEnergy.map((s) => s.id)).toEqual(SHIPPED_SERIES);
    const series = (id: string) => data.networkEnergy.find((s) => s.id === id);
    const cbeci = series('cbeci');
    const v1 = series('cbeci-v1');
    const jiang = series('jiang-2021');
    expect(cbeci?.values.map((v) => v.year)).toEqual(Array.from({ length: 15 }, (_, i) => 2010 + i));
    // CCAF's published revised totals: 89.0 TWh (2021) and 95.5 TWh (2022); 121.13 TWh is quoted for 2023.
    expect(cbeci?.values.find((v) => v.year === 2021)?.twh).toBeCloseTo(89.0, 1);
    expect(cbeci?.values.find((v) => v.year === 2022)?.twh).toBeCloseTo(95.53, 2);
    expect(cbeci?.values.find((v) => v.year === 2023)).toMatchObject({ lowerTwh: 66.5034, upperTwh: 239.8131 });
    expect(cbeci?.values.find((v) => v.year === 2023)?.twh).toBeCloseTo(121.13, 2);
    expect(cbeci?.values.find((v) => v.year === 2024)).toMatchObject({
      coverage: 'partial-year',
      days: 321,
      through: '2024-11-16',
    });
    expect(cbeci?.values.find((v) => v.year === 2010)).toMatchObject({ coverage: 'partial-year', days: 167 });
    expect(cbeci?.values.every((v) => v.evidence === 'computed' && v.lowerTwh !== undefined)).toBe(true);
    expect(series('cdmir-2024')?.values).toEqual([expect.objectContaining({ year: 2024, twh: 138, evidence: 'secondhand' })]);
    expect(series('iea-2023')?.values).toEqual([expect.objectContaining({ year: 2023, twh: 120 })]);
    expect(series('digiconomist')?.values.every((v) => v.coverage === 'snapshot')).toBe(true);
    // The export row of 2026-07-27: 15.522 GW × 8,766 h / 1000 = 136.07 TWh annualised (CBECI's own column).
    expect(series('cbeci-2026')?.values).toEqual([
      expect.objectContaining({ year: 2026, coverage: 'snapshot', asOf: '2026-07-27', evidence: 'copy' }),
    ]);
    expect(series('cbeci-2026')?.values[0]?.twh).toBeCloseTo((15.522113551507129 * 8766) / 1000, 9);
    expect(series('unu-2023')?.values).toEqual([
      expect.objectContaining({ year: 2020, toYear: 2021, coverage: 'multi-year', twh: 173.42 }),
    ]);
    expect(v1?.values.find((v) => v.year === 2021)).toMatchObject({ twh: 104.89, lowerTwh: 37.9, upperTwh: 338.02 });
    expect(jiang?.values).toEqual([expect.objectContaining({ year: 2024, twh: 296.59, mtco2: 130.5 })]);
  });

  it('has the five baselines, without the row for bitcoin or OWID aggregates', () => {
    expect(data.baselines.map((b) => [b.id, b.values.length])).toEqual([
      ['eia-2019', 215],
      ['cia-2016', 215],
      ['ember-2016', 209],
      ['ember-2021', 209],
      ['ember-2024', 214],
    ]);
    const names = data.baselines.flatMap((b) => b.values.map((v) => v.country));
    for (const aggregate of ['Bitcoin', 'World', 'Africa', 'Europe', 'G20', 'OECD'])
      expect(names).not.toContain(aggregate);
    const cia = data.baselines[1];
    expect(cia?.values.find((v) => v.country === 'Italy')).toEqual({ country: 'Italy', iso3: 'ITA', twh: 293.5 });
    expect(cia?.values.find((v) => v.country === 'Saudi Arabia')?.twh).toBe(296.2);
    // OWID's later list: each country's latest year (Norway 2025, the United States 2024, Kazakhstan 2024), Kosovo
    // kept without an ISO code, the World and the EU left out.
    const latest = data.baselines.find((b) => b.id === 'ember-2024');
    expect(latest).toMatchObject({ measure: 'demand', year: 2024 });
    expect(latest?.values.find((v) => v.country === 'Norway')).toEqual({ country: 'Norway', iso3: 'NOR', twh: 136.72, year: 2025 });
    expect(latest?.values.find((v) => v.country === 'United States')).toEqual({ country: 'United States', iso3: 'USA', twh: 4404.83 });
    expect(latest?.values.find((v) => v.country === 'Kazakhstan')?.twh).toBe(119.96);
    expect(latest?.values.find((v) => v.country === 'Kosovo')?.iso3).toBeUndefined();
    expect(latest?.values.map((v) => v.country)).not.toContain('European Union (27)');
  });

  it("ships CBECI's 2020 hardware list in J/TH, ending with the S19 series", () => {
    const cbeci = data.hardware.filter((h) => h.source === 'cbeci-hardware-2020');
    expect(cbeci).toHaveLength(90);
    expect(cbeci.find((h) => h.model === 'Bitmain Antminer S19 Pro (110Th)')).toMatchObject({ released: '2020-05-01', jPerTh: 29.55 });
    expect(cbeci.find((h) => h.model === 'Bitmain Antminer S9 (13.5Th)')?.jPerTh).toBe(98);
  });

  it('keeps the two carbon bases apart: life-cycle about 12% above direct for the same grid and year', () => {
    const ratios = data.carbon
      .filter((c) => c.basis === 'direct')
      .flatMap((direct) => {
        const lifeCycle = data.carbon.find(
          (c) => c.basis === 'life-cycle' && c.region === direct.region && c.year === direct.year,
        );
        return lifeCycle ? [lifeCycle.gco2PerKwh / direct.gco2PerKwh] : [];
      })
      .sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(20);
    const median = ratios[Math.floor(ratios.length / 2)] as number;
    expect(median).toBeGreaterThan(1.05);
    expect(median).toBeLessThan(1.2);
    expect(data.carbon.filter((c) => c.basis === 'direct').every((c) => c.year <= 2021)).toBe(true);
    const china2024 = data.carbon.find((c) => c.region === 'china' && c.year === 2024);
    expect(china2024).toMatchObject({ basis: 'life-cycle', gco2PerKwh: 559.552, evidence: 'copy' });
  });

  it('lists the structural breaks, each cited', () => {
    expect(data.events.map((e) => [e.id, e.month, e.regions])).toEqual([
      ['china-ban-2021', '2021-06', ['china', 'world']],
      ['kazakhstan-power-2022', '2022-01', ['kazakhstan']],
      ['beijing-clause18', '2024-02', ['beijing']],
    ]);
  });

  it('grades the hardware added for 2023-2025 as its sources were seen', () => {
    const find = (model: string) => data.hardware.find((h) => h.model === model);
    expect(find('Bitmain Antminer S21 (200Th)')).toMatchObject({ released: '2023-09-30', evidence: 'copy' });
    expect(find('Bitmain Antminer S21 Hyd (335Th)')).toMatchObject({ jPerTh: 16, evidence: 'copy' });
    expect(find('MicroBT Whatsminer M60S (186Th)')).toMatchObject({ jPerTh: 17.5, evidence: 'secondhand' });
    expect(find('Canaan Avalon A16 XP (300Th)')).toMatchObject({ jPerTh: 12.8, evidence: 'primary' });
    expect(find('Bitmain Antminer S23 Hydro (580Th)')?.note).toMatch(/9\.5-9\.7 J\/TH \(the midpoint is used\)/);
    for (const h of data.hardware.filter((h) => h.approximate)) expect(h.note).toBeTruthy();
  });

  it('marks every provincial and state carbon intensity as derived', () => {
    const subnational = new Set(
      data.regions.filter((r) => r.kind === 'province' || r.kind === 'state').map((r) => r.id),
    );
    const records = data.carbon.filter((c) => subnational.has(c.region));
    expect(records.length).toBe(30);
    expect(records.every((c) => c.derived === true && c.note && c.basis === 'life-cycle' && c.evidence === 'computed')).toBe(true);
    expect(records.find((c) => c.region === 'sichuan' && c.year === 2021)?.gco2PerKwh).toBeCloseTo(145.7, 1);
  });

  it('is what the build validated (dist/shipped-data.json)', () => {
    const files = Object.entries(DATA_FILE_NAMES).map(([key, name]) => ({
      key: key as keyof typeof DATA_FILE_NAMES,
      label: name,
      text: readFileSync(join(SHIPPED_DATA, name), 'utf8'),
    }));
    const snapshot = readFileSync(join(ROOT, SHIPPED_SNAPSHOT_FILE), 'utf8');
    expect(snapshot).toBe(shippedSnapshotText(files));
    expect(Object.keys(JSON.parse(snapshot))).toEqual(Object.keys(DATA_FILE_NAMES));
  });
});
