import { describe, expect, it } from 'vitest';
import { COUNTRY_SHORT_NAMES } from '../../src/data/vocabulary.js';
import { expectFailure, runCli, shippedData } from '../helpers.js';

describe('region names on the command line', () => {
  it.each([
    [
      ['estimate', '--region', 'Georgia'],
      /Region "Georgia" is ambiguous: it could be "georgia" \(state in United States, US-GA\) or Georgia \(country, GEO: no hashrate share of its own; it is part of `other`\)/,
    ],
    [
      ['estimate', '--region', 'TX'],
      /A bare two-letter code is an ISO 3166-1 alpha-2 country code\. .*did you mean "US-TX"/,
    ],
    [
      ['estimate', '--region', 'Austria'],
      /^error: Austria has no hashrate share of its own; it is part of `other`\.\n$/,
    ],
    [['estimate', '--region', 'Austira'], /Unknown region "Austira"\. Did you mean "Austria"\?/],
    [['compare', '--region', 'Georgia', '--with', 'austria'], /"Georgia" is ambiguous/],
    [
      ['compare', '--region', 'kazakhstan', '--with', 'austira'],
      /Baseline ember-2024 lists no country "austira"\. Did you mean "Austria"\?/,
    ],
    [['compare', '5', '--with', 'austria', '--around', '3'], /--around goes with a ranking, not with --with/],
  ])(
    'exits 2 on %j with the candidates and nothing on stdout',
    async (args, message) => await expectFailure(args, 2, message),
  );

  it('takes ISO 3166-2 codes for states and provinces, an exact id, and a bare two-letter code as a country', async () => {
    const regionOf = async (query: string) => {
      const { code, stdout } = await runCli(['estimate', '--region', query, '--year', '2021', '--json']);
      expect(code).toBe(0);
      return (JSON.parse(stdout) as { region: { id: string } }[])[0]?.region.id;
    };
    expect(await regionOf('US-TX')).toBe('texas');
    expect(await regionOf('US-GA')).toBe('georgia');
    expect(await regionOf('georgia')).toBe('georgia');
    expect(await regionOf('CN-SC')).toBe('sichuan');
    expect(await regionOf('CA')).toBe('canada');
  });
});

describe('compare --with', () => {
  const args = ['compare', '--region', 'kazakhstan', '--year', '2021', '--with', 'austria,NOR'];

  it("gives the region's estimate as a percentage of each named country's baseline figure", async () => {
    const { code, stdout } = await runCli([...args, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      value: { label: string; twh: number };
      baseline: { id: string };
      countries: { country: string; iso3: string; twh: number; year: number; pctOfCountry: number }[];
    };
    const [estimate] = JSON.parse(
      (await runCli(['estimate', '--region', 'kazakhstan', '--year', '2021', '--json'])).stdout,
    ) as {
      energy: { twh: number };
    }[];
    if (!estimate) throw new Error('estimate printed no document');
    expect(result.value.twh).toBeCloseTo(estimate.energy.twh, 9);
    // The default list is the latest year's: ember-2024, whose Austrian and Norwegian figures are for 2025 (OWID's
    // demand list gives 77.33 and 136.72 TWh for 2025).
    expect(result.baseline.id).toBe('ember-2024');
    expect(result.countries.map((c) => [c.country, c.iso3, c.twh, c.year])).toEqual([
      ['Austria', 'AUT', 77.33, 2025],
      ['Norway', 'NOR', 136.72, 2025],
    ]);
    // JSON numbers carry ten significant digits, so a percentage of ~16 agrees to about 1e-8
    for (const c of result.countries) expect(c.pctOfCountry).toBeCloseTo((estimate.energy.twh / c.twh) * 100, 6);
  });

  it('prints a table of the countries and the percentages that fits 80 columns', async () => {
    const { code, stdout } = await runCli(args);
    expect(code).toBe(0);
    expect(stdout.replace(/\n/g, ' ')).toMatch(
      /^Kazakhstan 2021 \(.+ TWh\/yr\) as a percentage of each country's electricity/,
    );
    // both figures are for 2025, not the list's 2024, and say so
    expect(stdout).toMatch(/│ Austria \(2025\) │ AUT │\s+77\.33 │\s+[\d.]+% │/);
    expect(stdout).toMatch(/│ Norway \(2025\)\s+│ NOR │\s+136\.7 │\s+[\d.]+% │/);
    for (const line of stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('compares a plain figure too: 100 TWh against 4,404.83 TWh (the US, 2024) is 2.270%', async () => {
    const { code, stdout } = await runCli(['compare', '100', '--with', 'USA', '--json']);
    expect(code).toBe(0);
    const [usa] = (JSON.parse(stdout) as { countries: { pctOfCountry: number; year: number }[] }).countries;
    expect(usa?.pctOfCountry).toBeCloseTo((100 / 4404.83) * 100, 6);
    expect(usa?.year).toBe(2024);
  });

  it('compares with a named list: 100 TWh against 3,989.566 TWh (the US in eia-2019) is 2.507%', async () => {
    const { code, stdout } = await runCli(['compare', '100', '--with', 'USA', '--baseline', 'eia-2019', '--json']);
    expect(code).toBe(0);
    const [usa] = (JSON.parse(stdout) as { countries: { pctOfCountry: number; year: number }[] }).countries;
    expect(usa?.pctOfCountry).toBeCloseTo((100 / 3989.566) * 100, 6);
    expect(usa?.year).toBe(2019);
  });
});

describe('names people use', () => {
  const regionOf = async (query: string) => {
    const { code, stdout, stderr } = await runCli(['estimate', '--region', query, '--year', '2021', '--json']);
    expect(stderr === '' || code === 0).toBe(true);
    return (JSON.parse(stdout) as { region: { id: string } }[])[0]?.region.id;
  };

  it.each([
    ['CN-51', 'sichuan'],
    ['cn-65', 'xinjiang'],
    ['CN-15', 'inner-mongolia'],
    ['CN-53', 'yunnan'],
    ['CN-11', 'beijing'],
  ])("takes %s, a province's numeric ISO 3166-2 code (GB/T 2260), for %s", async (query, id) => {
    expect(await regionOf(query)).toBe(id);
  });

  it.each([
    ['USA', 'united-states'],
    ['US', 'united-states'],
    ['America', 'united-states'],
    ['Russia', 'russia'],
    ['Russian Federation', 'russia'],
  ])('takes the short name %s for %s', async (query, id) => {
    expect(await regionOf(query)).toBe(id);
  });

  it.each(['UK', 'Britain', 'Great Britain', 'great-britain'])(
    'takes %s for the United Kingdom, which has no share of its own, and says which region holds it',
    async (query) => {
      await expectFailure(
        ['estimate', '--region', query],
        2,
        /^error: United Kingdom has no hashrate share of its own; it is part of `other`\.\n$/,
      );
    },
  );

  it('finds the United Kingdom in a baseline by UK, and Myanmar in a list that calls it Burma', async () => {
    const { code, stdout } = await runCli([
      'compare',
      '--region',
      'kazakhstan',
      '--year',
      '2021',
      '--with',
      'UK,Myanmar',
      '--baseline',
      'eia-2019',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('"United Kingdom"');
    expect(stdout).toContain('"Burma"');
  });

  it('cites a shipped source for every short name', async () => {
    const ids = new Set((await shippedData()).sources.map((s) => s.id));
    expect(COUNTRY_SHORT_NAMES.filter((n) => !ids.has(n.source))).toEqual([]);
  });
});
