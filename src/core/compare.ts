import { aboutArgument, checkTwh } from './common/validation.js';
import type { Baseline, BaselineValue } from '../data/schemas.js';
import { compareText } from '../text.js';

/** Where a figure would stand among a baseline's countries. */
export interface Ranking {
  /** 1 + the number of countries using strictly more. */
  rank: number;
  /** Countries in the list. */
  count: number;
  /** The country just above the figure (the smallest that uses more), or null at the top; `year` is always set. */
  above: BaselineValue | null;
  /** The country just below it (the largest that uses as much or less), or null at the bottom. */
  below: BaselineValue | null;
  /** The list, largest first, each value with its year (its own, or the list's). */
  sorted: BaselineValue[];
}

/**
 * The baseline a comparison uses when none is named: the one of the latest year; of several of that year (Ember's
 * and OWID's downloaded lists, say), the one with the most countries, then the first listed. A downloaded list
 * newer than the shipped ones becomes the default by itself, whichever source was downloaded first.
 */
export function defaultBaseline(baselines: readonly Baseline[]): Baseline | undefined {
  let chosen: Baseline | undefined;
  for (const baseline of baselines) {
    if (
      chosen === undefined ||
      baseline.year > chosen.year ||
      (baseline.year === chosen.year && baseline.values.length > chosen.values.length)
    ) {
      chosen = baseline;
    }
  }
  return chosen;
}

/** The year a country's figure in a baseline is for: its own when the list gives one, else the list's. */
export function valueYear(baseline: Baseline, value: BaselineValue): number {
  return value.year ?? baseline.year;
}

export function sortedValues(baseline: Baseline): BaselineValue[] {
  return [...baseline.values].sort((a, b) => b.twh - a.twh || compareText(a.country, b.country));
}

/** Ranks `twh` among a baseline's countries, counted with the figure inserted. */
export function rankAmong(baseline: Baseline, twh: number): Ranking {
  aboutArgument('twh', () => checkTwh(twh));
  const sorted = sortedValues(baseline).map((v) => (v.year === undefined ? { ...v, year: baseline.year } : v));
  const larger = sorted.filter((v) => v.twh > twh).length;
  return {
    rank: larger + 1,
    count: sorted.length,
    above: sorted[larger - 1] ?? null,
    below: sorted[larger] ?? null,
    sorted,
  };
}

/** One row of a neighbourhood table: a country, or the figure itself. */
export interface Neighbour {
  rank: number;
  country: string;
  iso3: string | null;
  twh: number;
  /** The year of the country's figure (its own, or the list's); null for the figure itself. */
  year: number | null;
  self: boolean;
}

/** The figure's own row with up to `around` countries on each side, ranked with the figure inserted. */
export function neighbours(ranking: Ranking, label: string, twh: number, around: number): Neighbour[] {
  const rows: Neighbour[] = ranking.sorted.map((v, i) => ({
    rank: i < ranking.rank - 1 ? i + 1 : i + 2,
    country: v.country,
    iso3: v.iso3 ?? null,
    twh: v.twh,
    year: v.year ?? null,
    self: false,
  }));
  rows.splice(ranking.rank - 1, 0, { rank: ranking.rank, country: label, iso3: null, twh, year: null, self: true });
  const at = ranking.rank - 1;
  return rows.slice(Math.max(0, at - around), at + around + 1);
}

/** A figure set against one country's electricity. */
export interface CountryComparison {
  country: string;
  iso3: string | null;
  /** The country's figure in the baseline, TWh per year. */
  twh: number;
  /** The year of that figure (its own, or the list's). */
  year: number;
  /** The compared figure as a percentage of the country's (100 = as much as the country uses); null if it uses 0. */
  pctOfCountry: number | null;
}

/** Sets `twh` (TWh per year) against each of a baseline's countries, in the order given. */
export function compareWithCountries(
  twh: number,
  baseline: Baseline,
  countries: readonly BaselineValue[],
): CountryComparison[] {
  return countries.map((c) => ({
    country: c.country,
    iso3: c.iso3 ?? null,
    twh: c.twh,
    year: valueYear(baseline, c),
    pctOfCountry: c.twh > 0 ? (twh / c.twh) * 100 : null,
  }));
}
