import { DataError } from '../errors.js';
import { YEAR_RANGE } from '../data/limits.js';
import { ENERGY_TWH_PER_YEAR_RANGE, INTENSITY_G_PER_KWH_RANGE, type NumberRange } from '../data/ranges.js';
import type { Baseline, BaselineValue, CarbonIntensity, Evidence } from '../data/schemas.js';

/**
 * Country figures read from a yearly source (Ember's yearly file, Our World in Data's grapher files): one value of
 * one area in one year, with the line it came from.
 */
export interface AreaYearValue {
  /** The area's name as the source writes it. */
  area: string;
  /** Its ISO 3166-1 alpha-3 code, when it has one. */
  iso3: string | undefined;
  year: number;
  value: number;
  line: number;
}

/** What a yearly source gave: each country's electricity demand (TWh) and each area's carbon intensity (g/kWh). */
export interface CountryFigures {
  demand: AreaYearValue[];
  /** Intensities of the areas that may become regions: countries with a code, and the world (iso3 "WORLD"). */
  intensity: AreaYearValue[];
  /** Rows with an empty value, left out. */
  emptyValues: number;
}

/** The code under which a source's world figures are kept among the countries' (no ISO code looks like it). */
export const WORLD_CODE = 'WORLD';

/** The number a cell writes (digits, a point, an exponent), or undefined for an empty cell. */
export function cellNumber(cell: string): number | undefined {
  if (cell === '') return undefined;
  return /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(cell) ? Number(cell) : Number.NaN;
}

/**
 * Checks one value as `data import` checks a figure: a year within YEAR_RANGE, a finite number within the range
 * of its kind.
 * @throws DataError naming the source, the response, the line, the field and what is wrong.
 */
export function checkedValue(
  source: string,
  url: string,
  line: number,
  field: string,
  cell: string,
  range: NumberRange | { min: number; max: number },
): number | undefined {
  const value = cellNumber(cell);
  if (value === undefined) return undefined;
  const inside =
    Number.isFinite(value) &&
    ('minIncluded' in range && range.minIncluded === false ? value > range.min : value >= range.min) &&
    value <= range.max;
  if (!inside) {
    throw new DataError(
      `${source}: the response from ${url} → line ${line} → ${field} is "${cell.slice(0, 40)}", not a number from ${range.min} to ${range.max}; nothing was changed.`,
    );
  }
  return value;
}

/** The year a cell writes, checked to lie within YEAR_RANGE. */
export function checkedYear(source: string, url: string, line: number, cell: string): number {
  const year = /^\d{4}$/.test(cell) ? Number(cell) : Number.NaN;
  if (!(year >= YEAR_RANGE.from && year <= YEAR_RANGE.to)) {
    throw new DataError(
      `${source}: the response from ${url} → line ${line} → Year is "${cell.slice(0, 40)}", not a year from ${YEAR_RANGE.from} to ${YEAR_RANGE.to}; nothing was changed.`,
    );
  }
  return year;
}

export const DEMAND_RANGE = ENERGY_TWH_PER_YEAR_RANGE;
export const INTENSITY_RANGE = INTENSITY_G_PER_KWH_RANGE;

/**
 * Fails on an area given twice for one year (a repeated row): which of the two is meant cannot be known.
 * @throws DataError naming the source, the area, the year and both lines.
 */
export function checkRepeats(source: string, url: string, what: string, values: readonly AreaYearValue[]): void {
  const seen = new Map<string, number>();
  for (const value of values) {
    const key = `${value.iso3 ?? value.area}\u0000${value.year}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new DataError(
        `${source}: the response from ${url} gives ${what} of ${value.area} in ${value.year} twice (lines ${earlier} and ${value.line}); nothing was changed.`,
      );
    }
    seen.set(key, value.line);
  }
}

/** A new baseline's identity: its id, source, evidence and the words of its name and note. */
export interface BaselineSpec {
  id: string;
  /** The source's name for the list, as the name begins ("Ember electricity demand"). */
  title: string;
  source: string;
  evidence: Evidence;
  /** What the note says after the years (the definition, what was left out). */
  note: string;
}

/**
 * Each country's latest year of demand, as one baseline whose year is the latest of all; a value from an earlier
 * year carries its own. Countries in the order of their demand, largest first.
 */
export function latestDemandBaseline(demand: readonly AreaYearValue[], spec: BaselineSpec): Baseline {
  const latest = new Map<string, AreaYearValue>();
  for (const value of demand) {
    const key = value.iso3 ?? value.area;
    const held = latest.get(key);
    if (held === undefined || value.year > held.year) latest.set(key, value);
  }
  const chosen = [...latest.values()].sort((a, b) => b.value - a.value || (a.area < b.area ? -1 : 1));
  const year = Math.max(...chosen.map((value) => value.year));
  const counts = new Map<number, number>();
  for (const value of chosen) counts.set(value.year, (counts.get(value.year) ?? 0) + 1);
  const years = [...counts.keys()].sort((a, b) => b - a);
  const first = years.at(-1) as number;
  const countries = (n: number) => `${n} ${n === 1 ? 'country' : 'countries'}`;
  const values = chosen.map((value): BaselineValue => {
    return {
      country: value.area,
      ...(value.iso3 === undefined ? {} : { iso3: value.iso3 }),
      twh: value.value,
      ...(value.year === year ? {} : { year: value.year }),
    };
  });
  return {
    id: spec.id,
    name:
      first === year
        ? `${spec.title}, ${year}`
        : `${spec.title}, ${year} or each country's latest year (${first} to ${year})`,
    measure: 'demand',
    year,
    source: spec.source,
    evidence: spec.evidence,
    note: `Each country's latest year (a value's own year says when it is not ${year}): ${years.map((y) => `${y} for ${countries(counts.get(y) as number)}`).join(', ')}. ${spec.note}`,
    values,
  };
}

/**
 * The intensities of the regions a dataset knows, as carbon records of the life-cycle basis: a region by its ISO
 * code, the world by WORLD_CODE. Every year the source gives is kept.
 */
export function carbonRecords(
  intensity: readonly AreaYearValue[],
  regionByCode: ReadonlyMap<string, string>,
  source: string,
  evidence: Evidence,
): CarbonIntensity[] {
  const records: CarbonIntensity[] = [];
  for (const value of intensity) {
    const region = value.iso3 === undefined ? undefined : regionByCode.get(value.iso3);
    if (region === undefined) continue;
    records.push({ region, year: value.year, gco2PerKwh: value.value, basis: 'life-cycle', source, evidence });
  }
  return records.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.year - b.year));
}

/** A value held that the source now gives differently: `date` is its year, `field` what it is (`USA.twh`). */
export interface ChangedValue {
  date: string;
  field: string;
  held: number;
  now: number;
}

/** Whether two figures differ by more than one part in a million plus the rounding of three decimals. */
function differs(held: number, now: number): boolean {
  return Math.abs(now - held) > 1e-6 * Math.max(Math.abs(held), Math.abs(now)) + 5e-4;
}

/** The countries' values of a held baseline that the new one gives for the same year, but differently. */
export function changedDemand(held: Baseline | undefined, now: Baseline): ChangedValue[] {
  if (held === undefined) return [];
  const key = (value: BaselineValue, baseline: Baseline) =>
    `${value.iso3 ?? value.country} ${value.year ?? baseline.year}`;
  const before = new Map(held.values.map((value) => [key(value, held), value]));
  const changed: ChangedValue[] = [];
  for (const value of now.values) {
    const was = before.get(key(value, now));
    if (was !== undefined && differs(was.twh, value.twh)) {
      changed.push({
        date: String(value.year ?? now.year),
        field: `${value.iso3 ?? value.country}.twh`,
        held: was.twh,
        now: value.twh,
      });
    }
  }
  return changed;
}

/** The intensities held under the source's id that the source now gives differently for the same key. */
export function changedCarbon(held: readonly CarbonIntensity[], now: readonly CarbonIntensity[]): ChangedValue[] {
  const key = (record: CarbonIntensity) => `${record.region} ${record.year} ${record.basis}`;
  const before = new Map(held.map((record) => [key(record), record]));
  const changed: ChangedValue[] = [];
  for (const record of now) {
    const was = before.get(key(record));
    if (was !== undefined && was.source === record.source && differs(was.gco2PerKwh, record.gco2PerKwh)) {
      changed.push({
        date: String(record.year),
        field: `${record.region}.gco2PerKwh`,
        held: was.gco2PerKwh,
        now: record.gco2PerKwh,
      });
    }
  }
  return changed;
}

/**
 * A directory's carbon records with a source's new ones laid in: the source's earlier records are dropped, a new
 * record replaces any other of its key unless `keep` says the held one wins (another source's that takes
 * precedence), and the records that `keep` held back are counted.
 */
export function mergeCarbon(
  held: readonly CarbonIntensity[],
  now: readonly CarbonIntensity[],
  source: string,
  keep: (held: CarbonIntensity) => boolean = () => false,
): { records: CarbonIntensity[]; written: CarbonIntensity[]; kept: number } {
  const key = (record: CarbonIntensity) => `${record.region} ${record.year} ${record.basis}`;
  const others = held.filter((record) => record.source !== source);
  const winning = new Set(others.filter(keep).map(key));
  const written = now.filter((record) => !winning.has(key(record)));
  const replacing = new Set(written.map(key));
  return {
    records: [...others.filter((record) => !replacing.has(key(record))), ...written],
    written,
    kept: now.length - written.length,
  };
}

/** Splits a CSV line into its cells (RFC 4180 quotes within one line), or undefined when a quote is not closed. */
export function csvCells(line: string): string[] | undefined {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quoted) {
      if (char !== '"') field += char;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(field);
      field = '';
    } else field += char;
  }
  if (quoted) return undefined;
  cells.push(field);
  return cells;
}

/**
 * Calls `onLine` for each line of a text after the first, with its number (from 1), without splitting the whole
 * text at once; a CR before the line end and blank lines are dropped. Returns the first line.
 */
export function eachLine(text: string, onLine: (line: string, number: number) => void): string {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let number = 0;
  let first = '';
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    number++;
    if (number === 1) first = line;
    else if (line !== '') onLine(line, number);
    start = end + 1;
  }
  return first;
}

/**
 * The first line of a response checked against the header expected.
 * @throws DataError naming the source and what changed: an empty response, a page that is not CSV, the columns
 *   missing, added or moved.
 */
export function checkHeader(
  source: string,
  url: string,
  text: string,
  expected: readonly string[],
  what: string,
): void {
  if (text.trim() === '') throw new DataError(`${source}: the response from ${url} is empty; nothing was changed.`);
  const newline = text.indexOf('\n');
  const firstLine = (newline < 0 ? text : text.slice(0, newline)).replace(/^\uFEFF/, '').trimEnd();
  const cells = csvCells(firstLine) ?? [];
  if (cells.length === expected.length && cells.every((cell, i) => cell === expected[i])) return;
  if (!cells.some((cell) => expected.includes(cell))) {
    throw new DataError(
      `${source}: the response from ${url} is not ${what}: its first line begins "${firstLine.replace(/\s+/g, ' ').slice(0, 60)}". Nothing was changed.`,
    );
  }
  const missing = expected.filter((name) => !cells.includes(name));
  const added = cells.filter((name) => !expected.includes(name));
  const changes = [
    missing.length > 0 ? `missing ${missing.map((name) => `"${name}"`).join(', ')}` : '',
    added.length > 0 ? `new ${added.map((name) => `"${name.slice(0, 60)}"`).join(', ')}` : '',
    missing.length === 0 && added.length === 0 ? 'the columns are in another order' : '',
  ].filter((part) => part !== '');
  throw new DataError(
    `${source}: the header of the response from ${url} is not the one expected (${changes.join('; ')}); nothing was changed. Expected: ${expected.join(',')}.`,
  );
}
