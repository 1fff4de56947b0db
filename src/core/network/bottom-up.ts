import type { Evidence } from '../../data/vocabulary.js';
import type { Hardware } from '../../data/schemas.js';
import { HOURS_PER_YEAR } from '../common/units.js';

/** Seconds in a day. */
const SECONDS_PER_DAY = 86_400;
/** Joules in a kWh. */
const JOULES_PER_KWH = 3.6e6;
/** TH/s in an EH/s. */
export const THS_PER_EHS = 1e6;
/** CBECI drops a model 1,825 days (5 × 365) after its release. */
export const LIFETIME_DAYS = 1_825;
/** CBECI's facility overheads (PUE-like multipliers) for the lower, best-guess and upper bounds. */
export const CBECI_OVERHEADS = { lower: 1.01, best: 1.1, upper: 1.2 } as const;
/** CBECI's electricity price, USD/kWh. */
export const CBECI_PRICE_USD_PER_KWH = 0.05;

/** How the best guess averages the eligible models' efficiencies. */
export type Weighting = 'age' | 'mean';

export interface Overheads {
  lower: number;
  best: number;
  upper: number;
}

/**
 * The most joules a terahash may cost and still pay for its electricity (CBECI's profitability threshold).
 * @param revenueUsdPerDay miners' revenue, block reward plus fees, USD per day
 * @param hashrateThs network hashrate, TH/s
 * @param priceUsdPerKwh electricity price, USD per kWh
 */
export function thresholdJPerTh(revenueUsdPerDay: number, hashrateThs: number, priceUsdPerKwh: number): number {
  const revenueUsdPerTh = revenueUsdPerDay / (hashrateThs * SECONDS_PER_DAY);
  const priceUsdPerJoule = priceUsdPerKwh / JOULES_PER_KWH;
  return revenueUsdPerTh / priceUsdPerJoule;
}

/** Midnight UTC of a YYYY-MM-DD date, in milliseconds. */
function utcMidnightMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Whole calendar months from the release month to the date's month, the days ignored (CBECI's age). */
export function ageMonths(released: string, date: string): number {
  const months = (value: string) => Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7));
  return months(date) - months(released);
}

/** CBECI's 2023 age weight: 1.0 in a model's first 12 months, then 0.8, 0.6, 0.4, 0.2, and 0 from 60 months. */
export function ageWeight(months: number): number {
  if (months < 12) return 1;
  if (months < 24) return 0.8;
  if (months < 36) return 0.6;
  if (months < 48) return 0.4;
  if (months < 60) return 0.2;
  return 0;
}

/** In service on a date: released strictly before its midnight UTC, and that midnight less than 1,825 days after the release. */
export function inService(machine: Hardware, date: string): boolean {
  const dayMs = utcMidnightMs(date);
  const releasedMs = utcMidnightMs(machine.released);
  return releasedMs < dayMs && dayMs < releasedMs + LIFETIME_DAYS * SECONDS_PER_DAY * 1_000;
}

export interface EligibleMachine {
  model: string;
  released: string;
  jPerTh: number;
  weight: number;
  source: string;
  /** How the machine's figures were seen. */
  evidence: Evidence;
  approximate: boolean;
}

export interface BottomUpResult {
  thresholdJPerTh: number;
  eligible: EligibleMachine[];
  power: { gw: number; lowerGw: number; upperGw: number };
  energy: { twh: number; lowerTwh: number; upperTwh: number };
  /** The efficiencies behind each bound, J/TH, before overheads. */
  efficiency: { lowerJPerTh: number; bestJPerTh: number; upperJPerTh: number };
}

/** Why no machine is eligible: the threshold is too low, or every machine is out of service. */
export type NoEligibleMachine =
  { reason: 'threshold'; mostEfficient: Hardware } | { reason: 'age'; newest: Hardware | undefined };

export interface BottomUpInput {
  hashrateThs: number;
  thresholdJPerTh: number;
  date: string;
  hardware: readonly Hardware[];
  weighting: Weighting;
  overheads: Overheads;
}

/** GW drawn by `hashrateThs` at `jPerTh` with a facility overhead. */
function gw(jPerTh: number, hashrateThs: number, overhead: number): number {
  return (jPerTh * hashrateThs * overhead) / 1e9;
}

/**
 * CBECI's bottom-up model for one day: the eligible machines (in service and strictly below the threshold)
 * give a lower bound (the most efficient × 1.01), an upper bound (the least efficient × 1.20) and a best
 * guess (their mean, age-weighted or plain, × 1.10).
 */
export function bottomUp(
  input: BottomUpInput,
): { ok: true; result: BottomUpResult } | { ok: false; why: NoEligibleMachine } {
  const inServiceMachines = input.hardware.filter((m) => inService(m, input.date));
  const eligible = inServiceMachines.filter((m) => m.jPerTh < input.thresholdJPerTh);
  if (eligible.length === 0) {
    if (inServiceMachines.length > 0) {
      const mostEfficient = [...inServiceMachines].sort((a, b) => a.jPerTh - b.jPerTh)[0] as Hardware;
      return { ok: false, why: { reason: 'threshold', mostEfficient } };
    }
    const newest = [...input.hardware].sort((a, b) => utcMidnightMs(b.released) - utcMidnightMs(a.released))[0];
    return { ok: false, why: { reason: 'age', newest } };
  }
  const machines = eligible.map((m) => ({
    model: m.model,
    released: m.released,
    jPerTh: m.jPerTh,
    weight: input.weighting === 'age' ? ageWeight(ageMonths(m.released, input.date)) : 1,
    source: m.source,
    evidence: m.evidence,
    approximate: m.approximate === true,
  }));
  const lowerJPerTh = Math.min(...machines.map((m) => m.jPerTh));
  const upperJPerTh = Math.max(...machines.map((m) => m.jPerTh));
  const weightSum = machines.reduce((sum, m) => sum + m.weight, 0);
  const bestJPerTh =
    weightSum > 0
      ? machines.reduce((sum, m) => sum + m.weight * m.jPerTh, 0) / weightSum
      : machines.reduce((sum, m) => sum + m.jPerTh, 0) / machines.length;
  const efficiency = { lowerJPerTh, bestJPerTh, upperJPerTh };
  return {
    ok: true,
    result: {
      thresholdJPerTh: input.thresholdJPerTh,
      eligible: machines,
      ...powerAndEnergy(efficiency, input.hashrateThs, input.overheads),
      efficiency,
    },
  };
}

/** TWh in a year at an average power in GW. */
function twhOfYear(gigawatts: number): number {
  return (gigawatts * HOURS_PER_YEAR) / 1_000;
}

/**
 * The bounds' power and yearly energy from the efficiencies behind them (J/TH, before overheads), at a hashrate:
 * the one place both the one-day model and the series turn efficiencies into GW and TWh.
 */
export function powerAndEnergy(
  efficiency: { lowerJPerTh: number; bestJPerTh: number; upperJPerTh: number },
  hashrateThs: number,
  overheads: Overheads,
): Pick<BottomUpResult, 'power' | 'energy'> {
  const power = {
    gw: gw(efficiency.bestJPerTh, hashrateThs, overheads.best),
    lowerGw: gw(efficiency.lowerJPerTh, hashrateThs, overheads.lower),
    upperGw: gw(efficiency.upperJPerTh, hashrateThs, overheads.upper),
  };
  return {
    power,
    energy: { twh: twhOfYear(power.gw), lowerTwh: twhOfYear(power.lowerGw), upperTwh: twhOfYear(power.upperGw) },
  };
}

/** Digiconomist's economic model: TWh a year = share of revenue spent on electricity × revenue ÷ price. */
export function topDownTwh(revenueUsdPerYear: number, electricityShare: number, priceUsdPerKwh: number): number {
  return (electricityShare * revenueUsdPerYear) / priceUsdPerKwh / 1e9;
}
