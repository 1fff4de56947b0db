import { z } from 'zod';
import { WarningSchema } from './warning.js';
import { CAVEATS } from '../data/vocabulary.js';
import { CARBON_BASES, COVERAGES, EVIDENCE, OBTAINED } from '../data/vocabulary.js';
import { MEASURES, REGION_KINDS, SERIES_KINDS } from '../data/schemas.js';
import {
  NetworkDocumentSchema,
  NetworkSeriesDocumentSchema,
  ScenarioDocumentSchema,
  UncertaintySettingsSchema,
} from './models.js';

const evidence = z.enum(EVIDENCE).describe('how the figure was seen: primary, copy, computed or secondhand');

const twhOrNull = z.number().min(0).nullable();
const pct = z.number().min(0).max(100);

/** With --years: where a year's estimate rests on another series or share source than the year before's. */
export const ChangeSchema = z.object({
  what: z.enum(['basis', 'share']).describe('basis: the network series changes; share: a share link changes source'),
  region: z.string().nullable().describe('for a share: the region of the link (its share of `of`); else null'),
  of: z.string().nullable(),
  from: z.array(z.string()).describe("the series id, or the link's source ids, of the year before"),
  to: z.array(z.string()).describe('those of this year'),
  comparable: z
    .boolean()
    .describe(
      'false when the data mark the sources before and after as not comparable (sources.json notComparableWith)',
    ),
});

/**
 * The `estimate --json` contract: one element of the array it prints (and one line of ndjson).
 * Published as docs/estimate.schema.json by `npm run schema`, with the other commands' schemas.
 */
export const EstimateOutputSchema = z
  .object({
    record: z
      .literal('estimate')
      .describe('what the record is: an estimate here; `estimate --all` and --skip-missing add other records'),
    region: z.object({ id: z.string(), name: z.string(), kind: z.enum(REGION_KINDS), parent: z.string().nullable() }),
    year: z.number().int().describe('the calendar year of the network total (basis.year)'),
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .nullable()
      .describe(
        "the month whose shares are used, or null for a year; the energy is then that month's share of the year's network total, TWh a year, not the month's own energy",
      ),
    energy: z
      .object({
        twh: z.number().min(0),
        lowerTwh: twhOrNull.describe(
          "the bounds: a 5th percentile, in closed form, of the basis's bounds and the shares' uncertainty combined (docs/methodology.md); null when neither is uncertain",
        ),
        upperTwh: twhOrNull.describe('the bounds: a 95th percentile, by the same rule'),
        p5: z.number().min(0).optional().describe('with --uncertainty: the 5th percentile, TWh'),
        p50: z.number().min(0).optional().describe('with --uncertainty: the median, TWh'),
        p95: z.number().min(0).optional().describe('with --uncertainty: the 95th percentile, TWh'),
      })
      .describe('annual electricity, TWh (for a month: a yearly rate at its shares)'),
    power: z
      .object({ gw: z.number().min(0), lowerGw: twhOrNull, upperGw: twhOrNull })
      .describe('average power, GW = TWh / 8.766'),
    share: z.object({
      pct: pct.describe("the region's share of the basis scope's hashrate, percent"),
      of: z.string(),
      links: z.array(
        z.object({
          region: z.string(),
          of: z.string(),
          pct,
          months: z.array(z.string()),
          distanceMonths: z
            .number()
            .int()
            .describe(
              '0 when recorded in the period; else the signed distance in months of the nearest record the share rests on',
            ),
          sources: z.array(z.string()),
          evidence,
          dataset: z.string().nullable().describe('the share dataset used (e.g. a survey), or null for the default'),
          approximate: z.boolean(),
          precisionPct: z.number().min(0).nullable(),
          breaks: z
            .array(z.string())
            .describe(
              'structural breaks (data/events.json) the share crosses to reach the period: it may not hold across them',
            ),
          notes: z.array(z.string()),
          obtained: z
            .enum(OBTAINED)
            .describe(
              'recorded: the mean of records in the period; interpolated: on the straight line between the nearest records on each side; carried: the nearest record, as it is',
            ),
          restsOn: z
            .array(
              z.object({
                month: z.string().regex(/^\d{4}-\d{2}$/),
                pct,
                source: z.string(),
                evidence,
              }),
            )
            .describe(
              'the records the share rests on: those averaged, the two interpolated between, or the one carried',
            ),
          secondhand: z.boolean().describe('whether a record it rests on is secondhand or computed from one'),
          spreadPct: z
            .number()
            .min(0)
            .describe(
              "± percentage points: the share's uncertainty (stated precision, growth with distance from its records, the widest across a break), drawn uniformly by the Monte Carlo and combined into the bounds",
            ),
        }),
      ),
    }),
    basis: z.object({
      series: z.string(),
      scope: z.string(),
      kind: z.enum(SERIES_KINDS),
      year: z.number().int(),
      twh: z.number().min(0),
      lowerTwh: twhOrNull.describe("the basis's own lower bound, as its series gives it"),
      upperTwh: twhOrNull.describe("the basis's own upper bound, as its series gives it"),
      source: z.string(),
      evidence,
      coverage: z
        .enum(COVERAGES)
        .describe('what the published figure covers: a year, part of one (annualised), a reading, several years'),
      publishedTwh: z.number().min(0).describe('the figure as published'),
      factor: z.number().positive().describe('twh = publishedTwh × factor'),
      days: z.number().int().nullable(),
      through: z.string().nullable(),
      asOf: z.string().nullable(),
      fromYear: z.number().int().nullable(),
      toYear: z.number().int().nullable(),
      approximate: z.boolean(),
      derived: z.boolean(),
      alternatives: z
        .array(
          z.object({
            series: z.string(),
            kind: z.enum(SERIES_KINDS),
            coverage: z.enum(COVERAGES),
            evidence,
            twh: z.number().min(0),
          }),
        )
        .describe('other series for the same scope and year, on the same rules: where sources disagree'),
      inputs: z
        .record(z.string(), z.union([z.number(), z.string(), z.null()]))
        .optional()
        .describe('the model inputs, for a computed basis (series bottom-up or top-down; source "computed")'),
    }),
    carbon: z
      .object({
        mtco2: z.number().min(0),
        lowerMtco2: z.number().min(0).nullable(),
        upperMtco2: z.number().min(0).nullable(),
        gco2PerKwh: z.number().min(0),
        region: z.string(),
        year: z.number().int(),
        basis: z.enum(CARBON_BASES).describe('life-cycle CO2-equivalent or direct combustion CO2'),
        mixedBases: z.boolean(),
        source: z.string(),
        evidence,
        derived: z.boolean(),
        reported: z.object({ mtco2: z.number().min(0), source: z.string() }).nullable(),
        weights: z
          .array(
            z.object({
              region: z.string().describe("the region whose own hashrate (less its recorded sub-regions') this is"),
              sharePct: pct.describe("share of the estimated region's hashrate, 0-100"),
              gco2PerKwh: z.number().min(0),
              intensityRegion: z.string(),
              year: z.number().int(),
              basis: z.enum(CARBON_BASES),
              source: z.string(),
            }),
          )
          .nullable()
          .describe(
            'when the region is priced at more than one intensity (its recorded sub-regions at their own): the parts and intensities behind the share-weighted mean',
          ),
        bracket: z
          .object({
            lowGco2PerKwh: z.number().min(0),
            highGco2PerKwh: z.number().min(0),
            lowMtco2: z.number().min(0),
            highMtco2: z.number().min(0),
          })
          .nullable()
          .describe('with --carbon-bracket: all-hydro to all-coal, over the energy bounds'),
        p5: z.number().min(0).optional(),
        p50: z.number().min(0).optional(),
        p95: z.number().min(0).optional(),
      })
      .nullable(),
    comparison: z
      .object({
        baseline: z.string(),
        measure: z.enum(MEASURES),
        year: z.number().int().describe("the list's year; a country's own figure may be of another"),
        rank: z.number().int().min(1),
        count: z.number().int().min(0),
        above: z
          .object({ country: z.string(), twh: z.number(), year: z.number().int().describe("the figure's own year") })
          .nullable(),
        below: z
          .object({ country: z.string(), twh: z.number(), year: z.number().int().describe("the figure's own year") })
          .nullable(),
        pctOfCountry: z.number().min(0).nullable(),
        country: z.string().nullable(),
        countryYear: z.number().int().nullable().describe("the year of the region's country's figure"),
      })
      .nullable(),
    evidence: evidence.describe('the weakest grade among the basis and the shares'),
    caveats: z
      .array(z.enum(CAVEATS))
      .describe('what the estimate rests on that a reader must know, as codes to filter on'),
    sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().nullable() })),
    warnings: z.array(WarningSchema),
    uncertainty: UncertaintySettingsSchema.nullable().describe('the Monte Carlo settings, with --uncertainty'),
    changes: z
      .array(ChangeSchema)
      .optional()
      .describe(
        'with --years only: what this year rests on that the year before (the previous record) did not; empty for the first year',
      ),
  })
  .describe('mining-energy estimate: one region, one period');

const regionOfRecord = z.object({ id: z.string(), name: z.string(), kind: z.string(), parent: z.string().nullable() });

/**
 * `estimate --all`: the part of a region's energy that its breakdown does not attribute to any of its recorded
 * parts, so that the parts and the remainder add up to the region.
 */
export const RemainderOutputSchema = z
  .object({
    record: z.literal('remainder'),
    region: regionOfRecord.describe(
      'id `<parent>/unattributed`, kind `remainder`, parent the region whose breakdown leaves it unattributed',
    ),
    year: z.number().int(),
    month: z.string().nullable(),
    energy: z
      .object({
        twh: z.number().describe("the parent's TWh less the sum of its parts' TWh in the same document"),
        lowerTwh: z
          .number()
          .nullable()
          .describe("the parent's bounds scaled to the remainder; null when it is negative"),
        upperTwh: z.number().nullable(),
      })
      .describe('annual electricity, TWh'),
    share: z.object({
      pct: z
        .number()
        .nullable()
        .describe("100% of the parent's share less its parts' shares; null when they rest on other bases"),
      of: z.string(),
    }),
    parts: z.array(z.string()).describe('the ids of the parts it completes'),
    note: z.string(),
  })
  .describe('mining-energy estimate --all: the unattributed rest of a breakdown');

/** `--skip-missing` (and `estimate --all`): a region, or a year of --years, that could not be estimated, and why. */
export const SkippedOutputSchema = z
  .object({
    record: z.literal('skipped'),
    region: regionOfRecord,
    year: z.number().int().nullable().describe('the year that could not be estimated, or null for the default year'),
    month: z.string().nullable(),
    reason: z.string(),
  })
  .describe('mining-energy estimate: a region left out, and why');

/** The whole `estimate --json` document. */
export const EstimateDocumentSchema = z.array(
  z.discriminatedUnion('record', [EstimateOutputSchema, RemainderOutputSchema, SkippedOutputSchema]),
);

/** The published JSON Schemas: file name in docs/ → zod schema and title. */
export const PUBLISHED_SCHEMAS: Record<string, { schema: z.ZodType; title: string }> = {
  'estimate.schema.json': { schema: EstimateDocumentSchema, title: 'mining-energy estimate --json' },
  'network.schema.json': { schema: NetworkDocumentSchema, title: 'mining-energy network --json' },
  'network-series.schema.json': { schema: NetworkSeriesDocumentSchema, title: 'mining-energy network --input --json' },
  'scenario.schema.json': { schema: ScenarioDocumentSchema, title: 'mining-energy scenario --json' },
};

/** The JSON Schema published as docs/<file>. */
export function publishedJsonSchema(file: string): Record<string, unknown> {
  const entry = PUBLISHED_SCHEMAS[file];
  if (!entry) throw new Error(`no published schema ${file}`);
  return {
    ...z.toJSONSchema(entry.schema),
    $id: `https://github.com/mining-energy/mining-energy/docs/${file}`,
    title: entry.title,
  };
}
