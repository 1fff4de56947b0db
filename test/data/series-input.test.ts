import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { MAX_SERIES_DAYS } from '../../src/data/limits.js';
import { parseSeriesInput } from '../../src/data/series-input.js';

/** The message and listed problems of the DataError that parsing `text` throws. */
function failure(text: string, path = 'in.csv'): string {
  try {
    parseSeriesInput(text, path);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }
  throw new Error('parsed without a problem');
}

const HEADER = 'date,hashrateEhs,thresholdJPerTh';

describe('parseSeriesInput: each number is range-checked where it enters', () => {
  it.each([
    ['thresholdJPerTh', '1e20', 'line 3 → thresholdJPerTh → 1e20 is out of range: it must be a threshold in J/TH above 0 and at most 1e12, e.g. 55'],
    ['thresholdJPerTh', '1e308', 'line 3 → thresholdJPerTh → 1e308 is out of range'],
    ['thresholdJPerTh', '1e400', 'line 3 → thresholdJPerTh → 1e400 is out of range'],
    ['thresholdJPerTh', '0', 'line 3 → thresholdJPerTh → 0 is out of range'],
    ['thresholdJPerTh', '0x10', 'line 3 → thresholdJPerTh → "0x10" is not a decimal number: it must be a threshold in J/TH above 0'],
    ['thresholdJPerTh', 'Infinity', 'line 3 → thresholdJPerTh → "Infinity" is not a decimal number'],
    ['thresholdJPerTh', 'NaN', 'line 3 → thresholdJPerTh → "NaN" is not a decimal number'],
    ['hashrateEhs', '2e6', 'line 3 → hashrateEhs → 2e6 is out of range: it must be a hash rate in EH/s from 1e-12 to 1e6, e.g. 600'],
    ['hashrateEhs', '-5', 'line 3 → hashrateEhs → -5 is out of range'],
    ['hashrateEhs', '', 'line 3 → hashrateEhs → is required'],
  ])('refuses %s %j naming line, column, value and range', (column, value, message) => {
    const cells = { hashrateEhs: '100', thresholdJPerTh: '30', [column]: value };
    const text = `${HEADER}\n2022-01-01,100,30\n2022-01-02,${cells.hashrateEhs},${cells.thresholdJPerTh}\n`;
    expect(failure(text)).toContain(`in.csv → ${message}`);
  });

  it('refuses revenue above 1e12 USD a day and accepts the thresholds of early 2010 (about 4e8 J/TH)', () => {
    expect(failure('date,hashrateEhs,revenueUsd\n2022-01-01,100,2e12\n')).toContain(
      'line 2 → revenueUsd → 2e12 is out of range: it must be a revenue in USD a day above 0 and at most 1e12, e.g. 40e6',
    );
    expect(parseSeriesInput(`${HEADER}\n2010-07-18,1.5e-9,4e8\n`, 'in.csv')).toEqual([
      { date: '2010-07-18', hashrateEhs: 1.5e-9, thresholdJPerTh: 4e8 },
    ]);
  });

  it('refuses the same out-of-range numbers in NDJSON, where JSON.parse gives Infinity for 1e400', () => {
    const text = '{"date":"2022-01-01","hashrateEhs":100,"thresholdJPerTh":1e400}\n';
    expect(failure(text, 'in.ndjson')).toContain('line 1 → thresholdJPerTh → Infinity is out of range');
    expect(failure('{"date":"2022-01-01","hashrateEhs":"100","thresholdJPerTh":30}\n', 'in.ndjson')).toContain(
      'line 1 → hashrateEhs → "100" is not a number',
    );
  });
});

describe('parseSeriesInput: dates', () => {
  it.each([
    ['20220-01-01', '"20220-01-01" must be a date as YYYY-MM-DD (a four-digit year)'],
    ['2022-1-1', '"2022-1-1" must be a date as YYYY-MM-DD'],
    ['2022-02-30', '2022-02-30 must be a real calendar date'],
    ['2009-01-02', '2009-01-02 is out of range: a series runs from 2009-01-03 to 2100-12-31'],
    ['2101-01-01', '2101-01-01 is out of range: a series runs from 2009-01-03 to 2100-12-31'],
  ])('refuses %s', (date, message) => {
    expect(failure(`${HEADER}\n${date},100,30\n`)).toContain(`in.csv → line 2 → date → ${message}`);
  });

  it('refuses a repeated or out-of-order date naming both lines', () => {
    expect(failure(`${HEADER}\n2022-01-01,100,30\n2022-01-01,100,30\n`)).toContain(
      'in.csv → line 3 → date → 2022-01-01 is on line 2 too; rows must be in ascending date order, one a day',
    );
    expect(failure(`${HEADER}\n2022-01-02,100,30\n2022-01-01,100,30\n`)).toContain(
      'in.csv → line 3 → date → 2022-01-01 is not after 2022-01-02 (line 2)',
    );
  });

  it('keeps gaps: the windows over calendar days handle them', () => {
    expect(parseSeriesInput(`${HEADER}\n2022-01-01,100,30\n2022-03-01,100,30\n`, 'in.csv')).toHaveLength(2);
  });

  it(`refuses more than ${MAX_SERIES_DAYS} rows, saying why`, () => {
    const body = Array.from({ length: MAX_SERIES_DAYS + 1 }, () => '2022-01-01,100,30').join('\n');
    expect(failure(`${HEADER}\n${body}\n`)).toBe(
      `The input series in.csv has more than 33,600 rows, the limit: one row a day from 2009-01-03 to 2100-12-31, in ascending order.`,
    );
  });

  it('stops reading a file of millions of rows at the limit, in bounded time', () => {
    const started = performance.now();
    expect(failure(`${HEADER}
${'1,1,1\n'.repeat(3_000_000)}`)).toMatch(/has more than 33,600 rows/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('parseSeriesInput: CSV', () => {
  it('refuses a column named twice, naming both positions', () => {
    expect(failure('date,hashrateEhs,revenueUsd,revenueUsd\n2022-01-01,100,1e7,1e7\n')).toContain(
      'in.csv → line 1 → column "revenueUsd" → appears twice in the header (columns 3 and 4)',
    );
  });

  it('refuses an unknown column with the name it may be', () => {
    expect(failure('date,hashrateEh,revenueUsd\n2022-01-01,100,1e7\n')).toContain(
      'in.csv → line 1 → column "hashrateEh" → is not a column of a series (did you mean "hashrateEhs"? the columns are date, hashrateEhs, revenueUsd, thresholdJPerTh)',
    );
  });

  it('refuses a row with more or fewer cells than the header, naming the line', () => {
    const message = failure(`${HEADER}\n2022-01-01,100,30,7\n2022-01-02,100\n`);
    expect(message).toContain('in.csv → line 2 → row → has 4 cells where the header (line 1) has 3');
    expect(message).toContain('in.csv → line 3 → row → has 2 cells where the header (line 1) has 3');
  });

  it.each(['2022-01-01,100,30\n', '100,2022-01-01,30\n'])('asks for a header when the first line is data (%j)', (text) => {
    expect(failure(text)).toMatch(
      /^The input series in\.csv has no header: the first line must be a header naming the columns date, hashrateEhs, and revenueUsd or thresholdJPerTh/,
    );
  });

  it('accepts a byte-order mark, CRLF line ends and quoted fields', () => {
    const text = '\uFEFF"date","hashrateEhs",thresholdJPerTh\r\n"2022-01-01"," 100 ","3""0"\r\n';
    expect(failure(text)).toContain('line 2 → thresholdJPerTh → "3"0" is not a decimal number');
    expect(parseSeriesInput('\uFEFF"date","hashrateEhs",thresholdJPerTh\r\n"2022-01-01","1e2","30"\r\n', 'in.csv')).toEqual([
      { date: '2022-01-01', hashrateEhs: 100, thresholdJPerTh: 30 },
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(failure(`${HEADER}\n2022-01-01,"100,30\n`)).toContain('a quoted field opened on line 2 that is never closed');
  });

  it('lists at most 20 problems and counts the rest', () => {
    const body = Array.from({ length: 25 }, (_, i) => `2022-01-${String(i + 1).padStart(2, '0')},-1,30`).join('\n');
    const message = failure(`${HEADER}\n${body}\n`);
    expect(message).toContain('has 25 problems');
    expect(message.split('\n')).toHaveLength(22);
    expect(message).toMatch(/… and 5 more$/);
  });
});

describe('parseSeriesInput: NDJSON', () => {
  it('refuses a key given twice in one object, which JSON.parse would take silently', () => {
    const text = '{"date":"2022-01-01","hashrateEhs":100,"thresholdJPerTh":30,"thresholdJPerTh":1e11}\n';
    expect(failure(text, 'in.ndjson')).toContain(
      'in.ndjson → line 1 → thresholdJPerTh → is given twice in the object (JSON keeps only the last): give it once',
    );
  });

  it('refuses an unknown field, and a line that is not an object', () => {
    const message = failure('{"date":"2022-01-01","hashrate":100,"thresholdJPerTh":30}\n[1]\n', 'in.ndjson');
    expect(message).toContain('in.ndjson → line 1 → hashrate → is not a field of a series (did you mean "hashrateEhs"?');
    expect(message).toContain('in.ndjson → line 2 → (the row) → must be a JSON object, one a line');
  });

  it('counts repeats at the top level only, escapes included', () => {
    const nested = '{"date":"2022-01-01","hashrateEhs":100,"thresholdJPerTh":30,"x":{"date":1,"date":2}}\n';
    const message = failure(nested, 'in.ndjson');
    expect(message).toContain('in.ndjson → line 1 → x → is not a field of a series');
    expect(message).not.toContain('given twice');
    const escaped = '{"date":"2022-01-01","hashrateEhs":100,"thresholdJPerTh":30,"hashrate\\u0045hs":1}\n';
    expect(failure(escaped, 'in.ndjson')).toContain('in.ndjson → line 1 → hashrateEhs → is given twice in the object');
  });
});

describe('parseSeriesInput: the ranges are the options’ ranges', () => {
  it('refuses a hash rate below 1e-12 EH/s, as --hashrate does, and a non-zero number too small to hold', () => {
    expect(failure(`${HEADER}\n2022-01-01,1e-13,30\n`)).toContain(
      'line 2 → hashrateEhs → 1e-13 is out of range: it must be a hash rate in EH/s from 1e-12 to 1e6, e.g. 600',
    );
    expect(failure(`${HEADER}\n2022-01-01,100,1e-400\n`)).toContain('line 2 → thresholdJPerTh → 1e-400 is out of range');
  });
});
