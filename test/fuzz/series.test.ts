import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../src/data/dates.js';
import { FIRST_SERIES_DAY, LAST_SERIES_DAY, MAX_SERIES_DAYS } from '../../src/data/limits.js';
import { parseSeriesInput, type SeriesInputRow } from '../../src/data/series-input.js';
import { FORBIDDEN_CONTROLS, fuzzParameters, HOSTILE_TEXT } from './settings.js';

/**
 * Properties of the reader of `network --input` series: whatever the text, it either gives rows the model can use
 * (finite positive numbers, real dates in the series range, strictly ascending) or fails with a DataError whose
 * message is plain text. Never a crash, never a row it had to guess at.
 */

const COLUMNS = ['date', 'hashrateEhs', 'revenueUsd', 'thresholdJPerTh'] as const;

const dateText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date('2008-12-25'), max: new Date('2101-01-05'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2023-02-29',
      '2024-02-29',
      '0099-01-01',
      '2009-01-02',
      '1970-01-01',
      '2101-01-01',
      '9999-12-31',
      '2021-13-01',
      '2021-1-1',
      '2021-01-01T00:00',
      ' 2021-01-01',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string() },
);
const numberText = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 1e-12, max: 1e12, noNaN: true }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0x10',
      '0b11',
      '0o7',
      '1e309',
      '-1e309',
      '1e20',
      '-1',
      '0',
      '-0',
      'NaN',
      'Infinity',
      ' 5 ',
      '1_000',
      '1,5',
      '٣',
      '+7',
      '.5',
      '5.',
      '9'.repeat(400),
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string() },
);
const cellText = fc.oneof(numberText, dateText, fc.constantFrom(...HOSTILE_TEXT), fc.string({ unit: 'binary' }));

/** A CSV cell as written: bare, or quoted with its quotes doubled. */
const written = (cell: string, quote: boolean) => (quote ? `"${cell.replaceAll('"', '""')}"` : cell);

const csvText = fc
  .record({
    header: fc.oneof(
      fc.shuffledSubarray<string>([...COLUMNS], { minLength: 1 }),
      fc.array(fc.oneof(fc.constantFrom(...COLUMNS, 'extra', 'Date', ' date '), fc.string()), { maxLength: 6 }),
    ),
    rows: fc.array(fc.tuple(dateText, numberText, numberText, fc.array(cellText, { maxLength: 3 })), { maxLength: 12 }),
    newline: fc.constantFrom('\n', '\r\n', '\r', '\u2028'),
    bom: fc.boolean(),
    quote: fc.boolean(),
    tail: fc.constantFrom('', '\n', '\u0000', '"', ',,,', '\n\n\n'),
  })
  .map(({ header, rows, newline, bom, quote, tail }) => {
    const lines = [
      header.map((name) => written(name, quote)).join(','),
      ...rows.map(([date, a, b, extra]) => [date, a, b, ...extra].map((cell) => written(cell, quote)).join(',')),
    ];
    return `${bom ? '\ufeff' : ''}${lines.join(newline)}${tail}`;
  });

const ndjsonText = fc
  .array(
    fc.oneof(
      fc
        .record(
          {
            date: fc.oneof(dateText, fc.jsonValue()),
            hashrateEhs: fc.jsonValue(),
            revenueUsd: fc.jsonValue(),
            thresholdJPerTh: fc.jsonValue(),
          },
          { requiredKeys: [] },
        )
        .map((row) => JSON.stringify(row)),
      fc
        .record({ date: dateText, hashrateEhs: numberText, revenueUsd: numberText })
        .map(
          ({ date, hashrateEhs, revenueUsd }) =>
            `{"date":${JSON.stringify(date)},"hashrateEhs":${hashrateEhs},"revenueUsd":${revenueUsd}}`,
        ),
      fc.string(),
    ),
    { maxLength: 10 },
  )
  .map((lines) => lines.join('\n'));

const wideDate = fc.oneof(
  dateText,
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2300-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const goodNumber = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 1e-6, max: 1e9, noNaN: true }).map(String) },
  { weight: 1, arbitrary: numberText },
);

/** A series that is nearly right: the right header, then rows of dates in order with numbers of every kind. */
const nearlyValidCsv = fc
  .array(fc.tuple(wideDate, goodNumber, goodNumber), { minLength: 1, maxLength: 8 })
  .map((rows) => rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  .map((rows) => ['date,hashrateEhs,revenueUsd', ...rows.map((row) => row.join(','))].join('\n'));

const randomBytesText = fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('utf8'));

const anySeries = fc.oneof(
  fc.record({
    path: fc.constantFrom('in.csv', 'in.txt'),
    text: fc.oneof(csvText, nearlyValidCsv, randomBytesText, fc.string()),
  }),
  fc.record({ path: fc.constantFrom('in.ndjson', 'in.jsonl', 'in.json'), text: fc.oneof(ndjsonText, randomBytesText) }),
);

/** What parsing gives: the rows, or the error it threw. */
function parse(text: string, path: string): { rows: SeriesInputRow[] } | { error: unknown } {
  try {
    return { rows: parseSeriesInput(text, path) };
  } catch (error) {
    return { error };
  }
}

const usable = (value: number | undefined) => value === undefined || (Number.isFinite(value) && value > 0);

describe('reading a random network --input series', () => {
  it('gives rows or a DataError, never a crash', () => {
    fc.assert(
      fc.property(anySeries, ({ path, text }) => {
        const result = parse(text, path);
        if ('rows' in result) return;
        expect(result.error).toBeInstanceOf(Error);
        const { name, message } = result.error as Error;
        expect(name, `${name}: ${message.slice(0, 300)}`).toBe('DataError');
      }),
      fuzzParameters(400),
    );
  });

  it('gives only finite positive numbers on real dates in the series range, strictly ascending', () => {
    fc.assert(
      fc.property(anySeries, ({ path, text }) => {
        const result = parse(text, path);
        if (!('rows' in result)) return;
        expect(result.rows.length).toBeGreaterThan(0);
        expect(result.rows.length).toBeLessThanOrEqual(MAX_SERIES_DAYS);
        result.rows.forEach((row, i) => {
          expect(isCalendarDate(row.date), row.date).toBe(true);
          expect(row.date >= FIRST_SERIES_DAY && row.date <= LAST_SERIES_DAY, row.date).toBe(true);
          if (i > 0) expect(row.date > (result.rows[i - 1] as SeriesInputRow).date).toBe(true);
          expect(usable(row.hashrateEhs) && row.hashrateEhs !== undefined, JSON.stringify(row)).toBe(true);
          expect(usable(row.revenueUsd) && usable(row.thresholdJPerTh), JSON.stringify(row)).toBe(true);
        });
      }),
      fuzzParameters(400),
    );
  });

  it('fails with a message of plain text: no control character but the line feed', () => {
    fc.assert(
      fc.property(anySeries, ({ path, text }) => {
        const result = parse(text, path);
        if ('rows' in result) return;
        expect((result.error as Error).message).not.toMatch(FORBIDDEN_CONTROLS);
      }),
      fuzzParameters(400),
    );
  });

  it('refuses a number not written in decimal (hex, binary, octal, with underscores) or an infinite one rather than read it', () => {
    const oddNumber = fc.constantFrom('0x10', '0X1F', '0b11', '0o7', '1_000', 'Infinity', '1e309');
    const validRows = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(validRows, oddNumber, fc.nat(), fc.boolean(), (count, odd, at, inRevenue) => {
        const days = Array.from({ length: count }, (_, i) => `2021-01-${String(i + 1).padStart(2, '0')}`);
        const row = at % count;
        const text = [
          'date,hashrateEhs,revenueUsd',
          ...days.map((day, i) =>
            i === row ? (inRevenue ? `${day},150,${odd}` : `${day},${odd},40000000`) : `${day},150,40000000`,
          ),
        ].join('\n');
        const result = parse(text, 'in.csv');
        expect('error' in result, `${odd} on line ${row + 2} was read as a number`).toBe(true);
      }),
      fuzzParameters(50),
    );
  });
});
