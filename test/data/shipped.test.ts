import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAMES } from '../../src/data/dataset.js';
import { checkReferences } from '../../src/data/references.js';
import { ROOT, SHIPPED_DATA, shippedData } from '../helpers.js';

describe('the shipped data', async () => {
  const data = await shippedData();

  it('passes every cross-file check', () => {
    expect(checkReferences(data)).toEqual([]);
  });

  it('cites only sources that exist, and every source states a licence', () => {
    const ids = new Set(data.sources.map((s) => s.id));
    const cited = [...data.shares, ...data.networkEnergy, ...data.baselines, ...data.carbon].map((r) => r.source);
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
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('has all 29 months of the mining map for each of its 10 country rows, each month summing to 100 ± 0.1', () => {
    const countries = data.regions.filter((r) => r.parent === 'world').map((r) => r.id);
    const months = new Map<string, number>();
    for (const s of data.shares.filter((s) => countries.includes(s.region)))
      months.set(s.month, (months.get(s.month) ?? 0) + s.sharePct);
    expect(months.size).toBe(29);
    expect([...months.keys()].sort()[0]).toBe('2019-09');
    expect([...months.keys()].sort().at(-1)).toBe('2022-01');
    for (const sum of months.values()) expect(Math.abs(sum - 100)).toBeLessThanOrEqual(0.1);
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

  it('orders the network series cbeci, cbeci-v1, jiang-2021, with the published checks', () => {
    expect(data.networkEnergy.map((s) => s.id)).toEqual(['cbeci', 'cbeci-v1', 'jiang-2021']);
    const [cbeci, v1, jiang] = data.networkEnergy;
    expect(cbeci?.values.map((v) => v.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    expect(cbeci?.values.find((v) => v.year === 2021)?.twh).toBeCloseTo(89.0, 1);
    expect(cbeci?.values.find((v) => v.year === 2022)?.twh).toBeCloseTo(95.53, 2);
    expect(cbeci?.values.every((v) => v.derived === true)).toBe(true);
    expect(v1?.values.find((v) => v.year === 2021)).toMatchObject({ twh: 104.89, lowerTwh: 37.9, upperTwh: 338.02 });
    expect(jiang?.values).toEqual([expect.objectContaining({ year: 2024, twh: 296.59, mtco2: 130.5 })]);
  });

  it('has the four baselines, without the row for bitcoin or OWID aggregates', () => {
    expect(data.baselines.map((b) => [b.id, b.values.length])).toEqual([
      ['eia-2019', 215],
      ['cia-2016', 215],
      ['ember-2016', 209],
      ['ember-2021', 209],
    ]);
    const names = data.baselines.flatMap((b) => b.values.map((v) => v.country));
    for (const aggregate of ['Bitcoin', 'World', 'Africa', 'Europe', 'G20', 'OECD'])
      expect(names).not.toContain(aggregate);
    const cia = data.baselines[1];
    expect(cia?.values.find((v) => v.country === 'Italy')).toEqual({ country: 'Italy', iso3: 'ITA', twh: 293.5 });
    expect(cia?.values.find((v) => v.country === 'Saudi Arabia')?.twh).toBe(296.2);
  });

  it("ships CBECI's 2020 hardware list in J/TH, ending with the S19 series", () => {
    const cbeci = data.hardware.filter((h) => h.source === 'cbeci-hardware-2020');
    expect(cbeci).toHaveLength(90);
    expect(cbeci.find((h) => h.model === 'Bitmain Antminer S19 Pro (110Th)')).toMatchObject({ released: '2020-05-01', jPerTh: 29.55 });
    expect(cbeci.find((h) => h.model === 'Bitmain Antminer S9 (13.5Th)')?.jPerTh).toBe(98);
  });

  it('marks every provincial and state carbon intensity as derived', () => {
    const subnational = new Set(
      data.regions.filter((r) => r.kind === 'province' || r.kind === 'state').map((r) => r.id),
    );
    const records = data.carbon.filter((c) => subnational.has(c.region));
    expect(records.length).toBe(30);
    expect(records.every((c) => c.derived === true && c.note)).toBe(true);
    expect(records.find((c) => c.region === 'sichuan' && c.year === 2021)?.gco2PerKwh).toBeCloseTo(145.7, 1);
  });

  it('is what the build validated (dist/validated-data/)', () => {
    for (const name of Object.values(DATA_FILE_NAMES)) {
      const copy = join(ROOT, 'dist', 'validated-data', name);
      expect(existsSync(copy)).toBe(true);
      expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(SHIPPED_DATA, name), 'utf8'));
    }
  });
});
