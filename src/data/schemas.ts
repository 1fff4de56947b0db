import { z } from 'zod';

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;

const id = z
  .string()
  .regex(KEBAB_ID, 'must be a kebab-case id (lower-case letters and digits joined by single hyphens)');
const text = z.string().min(1, 'must not be empty');
const year = z
  .number()
  .int('must be a whole year')
  .min(1990, 'must be 1990 or later')
  .max(2100, 'must be 2100 or earlier');
const twh = z.number().min(0, 'must be a non-negative number of TWh');

export const SourceSchema = z.strictObject({
  id,
  title: text,
  publisher: text.optional(),
  year: year.optional(),
  url: z.url('must be a URL').optional(),
  licence: text.optional(),
  note: text.optional(),
});

export const REGION_KINDS = ['world', 'country', 'province', 'state', 'other'] as const;

export const RegionSchema = z.strictObject({
  id,
  name: text,
  kind: z.enum(REGION_KINDS),
  parent: id.nullable(),
  iso: z
    .string()
    .regex(/^(?:[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$/, 'must be ISO 3166-1 alpha-3 (CHN) or ISO 3166-2 (CN-SC)')
    .optional(),
  aliases: z.array(text).optional(),
  note: text.optional(),
});

export const HashrateShareSchema = z.strictObject({
  region: id,
  month: z.string().regex(MONTH, 'must be a month as YYYY-MM'),
  sharePct: z.number().min(0, 'must be a percentage from 0 to 100').max(100, 'must be a percentage from 0 to 100'),
  source: id,
  approximate: z.boolean().optional(),
  precisionPct: z.number().min(0, 'must be a non-negative number of percentage points').max(100).optional(),
  note: text.optional(),
});

export const SERIES_KINDS = ['estimate', 'projection'] as const;

const NetworkValueSchema = z
  .strictObject({
    year,
    twh,
    lowerTwh: twh.optional(),
    upperTwh: twh.optional(),
    mtco2: z.number().min(0, 'must be a non-negative number of Mt CO2').optional(),
    approximate: z.boolean().optional(),
    derived: z.boolean().optional(),
    note: text.optional(),
  })
  .refine((v) => v.lowerTwh === undefined || v.lowerTwh <= v.twh, {
    message: 'lowerTwh must not exceed twh',
    path: ['lowerTwh'],
  })
  .refine((v) => v.upperTwh === undefined || v.twh <= v.upperTwh, {
    message: 'upperTwh must not be below twh',
    path: ['upperTwh'],
  });

export const NetworkSeriesSchema = z.strictObject({
  id,
  scope: id,
  kind: z.enum(SERIES_KINDS),
  source: id,
  note: text.optional(),
  values: z.array(NetworkValueSchema).min(1, 'must have at least one value'),
});

export const MEASURES = ['consumption', 'demand', 'generation'] as const;

export const BaselineSchema = z.strictObject({
  id,
  name: text,
  measure: z.enum(MEASURES),
  year,
  source: id,
  note: text.optional(),
  values: z
    .array(
      z.strictObject({
        country: text,
        iso3: z
          .string()
          .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
          .optional(),
        twh,
        year: year.optional(),
        note: text.optional(),
      }),
    )
    .min(1, 'must list at least one country'),
});

export const CarbonIntensitySchema = z.strictObject({
  region: id,
  year,
  gco2PerKwh: z.number().min(0, 'must be a non-negative number of g CO2 per kWh'),
  source: id,
  derived: z.boolean().optional(),
  note: text.optional(),
});

export const HardwareSchema = z.strictObject({
  model: text,
  released: z
    .string()
    .regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'must be a release date as YYYY-MM-DD')
    .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'must be a real calendar date'),
  jPerTh: z.number().positive('must be a positive efficiency in J/TH'),
  source: id,
  approximate: z.boolean().optional(),
  note: text.optional(),
});

export type Source = z.infer<typeof SourceSchema>;
export type Region = z.infer<typeof RegionSchema>;
export type RegionKind = Region['kind'];
export type HashrateShare = z.infer<typeof HashrateShareSchema>;
export type NetworkSeries = z.infer<typeof NetworkSeriesSchema>;
export type NetworkValue = NetworkSeries['values'][number];
export type Baseline = z.infer<typeof BaselineSchema>;
export type BaselineValue = Baseline['values'][number];
export type CarbonIntensity = z.infer<typeof CarbonIntensitySchema>;
export type Hardware = z.infer<typeof HardwareSchema>;

/** The zod schema of each data file, keyed as in `Dataset`. */
export const DATA_SCHEMAS = {
  sources: z.array(SourceSchema),
  regions: z.array(RegionSchema),
  shares: z.array(HashrateShareSchema),
  networkEnergy: z.array(NetworkSeriesSchema),
  baselines: z.array(BaselineSchema),
  carbon: z.array(CarbonIntensitySchema),
  hardware: z.array(HardwareSchema),
} as const;
