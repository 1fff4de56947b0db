import { describe, expect, it } from 'vitest';
import { compareWithCountries } from '../../src/core/compare.js';
import { indexData } from '../../src/core/regions/lookup.js';
import { baselineOnlyCountries, resolveBaselineCountry, resolveRegion } from '../../src/core/regions/names.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { Region } from '../../src/data/schemas.js';
import { UsageError } from '../../src/errors.js';
import { tinyDataset } from './fixtures.js';

const REGIONS: Region[] = [
  { id: 'world', name: 'World', kind: 'world', parent: null },
  { id: 'canada', name: 'Canada', kind: 'country', parent: 'world', iso: 'CAN', aliases: ['CA'] },
  { id: 'united-states', name: 'United States', kind: 'country', parent: 'world', iso: 'USA', aliases: ['US', 'USA'] },
  { id: 'china', name: 'China', kind: 'country', parent: 'world', iso: 'CHN', aliases: ['CN'] },
  { id: 'other', name: 'Other countries', kind: 'other', parent: 'world' },
  { id: 'georgia', name: 'Georgia', kind: 'state', parent: 'united-states', iso: 'US-GA', aliases: ['GA'] },
  { id: 'texas', name: 'Texas', kind: 'state', parent: 'united-states', iso: 'US-TX', aliases: ['TX'] },
  { id: 'california', name: 'California', kind: 'state', parent: 'united-states', iso: 'US-CA' },
  { id: 'sichuan', name: 'Sichuan', kind: 'province', parent: 'china', iso: 'CN-SC', aliases: ['Szechuan'] },
];

const BASELINE_VALUES = [
  { country: 'China', iso3: 'CHN', twh: 6000 },
  { country: 'United States', iso3: 'USA', twh: 4000 },
  { country: 'Canada', iso3: 'CAN', twh: 500 },
  { country: 'Austria', iso3: 'AUT', twh: 60 },
  { country: 'Georgia', iso3: 'GEO', twh: 12 },
  { country: 'Nauru', twh: 0 },
];

function dataset(regions: Region[] = REGIONS): Dataset {
  const base = tinyDataset();
  return {
    ...base,
    regions,
    shares: [],
    carbon: [],
    networkEnergy: [],
    baselines: [
      {
        id: 'list',
        name: 'Test list',
        measure: 'consumption',
        year: 2019,
        source: 'test',
        evidence: 'copy',
        values: BASELINE_VALUES,
      },
      // a second list naming a country again must not make it a second candidate
      {
        id: 'again',
        name: 'Test list again',
        measure: 'demand',
        year: 2021,
        source: 'test',
        evidence: 'copy',
        values: [{ country: 'Georgia', iso3: 'GEO', twh: 13 }],
      },
    ],
  };
}

const index = indexData(dataset());
const resolve = (query: string) => resolveRegion(index, query).id;
const refusal = (query: string, data = index): string => {
  try {
    resolveRegion(data, query);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`"${query}" resolved, but a refusal was expected`);
};

describe('resolveRegion', () => {
  it('takes an id typed exactly even when the same word as a name is ambiguous', () => {
    expect(resolve('georgia')).toBe('georgia');
    expect(refusal('Georgia')).toMatch(/ambiguous/);
  });

  it('refuses a name shared by a region and a baseline-only country, listing both with ids, kinds and codes', () => {
    expect(refusal('Georgia')).toBe(
      'Region "Georgia" is ambiguous: it could be "georgia" (state in United States, US-GA) or Georgia ' +
        '(country, GEO: no hashrate share of its own; it is part of `other`). Use the id or the ISO code.',
    );
  });

  it('lists a country once when it is a region of its own, not again from the baselines', () => {
    const withCountry = indexData(
      dataset([...REGIONS, { id: 'georgia-country', name: 'Georgia', kind: 'country', parent: 'world', iso: 'GEO' }]),
    );
    const message = refusal('Georgia', withCountry);
    expect(message).toContain('"georgia" (state in United States, US-GA) or "georgia-country" (country in World, GEO)');
    expect(message).not.toContain('no hashrate share');
  });

  it.each([
    ['US-GA', 'georgia'],
    ['us-ga', 'georgia'],
    ['US-TX', 'texas'],
    ['US-CA', 'california'],
    ['CN-SC', 'sichuan'],
    ['CHN', 'china'],
    ['Szechuan', 'sichuan'],
  ])('takes the ISO code or alias %s as %s', (query, id) => expect(resolve(query)).toBe(id));

  it('reads a bare two-letter code as a country code only', () => {
    expect(resolve('CA')).toBe('canada');
    expect(resolve('us')).toBe('united-states');
    expect(resolve('CN')).toBe('china');
  });

  it.each([
    ['TX', '"US-TX" (texas, state in United States)'],
    ['GA', '"US-GA" (georgia, state in United States)'],
    ['SC', '"CN-SC" (sichuan, province in China)'],
  ])('refuses the bare subdivision code %s, pointing to its ISO 3166-2 code', (query, candidate) => {
    const message = refusal(query);
    expect(message).toContain('A bare two-letter code is an ISO 3166-1 alpha-2 country code');
    expect(message).toContain(`did you mean ${candidate}?`);
  });

  it('refuses an unknown two-letter code without inventing a candidate', () => {
    expect(refusal('ZZ')).not.toMatch(/did you mean/i);
  });

  it('names the remainder region for a country known only to a baseline, by name or alpha-3 code', () => {
    const expected = 'Austria has no hashrate share of its own; it is part of `other`.';
    expect(refusal('Austria')).toBe(expected);
    expect(refusal('aut')).toBe(expected);
  });

  it('says there is no region for such a country when the data has no remainder region', () => {
    const noRemainder = indexData(dataset(REGIONS.filter((r) => r.id !== 'other')));
    expect(refusal('Austria', noRemainder)).toBe(
      'Austria has no hashrate share of its own; the data has no region for it.',
    );
  });

  it('suggests close names, the baselines\u2019 countries included, for an unknown one', () => {
    expect(refusal('Austira')).toMatch(/^Unknown region "Austira"\. Did you mean "Austria"\?/);
    expect(refusal('Texsa')).toMatch(/Did you mean "texas"\?/);
    expect(refusal('Atlantis')).not.toMatch(/Did you mean/);
  });
});

describe('baselineOnlyCountries', () => {
  it('keeps the countries without a region, once each', () => {
    expect(baselineOnlyCountries(index)).toEqual([
      { country: 'Austria', iso3: 'AUT' },
      { country: 'Georgia', iso3: 'GEO' },
      { country: 'Nauru', iso3: null },
    ]);
  });
});

describe('resolveBaselineCountry', () => {
  const [list] = dataset().baselines;
  const find = (query: string) => resolveBaselineCountry(index, list!, query).country;

  it('finds a country by its name, its alpha-3 code or any name of the region with that code', () => {
    expect(find('austria')).toBe('Austria');
    expect(find('GEO')).toBe('Georgia');
    expect(find('US')).toBe('United States');
    expect(find('united-states')).toBe('United States');
    expect(find('CA')).toBe('Canada');
  });

  it('refuses a country the list does not have, with suggestions', () => {
    expect(() => find('Austira')).toThrow('Baseline list lists no country "Austira". Did you mean "Austria"?');
  });
});

describe('compareWithCountries', () => {
  it('gives the figure as a percentage of each country, in the order asked', () => {
    const list = {
      ...dataset().baselines[0]!,
      values: [...BASELINE_VALUES.slice(0, 4), { ...BASELINE_VALUES[4]!, year: 2017 }],
    };
    const rows = compareWithCountries(15, list, [list.values[3]!, list.values[4]!]);
    expect(rows.map((r) => r.country)).toEqual(['Austria', 'Georgia']);
    // 15 of 60 is a quarter; 15 of 12 is one and a quarter times
    expect(rows[0]?.pctOfCountry).toBeCloseTo(25, 9);
    expect(rows[1]?.pctOfCountry).toBeCloseTo(125, 9);
    expect(rows[0]).toMatchObject({ iso3: 'AUT', twh: 60 });
    // Austria's figure is the list's (2019); Georgia's says its own year
    expect(rows.map((r) => r.year)).toEqual([2019, 2017]);
  });

  it('gives no percentage of a country that uses nothing', () => {
    expect(compareWithCountries(15, dataset().baselines[0]!, [BASELINE_VALUES[5]!])[0]).toEqual({
      country: 'Nauru',
      iso3: null,
      twh: 0,
      year: 2019,
      pctOfCountry: null,
    });
  });
});
