import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../src/data/dates.js';

/** What a Date makes of the text, written back: the calendar's own answer. */
function dateAgrees(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const pad = (number: number, width: number) => String(number).padStart(width, '0');

describe('isCalendarDate', () => {
  it('agrees with the calendar on every month 00–13 and day 00–32 of years around the leap-year rules', () => {
    for (const year of [0, 4, 100, 400, 1582, 1900, 1999, 2000, 2009, 2023, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isCalendarDate(value), value).toBe(dateAgrees(value));
        }
      }
    }
  });

  it('refuses a date not written YYYY-MM-DD', () => {
    for (const value of ['2024-2-01', '24-02-01', '2024-02-01T00:00', ' 2024-02-01', '2024/02/01', '']) {
      expect(isCalendarDate(value), value).toBe(false);
    }
  });
});
