import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CBECI_OVERHEADS } from '../../src/core/network/bottom-up.js';
import { networkSeries, type SeriesResult } from '../../src/core/network/network-series.js';
import type { Hardware } from '../../src/data/schemas.js';
import { parseCsv } from '../../src/data/csv.js';
import { FIXTURES } from '../helpers.js';

/**
 * test/fixtures/cbeci/series.csv holds 5,000 days of synthetic inputs and, for each day, the results of CBECI's
 * own code (ccaf_cbeci_api, EnergyConsumptionService v1.3.1) on them, written by scripts/cbeci-reference.py with
 * test/fixtures/cbeci/hardware.json. The expected values carry 10 significant digits.
 */
const DIR = join(FIXTURES, 'cbeci');
const RELATIVE_TOLERANCE = 1e-9;

const [header, ...records] = parseCsv(readFileSync(join(DIR, 'series.csv'), 'utf8'));
const columns = (header?.cells ?? []).map((name) => name.trim());
const days = records.map(({ cells }) => Object.fromEntries(columns.map((name, i) => [name, cells[i] as string])));
const hardware = JSON.parse(readFileSync(join(DIR, 'hardware.json'), 'utf8')) as Hardware[];

/** CBECI's column for each of our results. */
const PAIRS: [string, (r: SeriesResult) => number | null][] = [
  ['min_power', (r) => r.power.lowerGw],
  ['guess_power', (r) => r.power.gw],
  ['max_power', (r) => r.power.upperGw],
  ['min_consumption', (r) => r.energy.lowerTwh],
  ['guess_consumption', (r) => r.energy.twh],
  ['max_consumption', (r) => r.energy.upperTwh],
];

function mismatches(results: readonly SeriesResult[]): string[] {
  const found: string[] = [];
  results.forEach((result, i) => {
    const day = days[i] as Record<string, string>;
    for (const [column, ours] of PAIRS) {
      const expected = Number(day[column]);
      const actual = ours(result);
      const close =
        actual !== null && Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), 1e-12);
      if (!close) found.push(`${day.date} ${column}: CBECI ${expected}, ours ${actual}`);
    }
  });
  return found;
}

describe("CBECI's own code, day by day", () => {
  const rows = days.map((day) => ({
    date: day.date as string,
    hashrateEhs: Number(day.hashrateEhs),
    revenueUsd: Number(day.revenueUsd),
  }));
  const run = (averageDays: number) =>
    networkSeries(rows, {
      priceUsdPerKwh: 0.05,
      smoothDays: 14,
      averageDays,
      weighting: 'mean',
      overheads: CBECI_OVERHEADS,
      hardware,
    });

  it('covers 5,000 days, with days where no machine is profitable', () => {
    expect(days).toHaveLength(5_000);
    const { results } = run(1);
    const empty = results.filter((r) => r.eligible === 0).length;
    expect(empty).toBeGreaterThan(10);
    expect(new Set(results.map((r) => r.eligible)).size).toBeGreaterThan(5);
  });

  it('matches every day within a relative 1e-9 (14-day threshold, 7-day results, plain mean)', () => {
    const { results, warnings: found } = run(7);
    const warnings = found.map((w) => w.message);
    expect(mismatches(results)).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^No machine is eligible on 37 days .*repeats the day before/)]);
  });

  it('departs from it without the 7-day average of the results', () => {
    expect(mismatches(run(1).results).length).toBeGreaterThan(4_000);
  });
});
