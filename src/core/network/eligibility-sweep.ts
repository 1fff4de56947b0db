import type { Hardware } from '../../data/schemas.js';
import { ageWeight, LIFETIME_DAYS, type Weighting } from './bottom-up.js';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (Date.UTC's reading of it, so an out-of-range day rolls over alike). */
export function dayNumberOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** Calendar months since year 0 of a YYYY-MM-DD date, the day ignored (CBECI's age counts whole months). */
function monthNumberOf(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
}

/** A day's eligible machines, summarised: how many, and the efficiencies behind each bound (J/TH, before overheads). */
export interface EligibleSummary {
  count: number;
  lowerJPerTh: number;
  bestJPerTh: number;
  upperJPerTh: number;
}

const NONE: EligibleSummary = { count: 0, lowerJPerTh: Number.NaN, bestJPerTh: Number.NaN, upperJPerTh: Number.NaN };

/** The first position in the ascending `values[0, length)` whose value is not below `limit` (0 when `limit` is NaN). */
function lowerBound(values: Float64Array | Int32Array, length: number, limit: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Puts `value` into the ascending `values[0, length)` at its place; the caller counts the new length. */
function insertSorted(values: Float64Array | Int32Array, length: number, value: number): void {
  const at = lowerBound(values, length, value);
  values.copyWithin(at + 1, at, length);
  values[at] = value;
}

/** Takes one `value` out of the ascending `values[0, length)`, which holds it; the caller counts the new length. */
function removeSorted(values: Float64Array | Int32Array, length: number, value: number): void {
  const at = lowerBound(values, length, value);
  values.copyWithin(at, at + 1, length);
}

/**
 * The eligible machines of a series of days, day after day, as {@link bottomUp} finds them (in service: released
 * strictly before the day and less than 1,825 days before it; eligible: strictly below the day's threshold), without
 * scanning the whole hardware list each day. The list is sorted by release once; a machine enters service the day
 * after its release and leaves 1,825 days after it, so the machines in service are a run of that sorted list whose
 * ends only move forward as the days ascend: each day adds the machines that enter and removes those that leave.
 * The machines in service are kept in two sorted arrays, by place in the list and by efficiency, so a day whose
 * threshold lets in as many of them as the day before (with no machine entering or leaving, and with age weights
 * in the same month) reuses that day's summary. When the eligible set does change, its machines are summed in the
 * hardware list's order, as the one-day model sums them, so every result is the same number to the last bit.
 */
export class EligibilitySweep {
  private readonly releaseDays: Float64Array;
  private readonly releaseMonths: Float64Array;
  private readonly jPerTh: Float64Array;
  /** Machine indexes in the hardware list, by release day (ties in list order). */
  private readonly byRelease: Int32Array;
  /** The run of `byRelease` in service: [leaving, entering). */
  private leaving = 0;
  private entering = 0;
  private lastDay = Number.NEGATIVE_INFINITY;
  /** The machines in service: their indexes in ascending order, and their efficiencies in ascending order. */
  private readonly inService: Int32Array;
  private readonly sortedJPerTh: Float64Array;
  private inServiceCount = 0;
  private cached: { below: number; month: number; summary: EligibleSummary } | undefined;

  constructor(
    hardware: readonly Hardware[],
    private readonly weighting: Weighting,
  ) {
    this.releaseDays = Float64Array.from(hardware, (m) => dayNumberOf(m.released));
    this.releaseMonths = Float64Array.from(hardware, (m) => monthNumberOf(m.released));
    this.jPerTh = Float64Array.from(hardware, (m) => m.jPerTh);
    const order = Array.from(hardware, (_, i) => i);
    order.sort((a, b) => (this.releaseDays[a] as number) - (this.releaseDays[b] as number) || a - b);
    this.byRelease = Int32Array.from(order);
    this.inService = new Int32Array(hardware.length);
    this.sortedJPerTh = new Float64Array(hardware.length);
  }

  /**
   * The summary of the machines eligible on a date at a threshold (`day`: the date's {@link dayNumberOf}, when the
   * caller has it). Dates should ascend (a date before the last one starts the sweep again from the beginning,
   * which is correct but slower).
   */
  summarise(date: string, thresholdJPerTh: number, day = dayNumberOf(date)): EligibleSummary {
    this.moveTo(day);
    const below = lowerBound(this.sortedJPerTh, this.inServiceCount, thresholdJPerTh);
    if (below === 0) return NONE;
    const month = this.weighting === 'age' ? monthNumberOf(date) : 0;
    if (this.cached !== undefined && this.cached.below === below && this.cached.month === month) {
      return this.cached.summary;
    }
    const summary = this.summariseEligible(thresholdJPerTh, month);
    this.cached = { below, month, summary };
    return summary;
  }

  /** Brings the machines in service to `day`: those released since enter, those past their lifetime leave. */
  private moveTo(day: number): void {
    if (day < this.lastDay) {
      this.leaving = 0;
      this.entering = 0;
      this.inServiceCount = 0;
      this.cached = undefined;
    }
    this.lastDay = day;
    const count = this.byRelease.length;
    while (this.entering < count && this.releaseDayAt(this.entering) < day) {
      this.enter(this.byRelease[this.entering] as number);
      this.entering++;
    }
    while (this.leaving < this.entering && this.releaseDayAt(this.leaving) + LIFETIME_DAYS <= day) {
      this.leave(this.byRelease[this.leaving] as number);
      this.leaving++;
    }
  }

  private releaseDayAt(k: number): number {
    return this.releaseDays[this.byRelease[k] as number] as number;
  }

  private enter(machine: number): void {
    insertSorted(this.inService, this.inServiceCount, machine);
    insertSorted(this.sortedJPerTh, this.inServiceCount, this.jPerTh[machine] as number);
    this.inServiceCount++;
    this.cached = undefined;
  }

  private leave(machine: number): void {
    removeSorted(this.inService, this.inServiceCount, machine);
    removeSorted(this.sortedJPerTh, this.inServiceCount, this.jPerTh[machine] as number);
    this.inServiceCount--;
    this.cached = undefined;
  }

  /** Min, max and the (weighted) mean of the in-service machines below the threshold, summed in list order. */
  private summariseEligible(thresholdJPerTh: number, month: number): EligibleSummary {
    let count = 0;
    let lower = Number.POSITIVE_INFINITY;
    let upper = Number.NEGATIVE_INFINITY;
    let plainSum = 0;
    let weightSum = 0;
    let weightedSum = 0;
    const inService = this.inService;
    for (let k = 0; k < this.inServiceCount; k++) {
      const i = inService[k] as number;
      const jPerTh = this.jPerTh[i] as number;
      if (!(jPerTh < thresholdJPerTh)) continue;
      count++;
      if (jPerTh < lower) lower = jPerTh;
      if (jPerTh > upper) upper = jPerTh;
      plainSum += jPerTh;
      const weight = this.weighting === 'age' ? ageWeight(month - (this.releaseMonths[i] as number)) : 1;
      weightSum += weight;
      weightedSum += weight * jPerTh;
    }
    const bestJPerTh = weightSum > 0 ? weightedSum / weightSum : plainSum / count;
    return { count, lowerJPerTh: lower, bestJPerTh, upperJPerTh: upper };
  }
}
