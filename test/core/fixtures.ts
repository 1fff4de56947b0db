import { markChecked } from '../../src/data/checked-dataset.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { HashrateShare } from '../../src/data/schemas.js';

export const share = (
  region: string,
  month: string,
  sharePct: number,
  extra: Partial<HashrateShare> = {},
): HashrateShare => ({
  region,
  month,
  sharePct,
  source: 'test',
  evidence: 'primary',
  ...extra,
});

/**
 * A dataset taken as checked, for tests of the core's arithmetic on data that loadData (and the library's check of
 * hand-built data) would refuse, such as shares over 100% that a remainder must give up.
 */
export function trusted(data: Dataset): Dataset {
  return markChecked(data);
}

/** A small world: A (country, with province A1) and B; a measured world series and a projection for A. */
export function tinyDataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    sources: [
      { id: 'test', title: 'Test source', url: 'https://example.org/test', evidence: 'primary' },
      { id: 'proj', title: 'Test projection', evidence: 'copy' },
    ],
    regions: [
      { id: 'world', name: 'World', kind: 'world', parent: null },
      { id: 'a', name: 'Aland', kind: 'country', parent: 'world', iso: 'AAA' },
      { id: 'b', name: 'Bland', kind: 'country', parent: 'world', iso: 'BBB', note: 'B is odd.' },
      { id: 'a1', name: 'A-one', kind: 'province', parent: 'a', iso: 'AA-1' },
    ],
    shares: [
      share('a', '2020-01', 40),
      share('a', '2020-02', 60),
      share('b', '2020-01', 60),
      share('b', '2020-02', 40),
      share('a1', '2019-06', 25, { approximate: true, note: 'roughly' }),
    ],
    networkEnergy: [
      {
        id: 'net',
        scope: 'world',
        kind: 'estimate',
        source: 'test',
        values: [{ year: 2020, twh: 100, lowerTwh: 50, upperTwh: 200, evidence: 'computed' }],
      },
      {
        id: 'old',
        scope: 'world',
        kind: 'estimate',
        source: 'test',
        values: [
          { year: 2020, twh: 999, evidence: 'primary' },
          { year: 2019, twh: 80, evidence: 'primary' },
        ],
      },
      {
        id: 'proj',
        scope: 'a',
        kind: 'projection',
        source: 'proj',
        values: [{ year: 2024, twh: 400, mtco2: 100, evidence: 'copy' }],
      },
    ],
    baselines: [
      {
        id: 'list',
        name: 'Test list',
        measure: 'consumption',
        year: 2016,
        source: 'test',
        evidence: 'copy',
        values: [
          { country: 'Aland', iso3: 'AAA', twh: 1000 },
          { country: 'Bland', iso3: 'BBB', twh: 30 },
          { country: 'Cland', twh: 10 },
          { country: 'Dland', twh: 5 },
        ],
      },
    ],
    carbon: [
      { region: 'a', year: 2020, gco2PerKwh: 500, basis: 'life-cycle', source: 'test', evidence: 'primary' },
      { region: 'world', year: 2018, gco2PerKwh: 400, basis: 'life-cycle', source: 'test', evidence: 'primary' },
      { region: 'world', year: 2022, gco2PerKwh: 300, basis: 'life-cycle', source: 'test', evidence: 'primary' },
    ],
    hardware: [],
    events: [],
    ...overrides,
  };
}
