import { DataError } from '../errors.js';
import { isCalendarDate } from './dates.js';
import { plainlyValidHardware } from './hardware-list.js';
import { YEAR_RANGE } from './limits.js';
import { ISO_DATE, MONTH } from './patterns.js';
import type { Hardware } from './schemas.js';
import { DATA_FILE_NAMES, DATASET_KEYS, type Dataset } from './dataset.js';
import { appendAll, refuseProblems } from './problems.js';
import { checkReferences } from './references.js';

/**
 * The datasets known to be valid: those loadData returned, and those {@link checkData} checked. Held weakly, so
 * that a dataset no longer used is not kept alive by it. The core's entry points take no other (see
 * {@link assertChecked}): a dataset built by hand passes through checkData first.
 */
const checked = new WeakSet<object>();

/** What a dataset's `dailyInputs` must be able to do (see DailyInputSource). */
const DAILY_INPUT_METHODS = ['rows', 'span', 'precomputed', 'keep', 'precomputedRecord'] as const;

/** Records a dataset as valid (loadData's own, checked as it was read); returns it. */
export function markChecked<T extends Dataset>(data: T): T {
  checked.add(data);
  return data;
}

/** Whether a value is a whole year from 1990 to 2100. */
const isYear = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= YEAR_RANGE.from && value <= YEAR_RANGE.to;
/** A finite number from `min` to `max`. */
const isBetween = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
const YEARS = `in the years ${YEAR_RANGE.from} to ${YEAR_RANGE.to}`;
/** Whether a string is a month (YYYY-MM) with a year from 1990 to 2100. */
const isMonth = (value: unknown) => typeof value === 'string' && MONTH.test(value) && isYear(Number(value.slice(0, 4)));
/** Whether a string is a calendar date (YYYY-MM-DD) with a year from 1990 to 2100. */
const isDate = (value: unknown) =>
  typeof value === 'string' && ISO_DATE.test(value) && isCalendarDate(value) && isYear(Number(value.slice(0, 4)));
const MAX_TWH = 1e5;

/** The fields of each part that must be strings (ids, names, months) before anything else is looked at. */
const TEXT_FIELDS = {
  sources: ['id', 'title'],
  regions: ['id', 'name', 'kind'],
  shares: ['region', 'month', 'source', 'evidence'],
  networkEnergy: ['id', 'scope', 'source', 'kind'],
  baselines: ['id', 'source'],
  carbon: ['region', 'source', 'basis'],
  events: ['id', 'month', 'source'],
} as const;

/**
 * A hardware list's problems, as the checks of hardware.json find them: each record with the fields the schema
 * allows, as it requires them, and no model twice. Empty when it is valid.
 */
export function hardwareProblems(hardware: readonly Hardware[], label = 'the hardware list (options.hardware)'): string[] {
  if (!Array.isArray(hardware)) return [`${label} → must be an array of machines`];
  if (hardware.length === 0) return [`${label} → is empty: give at least one machine`];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  hardware.forEach((machine: unknown, i) => {
    const model = (machine as { model?: unknown } | null)?.model;
    const at = `${label} → record ${i + 1}${typeof model === 'string' ? ` ("${model}")` : ''}`;
    if (plainlyValidHardware([machine]) === undefined) {
      problems.push(
        `${at} → is not a valid machine: it needs a model, released (YYYY-MM-DD), a positive jPerTh (J/TH), a source and an evidence grade, and no other field`,
      );
      return;
    }
    const first = seen.get(model as string);
    if (first !== undefined) problems.push(`${at} → model → is record ${first + 1}'s; keep one record per model`);
    else seen.set(model as string, i);
  });
  return problems;
}

/**
 * The problems of a dataset's numbers and dates that would make the core's figures wrong, found without the
 * schemas (and so without loading zod): shares from 0 to 100, network totals, bounds, intensities and baselines
 * finite and not negative, bounds around the best value, years, months and dates in 1990–2100.
 */
function recordProblems(data: Dataset): string[] {
  const problems: string[] = [];
  const at = (key: keyof typeof DATA_FILE_NAMES, label: string, field: string, message: string) =>
    problems.push(`${DATA_FILE_NAMES[key]} (data.${key}) → ${label} → ${field} → ${message}`);
  // The fields the lookups read as text: a record without them (or with a number there) is refused first.
  for (const [key, fields] of Object.entries(TEXT_FIELDS) as [keyof typeof TEXT_FIELDS, readonly string[]][]) {
    (data[key] as readonly unknown[]).forEach((record, i) => {
      if (typeof record !== 'object' || record === null) {
        at(key, `record ${i + 1}`, 'record', 'must be an object');
        return;
      }
      for (const field of fields) {
        if (typeof (record as Record<string, unknown>)[field] !== 'string') at(key, `record ${i + 1}`, field, 'must be a string');
      }
    });
  }
  if (problems.length > 0) return problems;
  data.regions.forEach((r, i) => {
    const label = `record ${i + 1}`;
    if (typeof r?.id !== 'string') at('regions', label, 'id', 'must be a region id (a string)');
    else if (r.parent !== null && typeof r.parent !== 'string')
      at('regions', `region "${r.id}"`, 'parent', 'must be a region id or null');
  });
  data.shares.forEach((s, i) => {
    const label = `record ${i + 1}${typeof s?.region === 'string' ? ` (share of "${s.region}")` : ''}`;
    if (!isBetween(s?.sharePct, 0, 100)) at('shares', label, 'sharePct', 'must be a percentage from 0 to 100');
    if (!isMonth(s?.month)) at('shares', label, 'month', `must be a month as YYYY-MM ${YEARS}`);
  });
  for (const series of data.networkEnergy) {
    const label = `series "${String(series?.id)}"`;
    if (!Array.isArray(series?.values) || series.values.length === 0) {
      at('networkEnergy', label, 'values', 'must have at least one value');
      continue;
    }
    series.values.forEach((v, i) => {
      const field = (name: string) => `values → ${i + 1} → ${name}`;
      if (!isYear(v?.year)) at('networkEnergy', label, field('year'), `must be a whole year ${YEARS}`);
      if (!isBetween(v?.twh, 0, MAX_TWH)) at('networkEnergy', label, field('twh'), 'must be a number of TWh from 0 to 100,000');
      for (const bound of ['lowerTwh', 'upperTwh'] as const) {
        if (v?.[bound] !== undefined && !isBetween(v[bound], 0, MAX_TWH))
          at('networkEnergy', label, field(bound), 'must be a number of TWh from 0 to 100,000');
      }
      if (v?.lowerTwh !== undefined && v.lowerTwh > v.twh) at('networkEnergy', label, field('lowerTwh'), 'must not exceed twh');
      if (v?.upperTwh !== undefined && v.upperTwh < v.twh) at('networkEnergy', label, field('upperTwh'), 'must not be below twh');
      if (v?.mtco2 !== undefined && !isBetween(v.mtco2, 0, MAX_TWH))
        at('networkEnergy', label, field('mtco2'), 'must be a number of Mt CO2 from 0 to 100,000');
      if (v?.through !== undefined && !isDate(v.through)) at('networkEnergy', label, field('through'), `must be a calendar date ${YEARS}`);
    });
  }
  for (const baseline of data.baselines) {
    const label = `baseline "${String(baseline?.id)}"`;
    if (!Array.isArray(baseline?.values) || baseline.values.length === 0) {
      at('baselines', label, 'values', 'must list at least one country');
      continue;
    }
    baseline.values.forEach((v, i) => {
      if (typeof v?.country !== 'string') at('baselines', label, `values → ${i + 1} → country`, 'must be a string');
      if (!isBetween(v?.twh, 0, MAX_TWH)) at('baselines', label, `values → ${i + 1} → twh`, 'must be a number of TWh from 0 to 100,000');
    });
  }
  data.carbon.forEach((c, i) => {
    const label = `record ${i + 1}${typeof c?.region === 'string' ? ` (intensity of "${c.region}")` : ''}`;
    if (!isBetween(c?.gco2PerKwh, 0, 2000)) at('carbon', label, 'gco2PerKwh', 'must be g CO2 per kWh from 0 to 2,000');
    if (!isYear(c?.year)) at('carbon', label, 'year', `must be a whole year ${YEARS}`);
    if (c?.basis !== 'life-cycle' && c?.basis !== 'direct') at('carbon', label, 'basis', 'must be one of life-cycle, direct');
  });
  data.events.forEach((e, i) => {
    if (!Array.isArray(e.regions) || e.regions.some((id) => typeof id !== 'string'))
      at('events', `event "${e.id}"`, 'regions', 'must be a list of region ids');
    if (!isMonth(e?.month)) at('events', `record ${i + 1}`, 'month', `must be a month as YYYY-MM ${YEARS}`);
  });
  if (data.hardware.length > 0) appendAll(problems, hardwareProblems(data.hardware, `${DATA_FILE_NAMES.hardware} (data.hardware)`));
  return problems;
}

/**
 * Checks a dataset the library is given, unless it is known to be valid: one that loadData returned, or one
 * checked before (each dataset object once; a later change to the same object is not seen, so change a copy). The
 * checks are those that keep the figures right, with loadData's messages: each part an array; shares from 0 to
 * 100; totals, bounds, intensities and baselines finite and not negative, bounds around the best value; years,
 * months and dates in 1990–2100; then the references between the parts (unknown regions and sources, duplicate
 * keys, a region that is its own ancestor, a parent's shares over 100%). `checkData` runs the schemas too.
 * @throws DataError naming each problem as the file the part would be, its record and its field.
 */
export function checkDataset(data: Dataset): void {
  if (typeof data === 'object' && data !== null && checked.has(data)) return;
  if (typeof data !== 'object' || data === null) {
    throw new DataError('The data given is not a dataset: pass what loadData() returns, or an object of its shape.');
  }
  const problems = DATASET_KEYS.filter((key) => !Array.isArray((data as unknown as Record<string, unknown>)[key])).map(
    (key) => `data.${key} → must be an array of records (${DATA_FILE_NAMES[key]})`,
  );
  if (problems.length === 0) appendAll(problems, recordProblems(data));
  acceptIfSound(data, problems);
}

/**
 * Adds the daily inputs' problems and, when the parts themselves are sound, those of the references between them;
 * then refuses the dataset with every problem, or marks it as checked.
 * @throws DataError naming each problem.
 */
function acceptIfSound(data: Dataset, problems: string[]): void {
  appendAll(problems, dailyInputProblems(data));
  if (problems.length === 0) appendAll(problems, checkReferences(data));
  refuseProblems('The data given', problems);
  checked.add(data);
}

function dailyInputProblems(data: Dataset): string[] {
  const inputs = data.dailyInputs as unknown;
  if (
    inputs === undefined ||
    (typeof inputs === 'object' &&
      inputs !== null &&
      DAILY_INPUT_METHODS.every((method) => typeof (inputs as Record<string, unknown>)[method] === 'function'))
  )
    return [];
  return [
    `data.dailyInputs → is not a source of daily inputs (${DAILY_INPUT_METHODS.join(', ')}); make it with new DailyInputs(path), or leave it out`,
  ];
}

/**
 * Checks a dataset built by hand as loadData checks the files (each part against its file's schema: shares from 0
 * to 100, totals finite and not negative, bounds around the best value, four-digit years…; then the references
 * between them: unknown regions and sources, duplicate keys, a region that is its own ancestor, shares of one
 * parent over 100%), and marks it so that the library's functions take it. A later change to the same object is
 * not seen: change a copy, and check that.
 * @returns the same dataset
 * @throws DataError naming each problem as the file the part would be, its record and its field.
 */
export async function checkData<T extends Dataset>(data: T): Promise<T> {
  if (typeof data === 'object' && data !== null && checked.has(data)) return data;
  if (typeof data !== 'object' || data === null) {
    throw new DataError('The data given is not a dataset: pass what loadData() returns, or an object of its shape.');
  }
  const { validateFile } = await import('./validate.js');
  const problems: string[] = [];
  for (const key of DATASET_KEYS) {
    const records = (data as unknown as Record<string, unknown>)[key];
    const result = validateFile(key, records, `${DATA_FILE_NAMES[key]} (data.${key})`);
    if (!result.ok) appendAll(problems, result.problems);
  }
  acceptIfSound(data, problems);
  return data;
}
