import { yearsCovered } from './dates.js';
import { formatCount, normaliseName, quoteList, suggest } from '../text.js';
import { DATA_FILE_NAMES, type Dataset, type DatasetKey, RECORD_KEY, RECORD_LABEL } from './dataset.js';
import { MAX_REGION_DEPTH, MAX_REGIONS, overRegionLimit } from './limits.js';
import type { Baseline, Region } from './schemas.js';
import { appendAll } from './problems.js';


/** Children of one parent in one month may sum to 100 plus this much, for rounding in the published figures. */
export const SHARE_SUM_TOLERANCE_PCT = 0.1;

/** What to do about children whose shares sum to more than their parent, after the records are named. */
const SHARE_SUM_REMEDY =
  'Correct the sharePct of one or more of these records (or remove one, or give a survey its own dataset) so that they sum to 100% or less.';

function didYouMean(value: string, candidates: readonly string[]): string {
  const close = suggest(value, candidates);
  return close.length > 0 ? `; did you mean ${quoteList(close)}?` : '';
}

/**
 * Checks what no single record can: duplicate keys, references between files, the region tree,
 * and that the children of a parent do not share more than 100% of it in any month.
 * @returns one message per problem, each naming file → record → field → what is wrong.
 */
export function checkReferences(data: Dataset): string[] {
  const problems: string[] = [];
  const at = <K extends DatasetKey>(key: K, record: Dataset[K][number], field: string, message: string) =>
    problems.push(`${DATA_FILE_NAMES[key]} → ${RECORD_LABEL[key](record as never)} → ${field} → ${message}`);

  for (const key of Object.keys(DATA_FILE_NAMES) as DatasetKey[]) {
    const seen = new Set<string>();
    for (const record of data[key]) {
      const recordKey = RECORD_KEY[key](record as never);
      if (seen.has(recordKey)) at(key, record, 'key', 'appears more than once; keep one record per key');
      seen.add(recordKey);
    }
  }

  const sourceIds = data.sources.map((s) => s.id);
  const sourceSet = new Set(sourceIds);
  const checkSource = <K extends 'shares' | 'networkEnergy' | 'baselines' | 'carbon' | 'hardware' | 'events'>(
    key: K,
  ) => {
    for (const record of data[key]) {
      if (!sourceSet.has(record.source)) {
        at(key, record, 'source', `unknown source "${record.source}"${didYouMean(record.source, sourceIds)}`);
      }
    }
  };
  checkSource('shares');
  checkSource('networkEnergy');
  checkSource('baselines');
  checkSource('carbon');
  checkSource('hardware');
  checkSource('events');
  for (const source of data.sources) {
    for (const other of source.notComparableWith ?? []) {
      if (!sourceSet.has(other)) {
        at('sources', source, 'notComparableWith', `unknown source "${other}"${didYouMean(other, sourceIds)}`);
      }
    }
  }

  if (data.regions.length > MAX_REGIONS) {
    const first = data.regions[MAX_REGIONS] as Dataset['regions'][number];
    problems.push(
      `${DATA_FILE_NAMES.regions} → region "${first.id}" → ${overRegionLimit(data.regions.length)}`,
    );
    return problems;
  }
  const regionIds = data.regions.map((r) => r.id);
  const regions = new Map(data.regions.map((r) => [r.id, r]));
  const worlds = data.regions.filter((r) => r.parent === null);
  if (worlds.length !== 1) {
    problems.push(
      `${DATA_FILE_NAMES.regions} → parent → exactly one region (the world) must have parent null; found ${worlds.length}${worlds.length > 0 ? ` (${worlds.map((r) => r.id).join(', ')})` : ''}`,
    );
  }
  for (const region of data.regions) {
    if (region.parent === null && region.kind !== 'world')
      at('regions', region, 'parent', 'only the world region may have parent null');
    if (region.parent !== null && region.kind === 'world')
      at('regions', region, 'kind', 'a world region must have parent null');
    if (region.parent !== null && !regions.has(region.parent)) {
      at('regions', region, 'parent', `unknown region "${region.parent}"${didYouMean(region.parent, regionIds)}`);
    }
    if (region.iso !== undefined) {
      const alpha3 = /^[A-Z]{3}$/.test(region.iso);
      if (region.kind === 'country' && !alpha3)
        at('regions', region, 'iso', 'a country takes an ISO 3166-1 alpha-3 code, e.g. CHN');
      if ((region.kind === 'province' || region.kind === 'state') && alpha3) {
        at('regions', region, 'iso', 'a province or state takes an ISO 3166-2 code, e.g. CN-SC');
      }
    }
  }
  appendAll(problems, regionChainProblems(data.regions));
  appendAll(problems, aliasProblems(data.regions));

  const checkRegion = <K extends 'shares' | 'networkEnergy' | 'carbon'>(key: K, field: 'region' | 'scope') => {
    for (const record of data[key]) {
      const value = (record as Record<string, unknown>)[field] as string;
      if (!regions.has(value)) at(key, record, field, `unknown region "${value}"${didYouMean(value, regionIds)}`);
    }
  };
  checkRegion('shares', 'region');
  checkRegion('networkEnergy', 'scope');
  checkRegion('carbon', 'region');
  for (const event of data.events) {
    for (const id of event.regions) {
      if (!regions.has(id)) at('events', event, 'regions', `unknown region "${id}"${didYouMean(id, regionIds)}`);
    }
  }

  for (const share of data.shares) {
    if (regions.get(share.region)?.parent === null)
      at('shares', share, 'region', 'the world region has no parent to be a share of');
  }
  const sums = new Map<
    string,
    { parent: string; month: string; dataset: string | undefined; sum: number; children: { id: string; pct: number }[] }
  >();
  for (const share of data.shares) {
    const parent = regions.get(share.region)?.parent;
    if (parent == null) continue;
    const key = `${share.dataset ?? ''} ${parent} ${share.month}`;
    const entry = sums.get(key) ?? { parent, month: share.month, dataset: share.dataset, sum: 0, children: [] };
    entry.sum += share.sharePct;
    entry.children.push({ id: share.region, pct: share.sharePct });
    sums.set(key, entry);
  }
  for (const { parent, month, dataset, sum, children } of sums.values()) {
    if (sum > 100 + SHARE_SUM_TOLERANCE_PCT) {
      const records = children.map((c) => `"${c.id}" ${month} ${Number(c.pct.toFixed(4))}%`).join(', ');
      problems.push(
        `${DATA_FILE_NAMES.shares} → shares of "${parent}" in ${month}${dataset ? ` (dataset ${dataset})` : ''} → sharePct → the children of "${parent}" sum to ${Number(sum.toFixed(4))}%, above 100%: ${records}. ${SHARE_SUM_REMEDY}`,
      );
    }
  }

  appendAll(problems, yearlyShareProblems(data));
  appendAll(problems, baselineCountryProblems(data.baselines));

  for (const series of data.networkEnergy) {
    const years = new Set<number>();
    for (const value of series.values) {
      const covered = yearsCovered(value);
      const repeated = covered.filter((y) => years.has(y));
      if (repeated.length > 0) {
        at('networkEnergy', series, `values (${value.year})`, `${repeated.join(', ')} is covered by more than one value`);
      }
      for (const y of covered) years.add(y);
    }
  }

  // A figure cannot have been seen better than its source was: a primary figure needs a primary source, a copied
  // one a primary or copied source. (Computed and secondhand figures may cite any source.)
  const grade = new Map(data.sources.map((s) => [s.id, s.evidence]));
  const strongerThanSource = <K extends 'shares' | 'baselines' | 'carbon' | 'hardware' | 'events'>(key: K) => {
    for (const record of data[key]) checkGrade(key, record, record.evidence, record.source);
  };
  const checkGrade = (
    key: DatasetKey,
    record: Dataset[DatasetKey][number],
    evidence: string,
    source: string,
  ) => {
    const sourceGrade = grade.get(source);
    if (sourceGrade === undefined) return;
    const allowed = evidence === 'primary' ? ['primary'] : evidence === 'copy' ? ['primary', 'copy'] : null;
    if (allowed && !allowed.includes(sourceGrade)) {
      at(key as never, record as never, 'evidence', `is ${evidence}, but its source "${source}" is only ${sourceGrade}`);
    }
  };
  strongerThanSource('shares');
  strongerThanSource('baselines');
  strongerThanSource('carbon');
  strongerThanSource('hardware');
  strongerThanSource('events');
  for (const series of data.networkEnergy) {
    for (const value of series.values) checkGrade('networkEnergy', series, value.evidence, series.source);
  }
  return problems;
}

/** A region's place in the tree: its depth (the world is 1), or the region its chain of parents loops back to. */
type ChainEnd = { depth: number } | { loopsTo: string };

/**
 * Each region's depth, or where its chain loops, worked out once per region: a walk up from a region stops at
 * the first one already known, so every region is visited a bounded number of times however deep the tree is
 * (linear time, no recursion). A parent that does not exist ends a chain as if it were the world (it is reported
 * on its own).
 */
export function regionChainEnds(regions: readonly Pick<Region, 'id' | 'parent'>[]): Map<string, ChainEnd> {
  const parentOf = new Map(regions.map((r) => [r.id, r.parent]));
  const ends = new Map<string, ChainEnd>();
  const path: string[] = [];
  const onPath = new Map<string, number>();
  for (const region of regions) {
    if (ends.has(region.id)) continue;
    path.length = 0;
    onPath.clear();
    let id: string | null = region.id;
    let end: ChainEnd = { depth: 0 };
    for (;;) {
      if (id === null || !parentOf.has(id)) break;
      const known = ends.get(id);
      if (known !== undefined) {
        end = known;
        break;
      }
      const seenAt = onPath.get(id);
      if (seenAt !== undefined) {
        // Every region on the loop loops back to itself; those below it loop back to where they enter it.
        for (const member of path.slice(seenAt)) ends.set(member, { loopsTo: member });
        path.length = seenAt;
        end = { loopsTo: id };
        break;
      }
      onPath.set(id, path.length);
      path.push(id);
      id = parentOf.get(id) ?? null;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      end = 'depth' in end ? { depth: end.depth + 1 } : end;
      ends.set(path[i] as string, end);
    }
  }
  return ends;
}

/**
 * Loops in the chain of parents, and chains deeper than {@link MAX_REGION_DEPTH}: each loop is reported once for
 * every region on it or leading to it, and a chain that is too deep once, at its first region past the limit.
 */
function regionChainProblems(regions: readonly Region[]): string[] {
  const ends = regionChainEnds(regions);
  const problems: string[] = [];
  for (const region of regions) {
    const end = ends.get(region.id);
    if (end === undefined) continue;
    if ('loopsTo' in end) {
      problems.push(
        `${DATA_FILE_NAMES.regions} → region "${region.id}" → parent → the chain of parents loops back to "${end.loopsTo}"`,
      );
    } else if (end.depth === MAX_REGION_DEPTH + 1) {
      problems.push(
        `${DATA_FILE_NAMES.regions} → region "${region.id}" → parent → is ${end.depth} levels down from the world (the world included), over the limit of ${formatCount(MAX_REGION_DEPTH)} levels (MAX_REGION_DEPTH); so is every region below it`,
      );
    }
  }
  return problems;
}

/**
 * Aliases that could name two regions: an alias that is another region's id or ISO code, or one that two regions
 * share (compared as names are matched: case, spaces and hyphens ignored). A query for it would find the wrong
 * region or be refused as ambiguous.
 */
function aliasProblems(regions: readonly Region[]): string[] {
  const owners = new Map<string, { region: string; what: string }>();
  for (const region of regions) {
    owners.set(normaliseName(region.id), { region: region.id, what: 'id' });
    if (region.iso !== undefined) owners.set(normaliseName(region.iso), { region: region.id, what: 'ISO code' });
  }
  const problems: string[] = [];
  const aliasOwners = new Map<string, string>();
  for (const region of regions) {
    for (const alias of new Set(region.aliases ?? [])) {
      const name = normaliseName(alias);
      const owner = owners.get(name);
      const where = `${DATA_FILE_NAMES.regions} → region "${region.id}" → aliases → "${alias}"`;
      if (owner !== undefined && owner.region !== region.id) {
        problems.push(`${where} is the ${owner.what} of region "${owner.region}"; an alias must name only its own region`);
        continue;
      }
      const other = aliasOwners.get(name);
      if (other !== undefined && other !== region.id) {
        problems.push(`${where} is also an alias of region "${other}"; an alias must name only one region`);
        continue;
      }
      aliasOwners.set(name, region.id);
    }
  }
  return problems;
}

/**
 * A country listed twice in one baseline (by ISO code or by name, compared as names are matched): its
 * consumption would be counted twice in every comparison and ranking.
 */
function baselineCountryProblems(baselines: readonly Baseline[]): string[] {
  const problems: string[] = [];
  for (const baseline of baselines) {
    const byIso = new Map<string, number>();
    const byName = new Map<string, number>();
    baseline.values.forEach((value, index) => {
      const earlierIso = value.iso3 === undefined ? undefined : byIso.get(value.iso3);
      const earlierName = byName.get(normaliseName(value.country));
      const earlier = earlierIso ?? earlierName;
      if (earlier !== undefined) {
        const first = baseline.values[earlier] as Baseline['values'][number];
        const entry = (i: number, v: Baseline['values'][number]) =>
          `values[${i}] ("${v.country}"${v.iso3 === undefined ? '' : `, ${v.iso3}`})`;
        problems.push(
          `${DATA_FILE_NAMES.baselines} → baseline "${baseline.id}" → ${entry(earlier, first)} and ${entry(index, value)} → the same country is listed twice (same ${earlierIso === undefined ? 'name' : 'ISO code'}); list each country once`,
        );
        return;
      }
      if (value.iso3 !== undefined) byIso.set(value.iso3, index);
      byName.set(normaliseName(value.country), index);
    });
  }
  return problems;
}

/**
 * A region's share of its parent for a year: the plain mean of its months recorded in that year. The one
 * definition: the data checks use it, and so does `chooseShare` in src/core/shares/shares.ts.
 */
export function yearMeanPct(monthlyPcts: readonly number[]): number {
  return monthlyPcts.reduce((sum, pct) => sum + pct, 0) / monthlyPcts.length;
}

/**
 * Children whose yearly shares of a parent add up to more than 100%: each month may sum to 100% or less, yet
 * children recorded in different months (one at 60% in January only, another at 60% in February only) give an
 * estimate of the year 120% of the parent. A remainder (kind `other`) is left out of the sum: the estimate takes
 * such an excess out of the remainder first (`dividePartition` in src/core/shares/shares.ts), as it holds regions that
 * other months name. Checked per share dataset, parent and year, with the monthly tolerance.
 */
function yearlyShareProblems(data: Dataset): string[] {
  const parentOf = new Map(data.regions.filter((r) => r.kind !== 'other').map((r) => [r.id, r.parent]));
  const months = new Map<string, { dataset: string | undefined; parent: string; year: string; child: string; pcts: number[] }>();
  for (const share of data.shares) {
    const parent = parentOf.get(share.region);
    if (parent == null) continue;
    const year = share.month.slice(0, 4);
    const key = `${share.dataset ?? ''} ${parent} ${year} ${share.region}`;
    const entry = months.get(key) ?? { dataset: share.dataset, parent, year, child: share.region, pcts: [] };
    entry.pcts.push(share.sharePct);
    months.set(key, entry);
  }
  const sums = new Map<string, { dataset: string | undefined; parent: string; year: string; children: { id: string; pct: number }[] }>();
  for (const entry of months.values()) {
    const key = `${entry.dataset ?? ''} ${entry.parent} ${entry.year}`;
    const sum = sums.get(key) ?? { dataset: entry.dataset, parent: entry.parent, year: entry.year, children: [] };
    sum.children.push({ id: entry.child, pct: yearMeanPct(entry.pcts) });
    sums.set(key, sum);
  }
  const problems: string[] = [];
  for (const { dataset, parent, year, children } of sums.values()) {
    const total = children.reduce((sum, child) => sum + child.pct, 0);
    if (total <= 100 + SHARE_SUM_TOLERANCE_PCT) continue;
    const listed = children.map((c) => `"${c.id}" ${Number(c.pct.toFixed(4))}%`).join(', ');
    problems.push(
      `${DATA_FILE_NAMES.shares} → shares of "${parent}" in ${year}${dataset ? ` (dataset ${dataset})` : ''} → sharePct → the yearly shares of the children of "${parent}" (each the mean of its months recorded in ${year}; a remainder not counted) sum to ${Number(total.toFixed(4))}%, above 100%: ${listed}. ${SHARE_SUM_REMEDY}`,
    );
  }
  return problems;
}
