import type { NetworkValue } from '../data/schemas.js';
import {
  ENERGY_TWH_PER_YEAR_RANGE,
  HASHRATE_EHS_RANGE,
  INTENSITY_G_PER_KWH_RANGE,
  PRICE_USD_PER_KWH_RANGE,
  REVENUE_USD_PER_DAY_RANGE,
  THRESHOLD_J_PER_TH_RANGE,
} from '../data/ranges.js';
import { UsageError } from '../errors.js';
import { daysInYear } from '../data/vocabulary.js';
import { annualFactor as annualFactorOf, coverageOf } from './network/basis.js';
import {
  type BottomUpInput,
  bottomUp as bottomUpOf,
  thresholdJPerTh as thresholdOf,
  topDownTwh as topDownOf,
} from './network/bottom-up.js';
import { aboutArgument, checkBottomUp, checkRange, checkTopDown, checkYear } from './common/validation.js';
import { gwFromTwhPerYear as gwOf, mtco2FromTwh as mtco2Of } from './common/units.js';

/**
 * The model's small functions as the library exports them: each checks its arguments as the command line checks
 * its flags, naming an argument by its name, then calls the function the models use inside, which trusts checked
 * inputs and runs once a day of a series (so the checks are here, at the door, and not in that loop).
 */

/** Average power (GW) over a year from its energy (TWh). @throws UsageError for a figure out of range. */
export function gwFromTwhPerYear(twh: number): number {
  aboutArgument('twh', () => checkRange(twh, ENERGY_TWH_PER_YEAR_RANGE));
  return gwOf(twh);
}

/** Mt CO2 from TWh and an intensity in g CO2 per kWh. @throws UsageError for a figure out of range. */
export function mtco2FromTwh(twh: number, gco2PerKwh: number): number {
  aboutArgument('twh', () => checkRange(twh, ENERGY_TWH_PER_YEAR_RANGE));
  aboutArgument('gco2PerKwh', () =>
    checkRange(gco2PerKwh, {
      what: 'a carbon intensity in g CO2/kWh',
      ...INTENSITY_G_PER_KWH_RANGE,
      minIncluded: true,
      example: '450',
    }),
  );
  return mtco2Of(twh, gco2PerKwh);
}

/** The economic model's TWh a year. @throws UsageError as `network --method top-down` refuses its options. */
export function topDownTwh(revenueUsdPerYear: number, electricityShare: number, priceUsdPerKwh: number): number {
  checkTopDown({ revenueUsdPerYear, electricityShare, priceUsdPerKwh });
  return topDownOf(revenueUsdPerYear, electricityShare, priceUsdPerKwh);
}

/** The profitability threshold (J/TH) of a day. @throws UsageError for revenue, hash rate or price out of range. */
export function thresholdJPerTh(revenueUsdPerDay: number, hashrateThs: number, priceUsdPerKwh: number): number {
  aboutArgument('revenueUsdPerDay', () => checkRange(revenueUsdPerDay, REVENUE_USD_PER_DAY_RANGE));
  aboutArgument('hashrateThs', () => checkHashrateThs(hashrateThs));
  aboutArgument('priceUsdPerKwh', () => checkRange(priceUsdPerKwh, PRICE_USD_PER_KWH_RANGE));
  return thresholdOf(revenueUsdPerDay, hashrateThs, priceUsdPerKwh);
}

/** A hash rate in TH/s: positive, and in the range of hash rates in EH/s. */
function checkHashrateThs(hashrateThs: number): number {
  if (typeof hashrateThs !== 'number' || !(hashrateThs > 0)) throw new UsageError('expected a positive number.');
  return checkRange(hashrateThs / 1e6, HASHRATE_EHS_RANGE);
}

/** The bottom-up model for one day. @throws UsageError or DataError as `network --method bottom-up` refuses. */
export function bottomUp(input: BottomUpInput): ReturnType<typeof bottomUpOf> {
  if (typeof input !== 'object' || input === null) throw new UsageError('expected an object of inputs.');
  aboutArgument('thresholdJPerTh', () => checkRange(input.thresholdJPerTh, THRESHOLD_J_PER_TH_RANGE));
  aboutArgument('hashrateThs', () => checkHashrateThs(input.hashrateThs));
  checkBottomUp({
    hashrateEhs: typeof input.hashrateThs === 'number' ? input.hashrateThs / 1e6 : Number.NaN,
    thresholdJPerTh: input.thresholdJPerTh,
    priceUsdPerKwh: 0.05,
    date: input.date,
    overheads: input.overheads,
    weighting: input.weighting,
    hardware: input.hardware,
  });
  return bottomUpOf(input);
}

/**
 * The factor that turns a network value into the year's energy. @throws UsageError for a year out of range, or
 * a partial year's days or a multi-year value's last year that cannot be.
 */
export function annualFactor(value: NetworkValue, year: number): number {
  aboutArgument('year', () => checkYear(year));
  if (typeof value !== 'object' || value === null) throw new UsageError('value: expected a network value.');
  const coverage = coverageOf(value);
  if (coverage === 'partial-year') {
    const days = value.days;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > daysInYear(year)) {
      throw new UsageError(`value.days: expected a whole number of days from 1 to ${daysInYear(year)}.`);
    }
  }
  if (coverage === 'multi-year') {
    const to = value.toYear;
    if (typeof to !== 'number' || !Number.isInteger(to) || to < value.year) {
      throw new UsageError('value.toYear: expected a year no earlier than value.year.');
    }
  }
  return annualFactorOf(value, year);
}
