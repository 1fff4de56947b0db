import { describe, expect, it } from 'vitest';
import type { CarbonIntensity } from '../../src/data/schemas.js';
import {
  type AreaYearValue,
  carbonRecords,
  changedCarbon,
  changedDemand,
  csvCells,
  latestDemandBaseline,
  mergeCarbon,
} from '../../src/update/country-figures.js';
import { parseEmber } from '../../src/update/ember.js';
import { parseGrapher } from '../../src/update/owid.js';

const value = (area: string, iso3: string | undefined, year: number, v: number): AreaYearValue => ({
  area,
  iso3,
  year,
  value: v,
  line: 0,
});
const spec = { id: 'x-latest', title: 'X demand', source: 'x', evidence: 'primary' as const, note: 'Note.' };

describe("a yearly source's country figures", () => {
  it("takes each country's latest year, the list's year the latest of all", () => {
    const baseline = latestDemandBaseline(
      [
        value('A', 'AAA', 2024, 10),
        value('A', 'AAA', 2025, 12),
        value('B', 'BBB', 2023, 50),
        value('C', undefined, 2025, 1),
        value('B', 'BBB', 2022, 49),
      ],
      spec,
    );
    expect(baseline).toEqual({
      id: 'x-latest',
      name: "X demand, 2025 or each country's latest year (2023 to 2025)",
      measure: 'demand',
      year: 2025,
      source: 'x',
      evidence: 'primary',
      note: "Each country's latest year (a value's own year says when it is not 2025): 2025 for 2 countries, 2023 for 1 country. Note.",
      values: [
        { country: 'B', iso3: 'BBB', twh: 50, year: 2023 },
        { country: 'A', iso3: 'AAA', twh: 12 },
        { country: 'C', twh: 1 },
      ],
    });
  });

  it('keeps the regions the data know, by code, as life-cycle intensities', () => {
    const codes = new Map([
      ['CHN', 'china'],
      ['WORLD', 'world'],
    ]);
    const records = carbonRecords(
      [value('World', 'WORLD', 2024, 473), value('France', 'FRA', 2024, 40), value('China', 'CHN', 2025, 528)],
      codes,
      'src',
      'primary',
    );
    expect(records).toEqual([
      { region: 'china', year: 2025, gco2PerKwh: 528, basis: 'life-cycle', source: 'src', evidence: 'primary' },
      { region: 'world', year: 2024, gco2PerKwh: 473, basis: 'life-cycle', source: 'src', evidence: 'primary' },
    ]);
  });

  it("lays a source's intensities in: its earlier ones dropped, another's winning record kept", () => {
    const record = (region: string, year: number, g: number, source: string): CarbonIntensity => ({
      region,
      year,
      gco2PerKwh: g,
      basis: 'life-cycle',
      source,
      evidence: 'primary',
    });
    const held = [
      record('china', 2024, 558.965, 'ember'),
      record('norway', 2019, 30, 'owid'),
      record('norway', 2018, 31, 'owid'),
    ];
    const now = [record('china', 2024, 559.55, 'owid'), record('norway', 2019, 29, 'owid')];
    const merged = mergeCarbon(held, now, 'owid', (r) => r.source === 'ember');
    // China 2024 stays Ember's; Norway 2019 is replaced; Norway 2018, which OWID no longer gives, is gone.
    expect(merged.records).toEqual([record('china', 2024, 558.965, 'ember'), record('norway', 2019, 29, 'owid')]);
    expect(merged.kept).toBe(1);
    // Without a winner, the new record takes the key.
    expect(mergeCarbon(held, now, 'owid').records.map((r) => `${r.region} ${r.source}`)).toEqual([
      'china owid',
      'norway owid',
    ]);
    // Only the source's own held values count as revised: 30 → 29 (3.3%), not Ember's 558.965 → 559.55.
    expect(changedCarbon(held, merged.written)).toEqual([
      { date: '2019', field: 'norway.gco2PerKwh', held: 30, now: 29 },
    ]);
  });

  it('finds a revised demand only for the same country and year, past the rounding of three decimals', () => {
    const before = latestDemandBaseline([value('A', 'AAA', 2024, 100), value('B', 'BBB', 2024, 7)], spec);
    const after = latestDemandBaseline(
      [value('A', 'AAA', 2025, 104), value('B', 'BBB', 2024, 7.0004), value('C', 'CCC', 2024, 3)],
      spec,
    );
    // A moved to a new year (not a revision); B's 0.0004 TWh is within the rounding (5e-4 + 1e-6 × 7).
    expect(changedDemand(before, after)).toEqual([]);
    const revised = latestDemandBaseline([value('A', 'AAA', 2024, 101), value('B', 'BBB', 2024, 7)], spec);
    expect(changedDemand(before, revised)).toEqual([{ date: '2024', field: 'AAA.twh', held: 100, now: 101 }]);
  });

  it('splits quoted cells, and says when a quote is not closed', () => {
    expect(csvCells('a,"b, c",d')).toEqual(['a', 'b, c', 'd']);
    expect(csvCells('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
    expect(csvCells('"open,x')).toBeUndefined();
  });

  it("reads only Ember's countries' Demand rows and the Total generation rows of countries and World", () => {
    const header =
      'Area,ISO 3 code,Year,Area type,Electricity source,Is aggregated source,Generation (TWh),Generation YoY change (TWh),Generation YoY change (%),Share of generation (%),Share of generation YoY change (% points),Capacity (GW),Emissions (MtCO2e),Emissions YoY change (MtCO2e),Emissions YoY change (%),Share of emissions (%),Emissions intensity (gCO2e/kWh),Continent,Ember region,EU member,OECD member,G20 member,G7 member,ASEAN member';
    const row = (area: string, code: string, type: string, source: string, twh: string, g = '') =>
      `${area},${code},2025,${type},${source},True,${twh},,,,,,,,,,${g},,,,,,,`;
    const text = [
      header,
      row('"Korea, Republic of"', 'KOR', 'Country or economy', 'Demand', '600'),
      row('EU', '', 'Region', 'Demand', '2774'),
      row('World', '', 'Region', 'Demand', '31000'),
      row('World', '', 'Region', 'Total generation', '31000', '470'),
      row('France', 'FRA', 'Country or economy', 'Total generation', '540', '40'),
      row('France', 'FRA', 'Country or economy', 'Coal', '2'),
      row('France', 'FRA', 'Country or economy', 'Demand', ''),
      '',
    ].join('\r\n');
    const figures = parseEmber(text, 'http://127.0.0.1/e.csv');
    expect(figures.demand).toEqual([{ area: 'Korea, Republic of', iso3: 'KOR', year: 2025, value: 600, line: 2 }]);
    expect(figures.intensity).toEqual([
      { area: 'World', iso3: 'WORLD', year: 2025, value: 470, line: 5 },
      { area: 'France', iso3: 'FRA', year: 2025, value: 40, line: 6 },
    ]);
    expect(figures.emptyValues).toBe(1);
  });

  it("reads OWID's grapher file, the aggregates left out but Kosovo, the world's intensity kept", () => {
    const demand = parseGrapher(
      'Entity,Code,Year,electricity_demand\nWorld,OWID_WRL,2024,30938.18\nKosovo,OWID_KOS,2025,7.14\nAfrica,,2024,900\nNorway,NOR,2024,137.68\n',
      'u',
      'demand',
    );
    expect(demand.values.map((v) => `${v.area} ${v.iso3} ${v.value}`)).toEqual([
      'Kosovo undefined 7.14',
      'Norway NOR 137.68',
    ]);
    const intensity = parseGrapher(
      'Entity,Code,Year,carbon_intensity_elec\nWorld,OWID_WRL,2024,473.01\nKosovo,OWID_KOS,2024,958.72\n',
      'u',
      'intensity',
    );
    expect(intensity.values.map((v) => `${v.area} ${v.iso3}`)).toEqual(['World WORLD']);
  });
});
