import { indexData } from '../core/regions/lookup.js';
import { resolveRegion } from '../core/regions/names.js';
import { describeMonth } from '../core/common/period.js';
import { quoteList, suggest } from '../text.js';
import { UsageError } from '../errors.js';
import { EMPTY_DATASET } from '../data/dataset.js';
import type { HashrateShare, Region, Source } from '../data/schemas.js';
import { CBECI_LICENCE, CBECI_PUBLISHER } from './cbeci-energy.js';
import { COMPLETE_TOLERANCE_PCT } from '../core/regions/lookup.js';
import {
  checkRowWidths,
  csvRecords,
  type ImportEvidence,
  type ImportFile,
  importedFrom,
  ImportProblems,
  inDataYears,
  isCalendarDate,
  locateColumns,
  decimalInCell,
  YEAR_RANGE,
} from './table.js';

/**
 * CBECI's mining-map labels and the regions they are, in the order records are written within a month. A `*` marks
 * the countries CBECI manually adjusted (suspected VPN routing).
 */
export const CBECI_MINING_MAP_LABELS: Readonly<Record<string, string>> = {
  'Mainland China': 'china',
  'United States': 'united-states',
  'Russian Federation': 'russia',
  Kazakhstan: 'kazakhstan',
  Malaysia: 'malaysia',
  'Iran, Islamic Rep.': 'iran',
  Canada: 'canada',
  'Germany *': 'germany',
  'Ireland *': 'ireland',
  Other: 'other',
};

/** The columns of CBECI's mining-map export this importer reads (the absolute EH/s column is not needed). */
const COLUMNS = [
  { field: 'date', names: ['date'] },
  { field: 'country', names: ['country'] },
  { field: 'share', names: ['monthly_hashrate_%'] },
] as const;

const WHAT = "CBECI's mining-map country export";

/** Options for {@link importMiningMap}. */
export interface MiningMapOptions {
  /** The source id the records cite. */
  source: string;
  /** The evidence grade the records carry. */
  evidence: ImportEvidence;
  /** The regions labels resolve to (by name, alias or ISO code) when neither `map` nor CBECI's table names them. */
  regions: readonly Region[];
  /** The user's own label → region id mappings, tried before CBECI's table. */
  map?: Readonly<Record<string, string>>;
}

/** How a label found its region: the user's map, CBECI's table, or the regions' names, aliases and ISO codes. */
export type LabelMatch = 'map' | 'cbeci' | 'name';

/** CBECI's mining map as hashrate-share records. */
export interface MiningMap {
  /** One record per region and month, by month and then in CBECI's label order (other labels after, as first seen). */
  shares: HashrateShare[];
  /** Each label in the file and its region, in the order of `shares` within a month. */
  labels: { label: string; region: string; match: LabelMatch }[];
  /** Labels of `map` the file does not use. */
  unusedMap: string[];
  /** The first and last months, YYYY-MM. */
  from: string;
  to: string;
  months: number;
  /** Months whose shares add up to less than the whole: not a full breakdown of the world. */
  partialMonths: { month: string; sumPct: number }[];
}

/**
 * Reads CBECI's mining-map country export (`date,country,monthly_hashrate_%,…`; the date is the first of the month,
 * the share of global hashrate is written like `75.53%`) into hashrate-share records of the world's regions. A label
 * is looked up in `map`, then in {@link CBECI_MINING_MAP_LABELS}, then among the regions' names, aliases and ISO
 * codes; it must name a region directly under the world, since the shares are of global hashrate.
 * @param text the file's text (a UTF-8 byte-order mark and CRLF line ends are accepted)
 * @param path the file as named in messages
 * @throws DataError naming the file, line and column of each problem: a missing or doubled column, a malformed
 *   date or share, an unknown label (with "did you mean"), a label for a region not under the world, a region given
 *   twice in a month.
 * @throws UsageError when `map` names a region that does not exist.
 */
export function importMiningMap(text: string, path: string, options: MiningMapOptions): MiningMap {
  const problems = new ImportProblems(path, WHAT);
  const [header, ...rows] = csvRecords(text, problems);
  if (header === undefined) return problems.fail('the file is empty.');
  const columns = locateColumns(header, COLUMNS, problems);
  checkRowWidths(header, rows, problems);
  const index = indexData({ ...EMPTY_DATASET, regions: [...options.regions] });
  const userMap = options.map ?? {};
  for (const [label, id] of Object.entries(userMap)) {
    const region = index.regions.get(id);
    if (!region) {
      const close = suggest(id, [...index.regions.keys()]);
      const hint = close.length > 0 ? ` Did you mean ${quoteList(close)}?` : '';
      throw new UsageError(`--map "${label}=${id}": there is no region with the id "${id}".${hint}`);
    }
    const parent = region.parent === null ? undefined : index.regions.get(region.parent);
    if (parent?.kind !== 'world') {
      throw new UsageError(
        `--map "${label}=${id}": ${id} is ${region.parent === null ? 'the whole world' : `a ${region.kind} in ${parent?.name ?? region.parent}`}; mining-map shares are of global hashrate, so a label maps to a region directly under the world.`,
      );
    }
  }
  const labels = new Map<string, { region: string; match: LabelMatch } | null>();
  const regionOf = (label: string, line: number): string | undefined => {
    if (!labels.has(label)) labels.set(label, matchLabel(label, line, index, userMap, problems));
    return labels.get(label)?.region;
  };
  const seen = new Map<string, number>();
  const shares: HashrateShare[] = [];
  for (const { line, cells } of rows) {
    const dateCell = (cells[columns.date.index] ?? '').trim();
    const label = (cells[columns.country.index] ?? '').trim();
    const shareCell = (cells[columns.share.index] ?? '').trim();
    const month =
      isCalendarDate(dateCell) && dateCell.endsWith('-01') && inDataYears(dateCell) ? dateCell.slice(0, 7) : undefined;
    if (month === undefined) {
      problems.add(
        line,
        '"date"',
        `must be the first day of a month from ${YEAR_RANGE.from} to ${YEAR_RANGE.to}, YYYY-MM-01, not "${dateCell}"`,
      );
    }
    // CBECI writes each share with a % sign; a bare number may be a fraction (0.7553), a hundred times too small.
    const sharePct = shareCell.endsWith('%') ? decimalInCell(shareCell.slice(0, -1)) : undefined;
    if (sharePct === undefined || sharePct < 0 || sharePct > 100) {
      problems.add(
        line,
        '"monthly_hashrate_%"',
        `must be a percentage from 0 to 100 written with its sign (like 75.53%), not "${shareCell}"`,
      );
    }
    if (label === '') problems.add(line, '"country"', 'is empty');
    const region = label === '' ? undefined : regionOf(label, line);
    if (month === undefined || sharePct === undefined || region === undefined) continue;
    const key = `${region} ${month}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(
        line,
        '"country"',
        `"${label}" gives ${region} a second share for ${month} (the first is on line ${first})`,
      );
      continue;
    }
    seen.set(key, line);
    shares.push({ region, month, sharePct, source: options.source, evidence: options.evidence });
  }
  const monthSums = new Map<string, number>();
  for (const s of shares) monthSums.set(s.month, (monthSums.get(s.month) ?? 0) + s.sharePct);
  for (const [month, sum] of monthSums) {
    if (sum > 100 + COMPLETE_TOLERANCE_PCT) {
      problems.add(
        seen.get(`${shares.find((s) => s.month === month)?.region} ${month}`) ?? header.line,
        '"monthly_hashrate_%"',
        `the shares of ${month} add up to ${Number(sum.toFixed(4))}%, above 100%`,
      );
    }
  }
  problems.throwIfAny();
  if (shares.length === 0) return problems.fail(`no rows after the header (line ${header.line}).`);
  const partialMonths = [...monthSums].filter(([, sum]) => sum < 100 - COMPLETE_TOLERANCE_PCT);
  const order = [
    ...new Set([
      ...Object.values(CBECI_MINING_MAP_LABELS),
      ...[...labels.values()].flatMap((l) => (l ? [l.region] : [])),
    ]),
  ];
  shares.sort((a, b) => compareMonths(a.month, b.month) || order.indexOf(a.region) - order.indexOf(b.region));
  const months = [...new Set(shares.map((s) => s.month))];
  return {
    shares,
    labels: [...labels]
      .flatMap(([label, found]) => (found ? [{ label, ...found }] : []))
      .sort((a, b) => order.indexOf(a.region) - order.indexOf(b.region)),
    unusedMap: Object.keys(userMap).filter((label) => !labels.has(label)),
    from: months[0] as string,
    to: months.at(-1) as string,
    months: months.length,
    partialMonths: partialMonths.map(([month, sum]) => ({ month, sumPct: sum })),
  };
}

const compareMonths = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function matchLabel(
  label: string,
  line: number,
  index: ReturnType<typeof indexData>,
  userMap: Readonly<Record<string, string>>,
  problems: ImportProblems,
): { region: string; match: LabelMatch } | null {
  let found: { region: string; match: LabelMatch };
  // Own properties only: a label such as "constructor" or "__proto__" is a name, not something every object has.
  const mapped = Object.hasOwn(userMap, label) ? userMap[label] : undefined;
  const cbeci = Object.hasOwn(CBECI_MINING_MAP_LABELS, label) ? CBECI_MINING_MAP_LABELS[label] : undefined;
  if (mapped !== undefined) found = { region: mapped, match: 'map' };
  else if (cbeci !== undefined) found = { region: cbeci, match: 'cbeci' };
  else {
    try {
      found = { region: resolveRegion(index, label).id, match: 'name' };
    } catch (error) {
      const why = (error as Error).message.replace(/ `mining-energy regions` lists them all\.$/, '');
      problems.add(line, '"country"', `${why} Map it to a region with --map '${label}=<region id>'.`);
      return null;
    }
  }
  const region = index.regions.get(found.region);
  const parent = region?.parent == null ? undefined : index.regions.get(region.parent);
  if (region !== undefined && parent?.kind !== 'world') {
    problems.add(
      line,
      '"country"',
      `"${label}" is ${region.id}, a ${region.kind}${parent ? ` in ${parent.name}` : ''}; mining-map shares are of global hashrate, so each label must be a region directly under the world (map it with --map '${label}=<region id>')`,
    );
    return null;
  }
  return found;
}

/** Options for {@link miningMapSource}. */
export interface MiningMapSourceOptions {
  id: string;
  evidence: ImportEvidence;
  file: ImportFile;
}

/** The source record of an imported mining map: the file, its dates and how each label was mapped. */
export function miningMapSource(map: MiningMap, options: MiningMapSourceOptions): Source {
  const regions = new Set(map.shares.map((s) => s.region)).size;
  return {
    id: options.id,
    title: `CBECI Mining Map: monthly share of global hashrate by country, ${describeMonth(map.from)} to ${describeMonth(map.to)}`,
    publisher: CBECI_PUBLISHER,
    year: Number(map.to.slice(0, 4)),
    licence: CBECI_LICENCE,
    evidence: options.evidence,
    note: [
      `${importedFrom('cbeci-mining-map', options.file)}, covering ${map.from} to ${map.to} (${map.months} months).`,
      `Copied: ${map.shares.length} monthly shares of global hashrate (monthly_hashrate_%) for ${regions} regions, each month from its first day;`,
      `labels mapped ${map.labels.map((l) => `${l.label} → ${l.region}`).join(', ')}.`,
      'CBECI marks with * the countries it manually adjusted (suspected VPN routing).',
    ].join(' '),
  };
}
