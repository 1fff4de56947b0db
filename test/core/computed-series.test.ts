import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/core/catalogue.js';
import { estimate } from '../../src/core/estimate.js';
import { computedSeriesOf, describeComparison } from '../../src/core/network/computed-series.js';
import { DailyInputs, KEPT_RESULT_FILE } from '../../src/data/daily-inputs.js';
import { textChecksum } from '../../src/data/file-stamp.js';
import { DataError } from '../../src/errors.js';
import type { Dataset } from '../../src/data/dataset.js';
import type { Hardware, NetworkSeries } from '../../src/data/schemas.js';
import { tinyDataset } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mining-energy-computed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Four days at 100 EH/s (1e8 TH/s) and a threshold of 100 J/TH, which both machines are under (a constant
 * threshold is its own 14-day mean). Power (W) = J/TH × TH/s × overhead:
 *   lower = 30 × 1e8 × 1.01 = 3.03 GW; upper = 50 × 1e8 × 1.20 = 6 GW, every day;
 *   best in December 2019, both machines under 12 months old (weights 1, 1): 40 × 1e8 × 1.10 = 4.4 GW;
 *   best in January 2020, M1 is 12 months old (weight 0.8): (0.8 × 50 + 30) / 1.8 = 38.89 J/TH → 4.2778 GW.
 * A day's energy is GW × 24 / 1000 TWh, so each year (two days) holds:
 *   2019: best 2 × 4.4 × 0.024 = 0.2112, lower 2 × 3.03 × 0.024 = 0.14544, upper 2 × 6 × 0.024 = 0.288;
 *   2020: best 2 × 4.27778 × 0.024 = 0.205333, lower 0.14544, upper 0.288.
 */
const INPUTS = `date,hashrateEhs,thresholdJPerTh
2019-12-30,100,100
2019-12-31,100,100
2020-01-01,100,100
2020-01-02,100,100
`;
const HARDWARE: Hardware[] = [
  { model: 'M1', released: '2019-01-01', jPerTh: 50, source: 'test', evidence: 'primary' },
  { model: 'M2', released: '2019-06-01', jPerTh: 30, source: 'test', evidence: 'primary' },
];
const BEST_2019 = 0.2112;
const BEST_2020 = 2 * ((0.8 * 50 + 30) / 1.8) * 1e8 * 1.1 * 1e-9 * 0.024;

const series = (id: string, values: NetworkSeries['values']): NetworkSeries => ({
  id,
  scope: 'world',
  kind: 'estimate',
  source: 'test',
  values,
});

/** CBECI's 2020, two days of it (the days the inputs hold), and readings of 2019 and 2022. */
const NETWORK = [
  series('cbeci', [
    {
      year: 2020,
      twh: 0.1,
      lowerTwh: 0.1,
      upperTwh: 0.3,
      evidence: 'computed',
      coverage: 'partial-year',
      days: 2,
      through: '2020-01-02',
    },
  ]),
  series('reading', [
    { year: 2019, twh: 50, evidence: 'copy', coverage: 'snapshot', asOf: '2019-07-01' },
    { year: 2022, twh: 70, evidence: 'copy', coverage: 'snapshot', asOf: '2022-07-01' },
  ]),
];

let files = 0;
function withInputs(text: string, overrides: Partial<Dataset> = {}): Dataset {
  const path = join(dir, `inputs-${files++}.csv`);
  writeFileSync(path, text);
  return {
    ...tinyDataset({ hardware: HARDWARE, networkEnergy: NETWORK, ...overrides }),
    dailyInputs: new DailyInputs(path),
  };
}

describe('the computed bottom-up series', () => {
  it('sums each calendar year of the days into TWh with bounds, each year part of a year', () => {
    const computed = computedSeriesOf(withInputs(INPUTS));
    expect(computed?.series).toMatchObject({ id: 'bottom-up', scope: 'world', kind: 'estimate' });
    const [y2019, y2020] = computed?.series.values ?? [];
    expect(y2019).toMatchObject({ year: 2019, coverage: 'partial-year', days: 2, through: '2019-12-31' });
    expect(y2019?.evidence).toBe('computed');
    expect(y2019?.twh).toBeCloseTo(BEST_2019, 12);
    expect(y2019?.lowerTwh).toBeCloseTo(0.14544, 12);
    expect(y2019?.upperTwh).toBeCloseTo(0.288, 12);
    expect(y2020).toMatchObject({ year: 2020, coverage: 'partial-year', days: 2, through: '2020-01-02' });
    expect(y2020?.twh).toBeCloseTo(0.205333333333, 10);
    expect(y2020?.lowerTwh).toBeCloseTo(0.14544, 12);
  });

  it('counts a year with every day as a whole year', () => {
    const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10));
    const text = `date,hashrateEhs,thresholdJPerTh\n${days.map((d) => `${d},100,100`).join('\n')}\n`;
    const hardware: Hardware[] = [
      { model: 'M', released: '2018-06-01', jPerTh: 50, source: 'test', evidence: 'primary' },
    ];
    const [year] = computedSeriesOf(withInputs(text, { hardware }))?.series.values ?? [];
    // One machine: best 50 × 1e8 × 1.10 = 5.5 GW every day, 5.5 × 24 × 365 / 1000 = 48.18 TWh.
    expect(year?.coverage).toBeUndefined();
    expect(year?.twh).toBeCloseTo(48.18, 9);
    expect(year?.lowerTwh).toBeCloseTo(5.05 * 24 * 0.365, 9);
    expect(year?.upperTwh).toBeCloseTo(6 * 24 * 0.365, 9);
  });

  it("compares each year with CBECI's over the days both cover", () => {
    const { comparison = [] } = computedSeriesOf(withInputs(INPUTS)) ?? {};
    expect(comparison).toHaveLength(1);
    expect(comparison[0]).toMatchObject({ year: 2020, days: 2, through: '2020-01-02', referenceTwh: 0.1 });
    expect(comparison[0]?.ratio).toBeCloseTo(BEST_2020 / 0.1, 12);
    expect(describeComparison(comparison)).toBe(
      "2.05× CBECI's totals in 2020 (2020 over the 2 days both cover, to 2020-01-02)",
    );
  });

  it('gives the ratios of the last five years, then of all', () => {
    const ratio = (year: number, value: number, days = year % 4 === 0 ? 366 : 365) => ({
      year,
      days,
      through: `${year}-12-31`,
      twh: value,
      lowerTwh: 0,
      upperTwh: 0,
      referenceTwh: 1,
      referenceLowerTwh: null,
      referenceUpperTwh: null,
      ratio: value,
    });
    const ratios = [
      ratio(2015, 0.5),
      ratio(2016, 0.9),
      ratio(2017, 1.1),
      ratio(2018, 1),
      ratio(2019, 1.2),
      ratio(2020, 0.95, 300),
    ];
    expect(describeComparison(ratios)).toBe(
      "0.90–1.20× CBECI's totals in 2016–2020 (2020 over the 300 days both cover, to 2020-12-31; 0.50–1.20× in 2015–2020)",
    );
  });
});

describe("the computed series of a user's own inputs, kept beside them", () => {
  /** A dataset on inputs in a directory of their own, whose results may be kept there or not. */
  function inDirectory(text: string, keepResults: boolean): { data: () => Dataset; kept: string; path: string } {
    const own = join(dir, `own-${files++}`);
    mkdirSync(own);
    const path = join(own, 'network-inputs.csv');
    writeFileSync(path, text);
    const data = () => ({
      ...tinyDataset({ hardware: HARDWARE, networkEnergy: NETWORK }),
      dailyInputs: new DailyInputs(path, keepResults),
    });
    return { data, kept: join(own, KEPT_RESULT_FILE), path };
  }

  it('is kept after it is computed, used by a later run while the inputs are the same, and computed again when they change', () => {
    const { data, kept, path } = inDirectory(INPUTS, true);
    expect(computedSeriesOf(data())?.series.values[0]?.twh).toBeCloseTo(BEST_2019, 12);
    expect(existsSync(kept)).toBe(true);
    // The kept file is read, not the inputs computed again: a value planted in it comes back. It holds no copy of
    // the inputs, only the state of their file.
    const record = JSON.parse(readFileSync(kept, 'utf8')) as { inputs: number[]; value: { series: NetworkSeries } };
    expect(record.inputs[0]).toBe(Buffer.byteLength(INPUTS));
    (record.value.series.values[0] as { twh: number }).twh = 123;
    writeFileSync(kept, JSON.stringify(record));
    expect(computedSeriesOf(data())?.series.values[0]?.twh).toBe(123);
    // One day more: the kept result is not these inputs', so the series is computed again (and kept anew).
    writeFileSync(path, `${INPUTS}2020-01-03,100,100\n`);
    const again = computedSeriesOf(data());
    expect(again?.series.values[0]?.twh).toBeCloseTo(BEST_2019, 12);
    expect(again?.series.values[1]).toMatchObject({ days: 3, through: '2020-01-03' });
    expect((JSON.parse(readFileSync(kept, 'utf8')) as { inputs: number[] }).inputs[0]).toBe(
      Buffer.byteLength(INPUTS) + 19,
    );
  });

  it("is never written beside inputs that are not the user data directory's", () => {
    const { data, kept } = inDirectory(INPUTS, false);
    expect(computedSeriesOf(data())?.series.values[0]?.twh).toBeCloseTo(BEST_2019, 12);
    expect(existsSync(kept)).toBe(false);
  });

  it("is kept for the user's data directory as loadData reads it, and never in a --data directory", async () => {
    const { loadData } = await import('../../src/data/load.js');
    const days = 'date,hashrateEhs,revenueUsd\n2025-01-01,800,4e7\n2025-01-02,810,4e7\n';
    for (const [option, keeps] of [
      ['userDir', true],
      ['dataDir', false],
    ] as const) {
      const own = join(dir, `${option}-${files++}`);
      mkdirSync(own);
      writeFileSync(join(own, 'network-inputs.csv'), days);
      writeFileSync(join(own, 'sources.json'), '[]\n');
      const data = await loadData({ [option]: own });
      expect(data.dailyInputs?.path).toBe(join(own, 'network-inputs.csv'));
      expect(computedSeriesOf(data)?.series.values.map((v) => v.days)).toEqual([2]);
      expect(existsSync(join(own, KEPT_RESULT_FILE)), option).toBe(keeps);
    }
  });

  it('is kept with the state of the file its text was read from, so that inputs replaced meanwhile are never paired with it', () => {
    const { path } = inDirectory(INPUTS, true);
    const inputs = new DailyInputs(path, true);
    inputs.rows();
    // data update replaces the file while the series is being computed from the old text.
    writeFileSync(`${path}.new`, `${INPUTS}2020-01-03,100,100\n`);
    renameSync(`${path}.new`, path);
    inputs.keep({ b: 1 }, { marker: 'old' });
    expect(new DailyInputs(path, true).precomputed({ b: 1 })).toBeUndefined();
    // Written again with the very text the value came from: a new state, so computed again rather than trusted.
    writeFileSync(path, INPUTS);
    expect(new DailyInputs(path, true).precomputed({ b: 1 })).toBeUndefined();
    // Untouched since it was read: used, on the same basis only.
    const untouched = new DailyInputs(path, true);
    untouched.rows();
    untouched.keep({ b: 1 }, { marker: 'same' });
    expect(new DailyInputs(path, true).precomputed({ b: 1 })).toEqual({ marker: 'same' });
    expect(new DailyInputs(path, true).precomputed({ b: 2 })).toBeUndefined();
  });

  it('is computed again when the inputs are edited in place to the same size', () => {
    const { data, kept, path } = inDirectory(INPUTS, true);
    computedSeriesOf(data());
    const record = JSON.parse(readFileSync(kept, 'utf8')) as { value: { series: NetworkSeries } };
    (record.value.series.values[0] as { twh: number }).twh = 123;
    writeFileSync(kept, JSON.stringify(record));
    // Same length, another value: the file's change time moves, though its size does not.
    writeFileSync(path, INPUTS.replace('2019-12-31,100,100', '2019-12-31,200,100'));
    expect(computedSeriesOf(data())?.series.values[0]?.twh).not.toBe(123);
  });

  it('keeps the checksum of the text with a state taken moments after the file changed, and uses the value only while the text matches it', () => {
    const { kept, path } = inDirectory(INPUTS, true);
    const first = new DailyInputs(path, true);
    first.rows();
    first.keep({ b: 3 }, { marker: 'racy' });
    const record = JSON.parse(readFileSync(kept, 'utf8')) as { inputs: number[]; checksum?: string };
    expect(record.checksum).toBe(textChecksum(INPUTS));
    expect(new DailyInputs(path, true).precomputed({ b: 3 })).toEqual({ marker: 'racy' });
    // A write of the same size in the same step of a coarse clock leaves the file's state as it was: planted here
    // by giving the kept record the state of the edited file.
    const edited = INPUTS.replace('2019-12-31,100,100', '2019-12-31,200,100');
    writeFileSync(path, edited);
    const stats = statSync(path);
    writeFileSync(
      kept,
      JSON.stringify({
        ...record,
        inputs: [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino],
        value: { marker: 'racy' },
      }),
    );
    expect(new DailyInputs(path, true).precomputed({ b: 3 })).toBeUndefined();
  });

  it('uses a record written well after the inputs changed on their state alone, and writes a racy one anew once it matches', () => {
    const { kept, path } = inDirectory(INPUTS, true);
    const first = new DailyInputs(path, true);
    first.rows();
    first.keep({ b: 4 }, { marker: 'kept' });
    const record = JSON.parse(readFileSync(kept, 'utf8')) as { checksum: string };
    // Written 10 s after the inputs' last change (as the file system's clock says): the state alone is trusted, so a
    // checksum that matches nothing is never looked at.
    writeFileSync(kept, JSON.stringify({ ...record, checksum: 'matches nothing' }));
    const later = new Date(Math.max(statSync(path).mtimeMs, statSync(path).ctimeMs) + 10_000);
    utimesSync(kept, later, later);
    expect(new DailyInputs(path, true).precomputed({ b: 4 })).toEqual({ marker: 'kept' });
    // Written before the inputs' last change: racy, so checked by the checksum (here wrong: not used) …
    const earlier = new Date(statSync(path).mtimeMs - 10_000);
    utimesSync(kept, earlier, earlier);
    expect(new DailyInputs(path, true).precomputed({ b: 4 })).toBeUndefined();
    // … and, with the right checksum, used and written anew.
    writeFileSync(kept, JSON.stringify(record));
    utimesSync(kept, earlier, earlier);
    expect(new DailyInputs(path, true).precomputed({ b: 4 })).toEqual({ marker: 'kept' });
    expect(statSync(kept).mtimeMs).toBeGreaterThan(earlier.getTime());
  });

  it('never matches inputs that cannot be looked at (a loop of links), which reading then names', () => {
    const own = join(dir, `own-${files++}`);
    mkdirSync(own);
    const path = join(own, 'network-inputs.csv');
    symlinkSync(path, path);
    const inputs = new DailyInputs(path, true);
    expect(inputs.precomputed({ b: 5 })).toBeUndefined();
    expect(() => inputs.text()).toThrow(DataError);
  });

  it('matches inputs that begin with a byte-order mark, which their text leaves out', () => {
    const { path } = inDirectory(`\uFEFF${INPUTS}`, true);
    const first = new DailyInputs(path, true);
    first.rows();
    first.keep({ b: 2 }, { marker: 'bom' });
    expect(new DailyInputs(path, true).precomputed({ b: 2 })).toEqual({ marker: 'bom' });
  });

  it('is computed again when the kept file is damaged', () => {
    const { data, kept } = inDirectory(INPUTS, true);
    computedSeriesOf(data());
    writeFileSync(kept, '{"basis":');
    expect(computedSeriesOf(data())?.series.values[0]?.twh).toBeCloseTo(BEST_2019, 12);
  });
});

describe('the order of preference for a year', () => {
  it('a measured total (in part too) comes first: the computed series is only an alternative', () => {
    const e = estimate(withInputs(INPUTS), 'world', { year: 2020 });
    expect(e.basis.series).toBe('cbeci');
    expect(e.basis.twh).toBeCloseTo(0.1 * 183, 10);
    const alternative = e.basis.alternatives.find((a) => a.series === 'bottom-up');
    expect(alternative).toMatchObject({ coverage: 'partial-year', evidence: 'computed' });
    expect(alternative?.twh).toBeCloseTo(BEST_2020 * 183, 10);
  });

  it('the computed series comes before a reading, annualised when partial, with its ratio to CBECI', () => {
    const e = estimate(withInputs(INPUTS), 'world', { year: 2019 });
    expect(e.basis).toMatchObject({ series: 'bottom-up', coverage: 'partial-year', days: 2, through: '2019-12-31' });
    expect(e.basis.factor).toBe(365 / 2);
    expect(e.basis.twh).toBeCloseTo(BEST_2019 * 182.5, 10);
    expect(e.basis.lowerTwh).toBeCloseTo(0.14544 * 182.5, 10);
    expect(e.basis.upperTwh).toBeCloseTo(0.288 * 182.5, 10);
    expect(e.basis.alternatives.map((a) => a.series)).toEqual(['reading']);
    expect(e.caveats).toContain('partial-year');
    expect(e.warnings.map((w) => w.message)).toContain(
      "No published total covers 2019, so the basis is the bottom-up series: CBECI's bottom-up model run here on the daily inputs and the hardware list, not a published figure. It is 2.05× CBECI's totals in 2020 (2020 over the 2 days both cover, to 2020-01-02).",
    );
    expect(e.warnings.map((w) => w.message).join('\n')).toMatch(
      /bottom-up covers 2 days of 2019, to 2019-12-31: .* \(× 365\/2\)/,
    );
    expect(e.sources.map((s) => s.id)).toContain('bottom-up-model');
  });

  it('a year only a reading covers uses the reading', () => {
    const e = estimate(withInputs(INPUTS), 'world', { year: 2022 });
    expect(e.basis).toMatchObject({ series: 'reading', coverage: 'snapshot', twh: 70 });
    expect(e.warnings.map((w) => w.message)).toContain(
      "No total covers 2022, published or computed, so the basis is reading's reading, a different estimate from cbeci (which ends in 2020): a change from 2020 to 2022 is partly a change of source.",
    );
  });

  it('without inputs, the reading is the basis of a year the computed series would cover', () => {
    const e = estimate(tinyDataset({ hardware: HARDWARE, networkEnergy: NETWORK }), 'world', { year: 2019 });
    expect(e.basis.series).toBe('reading');
  });

  it('the series named with --series is used as asked', () => {
    const e = estimate(withInputs(INPUTS), 'world', { year: 2020, series: 'bottom-up' });
    expect(e.basis.series).toBe('bottom-up');
    expect(e.basis.twh).toBeCloseTo(BEST_2020 * 183, 10);
    expect(() => estimate(tinyDataset({ networkEnergy: NETWORK }), 'world', { series: 'bottom-up' })).toThrow(
      /Unknown series "bottom-up"\. Series: cbeci, reading\./,
    );
  });

  it('the default year is the latest with a total, a later reading named in the warning', () => {
    const days = `date,hashrateEhs,thresholdJPerTh\n2021-03-01,100,100\n2021-03-02,100,100\n`;
    const e = estimate(withInputs(days), 'world');
    expect(e.year).toBe(2021);
    expect(e.basis.series).toBe('bottom-up');
    expect(e.warnings.map((w) => w.message)[0]).toBe(
      'No year was given: 2021 is the latest year with a total, and only the bottom-up series computed here covers it (2 days, to 2021-03-02). 2022 has only annualised readings of one day (reading): give --year 2022 to use one.',
    );
    expect(estimate(withInputs(INPUTS), 'world').year).toBe(2020);
  });

  it('the datasets catalogue lists it after the data, with the sources it rests on', () => {
    const c = catalogue(withInputs(INPUTS));
    const listed = c.series.at(-1);
    expect(listed).toMatchObject({
      id: 'bottom-up',
      computed: true,
      coverage: '2019, 2020 (2019: 2 days; 2020: 2 days)',
      source: 'bottom-up-model',
      sources: ['bottom-up-model', 'test'],
      evidence: 'computed',
      bounds: true,
    });
    expect(c.series.map((s) => s.computed)).toEqual([false, false, true]);
  });
});
