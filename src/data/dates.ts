/** Whether a text is a real calendar date written YYYY-MM-DD (not 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The calendar years a value speaks for. */
export function yearsCovered(value: { year: number; toYear?: number | undefined }): number[] {
  const last = value.toYear ?? value.year;
  return Array.from({ length: last - value.year + 1 }, (_, i) => value.year + i);
}
