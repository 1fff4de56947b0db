/**
 * What an estimate is for: a calendar year, or one month. A month's estimate applies that month's hashrate shares
 * to the network total of its calendar year: its energy is a yearly rate at the month's geographic distribution,
 * TWh a year, not the energy used in the month. (The network totals are yearly figures; no series gives a month's.)
 */
export type Period = { kind: 'year'; year: number } | { kind: 'month'; year: number; month: string };

export function yearPeriod(year: number): Period {
  return { kind: 'year', year };
}

export function monthPeriod(month: string): Period {
  return { kind: 'month', year: Number(month.slice(0, 4)), month };
}

/** Months since January of year 0: "2021-04" → 24255. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * Signed distance in months from a period to a month: 0 inside it; negative for an earlier month
 * (counted to the year's January), positive for a later one (counted from its December).
 */
export function monthsFromPeriod(month: string, period: Period): number {
  const index = monthIndex(month);
  if (period.kind === 'month') return index - monthIndex(period.month);
  const january = period.year * 12;
  const december = january + 11;
  if (index < january) return index - january;
  if (index > december) return index - december;
  return 0;
}

export function describePeriod(period: Period): string {
  return period.kind === 'year' ? String(period.year) : period.month;
}

/** "9 months before 2022", "1 month after 2021-06". */
export function describeDistance(months: number, period: Period): string {
  const size = Math.abs(months);
  return `${size} month${size === 1 ? '' : 's'} ${months < 0 ? 'before' : 'after'} ${describePeriod(period)}`;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2021-04" → "April 2021". */
export function describeMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}

/**
 * The day a model of the network is run on for a period, when no date is given: the middle of it (1 July of a
 * year, the 15th of a month), so that the machines in service are those of the period and not of today.
 */
export function middleDayOf(period: Period): string {
  return period.kind === 'month' ? `${period.month}-15` : `${period.year}-07-01`;
}

/** "April 2021 shares × the 2021 network total, TWh a year": what a month's estimate is, in words. */
export function describeMonthEstimate(month: string): string {
  return `${describeMonth(month)} shares × the ${month.slice(0, 4)} network total, TWh a year (not the month's own energy)`;
}

/** The first month of a period: January of a year, or the month itself. */
export function firstMonthOf(period: Period): string {
  return period.kind === 'month' ? period.month : `${period.year}-01`;
}

/** The last month a period reaches: December of a year, or the month itself. */
export function lastMonthOf(period: Period): string {
  return period.kind === 'month' ? period.month : `${period.year}-12`;
}
