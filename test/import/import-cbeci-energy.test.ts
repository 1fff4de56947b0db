import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cbeciEnergySeries, cbeciEnergySource, importCbeciEnergy } from '../../src/import/cbeci-energy.js';
import type { NetworkSeries } from '../../src/data/schemas.js';
import { DataError } from '../../src/errors.js';
import { FIXTURES, SHIPPED_DATA, thrown } from '../helpers.js';

const NOTE = 'Average electricity cost assumption: 0.05 USD/kWh,,,,,,,';
const HEADER =
  'Timestamp,Date and Time,"power MAX, GW","power MIN, GW","power GUESS, GW","annualised consumption MAX, TWh"';

/** A CBECI-style export: one row a day from `from` for `days` days, at the given power (GW). */
function exportText(from: string, days: number, power = { max: 2, min: 0.5, guess: 1 }, eol = '\n'): string {
  const start = Date.parse(`${from}T00:00:00Z`) / 1000;
  const rows = Array.from({ length: days }, (_, i) => {
    const seconds = start + i * 86_400;
    const date = new Date(seconds * 1000).toISOString().slice(0, 19);
    return `${seconds},${date},${power.max},${power.min},${power.guess},0`;
  });
  return [NOTE, HEADER, ...rows].join(eol) + eol;
}

const problemOf = (run: () => unknown): string => thrown(DataError, run).message;

describe('importCbeciEnergy', () => {
  it('sums days into calendar years, marking the partial ones (2019: 2 days; 2020: all 366 of a leap year)', () => {
    const energy = importCbeciEnergy(exportText('2019-12-30', 2 + 366 + 3), 'x.csv');
    expect(energy.values.map((v) => [v.year, v.twh, v.lowerTwh, v.upperTwh, v.coverage, v.days, v.through])).toEqual([
      [2019, 0.048, 0.024, 0.096, 'partial-year', 2, '2019-12-31'],
      [2020, 8.784, 4.392, 17.568, undefined, undefined, undefined],
      [2021, 0.072, 0.036, 0.144, 'partial-year', 3, '2021-01-03'],
    ]);
    expect(energy.values[0]?.note).toBe(
      "Computed over the 2 days the export covers in 2019, to 2019-12-31: the energy of those days, not a year's total.",
    );
    expect(energy.values[1]).toMatchObject({ evidence: 'computed', derived: true });
    expect(energy).toMatchObject({
      priceNote: 'Average electricity cost assumption: 0.05 USD/kWh',
      from: '2019-12-30',
      to: '2021-01-03',
      days: 371,
      missingDays: 0,
    });
  });

  it('counts a whole common year as whole (365 days)', () => {
    const [value] = importCbeciEnergy(exportText('2021-01-01', 365), 'x.csv').values;
    expect(value).toMatchObject({ year: 2021, twh: 8.76 });
    expect(value?.coverage).toBeUndefined();
  });

  it('reads a byte-order mark and CRLF line ends, and a file without the note line', () => {
    const crlf = `\uFEFF${exportText('2022-03-01', 10, undefined, '\r\n')}`;
    expect(importCbeciEnergy(crlf, 'x.csv').values).toEqual(
      importCbeciEnergy(exportText('2022-03-01', 10), 'x.csv').values,
    );
    const withoutNote = exportText('2022-03-01', 10).split('\n').slice(1).join('\n');
    const energy = importCbeciEnergy(withoutNote, 'x.csv');
    expect(energy.priceNote).toBeNull();
    expect(energy.values[0]?.twh).toBe(0.24);
  });

  it('reproduces the shipped cbeci series from the CBECI export, value for value', () => {
    const file = 'cbeci_revised_daily_export_2010-07-18_2024-11-16.csv';
    const energy = importCbeciEnergy(readFileSync(join(FIXTURES, 'import', file), 'utf8'), file);
    const shipped = (
      JSON.parse(readFileSync(join(SHIPPED_DATA, 'network-energy.json'), 'utf8')) as NetworkSeries[]
    ).find((s) => s.id === 'cbeci');
    expect(energy.values).toEqual(shipped?.values);
    expect(JSON.stringify(energy.values)).toBe(JSON.stringify(shipped?.values)); // the same key order too
    expect(energy).toMatchObject({ from: '2010-07-18', to: '2024-11-16', days: 5236, missingDays: 0 });
  });

  it.each([
    [
      'a header without a power column',
      (t: string) => t.replace('"power GUESS, GW"', '"power BEST, GW"'),
      /x\.csv → line 2 → header → is missing the column "power GUESS, GW" \(its columns are "Timestamp", "Date and Time", "power MAX, GW", "power MIN, GW", "power BEST, GW"/,
    ],
    [
      'a column named twice',
      (t: string) => t.replace('"power MIN, GW"', '"power MAX, GW"'),
      /line 2 → column "power MAX, GW" → appears twice in the header \(columns 3 and 4\)/,
    ],
    [
      'a duplicate day',
      (t: string) => t.replace(/\n(1583020800,.*)\n/, '\n$1\n$1\n'),
      /line 6 → "Timestamp" → 2020-03-01 does not follow 2020-03-01 \(line 5\)/,
    ],
    [
      'a timestamp that is not midnight',
      (t: string) => t.replace('1583020800,', '1583020801,'),
      /line 5 → "Timestamp" → 1583020801 is 2020-03-01T00:00:01\.000Z, not midnight UTC/,
    ],
    [
      'a malformed timestamp',
      (t: string) => t.replace('1583020800,', '2020-03-01,'),
      /line 5 → "Timestamp" → must be a Unix time in whole seconds, not "2020-03-01"/,
    ],
    [
      'a negative power',
      (t: string) => t.replace(/^(1583020800,[^,]*,[^,]*,)0\.5/m, '$1-0.5'),
      /line 5 → "power MIN, GW" → must be a non-negative number of GW, not "-0\.5"/,
    ],
    [
      'an empty power',
      (t: string) => t.replace(/^(1583020800,[^,]*,[^,]*,[^,]*,)1/m, '$1'),
      /line 5 → "power GUESS, GW" → must be a non-negative number of GW, not ""/,
    ],
    [
      'a non-finite power',
      (t: string) => t.replace(/^(1583020800,[^,]*,)2/m, '$1Infinity'),
      /line 5 → "power MAX, GW" → must be a non-negative number of GW, not "Infinity"/,
    ],
    [
      'a date that disagrees with the timestamp',
      (t: string) => t.replace('2020-03-02T00', '2020-03-09T00'),
      /line 6 → "Date and Time" → says 2020-03-09 where the Timestamp gives 2020-03-02/,
    ],
    [
      'an empty file',
      () => '\uFEFF\r\n',
      /Cannot import x\.csv \(CBECI's daily electricity export\): the file is empty\./,
    ],
    ['no rows', (t: string) => t.split('\n').slice(0, 2).join('\n'), /no daily rows after the header \(line 2\)/],
  ])('rejects %s, naming the file, line and column', (_name, edit, message) => {
    expect(problemOf(() => importCbeciEnergy(edit(exportText('2020-02-28', 5)), 'x.csv'))).toMatch(message);
  });

  it('lists at most 20 problems and counts the rest', () => {
    const text = exportText('2020-01-01', 30).replace(/^(\d+,[^,]*,)2,/gm, '$1x,');
    const message = problemOf(() => importCbeciEnergy(text, 'x.csv'));
    expect(message).toMatch(/: 30 problems:/);
    expect(message.match(/\n {2}- x\.csv → line/g)).toHaveLength(20);
    expect(message).toMatch(/… and 10 more$/);
  });
});

describe('cbeciEnergySeries and cbeciEnergySource', () => {
  const energy = importCbeciEnergy(exportText('2023-12-30', 40), 'export.csv');
  const options = {
    seriesId: 'cbeci',
    sourceId: 'cbeci-energy-import',
    evidence: 'copy' as const,
    file: { path: 'dir/export.csv', name: 'export.csv', modified: '2024-11-17' },
  };

  it('makes a world estimate citing the source', () => {
    expect(cbeciEnergySeries(energy, options)).toMatchObject({
      id: 'cbeci',
      scope: 'world',
      kind: 'estimate',
      source: 'cbeci-energy-import',
      values: energy.values,
    });
  });

  it('names the file, its dates, its price note and what was computed', () => {
    const source = cbeciEnergySource(energy, options);
    expect(source).toMatchObject({ id: 'cbeci-energy-import', year: 2024, evidence: 'copy' });
    expect(source.note).toContain(
      'from export.csv (file modified 2024-11-17), covering 2023-12-30 to 2024-02-07 (40 days)',
    );
    expect(source.note).toContain('"Average electricity cost assumption: 0.05 USD/kWh"');
    expect(source.note).toContain('2023 covers 2 days, to 2023-12-31, 2024 covers 38 days, to 2024-02-07');
  });
});
