import { describe, expect, it } from 'vitest';
import { looksLikeData, parseCsv } from '../../src/data/csv.js';
import { parseSeriesInput } from '../../src/data/series-input.js';

describe('parseCsv', () => {
  it.each([
    ['LF', 'a,b\n1,2\n'],
    ['CRLF', 'a,b\r\n1,2\r\n'],
    ['a byte-order mark', '\uFEFFa,b\r\n1,2'],
    ['blank lines', '\na,b\n\n1,2\n\n'],
  ])('reads %s', (_name, text) => {
    expect(parseCsv(text).map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('gives the line each record starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('a,"b\nc"\r\n\r\n"x ""y""",z\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b\nc'] },
      { line: 4, cells: ['x "y"', 'z'] },
    ]);
  });

  it.each([
    ['a,"b"x\n', 1, 6],
    ['a,b\n1,"2" \n', 2, 6],
    ['a,b\n"x\ny"z,1\n', 3, 3],
    ['a,b\r\n1,2\r\n3,"4""5"6', 3, 9],
  ])('refuses text after a closing quote in %j, naming line %i, column %i', (text, line, column) => {
    expect(() => parseCsv(text)).toThrow(`on line ${line}, column ${column} `);
  });

  it('refuses a quoted field never closed', () => {
    expect(() => parseCsv('a,"b\n')).toThrow('A quoted field opened on line 1 is never closed.');
  });
});

describe('parseSeriesInput', () => {
  it('refuses text after the closing quote of a field, naming the file, line and column', () => {
    expect(() => parseSeriesInput('date,hashrateEhs,revenueUsd\n2024-01-01,"500"0,3e7\n', 'in.csv')).toThrow(
      'The input series in.csv has text after the closing quote of a field on line 2, column 17 (a quote inside a quoted field is written twice: "").',
    );
  });

  it('accepts a byte-order mark before the header', () => {
    expect(parseSeriesInput('\uFEFFdate,hashrateEhs,revenueUsd\r\n2024-01-01,500,3e7\r\n', 'in.csv')).toEqual([
      { date: '2024-01-01', hashrateEhs: 500, revenueUsd: 3e7 },
    ]);
  });
});

describe('looksLikeData', () => {
  it('takes a first line for data when its first cell is a date or a number', () => {
    expect(looksLikeData(['2022-01-01', 'x'])).toBe(true);
    expect(looksLikeData([' -1.5e3 ', 'date'])).toBe(true);
    expect(looksLikeData(['2022-01', ''])).toBe(true);
    expect(looksLikeData(['date', '100'])).toBe(false);
    expect(looksLikeData(['1st', '100'])).toBe(false);
    expect(looksLikeData([])).toBe(false);
  });
});
