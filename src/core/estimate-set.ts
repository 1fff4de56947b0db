import type { z } from 'zod';
import type { ChangeSchema, RemainderOutputSchema, SkippedOutputSchema } from '../contract/estimate.js';
import type { Dataset } from '../data/dataset.js';
import type { Region } from '../data/schemas.js';
import { UsageError } from '../errors.js';
import { possessive } from '../text.js';
import { checkEstimateOptions, type Estimate, type EstimateOptions, estimate, regionsWithShares } from './estimate.js';
import { about, checkYear } from './common/validation.js';
import { REGION_KINDS } from '../data/vocabulary.js';
import { type DataIndex, indexData } from './regions/lookup.js';

/**
 * Estimates of several regions or years at once, as `estimate` prints them: a region that cannot be estimated is
 * a record saying why (never dropped in silence), the years of one region say where their sources change, and the
 * regions of `--all` are completed by the remainders of their breakdowns, so that they add up.
 */

/** A region (or a year of it) that could not be estimated, and why. */
export type Skipped = z.output<typeof SkippedOutputSchema>;
/** The part of a region's energy that its breakdown leaves to none of its recorded parts. */
export type Remainder = z.output<typeof RemainderOutputSchema>;
/** Where a year rests on another series or share source than the year before. */
export type Change = z.output<typeof ChangeSchema>;
/** One record of `estimate`'s output. */
export type EstimateRecord = Estimate | Remainder | Skipped;

/**
 * How far the parts of a region, with its remainder, may be from the region itself, TWh: the remainder is their
 * difference, so they agree but for rounding in floating point.
 */
export const SUM_TOLERANCE_TWH = 1e-9;

/** The period of a skipped record: the year or month asked for, else null (the default year). */
function periodOf(options: EstimateOptions): { year: number | null; month: string | null } {
  if (options.month !== undefined) return { year: Number(options.month.slice(0, 4)), month: options.month };
  return { year: options.year ?? null, month: null };
}

/**
 * The estimate of a region, or a record of why it cannot be made (a missing share or network total: a
 * {@link UsageError} of `estimate`). Other errors are thrown.
 */
export function estimateOrSkip(data: Dataset, region: Region, options: EstimateOptions): Estimate | Skipped {
  try {
    return estimate(data, region.id, options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return {
      record: 'skipped',
      region: { id: region.id, name: region.name, kind: region.kind, parent: region.parent },
      ...periodOf(options),
      reason: options.reasonOf ? options.reasonOf(error) : error.message,
    };
  }
}

/** The years of a range, first to last. */
export function yearsOf(range: { from: number; to: number }): number[] {
  return Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
}

/** Whether the data mark two sources as not comparable (either way round). */
export function notComparable(index: DataIndex, a: string, b: string): boolean {
  return (
    (index.sources.get(a)?.notComparableWith ?? []).includes(b) ||
    (index.sources.get(b)?.notComparableWith ?? []).includes(a)
  );
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * What an estimate rests on that the one before did not: another network series, or another source for a share
 * link (the same link, region of parent). A link present in one year only is a change of its chain: listed too.
 */
export function changesBetween(index: DataIndex, before: Estimate, after: Estimate): Change[] {
  const changes: Change[] = [];
  if (before.basis.series !== after.basis.series) {
    changes.push({
      what: 'basis',
      region: null,
      of: null,
      from: [before.basis.series],
      to: [after.basis.series],
      comparable: !notComparable(index, before.basis.source, after.basis.source),
    });
  }
  const key = (l: Estimate['share']['links'][number]) => `${l.region} ${l.of}`;
  const earlier = new Map(before.share.links.map((l) => [key(l), l]));
  const later = new Map(after.share.links.map((l) => [key(l), l]));
  for (const k of new Set([...earlier.keys(), ...later.keys()])) {
    const from = [...(earlier.get(k)?.sources ?? [])].sort();
    const to = [...(later.get(k)?.sources ?? [])].sort();
    if (sameList(from, to)) continue;
    const link = (later.get(k) ?? earlier.get(k)) as Estimate['share']['links'][number];
    changes.push({
      what: 'share',
      region: link.region,
      of: link.of,
      from,
      to,
      comparable: !from.some((a) => to.some((b) => notComparable(index, a, b))),
    });
  }
  return changes;
}

/**
 * One region's estimates for each year of a range, in order, each with the `changes` from the year before that
 * was estimated (the first has none); a year that cannot be estimated is a {@link Skipped} record. The data of an
 * "electricity by year" view of a region.
 * @param options the estimate's options but its period (`year` and `month` are set here).
 * @throws UsageError for an unknown region or a range whose end is before its start.
 */
export function estimateYears(
  data: Dataset,
  regionId: string,
  range: { from: number; to: number },
  options: Omit<EstimateOptions, 'year' | 'month'> = {},
): (Estimate | Skipped)[] {
  const index = indexData(data);
  const region = index.regions.get(regionId);
  if (!region) throw new UsageError(`Unknown region "${regionId}".`);
  if (typeof range !== 'object' || range === null) throw new UsageError('years: expected { from, to }.');
  about('years.from', () => checkYear(range.from));
  about('years.to', () => checkYear(range.to));
  if (range.to < range.from) throw new UsageError(`The years run backwards: ${range.from} to ${range.to}.`);
  checkEstimateOptions(data, { ...options, month: undefined, year: range.from });
  let previous: Estimate | undefined;
  return yearsOf(range).map((year) => {
    const result = estimateOrSkip(data, region, { ...options, month: undefined, year });
    if (result.record === 'skipped') return result;
    const withChanges = { ...result, changes: previous ? changesBetween(index, previous, result) : [] };
    previous = result;
    return withChanges;
  });
}

/** Regions of the kinds that together make up one level of the tree: `--kind country` gets `other` too. */
function keepsKind(region: Region, kind: Region['kind'], index: DataIndex): boolean {
  if (region.kind === kind) return true;
  // `other` is the rest of its parent's breakdown beside regions of the kind: without it they do not add up.
  return (
    region.kind === 'other' && (index.children.get(region.parent ?? '') ?? []).some((sibling) => sibling.kind === kind)
  );
}

/** What the remainders need of an estimate: {@link estimateAll} keeps this of each, not the whole estimate. */
interface EstimateSummary {
  region: Estimate['region'];
  year: number;
  month: string | null;
  energy: { twh: number; lowerTwh: number | null; upperTwh: number | null };
  share: { pct: number; of: string };
  series: string;
}

const summaryOf = (e: Estimate): EstimateSummary => ({
  region: e.region,
  year: e.year,
  month: e.month,
  energy: { twh: e.energy.twh, lowerTwh: e.energy.lowerTwh, upperTwh: e.energy.upperTwh },
  share: { pct: e.share.pct, of: e.share.of },
  series: e.basis.series,
});

/**
 * The remainder of each region whose parts are among the estimates: the region's TWh less its parts' (the share
 * of it that its breakdown names no part for), so that its parts and the remainder add up to it. A remainder of
 * less than {@link SUM_TOLERANCE_TWH} is left out.
 */
export function remaindersOf(index: DataIndex, estimates: readonly Estimate[]): Remainder[] {
  return remaindersOfSummaries(index, estimates.map(summaryOf));
}

function remaindersOfSummaries(index: DataIndex, estimates: readonly EstimateSummary[]): Remainder[] {
  const partsOf = new Map<string, EstimateSummary[]>();
  for (const e of estimates) {
    if (e.region.parent === null) continue;
    let parts = partsOf.get(e.region.parent);
    if (!parts) partsOf.set(e.region.parent, (parts = []));
    parts.push(e);
  }
  const remainders: Remainder[] = [];
  for (const parent of estimates) {
    const parts = partsOf.get(parent.region.id) ?? [];
    if (parts.length === 0) continue;
    const twh = parent.energy.twh - parts.reduce((sum, e) => sum + e.energy.twh, 0);
    if (Math.abs(twh) < SUM_TOLERANCE_TWH) continue;
    const sameBasis = parts.every((e) => e.series === parent.series && e.share.of === parent.share.of);
    const scale = parent.energy.twh > 0 && twh >= 0 ? twh / parent.energy.twh : null;
    const pct = sameBasis ? parent.share.pct - parts.reduce((sum, e) => sum + e.share.pct, 0) : null;
    const reasons = [
      `The part of ${possessive(parent.region.name)} energy that its breakdown for ${parent.month ?? parent.year} gives to none of the ${parts.length} parts listed (100% less their shares of it)`,
      ...(sameBasis
        ? []
        : ['some parts rest on another network total, so it holds the difference between the totals too']),
      ...(twh < 0 ? ['negative: the parts add up to more than the whole, so it has no bounds'] : []),
    ];
    remainders.push({
      record: 'remainder',
      region: {
        id: `${parent.region.id}/unattributed`,
        name: `${parent.region.name}, unattributed`,
        kind: 'remainder',
        parent: parent.region.id,
      },
      year: parent.year,
      month: parent.month,
      energy: {
        twh,
        lowerTwh: scale === null || parent.energy.lowerTwh === null ? null : parent.energy.lowerTwh * scale,
        upperTwh: scale === null || parent.energy.upperTwh === null ? null : parent.energy.upperTwh * scale,
      },
      share: { pct, of: parent.share.of },
      parts: parts.map((e) => e.region.id),
      note: `${reasons.join('; ')}.`,
    });
  }
  return remainders;
}

/** Options for {@link estimateAll}. */
export interface EstimateAllOptions extends EstimateOptions {
  /** Only regions of this kind, with `other` and the remainders that complete them to their parent. */
  kind?: Region['kind'];
}

/**
 * The records of `estimate --all`, made one at a time: the world and every region with share data, each estimated
 * (or a record of why not), then the remainder of each breakdown, so that the parts of each region estimated add
 * up to it: the world's countries, `other` and the world's remainder to the world; a country's provinces or states
 * and its remainder to the country. With `kind`, the regions of that kind and what completes them to their
 * parents (`other`, the remainders), not the parents themselves. Only a summary of each estimate is kept.
 */
export function* estimateAll(data: Dataset, options: EstimateAllOptions = {}): Generator<EstimateRecord> {
  yield* beginEstimateAll(data, options).records();
}

/** {@link estimateAll} with its worlds estimated first, each once. */
export interface EstimateAllRun {
  /**
   * Whether every world (a region without a parent) could be estimated: when one cannot (no total for the
   * period), the run may have nothing to print, which a caller may want to know before it writes anything.
   */
  worldsEstimated: boolean;
  /**
   * The records of {@link estimateAll}, made as they are read; each reading makes them again but for the worlds',
   * which are made once, here.
   */
  records: () => Generator<EstimateRecord>;
}

/**
 * Checks the options of {@link estimateAll} and estimates its worlds, the first of its records, so that a caller
 * learns whether the world can be estimated without estimating it twice.
 * @throws UsageError for a mistake in the options (said once, not as the reason each region is left out).
 */
export function beginEstimateAll(data: Dataset, options: EstimateAllOptions = {}): EstimateAllRun {
  const index = indexData(data);
  const { kind, ...estimateOptions } = options;
  if (kind !== undefined && !(REGION_KINDS as readonly unknown[]).includes(kind)) {
    throw new UsageError(`kind: expected one of ${REGION_KINDS.join(', ')}, not ${JSON.stringify(kind)}.`);
  }
  // A mistake in the options is the run's, not a reason given for each region.
  checkEstimateOptions(data, estimateOptions);
  const worlds = data.regions.filter((r) => r.parent === null);
  const worldRecords = worlds.map((world) => estimateOrSkip(data, world, estimateOptions));
  const regions = regionsWithShares(data);
  const keeps = (region: Region) => kind === undefined || keepsKind(region, kind, index);
  return {
    worldsEstimated: worldRecords.every((record) => record.record !== 'skipped'),
    *records() {
      const summaries: EstimateSummary[] = [];
      const estimated = function* (): Generator<[Region, Estimate | Skipped]> {
        for (const [i, world] of worlds.entries()) yield [world, worldRecords[i] as Estimate | Skipped];
        for (const region of regions) yield [region, estimateOrSkip(data, region, estimateOptions)];
      };
      for (const [region, result] of estimated()) {
        if (result.record === 'estimate') summaries.push(summaryOf(result));
        if (keeps(region)) yield result;
      }
      for (const remainder of remaindersOfSummaries(index, summaries)) {
        const siblings = index.children.get(remainder.region.parent ?? '') ?? [];
        if (kind === undefined || siblings.some((child) => child.kind === kind)) yield remainder;
      }
    },
  };
}

/** What {@link incomparableSources} reads of an estimate: its region and its share's sources, link by link. */
export interface SourcesOfEstimate {
  region: { id: string };
  share: { links: readonly { sources: readonly string[] }[] };
}

/** An estimate's {@link SourcesOfEstimate} alone, to keep while the estimate itself is let go (a streamed run). */
export function sourcesOf(e: Estimate): SourcesOfEstimate {
  return {
    region: { id: e.region.id },
    share: { links: e.share.links.map((link) => ({ sources: [...link.sources] })) },
  };
}

/**
 * The share sources of the estimates that the data mark as not comparable with another among them, as pairs
 * (each source with the regions resting on it), for a note said once under a table of them.
 */
export function incomparableSources(
  index: DataIndex,
  estimates: readonly SourcesOfEstimate[],
): { sources: [string, string]; regions: [string[], string[]] }[] {
  const regionsBySource = new Map<string, Set<string>>();
  for (const e of estimates) {
    for (const link of e.share.links) {
      for (const source of link.sources) {
        let regions = regionsBySource.get(source);
        if (!regions) regionsBySource.set(source, (regions = new Set()));
        regions.add(e.region.id);
      }
    }
  }
  const sources = [...regionsBySource.keys()].sort();
  const pairs: { sources: [string, string]; regions: [string[], string[]] }[] = [];
  for (const [i, a] of sources.entries()) {
    for (const b of sources.slice(i + 1)) {
      if (!notComparable(index, a, b)) continue;
      const regions = (s: string) => [...(regionsBySource.get(s) ?? [])].sort();
      pairs.push({ sources: [a, b], regions: [regions(a), regions(b)] });
    }
  }
  return pairs;
}
