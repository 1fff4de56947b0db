import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMiningMap, type MiningMapOptions, miningMapSource } from '../../src/import/mining-map.js';
import type { HashrateShare, Region } from '../../src/data/schemas.js';
import { DataError, UsageError } from '../../src/errors.js';
import { FIXTURES, SHIPPED_DATA } from '../helpers.js';

const regions = JSON.parse(readFileSync(join(SHIPPED_DATA, 'regions.json'), 'utf8')) as Region[];
const options: MiningMapOptions = { source: 'test', evidence: 'copy', regions };
const HEADER = 'date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S';

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('importMiningMap', () => {
  it("maps CBECI's labels and orders the records by month, then in CBECI's label order", () => {
    const text = csv(
      '2021-05-01,Other,40%,1',
      '2021-04-01,Other,30.5%,1',
      '2021-04-01,Germany *,4.5%,1',
      '2021-04-01,Mainland China,65%,1',
      '2021-05-01,Mainland China,60%,1',
    );
    const map = importMiningMap(text, 'map.csv', options);
    expect(map.shares.map((s) => [s.month, s.region, s.sharePct])).toEqual([
      ['2021-04', 'china', 65],
      ['2021-04', 'germany', 4.5],
      ['2021-04', 'other', 30.5],
      ['2021-05', 'china', 60],
      ['2021-05', 'other', 40],
    ]);
    expect(map.shares[0]).toEqual({
      region: 'china',
      month: '2021-04',
      sharePct: 65,
      source: 'test',
      evidence: 'copy',
    });
    expect(map).toMatchObject({ from: '2021-04', to: '2021-05', months: 2, unusedMap: [] });
  });

  it('reads a byte-order mark and CRLF line ends; a share must carry its % sign', () => {
    const text = `\uFEFF${HEADER}\r\n2020-01-01,Kazakhstan,6.17%,1\r\n2020-01-01,"Iran, Islamic Rep.",3.82%,1\r\n`;
    expect(importMiningMap(text, 'map.csv', options).shares.map((s) => [s.region, s.sharePct])).toEqual([
      ['kazakhstan', 6.17],
      ['iran', 3.82],
    ]);
    // 0.0617 written as a fraction would be read a hundred times too small: a bare number is refused.
    expect(() => importMiningMap(csv('2020-01-01,Kazakhstan,0.0617,1'), 'map.csv', options)).toThrow(
      /"monthly_hashrate_%" → must be a percentage from 0 to 100 written with its sign \(like 75\.53%\), not "0\.0617"/,
    );
  });

  it("resolves other labels by the regions' names, aliases and ISO codes, after CBECI's", () => {
    const map = importMiningMap(
      csv('2023-01-01,NOR,2%,1', '2023-01-01,Paraguay,3%,1', '2023-01-01,UAE,4%,1'),
      'map.csv',
      options,
    );
    expect(map.shares.map((s) => s.region)).toEqual(['norway', 'paraguay', 'united-arab-emirates']);
    expect(map.labels.map((l) => `${l.label}:${l.region}:${l.match}`)).toEqual([
      'NOR:norway:name',
      'Paraguay:paraguay:name',
      'UAE:united-arab-emirates:name',
    ]);
  });

  it('rejects an unknown label, naming it and its line, with a suggestion; --map maps it', () => {
    const text = csv('2021-04-01,Mainland China,60%,1', '2021-04-01,Kazakstan,10%,1', '2021-04-01,Land of Fire,2%,1');
    const error = errorOf(() => importMiningMap(text, 'map.csv', options));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/Cannot import map\.csv \(CBECI's mining-map country export\): 2 problems:/);
    expect(error.message).toContain(
      `map.csv → line 3 → "country" → Unknown region "Kazakstan". Did you mean "kazakhstan"? Map it to a region with --map 'Kazakstan=<region id>'.`,
    );
    expect(error.message).toContain(`map.csv → line 4 → "country" → Unknown region "Land of Fire".`);
    const map = importMiningMap(text, 'map.csv', {
      ...options,
      map: { Kazakstan: 'kazakhstan', 'Land of Fire': 'paraguay', Atlantis: 'other' },
    });
    expect(map.shares.map((s) => s.region)).toEqual(['china', 'kazakhstan', 'paraguay']);
    expect(map.labels.find((l) => l.label === 'Kazakstan')?.match).toBe('map');
    expect(map.unusedMap).toEqual(['Atlantis']);
  });

  it('refuses a --map to a region that does not exist (a usage error)', () => {
    const error = errorOf(() =>
      importMiningMap(csv('2021-04-01,X,1%,1'), 'map.csv', { ...options, map: { X: 'kazakstan' } }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      '--map "X=kazakstan": there is no region with the id "kazakstan". Did you mean "kazakhstan"?',
    );
  });

  it.each([
    [
      'a label for a region not under the world',
      ['2021-04-01,Texas,1%,1'],
      /line 2 → "country" → "Texas" is texas, a state in United States; mining-map shares are of global hashrate/,
    ],
    [
      'a region given twice in a month',
      ['2021-04-01,Kazakhstan,1%,1', '2021-04-01,KAZ,2%,1'],
      /line 3 → "country" → "KAZ" gives kazakhstan a second share for 2021-04 \(the first is on line 2\)/,
    ],
  ])('rejects %s', (_name, rows, message) => {
    expect(errorOf(() => importMiningMap(csv(...rows), 'map.csv', options)).message).toMatch(message);
  });

  it.each([
    [
      'a date that is not the first of a month',
      '2021-04-15,Other,1%,1',
      /line 2 → "date" → must be the first day of a month from 1990 to 2100, YYYY-MM-01, not "2021-04-15"/,
    ],
    [
      'a malformed date',
      '2021-4-01,Other,1%,1',
      /line 2 → "date" → must be the first day of a month from 1990 to 2100, YYYY-MM-01, not "2021-4-01"/,
    ],
    [
      'a share above 100',
      '2021-04-01,Other,120%,1',
      /line 2 → "monthly_hashrate_%" → must be a percentage from 0 to 100 written with its sign \(like 75\.53%\), not "120%"/,
    ],
    [
      'a negative share',
      '2021-04-01,Other,-1%,1',
      /line 2 → "monthly_hashrate_%" → must be a percentage from 0 to 100/,
    ],
    [
      'a share that is not a number',
      '2021-04-01,Other,n/a,1',
      /line 2 → "monthly_hashrate_%" → must be a percentage from 0 to 100 written with its sign \(like 75\.53%\), not "n\/a"/,
    ],
    ['an empty label', '2021-04-01,,1%,1', /line 2 → "country" → is empty/],
  ])('rejects %s', (_name, row, message) => {
    expect(errorOf(() => importMiningMap(csv(row), 'map.csv', options)).message).toMatch(message);
  });

  it('rejects a header without the share column', () => {
    const error = errorOf(() => importMiningMap('date,country,share\n2021-04-01,Other,1\n', 'map.csv', options));
    expect(error.message).toMatch(
      /map\.csv → line 1 → header → is missing the column "monthly_hashrate_%" \(its columns are "date", "country", "share"\)/,
    );
  });

  it('reproduces the shipped mining-map records from the CBECI export, in the same order', () => {
    const file = 'cbeci_mining_countries_2019-09_2022-01.csv';
    const map = importMiningMap(readFileSync(join(FIXTURES, 'import', file), 'utf8'), file, {
      ...options,
      source: 'cbeci-mining-map',
    });
    const shipped = (
      JSON.parse(readFileSync(join(SHIPPED_DATA, 'hashrate-shares.json'), 'utf8')) as HashrateShare[]
    ).filter((s) => s.source === 'cbeci-mining-map');
    expect(shipped).toHaveLength(290);
    expect(map.shares).toEqual(shipped);
    expect(map).toMatchObject({ from: '2019-09', to: '2022-01', months: 29 });
  });
});

describe('miningMapSource', () => {
  it('names the file, its months and how each label was mapped', () => {
    const map = importMiningMap(csv('2021-04-01,Germany *,4.5%,1', '2021-05-01,Other,1%,1'), 'map.csv', options);
    const source = miningMapSource(map, {
      id: 'cbeci-mining-map-import',
      evidence: 'primary',
      file: { path: 'x/map.csv', name: 'map.csv', modified: '2022-02-01' },
    });
    expect(source).toMatchObject({
      id: 'cbeci-mining-map-import',
      title: 'CBECI Mining Map: monthly share of global hashrate by country, April 2021 to May 2021',
      year: 2021,
      evidence: 'primary',
    });
    expect(source.note).toContain('from map.csv (file modified 2022-02-01), covering 2021-04 to 2021-05 (2 months)');
    expect(source.note).toContain('labels mapped Germany * → germany, Other → other.');
  });
});
