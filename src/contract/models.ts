import { z } from 'zod';
import { WarningSchema } from './warning.js';
import { CAVEATS } from '../data/vocabulary.js';
import { CARBON_BASES, COVERAGES, EVIDENCE } from '../data/vocabulary.js';

const nullableNumber = z.number().nullable();
const footprint = z.object({ twh: z.number(), mtco2: z.number() });
const percentiles = z.object({ p5: z.number(), p50: z.number(), p95: z.number() });
const footprintPercentiles = z.object({ twh: percentiles, mtco2: percentiles });
const changePercentiles = z.object({
  before: footprintPercentiles,
  after: footprintPercentiles,
  change: footprintPercentiles,
});
const uncertaintySettings = z.object({
  samples: z.number().int().min(1),
  seed: z.number().int(),
  basisSpread: z.number().min(0),
  shareSpreadPct: z.number().min(0),
  intensitySpread: z.number().min(0),
  breakSpread: z.number().min(0).max(1),
});

/** The settings of a Monte Carlo run, shared with the estimate schema. */
export const UncertaintySettingsSchema = uncertaintySettings;

/** `network --json` (one model run). */
export const NetworkDocumentSchema = z
  .object({
    method: z.enum(['bottom-up', 'top-down']),
    inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    energy: z.object({ twh: z.number().min(0), lowerTwh: nullableNumber, upperTwh: nullableNumber }),
    power: z.object({ gw: z.number().min(0), lowerGw: nullableNumber, upperGw: nullableNumber }),
    thresholdJPerTh: nullableNumber,
    eligible: z.array(
      z.object({
        model: z.string(),
        released: z.string(),
        jPerTh: z.number(),
        weight: z.number().min(0).max(1),
        source: z.string(),
        evidence: z.enum(EVIDENCE),
        approximate: z.boolean(),
      }),
    ),
    warnings: z.array(WarningSchema),
  })
  .describe('mining-energy network: the network power and energy from one model run');

/** `network --input … --json` (one result a day). */
export const NetworkSeriesDocumentSchema = z
  .array(
    z.object({
      date: z.string(),
      hashrateEhs: z.number(),
      rawThresholdJPerTh: z.number(),
      thresholdJPerTh: z.number(),
      thresholdWindowDays: z
        .number()
        .int()
        .min(1)
        .describe("the days with data in the threshold's window: --smooth or fewer (at the start, or across a gap)"),
      averageWindowDays: z
        .number()
        .int()
        .min(1)
        .describe('the days with data in the average of the results: --average or fewer; 1 without an average'),
      eligible: z.number().int().min(0),
      energy: z.object({ twh: nullableNumber, lowerTwh: nullableNumber, upperTwh: nullableNumber }),
      power: z.object({ gw: nullableNumber, lowerGw: nullableNumber, upperGw: nullableNumber }),
    }),
  )
  .describe('mining-energy network --input: the bottom-up model day by day (null where no machine is eligible)');

/** `scenario --json`. */
export const ScenarioDocumentSchema = z
  .object({
    scenario: z.object({
      year: z.number().int(),
      month: z.string().nullable(),
      basis: z.object({
        series: z.string(),
        twh: z.number().describe("the year's energy: the published figure × factor"),
        source: z.string(),
        evidence: z.enum(EVIDENCE),
        coverage: z.enum(COVERAGES),
        factor: z.number().positive(),
      }),
      carbonBasis: z.enum(CARBON_BASES),
      bans: z.array(z.string()),
      redistribute: z.string(),
      moves: z.array(z.object({ from: z.string(), to: z.string(), pct: z.number() })),
    }),
    caveats: z.array(z.enum(CAVEATS)).describe("what the scenario's figures rest on, as estimate's caveat codes"),
    regions: z.array(
      z.object({
        id: z.string(),
        sharePct: z.object({ before: z.number(), after: z.number() }),
        before: footprint,
        after: footprint,
        change: footprint,
      }),
    ),
    total: z.object({ before: footprint, after: footprint, change: footprint }),
    uncertainty: z
      .object({
        settings: uncertaintySettings,
        total: changePercentiles,
        regions: z
          .array(changePercentiles.extend({ id: z.string() }))
          .describe('the regions the scenario names: banned, receiving, moved from or to'),
      })
      .nullable(),
    warnings: z.array(WarningSchema),
  })
  .describe('mining-energy scenario: each region before and after a ban or a move');
