import { formatCount } from '../text.js';
import { z } from 'zod';
import { isCalendarDate } from './dates.js';
import { MAX_BASELINE_COUNTRIES, YEAR_RANGE } from './limits.js';
import { INTENSITY_G_PER_KWH_RANGE } from './ranges.js';
import { CARBON_BASES, COVERAGES, daysInYear, EVIDENCE, REGION_KINDS } from './vocabulary.js';
import { ISO_DATE, KEBAB_ID, MAX_J_PER_TH, MONTH, NOT_BLANK } from './patterns.js';
import { HARDWARE_FIELDS, type HardwareRule } from './hardware-fields.js';

export { CARBON_BASES, COVERAGES, EVIDENCE };



const id = z
  .string()
  .regex(KEBAB_ID, 'must be a kebab-case id (lower-case letters and digits joined by single hyphens)');
const text = z.string().regex(NOT_BLANK, 'must not be empty or blank');
const year = z
  .number()
  .int('must be a whole year')
  .min(YEAR_RANGE.from, `must be ${YEAR_RANGE.from} or later`)
  .max(YEAR_RANGE.to, `must be ${YEAR_RANGE.to} or earlier`);
/** A finite number from `min` to `max` (a plausible range), with one message for anything else. */
const between = (min: number, max: number, what: string) => {
  const message = `must be ${what} from ${formatCount(min)} to ${formatCount(max)}`;
  return z.number(message).min(min, message).max(max, message);
};
// World electricity use is about 30,000 TWh a year (Ember, 2024): no mining figure can be near 1e5.
const twh = between(0, 1e5, 'a number of TWh');
/** A month's or a date's year is one a year may be (1990–2100), as the options' are. */
const inYears = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= YEAR_RANGE.from && year <= YEAR_RANGE.to;
};
const YEARS_MESSAGE = `must be in the years ${YEAR_RANGE.from} to ${YEAR_RANGE.to}`;
const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date')
  .refine(inYears, YEARS_MESSAGE);
const month = z.string().regex(MONTH, 'must be a month as YYYY-MM').refine(inYears, YEARS_MESSAGE);

const evidence = z.enum(EVIDENCE, `must be one of ${EVIDENCE.join(', ')}`);

export const SourceSchema = z
  .strictObject({
    id,
    title: text,
    publisher: text.optional(),
    year: year.optional(),
    url: z.url('must be a URL').optional(),
    licence: text.optional(),
    /** How the source itself was seen. */
    evidence,
    /** Who reported its figures, when they were seen only as a third party reported them. */
    reportedBy: text.optional(),
    /**
     * Sources whose figures of the same kind measure something else (another sample, another method), so that rows
     * resting on both are not to be read side by side; the relation holds both ways.
     */
    notComparableWith: z.array(id).optional(),
    note: text.optional(),
  })
  .refine((s) => s.evidence !== 'secondhand' || s.reportedBy !== undefined, {
    message: 'a secondhand source must say who reported it (reportedBy)',
    path: ['reportedBy'],
  });

export { REGION_KINDS } from './vocabulary.js';

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
  month,
  sharePct: z.number().min(0, 'must be a percentage from 0 to 100').max(100, 'must be a percentage from 0 to 100'),
  source: id,
  evidence,
  /** A share dataset used only when asked for (e.g. a survey); records without one form the default dataset. */
  dataset: id.optional(),
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
    mtco2: between(0, 1e5, 'a number of Mt CO2').optional(),
    evidence,
    coverage: z.enum(COVERAGES, `must be one of ${COVERAGES.join(', ')}`).optional(),
    days: z.number('must be a whole number of days').int('must be a whole number of days').min(1, 'must be at least 1 day').optional(),
    through: isoDate.optional(),
    asOf: z
      .string()
      .regex(/^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/, 'must be a month or a date, YYYY-MM or YYYY-MM-DD')
      .optional(),
    toYear: year.optional(),
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
  })
  .superRefine((v, context) => {
    const coverage = v.coverage ?? 'year';
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    for (const field of ['days', 'through', 'asOf', 'toYear'] as const) {
      const owner = COVERAGE_FIELDS[field];
      if (owner.coverage !== coverage && v[field] !== undefined) problem(field, `goes only with coverage ${owner.coverage}`);
      if (owner.coverage === coverage && owner.required && v[field] === undefined) {
        problem(field, `is required when coverage is ${coverage}`);
      }
    }
    if (v.through !== undefined && Number(v.through.slice(0, 4)) !== v.year) problem('through', `must be a date in ${v.year}`);
    if (v.asOf !== undefined && Number(v.asOf.slice(0, 4)) !== v.year) problem('asOf', `must be in ${v.year}`);
    if (v.toYear !== undefined && v.toYear <= v.year) problem('toYear', 'must be after year');
    if (v.days !== undefined && v.days >= daysInYear(v.year)) {
      problem('days', `must be fewer than the ${daysInYear(v.year)} days of ${v.year} (a whole year needs no coverage)`);
    } else if (v.days !== undefined && v.through !== undefined && v.through.startsWith(`${v.year}-`)) {
      const dayOfYear = (Date.parse(`${v.through}T00:00:00Z`) - Date.UTC(v.year, 0, 1)) / 86_400_000 + 1;
      if (v.days > dayOfYear) problem('days', `must be at most ${dayOfYear}: ${v.through} is day ${dayOfYear} of ${v.year}`);
    }
  });

/** The fields that go with each coverage, and whether it needs them. */
const COVERAGE_FIELDS = {
  days: { coverage: 'partial-year', required: true },
  through: { coverage: 'partial-year', required: true },
  asOf: { coverage: 'snapshot', required: false },
  toYear: { coverage: 'multi-year', required: true },
} as const;


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
  evidence,
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
    .min(1, 'must list at least one country')
    .max(
      MAX_BASELINE_COUNTRIES,
      `must list at most ${formatCount(MAX_BASELINE_COUNTRIES)} countries (MAX_BASELINE_COUNTRIES)`,
    ),
});


export const CarbonIntensitySchema = z.strictObject({
  region: id,
  year,
  // The dirtiest grids are near 1,000 g/kWh; coal-only plants about 1,000 over the life cycle.
  gco2PerKwh: between(INTENSITY_G_PER_KWH_RANGE.min, INTENSITY_G_PER_KWH_RANGE.max, 'g CO2 per kWh'),
  basis: z.enum(CARBON_BASES, `must be one of ${CARBON_BASES.join(', ')}`),
  source: id,
  evidence,
  derived: z.boolean().optional(),
  note: text.optional(),
});

/** The zod schema of each value rule of a hardware record (see HARDWARE_FIELDS). */
const HARDWARE_RULE_SCHEMAS = {
  text,
  date: isoDate,
  efficiency: z
    .number('must be a positive efficiency in J/TH')
    .positive('must be a positive efficiency in J/TH')
    .max(MAX_J_PER_TH, `must be a positive efficiency in J/TH, at most ${formatCount(MAX_J_PER_TH)}`),
  id,
  evidence,
  flag: z.boolean(),
} as const satisfies Record<HardwareRule, z.ZodType>;

type HardwareFields = typeof HARDWARE_FIELDS;
type HardwareShape = {
  -readonly [Name in keyof HardwareFields]: HardwareFields[Name] extends { optional: true }
    ? z.ZodOptional<(typeof HARDWARE_RULE_SCHEMAS)[HardwareFields[Name]['rule']]>
    : (typeof HARDWARE_RULE_SCHEMAS)[HardwareFields[Name]['rule']];
};

/** A hardware record: HARDWARE_FIELDS (hardware-fields.ts), each field's rule as its schema. */
export const HardwareSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(HARDWARE_FIELDS).map(([name, field]) => {
      const schema: z.ZodType = HARDWARE_RULE_SCHEMAS[field.rule];
      return [name, 'optional' in field ? schema.optional() : schema];
    }),
  ) as HardwareShape,
);

/**
 * A dated event after which shares recorded before it are unreliable: those of each region it names of its
 * parent, and those of the named regions' sub-regions of them (a ban in China unsettles China's share of the
 * world and Sichuan's share of China).
 */
export const EventSchema = z.strictObject({
  id,
  month,
  title: text,
  regions: z.array(id).min(1, 'must name at least one region'),
  source: id,
  evidence,
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
export type Event = z.infer<typeof EventSchema>;
export type { CarbonBasis, Coverage, Evidence } from './vocabulary.js';

/** The zod schema of each data file, keyed as in `Dataset`. */
export const DATA_SCHEMAS = {
  sources: z.array(SourceSchema),
  regions: z.array(RegionSchema),
  shares: z.array(HashrateShareSchema),
  networkEnergy: z.array(NetworkSeriesSchema),
  baselines: z.array(BaselineSchema),
  carbon: z.array(CarbonIntensitySchema),
  hardware: z.array(HardwareSchema),
  events: z.array(EventSchema),
} as const;
