import type { z } from 'zod';
import type { NetworkDocumentSchema } from '../../contract/models.js';
import type { Hardware } from '../../data/schemas.js';
import { UsageError } from '../../errors.js';
import { bottomUp, type Overheads, THS_PER_EHS, thresholdJPerTh, topDownTwh, type Weighting } from './bottom-up.js';
import { gwFromTwhPerYear } from '../common/units.js';
import { checkBottomUp, checkTopDown } from '../common/validation.js';
import { named } from '../common/parameters.js';
import { type Warning, warn } from '../common/warnings.js';

export type NetworkMethod = 'bottom-up' | 'top-down';

export interface BottomUpOptions {
  hashrateEhs: number;
  /** Either a threshold, or revenue and price to derive it. */
  thresholdJPerTh?: number;
  revenueUsdPerDay?: number;
  priceUsdPerKwh: number;
  date: string;
  weighting: Weighting;
  overheads: Overheads;
  hardware: readonly Hardware[];
}

export interface TopDownOptions {
  revenueUsdPerYear: number;
  electricityShare: number;
  priceUsdPerKwh: number;
}

/** The `network --json` document, as its published schema (src/contract/models.ts) defines it. */
export type NetworkResult = z.output<typeof NetworkDocumentSchema>;

/**
 * The network's power and energy from the bottom-up model.
 * @throws UsageError for inputs out of range (see validation.ts), or when no machine is eligible, saying why
 *   (threshold or age) and what to change.
 */
export function networkBottomUp(options: BottomUpOptions): NetworkResult {
  checkBottomUp(options);
  const hashrateThs = options.hashrateEhs * THS_PER_EHS;
  const derived = options.thresholdJPerTh === undefined;
  const threshold =
    options.thresholdJPerTh ?? thresholdJPerTh(options.revenueUsdPerDay as number, hashrateThs, options.priceUsdPerKwh);
  const outcome = bottomUp({
    hashrateThs,
    thresholdJPerTh: threshold,
    date: options.date,
    hardware: options.hardware,
    weighting: options.weighting,
    overheads: options.overheads,
  });
  if (!outcome.ok) {
    const { why } = outcome;
    if (why.reason === 'threshold') {
      throw new UsageError([
        `No machine is profitable at a threshold of ${threshold.toPrecision(4)} J/TH on ${options.date}: the most efficient in service, ${why.mostEfficient.model} (${why.mostEfficient.jPerTh} J/TH), needs a threshold above ${why.mostEfficient.jPerTh} J/TH`,
        ...(derived ? [' (raise ', named('revenueUsdPerDay'), ' or lower ', named('priceUsdPerKwh'), ')'] : []),
        '.',
      ]);
    }
    throw new UsageError(
      why.newest
        ? [
            `No machine in the hardware list is in service on ${options.date}: every one was released more than 5 years earlier or on or after that date; the newest, ${why.newest.model}, was released on ${why.newest.released}. Use an earlier `,
            named('date'),
            ' or a newer list with ',
            named('hardware'),
            '.',
          ]
        : 'The hardware list is empty.',
    );
  }
  const { result } = outcome;
  const warnings: Warning[] = [];
  if (result.eligible.length === 1) {
    warnings.push(
      warn('model-one-machine', 'Only one machine is eligible: the bounds differ only by their overheads.'),
    );
  }
  const approximate = result.eligible.filter((m) => m.approximate).map((m) => m.model);
  if (approximate.length > 0) {
    warnings.push(
      warn(
        'model-approximate-date',
        `Approximate release dates (see the notes in the hardware list): ${approximate.join(', ')}.`,
      ),
    );
  }
  return {
    method: 'bottom-up',
    inputs: {
      hashrateEhs: options.hashrateEhs,
      revenueUsdPerDay: options.revenueUsdPerDay ?? null,
      priceUsdPerKwh: derived ? options.priceUsdPerKwh : null,
      thresholdJPerTh: threshold,
      date: options.date,
      weighting: options.weighting,
      overheadLower: options.overheads.lower,
      overheadBest: options.overheads.best,
      overheadUpper: options.overheads.upper,
    },
    energy: result.energy,
    power: result.power,
    thresholdJPerTh: threshold,
    eligible: result.eligible,
    warnings,
  };
}

/**
 * The network's energy from the economic model; it has no bounds.
 * @throws UsageError for inputs out of range (see validation.ts).
 */
export function networkTopDown(options: TopDownOptions): NetworkResult {
  checkTopDown(options);
  const twh = topDownTwh(options.revenueUsdPerYear, options.electricityShare, options.priceUsdPerKwh);
  return {
    method: 'top-down',
    inputs: {
      revenueUsdPerYear: options.revenueUsdPerYear,
      electricityShare: options.electricityShare,
      priceUsdPerKwh: options.priceUsdPerKwh,
    },
    energy: { twh, lowerTwh: null, upperTwh: null },
    power: { gw: gwFromTwhPerYear(twh), lowerGw: null, upperGw: null },
    thresholdJPerTh: null,
    eligible: [],
    warnings: [
      warn(
        'model-assumption',
        `Assumes ${options.electricityShare * 100}% of miners' revenue is spent on electricity at $${options.priceUsdPerKwh}/kWh; the economic model gives no bounds.`,
      ),
    ],
  };
}
