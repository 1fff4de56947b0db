import { yearsCovered } from './dates.js';
import { quoteList, suggest } from '../text.js';
import { DATA_FILE_NAMES, type Dataset, type DatasetKey, RECORD_KEY, RECORD_LABEL } from './dataset.js';

/** Children of one parent in one month may sum to 100 plus this much, for rounding in the published figures. */
export const SHARE_SUM_TOLERANCE_PCT = 0.1;

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
    const visited = new Set<string>([region.id]);
    for (let parent = region.parent; parent !== null; parent = regions.get(parent)?.parent ?? null) {
      if (visited.has(parent)) {
        at('regions', region, 'parent', `the chain of parents loops back to "${parent}"`);
        break;
      }
      visited.add(parent);
    }
  }

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
  const sums = new Map<string, { parent: string; month: string; dataset: string | undefined; sum: number }>();
  for (const share of data.shares) {
    const parent = regions.get(share.region)?.parent;
    if (parent == null) continue;
    const key = `${share.dataset ?? ''} ${parent} ${share.month}`;
    const entry = sums.get(key) ?? { parent, month: share.month, dataset: share.dataset, sum: 0 };
    entry.sum += share.sharePct;
    sums.set(key, entry);
  }
  for (const { parent, month, dataset, sum } of sums.values()) {
    if (sum > 100 + SHARE_SUM_TOLERANCE_PCT) {
      problems.push(
        `${DATA_FILE_NAMES.shares} → shares of "${parent}" in ${month}${dataset ? ` (dataset ${dataset})` : ''} → sharePct → the children of "${parent}" sum to ${Number(sum.toFixed(4))}%, above 100%`,
      );
    }
  }

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
