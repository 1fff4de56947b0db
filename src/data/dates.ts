/** Whether a text is a real calendar date written YYYY-MM-DD (not 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // Counted from the digits: a Date made and written back for each of a long series' days took a quarter of the
  // time of reading it.
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The days of a month (1–12) of a year of the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The calendar years a value speaks for. */
export function yearsCovered(value: { year: number; toYear?: number | undefined }): number[] {
  const last = value.toYear ?? value.year;
  return Array.from({ length: last - value.year + 1 }, (_, i) => value.year + i);
}
