import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id');
const month = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');
const text = z.string().min(1, 'must not be empty');

/** A figure to rank or compare: a number, or a network-energy series' value for a year. */
const FigureSchema = z.union([
  z.strictObject({ twh: z.number().min(0) }),
  z.strictObject({ series: id, year: z.number().int() }),
]);

export const CheckSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('share'),
    region: id,
    month,
    expectedPct: z.number().min(0).max(100),
    tolerancePct: z.number().min(0),
    independent: z.strictObject({ region: id, month }).optional(),
  }),
  z.strictObject({ type: z.literal('share-rank'), region: id, month, rank: z.number().int().min(1) }),
  z.strictObject({ type: z.literal('share-above'), region: id, other: id, from: month, to: month.optional() }),
  z
    .strictObject({
      type: z.literal('share-threshold'),
      region: id,
      month: month.optional(),
      /** Every month recorded in this year must be above the threshold. */
      year: z.number().int().optional(),
      abovePct: z.number().min(0).max(100),
    })
    .refine((check) => (check.month === undefined) !== (check.year === undefined), {
      message: 'give a month or a year, not both',
      path: ['month'],
    }),
  z.strictObject({ type: z.literal('shares-rise'), regions: z.array(id).min(1), from: month, to: month }),
  z.strictObject({
    type: z.literal('series-value'),
    series: id,
    year: z.number().int(),
    expectedTwh: z.number().min(0),
    toleranceTwh: z.number().min(0),
  }),
  z.strictObject({
    type: z.literal('figure-above'),
    figure: FigureSchema,
    baseline: id,
    countries: z.array(text).min(1),
  }),
  z.strictObject({
    type: z.literal('projection-vs-measured'),
    /** The projection. */
    series: id,
    year: z.number().int(),
    /** The region the projection is for; its measured energy is what `estimate` gives for the year. */
    region: id,
    /** Reproduced when the projection is within this fraction of the measurement (0.25 = ±25%). */
    toleranceRatio: z.number().min(0),
  }),
  z.strictObject({ type: z.literal('none'), reason: text }),
]);

export const SeedSchema = z.strictObject({
  document: z.strictObject({
    id,
    title: text,
    published: z.string().regex(/^\d{4}(?:-\d{2})?$/, 'must be YYYY or YYYY-MM'),
    source: id,
    file: text.optional(),
  }),
  claims: z
    .array(z.strictObject({ id, claim: text, check: CheckSchema, note: text.optional() }))
    .min(1, 'must list at least one claim'),
});

export type Check = z.infer<typeof CheckSchema>;
export type Seed = z.infer<typeof SeedSchema>;
