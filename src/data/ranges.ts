/**
 * The range of each quantity a user gives, as an option, to the library or in an input series: the one
 * definition that the option parsers, the library's checks and the series reader all use.
 */

/**
 * The range a number given by a user must lie in. Each range admits every real value in the network's history
 * (a hash rate of about 1.5e-9 EH/s in 2010, about 1,000 EH/s in 2025) with room to spare, and refuses values
 * that can only be typing mistakes or that overflow the arithmetic (1e308 EH/s, 1e309 g/kWh).
 */
export interface NumberRange {
  /** What the number is, with its unit, as the message names it: "a hash rate in EH/s". */
  readonly what: string;
  readonly min: number;
  /** Whether `min` itself is allowed; if not, only numbers above it are. */
  readonly minIncluded: boolean;
  readonly max: number;
  /** A typical value, written as a user would. */
  readonly example: string;
}

/** The network's hash rate, EH/s. */
export const HASHRATE_EHS_RANGE: NumberRange = {
  what: 'a hash rate in EH/s',
  min: 1e-12,
  minIncluded: true,
  max: 1e6,
  example: '600',
};
/** The profitability threshold, J/TH: the least efficient machine that still pays. */
export const THRESHOLD_J_PER_TH_RANGE: NumberRange = {
  what: 'a threshold in J/TH',
  min: 0,
  minIncluded: false,
  max: 1e12,
  example: '55',
};
/** Miners' revenue a day (block reward plus fees), USD. */
export const REVENUE_USD_PER_DAY_RANGE: NumberRange = {
  what: 'a revenue in USD a day',
  min: 0,
  minIncluded: false,
  max: 1e12,
  example: '40e6',
};
/** Miners' revenue a year, USD. */
export const REVENUE_USD_PER_YEAR_RANGE: NumberRange = {
  what: 'a revenue in USD a year',
  min: 0,
  minIncluded: false,
  max: 1e15,
  example: '10e9',
};
/**
 * The price miners pay for electricity, USD/kWh. Revenue is divided by it, so the least price is a tenth of a
 * thousandth of a cent rather than anything above 0: 1e12 USD a year over 1e-300 USD/kWh would overflow.
 */
export const PRICE_USD_PER_KWH_RANGE: NumberRange = {
  what: 'an electricity price in USD/kWh',
  min: 1e-6,
  minIncluded: true,
  max: 10,
  example: '0.05',
};
/** The share of revenue spent on electricity (top-down). */
export const ELECTRICITY_SHARE_RANGE: NumberRange = {
  what: 'a fraction',
  min: 0,
  minIncluded: false,
  max: 1,
  example: '0.6',
};
/** An annual electricity figure to rank among countries, TWh a year (the world uses about 30,000). */
export const ENERGY_TWH_PER_YEAR_RANGE: NumberRange = {
  what: 'an energy in TWh a year',
  min: 0,
  minIncluded: true,
  max: 1e6,
  example: '296.59',
};
/** A facility overhead (PUE): 1 is none; the worst real sites are below 2. */
export const OVERHEAD_RANGE = { min: 1, max: 10 } as const;
/** A grid's carbon intensity, g CO2/kWh: from none up to above the dirtiest coal (about 1,200). */
export const INTENSITY_G_PER_KWH_RANGE = { min: 0, max: 2000 } as const;
/** A spread that may be 0 (no widening) up to 1 (± the whole value). */
export const UNIT_SPREAD_RANGE: NumberRange = {
  what: 'a fraction',
  min: 0,
  minIncluded: true,
  max: 1,
  example: '0.5',
};
/** A spread of a share, ± percentage points. */
export const SHARE_SPREAD_PCT_RANGE: NumberRange = {
  what: 'a spread in percentage points',
  min: 0,
  minIncluded: true,
  max: 100,
  example: '1',
};

/** A number as the messages show it: 1e6 rather than 1000000, 1e-12 rather than 0.000000000001. */
export function shownNumber(value: number): string {
  const size = Math.abs(value);
  if (value === 0 || (size >= 1e-3 && size < 1e5)) return String(value);
  return value.toExponential().replace('e+', 'e');
}



/** "a hash rate in EH/s from 1e-12 to 1e6, e.g. 600": what a number must be, for messages. */
export function rangeText(range: NumberRange): string {
  const bounds = range.minIncluded
    ? `from ${shownNumber(range.min)} to ${shownNumber(range.max)}`
    : `above ${shownNumber(range.min)} and at most ${shownNumber(range.max)}`;
  return `${range.what} ${bounds}, e.g. ${range.example}`;
}

/** Whether a number is finite and inside a range. */
export function inRange(value: number, range: NumberRange): boolean {
  const aboveMin = range.minIncluded ? value >= range.min : value > range.min;
  return Number.isFinite(value) && aboveMin && value <= range.max;
}
