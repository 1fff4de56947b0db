import { checkDataset } from '../../data/checked-dataset.js';
import { type Dataset, NETWORK_INPUTS_FILE } from '../../data/dataset.js';
import type { Hardware, NetworkSeries, NetworkValue } from '../../data/schemas.js';
import type { SeriesInputRow } from '../../data/series-input.js';
import { daysInYear } from '../../data/vocabulary.js';
import { CBECI_OVERHEADS, CBECI_PRICE_USD_PER_KWH } from './bottom-up.js';
import { networkSeries, type SeriesOptions } from './network-series.js';

/** The id of the network series computed here from the daily inputs, a world total a calendar year. */
export const BOTTOM_UP_SERIES = 'bottom-up';
/** The source id of that series: the model itself (its inputs' sources are listed with it). */
export const BOTTOM_UP_SOURCE = 'bottom-up-model';
/** The published series the computed one is compared with: CBECI's own yearly totals. */
export const REFERENCE_SERIES = 'cbeci';

/** What `network --input` runs with CBECI's defaults: age weighting, a 14-day trailing threshold, $0.05/kWh. */
export const BOTTOM_UP_OPTIONS = {
  priceUsdPerKwh: CBECI_PRICE_USD_PER_KWH,
  smoothDays: 14,
  averageDays: 1,
  weighting: 'age',
  overheads: CBECI_OVERHEADS,
} as const satisfies Omit<SeriesOptions, 'hardware'>;

/**
 * The computation's version, part of the key of a result the build keeps: raise it when the yearly totals or the
 * comparison would come out otherwise from the same inputs.
 */
const COMPUTATION_VERSION = 1;

/** One span of days' energy, TWh: the sum of each day's power (GW) × 24 h. */
interface Sums {
  days: number;
  first: string;
  last: string;
  twh: number;
  lowerTwh: number;
  upperTwh: number;
}

/** The model's energy against the reference's over the same days: a whole year, or the days of a partial one. */
export interface ReferenceRatio {
  year: number;
  /** Days compared (the reference's days in a partial year) and the last of them. */
  days: number;
  through: string;
  /** Both over those days, TWh. */
  twh: number;
  lowerTwh: number;
  upperTwh: number;
  referenceTwh: number;
  referenceLowerTwh: number | null;
  referenceUpperTwh: number | null;
  /** twh ÷ referenceTwh. */
  ratio: number;
}

/** The computed series of a dataset, with its sources and its comparison with CBECI's published totals. */
export interface ComputedSeries {
  series: NetworkSeries;
  /** The model's sources: the model, the daily inputs' sources, the hardware list's sources. */
  sources: string[];
  /** Each year both the model and the reference cover in full, and each partial reference year over its days. */
  comparison: ReferenceRatio[];
}

const twhOfDay = (gw: number) => (gw * 24) / 1000;

/** The days of each calendar year with a result, their power summed into energy. */
function yearlySums(
  results: readonly { date: string; power: { gw: number | null; lowerGw: number | null; upperGw: number | null } }[],
  inSpan: (date: string) => boolean = () => true,
): Map<number, Sums> {
  const sums = new Map<number, Sums>();
  for (const { date, power } of results) {
    if (power.gw === null || !inSpan(date)) continue;
    const year = Number(date.slice(0, 4));
    let sum = sums.get(year);
    if (!sum) {
      sum = { days: 0, first: date, last: date, twh: 0, lowerTwh: 0, upperTwh: 0 };
      sums.set(year, sum);
    }
    sum.days++;
    sum.last = date;
    sum.twh += twhOfDay(power.gw);
    sum.lowerTwh += twhOfDay(power.lowerGw as number);
    sum.upperTwh += twhOfDay(power.upperGw as number);
  }
  return sums;
}

const METHOD =
  "CBECI's bottom-up model (age-weighted mean, a 14-day trailing threshold, $0.05/kWh, overheads 1.01, 1.10 and 1.20) run here on each day of the daily inputs";

/** A year's value: a total when every day of the year has a result, else a partial year of the days that do. */
function yearValue(year: number, sum: Sums): NetworkValue {
  const energy = { year, twh: sum.twh, lowerTwh: sum.lowerTwh, upperTwh: sum.upperTwh, evidence: 'computed' as const };
  if (sum.days >= daysInYear(year)) {
    return {
      ...energy,
      derived: true,
      note: `Computed: ${METHOD}, the sum of the daily power (GW) times 24 h over the calendar year.`,
    };
  }
  return {
    ...energy,
    coverage: 'partial-year',
    days: sum.days,
    through: sum.last,
    derived: true,
    note: `Computed: ${METHOD}, over the ${sum.days} days the inputs give a result in ${year}, from ${sum.first} to ${sum.last}: the energy of those days, not a year's total.`,
  };
}

/** The first day of a reference value's span: `days` days back from `through`, or the 1st of January. */
function spanOf(value: NetworkValue): { from: string; to: string; days: number } {
  if (value.coverage === 'partial-year') {
    const to = value.through as string;
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - ((value.days as number) - 1) * 86_400_000);
    return { from: from.toISOString().slice(0, 10), to, days: value.days as number };
  }
  return { from: `${value.year}-01-01`, to: `${value.year}-12-31`, days: daysInYear(value.year) };
}

/**
 * The model's yearly energy against a published series: each year the reference totals (in full, or in part over
 * the days it covers) and the model has a result on every one of those days.
 */
export function compareWithReference(
  results: Parameters<typeof yearlySums>[0],
  reference: NetworkSeries | undefined,
): ReferenceRatio[] {
  if (!reference) return [];
  const ratios: ReferenceRatio[] = [];
  for (const value of reference.values) {
    const coverage = value.coverage ?? 'year';
    if (coverage !== 'year' && coverage !== 'partial-year') continue;
    const span = spanOf(value);
    const sum = yearlySums(results, (date) => date >= span.from && date <= span.to).get(value.year);
    if (!sum || sum.days !== span.days || value.twh <= 0) continue;
    ratios.push({
      year: value.year,
      days: span.days,
      through: span.to,
      twh: sum.twh,
      lowerTwh: sum.lowerTwh,
      upperTwh: sum.upperTwh,
      referenceTwh: value.twh,
      referenceLowerTwh: value.lowerTwh ?? null,
      referenceUpperTwh: value.upperTwh ?? null,
      ratio: sum.twh / value.twh,
    });
  }
  return ratios.sort((a, b) => a.year - b.year);
}

/**
 * The `bottom-up` series: {@link BOTTOM_UP_OPTIONS} over every day of `rows` (what `network --input` runs with
 * CBECI's defaults), each calendar year's energy the sum of its days' power (GW) × 24 h ÷ 1000 for the best guess
 * and both bounds. A year in which some day has no result (before the first input, after the last, or with no
 * eligible machine) is a partial year of the days that have one; it is annualised where it is used, as any partial
 * year is. Undefined when no day has a result.
 */
export function bottomUpYearly(
  rows: readonly SeriesInputRow[],
  hardware: readonly Hardware[],
  reference?: NetworkSeries,
): { series: NetworkSeries; comparison: ReferenceRatio[] } | undefined {
  if (rows.length === 0) return undefined;
  const { results } = networkSeries(rows, { ...BOTTOM_UP_OPTIONS, hardware });
  const sums = yearlySums(results);
  if (sums.size === 0) return undefined;
  return {
    series: {
      id: BOTTOM_UP_SERIES,
      scope: 'world',
      kind: 'estimate',
      source: BOTTOM_UP_SOURCE,
      note: `Computed here, not published: ${METHOD}, with the hardware list, summed by calendar year.`,
      values: [...sums].sort(([a], [b]) => a - b).map(([year, sum]) => yearValue(year, sum)),
    },
    comparison: compareWithReference(results, reference),
  };
}

/** The sources the daily inputs come from: those whose title or note names the inputs' file. */
function inputSources(data: Dataset): string[] {
  return data.sources
    .filter((s) => s.id !== BOTTOM_UP_SOURCE && `${s.title} ${s.note ?? ''}`.includes(NETWORK_INPUTS_FILE))
    .map((s) => s.id);
}

const computed = new WeakMap<Dataset, ComputedSeries | null>();

/**
 * The `bottom-up` series of a dataset, computed on first use from its daily inputs and hardware list, or taken
 * from what the build computed when the inputs, the hardware list and CBECI's series are the ones it computed it
 * from. Undefined when the dataset has no daily inputs, none gives a result, the world is not a region of the
 * data, or the data has a series of that id of their own (which is then used as any series is).
 * @throws DataError when the daily inputs cannot be read.
 */
export function computedSeriesOf(data: Dataset): ComputedSeries | undefined {
  checkDataset(data);
  const known = computed.get(data);
  if (known !== undefined) return known ?? undefined;
  let result: ComputedSeries | null = null;
  const inputs = data.dailyInputs;
  const world = data.regions.find((r) => r.parent === null);
  if (inputs && world && !data.networkEnergy.some((s) => s.id === BOTTOM_UP_SERIES)) {
    const basis = basisOf(data);
    let yearly = inputs.precomputed(basis) as ReturnType<typeof bottomUpYearly> | undefined;
    if (yearly === undefined) {
      yearly = bottomUpYearly(inputs.rows(), data.hardware, basis.reference ?? undefined);
      if (yearly) inputs.keep(basis, yearly);
    }
    if (yearly) {
      result = {
        series: { ...yearly.series, scope: world.id },
        comparison: yearly.comparison,
        sources: [
          ...new Set([BOTTOM_UP_SOURCE, ...inputSources(data), ...data.hardware.map((machine) => machine.source)]),
        ],
      };
    }
  }
  computed.set(data, result);
  return result ?? undefined;
}

/** What the computed series rests on besides its inputs: the key of what the build computed, with the inputs' text. */
function basisOf(data: Dataset) {
  const reference = data.networkEnergy.find((s) => s.id === REFERENCE_SERIES);
  return { version: COMPUTATION_VERSION, hardware: data.hardware, reference: reference ?? null };
}

/** What the build keeps of a dataset's computed series (see PRECOMPUTED_FILE in src/data/daily-inputs.ts). */
export function precomputedBottomUp(data: Dataset): { record: unknown; inputs: string } | undefined {
  checkDataset(data);
  const inputs = data.dailyInputs;
  if (!inputs) return undefined;
  const basis = basisOf(data);
  const value = bottomUpYearly(inputs.rows(), data.hardware, basis.reference ?? undefined);
  return value ? inputs.precomputedRecord(basis, value) : undefined;
}

/**
 * The calendar years the daily inputs span, from their first and last dates alone (nothing computed): the computed
 * series can cover no other year. Undefined when there are no inputs, or a series of the data's own takes the id;
 * every year when the dates cannot be read without reading the whole file.
 */
export function inputYears(data: Dataset): { first: number; last: number } | undefined {
  checkDataset(data);
  const inputs = data.dailyInputs;
  if (!inputs || data.networkEnergy.some((s) => s.id === BOTTOM_UP_SERIES)) return undefined;
  const span = inputs.span();
  if (!span) return { first: -Infinity, last: Infinity };
  return { first: Number(span.from.slice(0, 4)), last: Number(span.to.slice(0, 4)) };
}

/** Whether the computed series may cover a year: false when the inputs' dates leave it out, and nothing is computed. */
export function mayCover(data: Dataset, year: number): boolean {
  const years = inputYears(data);
  return years !== undefined && year >= years.first && year <= years.last;
}

/** The sources behind a series: the computed one's list, or a series' own source. */
export function sourcesOfSeries(data: Dataset, series: NetworkSeries): string[] {
  const own = computedSeriesOf(data);
  return own !== undefined && series === own.series ? own.sources : [series.source];
}

/** A machine counts for five years (1,825 days), so the model's fleet is renewed in five years. */
const RECENT_YEARS = 5;

/** "0.96–1.22×" for a list of ratios, or "1.02×" when they round to one value. */
function ratioRange(ratios: readonly ReferenceRatio[]): string {
  const values = ratios.map((r) => r.ratio);
  const [low, high] = [Math.min(...values).toFixed(2), Math.max(...values).toFixed(2)];
  return low === high ? `${low}×` : `${low}–${high}×`;
}

function yearSpan(ratios: readonly ReferenceRatio[]): string {
  const [first, last] = [(ratios[0] as ReferenceRatio).year, (ratios.at(-1) as ReferenceRatio).year];
  return first === last ? `${first}` : `${first}–${last}`;
}

/**
 * The computed series' ratio to CBECI's totals in words: over the last five years both cover (a machine's life in
 * the model, so the years whose fleet is nearest the years it is used for), then over all of them: "0.97–1.22×
 * CBECI's totals in 2020–2024 (2024 over the 321 days both cover, to 2024-11-16; 0.62–1.22× in 2010–2024)".
 * Undefined when there is nothing to compare.
 */
export function describeComparison(ratios: readonly ReferenceRatio[]): string | undefined {
  if (ratios.length === 0) return undefined;
  const last = (ratios.at(-1) as ReferenceRatio).year;
  const recent = ratios.filter((r) => r.year > last - RECENT_YEARS);
  const notes = recent
    .filter((r) => r.days < daysInYear(r.year))
    .map((r) => `${r.year} over the ${r.days} days both cover, to ${r.through}`);
  if (recent.length < ratios.length) notes.push(`${ratioRange(ratios)} in ${yearSpan(ratios)}`);
  return `${ratioRange(recent)} CBECI's totals in ${yearSpan(recent)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}
