import { describe, expect, it } from 'vitest';
import {
  carbonBracketFromText,
  checkDecimal,
  checkYearText,
  decimalNumber,
  overheadsFromText,
  wholeNumber,
} from '../../src/cli/option-text.js';
import { checkDate, checkMonth, checkRange, checkWindowDays } from '../../src/core/common/validation.js';
import {
  ENERGY_TWH_PER_YEAR_RANGE,
  HASHRATE_EHS_RANGE,
  PRICE_USD_PER_KWH_RANGE,
  shownNumber,
  THRESHOLD_J_PER_TH_RANGE,
} from '../../src/data/ranges.js';
import { MAX_WINDOW_DAYS } from '../../src/data/limits.js';
import { UsageError } from '../../src/errors.js';
import { thrown } from '../helpers.js';

/** The message of the UsageError a check throws (failing the test when it throws nothing or something else). */
const refusal = (check: () => unknown): string => thrown(UsageError, check).message;

describe('decimalNumber', () => {
  it.each([
    ['600', 600],
    ['0.05', 0.05],
    ['.5', 0.5],
    ['5.', 5],
    ['40e6', 40e6],
    ['-1.5E-3', -1.5e-3],
    ['+2', 2],
  ])('reads %j as %d', (text, value) => {
    expect(decimalNumber(text)).toBe(value);
  });

  it.each([
    '0x64',
    '0X10',
    '0b11',
    '0o7',
    'Infinity',
    '-Infinity',
    'NaN',
    ' 5 ',
    '5\t',
    '\n5',
    '1_000',
    '1,000',
    '.',
    '+',
    '-',
    '5e',
    'e5',
    '1e+',
    '',
  ])('refuses %j', (text) => {
    expect(decimalNumber(text)).toBeNaN();
  });
});

describe('wholeNumber', () => {
  it('reads digits only', () => {
    expect(wholeNumber('0')).toBe(0);
    expect(wholeNumber('0042')).toBe(42);
    for (const text of ['1e3', '1.0', '+1', '-1', ' 1', '0x1', '']) expect(wholeNumber(text)).toBeNaN();
  });
});

describe('checkDecimal', () => {
  it('says a non-decimal notation needs a decimal number, and names the range', () => {
    expect(refusal(() => checkDecimal('0x64', HASHRATE_EHS_RANGE))).toBe(
      'expected a decimal number: a hash rate in EH/s from 1e-12 to 1e6, e.g. 600.',
    );
  });

  it('refuses values that overflow or are absurd, naming the range', () => {
    expect(refusal(() => checkDecimal('1e308', HASHRATE_EHS_RANGE))).toBe(
      'expected a hash rate in EH/s from 1e-12 to 1e6, e.g. 600.',
    );
    expect(refusal(() => checkDecimal('1e309', ENERGY_TWH_PER_YEAR_RANGE))).toBe(
      'expected an energy in TWh a year from 0 to 1e6, e.g. 296.59.',
    );
    expect(refusal(() => checkDecimal('0', THRESHOLD_J_PER_TH_RANGE))).toBe(
      'expected a threshold in J/TH above 0 and at most 1e12, e.g. 55.',
    );
    expect(refusal(() => checkDecimal('11', PRICE_USD_PER_KWH_RANGE))).toMatch(/USD\/kWh from 1e-6 to 10/);
  });

  it('admits every hash rate in the network’s history: about 1.5e-9 EH/s in 2010, about 1,000 in 2025', () => {
    expect(checkDecimal('1.5e-9', HASHRATE_EHS_RANGE)).toBe(1.5e-9);
    expect(checkDecimal('1000', HASHRATE_EHS_RANGE)).toBe(1000);
    expect(checkRange(1e6, HASHRATE_EHS_RANGE)).toBe(1e6);
  });

  it('refuses NaN and infinities passed as numbers, as the library takes them', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(refusal(() => checkRange(value, ENERGY_TWH_PER_YEAR_RANGE))).toMatch(/from 0 to 1e6/);
    }
  });
});

describe('shownNumber', () => {
  it('writes large and small bounds with an exponent', () => {
    expect([1e6, 1e-12, 1e12, 10, 0, 0.05, 33600].map(shownNumber)).toEqual([
      '1e6',
      '1e-12',
      '1e12',
      '10',
      '0',
      '0.05',
      '33600',
    ]);
  });
});

describe('comma lists', () => {
  it('reads a carbon bracket in decimal notation from 0 to 2000 g/kWh', () => {
    expect(carbonBracketFromText('24,820')).toEqual({ low: 24, high: 820 });
    for (const text of ['0,1e309', '0x10,820', ' 24,820', '24,', '24,820,900', '0,2001', '820,24']) {
      expect(refusal(() => carbonBracketFromText(text))).toBe(
        'expected two intensities in g/kWh from 0 to 2000, low,high with low < high, e.g. 24,820.',
      );
    }
  });

  it('reads overheads in decimal notation from 1 to 10', () => {
    expect(overheadsFromText('1.01,1.10,1.20')).toEqual({ lower: 1.01, best: 1.1, upper: 1.2 });
    for (const text of ['1,1,1e309', '0x1,1,1', '1,1,11', '1,1, 1', '1,1']) {
      expect(refusal(() => overheadsFromText(text))).toBe(
        'expected three overheads from 1 to 10, lower,best,upper, e.g. 1.01,1.10,1.20.',
      );
    }
  });
});

describe('moving-average windows', () => {
  it(`are capped at ${MAX_WINDOW_DAYS} days, the limit named`, () => {
    expect(checkWindowDays(MAX_WINDOW_DAYS)).toBe(MAX_WINDOW_DAYS);
    expect(checkWindowDays(0)).toBe(0);
    expect(refusal(() => checkWindowDays(MAX_WINDOW_DAYS + 1))).toBe(
      'expected a whole number of days from 0 to 33,600.',
    );
  });
});

describe('years, months and dates', () => {
  it('take four-digit years in the range named', () => {
    expect(checkYearText('2022')).toBe(2022);
    expect(refusal(() => checkYearText('0099'))).toBe('expected a year from 1990 to 2100.');
    expect(refusal(() => checkYearText('99'))).toBe('expected a four-digit year from 1990 to 2100, e.g. 2022.');
    expect(refusal(() => checkMonth('0000-01'))).toBe(
      'expected a month as YYYY-MM in the years 1990 to 2100, e.g. 2021-04.',
    );
  });

  it('take calendar dates with four-digit years in the range named', () => {
    expect(checkDate('2024-02-29')).toBe('2024-02-29');
    for (const date of ['2023-02-29', '0001-01-01', '99999-01-01', '2024-1-1', '2024-01-01T00:00', '2101-01-01']) {
      expect(refusal(() => checkDate(date))).toBe(
        'expected a calendar date as YYYY-MM-DD in the years 1990 to 2100, e.g. 2022-01-01.',
      );
    }
  });
});
