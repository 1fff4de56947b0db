import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  type Dataset,
  estimate,
  estimateAll,
  estimateYears,
  indexData,
  networkBottomUp,
  networkSeries,
  rankAmong,
  runScenario,
} from '../../src/index.js';
import { shippedData } from '../helpers.js';
import { fuzzParameters, fuzzTimeoutMs, HOSTILE_TEXT } from './settings.js';
import { returnsOrRefuses } from './outcomes.js';

/**
 * The library's entry points on random options and on hand-built data (the shipped data with random records
 * changed): each returns figures that are all finite, or throws a DataError or UsageError of plain text. Never a
 * TypeError, never NaN, never a crash.
 */
const data = await shippedData();

const NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -Infinity,
  -1,
  -0,
  0,
  0.5,
  1,
  55,
  150,
  1e6,
  Number.MAX_VALUE * 10,
  2021,
];
const anything = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...HOSTILE_TEXT, '2021-04', '2021-02-30', 'bogus', 'age', 'mean') },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, {}, [], true, '202104') },
  { weight: 1, arbitrary: fc.double() },
);

const show = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))?.slice(
    0,
    400,
  ) ?? '';

/** An object of some of `keys`, each a valid value or a random one (drawn from `values`). */
const optionsOf = (valid: Record<string, unknown>, values: fc.Arbitrary<unknown> = anything) =>
  fc.array(fc.tuple(fc.constantFrom(...Object.keys(valid)), fc.boolean(), values), { maxLength: 4 }).map((changes) => {
    const options: Record<string, unknown> = { ...valid };
    for (const [key, drop, value] of changes) {
      if (drop) delete options[key];
      else options[key] = value;
    }
    return options;
  });

const bottomUp = {
  date: '2022-01-01',
  hashrateEhs: 180,
  thresholdJPerTh: 60,
  priceUsdPerKwh: 0.05,
  weighting: 'age',
  overheads: { lower: 1.01, best: 1.1, upper: 1.2 },
  hardware: data.hardware,
};

describe('the library on random options', () => {
  it(
    'estimate, rankAmong, networkBottomUp, networkSeries and runScenario return finite figures or refuse',
    () => {
      const basis = {
        method: 'bottom-up',
        year: 2021,
        twh: 100,
        lowerTwh: 80,
        upperTwh: 120,
        sources: [],
        inputs: {},
        warnings: [],
      };
      const call = fc.oneof(
        optionsOf({
          year: 2021,
          carbonBasis: 'life-cycle',
          month: undefined,
          basis: undefined,
          baseline: undefined,
        }).map((o) => ({ name: 'estimate', run: () => estimate(data, 'sichuan', o as never), o })),
        optionsOf({ ...basis }).map((b) => ({
          name: 'estimate basis',
          run: () => estimate(data, 'sichuan', { year: 2021, basis: b as never }),
          o: b,
        })),
        anything.map((twh) => ({
          name: 'rankAmong',
          run: () => rankAmong(data.baselines[0] as never, twh as never),
          o: twh,
        })),
        optionsOf(bottomUp).map((o) => ({ name: 'networkBottomUp', run: () => networkBottomUp(o as never), o })),
        fc
          .tuple(optionsOf({ ...bottomUp, smoothDays: 14 }), fc.array(fc.tuple(anything, anything), { maxLength: 4 }))
          .map(([o, cells]) => {
            const rows = cells.map(([hashrateEhs, date], i) => ({
              date: typeof date === 'string' ? date : `2021-01-${String(i + 1).padStart(2, '0')}`,
              hashrateEhs,
              thresholdJPerTh: 60,
            }));
            return { name: 'networkSeries', run: () => networkSeries(rows as never, o as never), o: { o, rows } };
          }),
        fc
          .record({
            bans: fc.array(fc.constantFrom('china', 'sichuan', 'xinjiang', 'united-states', 'world', 'atlantis'), {
              maxLength: 2,
            }),
            moves: fc.array(
              fc.record({
                from: fc.constantFrom('sichuan', 'xinjiang', 'yunnan', 'china', 'russia'),
                to: fc.constantFrom('sichuan', 'xinjiang', 'yunnan', 'texas', 'kazakhstan'),
                pct: anything,
              }),
              { maxLength: 3 },
            ),
            options: optionsOf({ year: 2021, carbonBasis: 'direct' }),
          })
          .map(({ bans, moves, options }) => ({
            name: 'runScenario',
            run: () =>
              runScenario(
                indexData(data),
                { bans, redistribute: { kind: 'proportional' }, moves } as never,
                options as never,
              ),
            o: { bans, moves, options },
          })),
      );
      fc.assert(
        fc.property(call, ({ name, run, o }) => returnsOrRefuses(run, `${name} ${show(o)}`)),
        fuzzParameters(200),
      );
    },
    fuzzTimeoutMs(30_000),
  );
});

/** The options of an estimate, valid or random; the random ones include real names of the wrong kind. */
const estimateOptions = (valid: Record<string, unknown>) =>
  optionsOf(
    { carbonBasis: 'life-cycle', series: undefined, shareDataset: undefined, strictBreaks: false, ...valid },
    fc.oneof(
      { weight: 3, arbitrary: anything },
      {
        weight: 1,
        arbitrary: fc.constantFrom<unknown>(
          'country',
          'province',
          'state',
          'other',
          'direct',
          'cbeci',
          'ember-2024',
          'cia-2016',
          'cdmir-survey-2024',
          { low: 24, high: 820 },
          { low: 820, high: 24 },
          { from: 2019, to: 2021 },
        ),
      },
    ),
  );

/** A year as a range's end: a year the data covers, near it, or anything. */
const yearEnd = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 2015, max: 2030 }) },
  { weight: 1, arbitrary: anything },
);

describe('the library on random options, over years and regions', () => {
  it(
    'estimateYears returns a record for each year (an estimate or why not), or refuses',
    () => {
      const call = fc
        .record({
          region: fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom('sichuan', 'china', 'world', 'texas', 'other') },
            { weight: 1, arbitrary: fc.constantFrom('atlantis', ...HOSTILE_TEXT) },
          ),
          range: fc.oneof(
            {
              weight: 4,
              arbitrary: fc
                .tuple(fc.integer({ min: 2015, max: 2030 }), fc.nat({ max: 8 }))
                .map(([from, length]) => ({ from, to: from + length })),
            },
            { weight: 2, arbitrary: fc.record({ from: yearEnd, to: yearEnd }) },
            { weight: 1, arbitrary: anything },
          ),
          options: estimateOptions({ baseline: undefined }),
        })
        .map(({ region, range, options }) => ({
          run: () => {
            const records = estimateYears(data, region, range as never, options as never);
            const { from, to } = range as { from: number; to: number };
            // One record for each year asked, in order: an estimate or a record of why not.
            if (records.length !== to - from + 1) throw new Error(`${records.length} records for ${from}-${to}`);
            for (const [i, r] of records.entries()) {
              if (r.year !== from + i) throw new Error(`record ${i} is for ${r.year}, not ${from + i}`);
            }
            return records;
          },
          o: { region, range, options },
        }));
      fc.assert(
        fc.property(call, ({ run, o }) => returnsOrRefuses(run, `estimateYears ${show(o)}`)),
        fuzzParameters(60),
      );
    },
    fuzzTimeoutMs(30_000),
  );

  it(
    'estimateAll returns its records or refuses',
    () => {
      const call = estimateOptions({ year: 2021, month: undefined, kind: undefined, baseline: undefined }).map(
        (options) => ({ run: () => [...estimateAll(data, options as never)], o: options }),
      );
      fc.assert(
        fc.property(call, ({ run, o }) => returnsOrRefuses(run, `estimateAll ${show(o)}`)),
        fuzzParameters(25),
      );
    },
    fuzzTimeoutMs(60_000),
  );
});

/** A copy of the shipped data with its records copied, so that a change to one does not reach the others. */
function copyOf(source: Dataset): Dataset {
  return {
    ...source,
    regions: source.regions.map((r) => ({ ...r })),
    shares: source.shares.map((s) => ({ ...s })),
    networkEnergy: source.networkEnergy.map((s) => ({ ...s, values: s.values.map((v) => ({ ...v })) })),
    baselines: source.baselines.map((b) => ({ ...b, values: b.values.map((v) => ({ ...v })) })),
    carbon: source.carbon.map((c) => ({ ...c })),
    hardware: source.hardware.map((h) => ({ ...h })),
  };
}

/** One change to a copy of the data: a field of a record set to a random value, a record repeated, a parent moved. */
const change = fc.oneof(
  fc
    .tuple(fc.nat(), fc.constantFrom('sharePct', 'month', 'region'), anything)
    .map(([i, field, value]) => (d: Dataset) => {
      const record = d.shares[i % d.shares.length] as unknown as Record<string, unknown>;
      record[field] = value;
    }),
  fc
    .tuple(fc.nat(), fc.nat(), fc.constantFrom('twh', 'lowerTwh', 'upperTwh', 'year'), anything)
    .map(([i, j, field, value]) => (d: Dataset) => {
      const series = d.networkEnergy[i % d.networkEnergy.length] as Dataset['networkEnergy'][number];
      (series.values[j % series.values.length] as unknown as Record<string, unknown>)[field] = value;
    }),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (d: Dataset) => {
    const region = d.regions[i % d.regions.length] as { parent: string | null };
    region.parent = (d.regions[j % d.regions.length] as { id: string }).id;
  }),
  fc.nat().map((i) => (d: Dataset) => {
    d.shares.push({ ...(d.shares[i % d.shares.length] as Dataset['shares'][number]) });
  }),
  fc.tuple(fc.nat(), anything).map(([i, value]) => (d: Dataset) => {
    (d.carbon[i % d.carbon.length] as unknown as Record<string, unknown>).gco2PerKwh = value;
  }),
  fc.tuple(fc.nat(), anything).map(([i, value]) => (d: Dataset) => {
    (d.hardware[i % d.hardware.length] as unknown as Record<string, unknown>).jPerTh = value;
  }),
);

describe('the library on hand-built data', () => {
  it(
    'estimate and runScenario on the shipped data with random records changed return finite figures or refuse',
    () => {
      fc.assert(
        fc.property(
          fc.array(change, { minLength: 1, maxLength: 3 }),
          fc.constantFrom(2019, 2021, 2024),
          (changes, year) => {
            const hand = copyOf(data);
            for (const apply of changes) apply(hand);
            returnsOrRefuses(() => estimate(hand, 'sichuan', { year }), `estimate ${year}`);
            returnsOrRefuses(
              () =>
                runScenario(
                  indexData(hand),
                  { bans: ['china'], redistribute: { kind: 'proportional' }, moves: [] },
                  { year },
                ),
              `runScenario ${year}`,
            );
          },
        ),
        fuzzParameters(60),
      );
    },
    fuzzTimeoutMs(60_000),
  );
});
