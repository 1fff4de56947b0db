import type { Catalogue } from '../../core/catalogue.js';
import type { Neighbour } from '../../core/compare.js';
import type { ScenarioResult } from '../../core/scenario/scenario.js';
import type { ShareSeries } from '../../core/shares/share-series.js';

/**
 * The records of `--format ndjson` and `--format csv` for the commands whose JSON is one object rather than a
 * list: the object's list, each item carrying the object's context where a row needs it to be read alone.
 */

/** `datasets`: every series, share dataset, event and baseline, each with `list` naming which it is. */
export function datasetRecords(catalogue: Catalogue): Record<string, unknown>[] {
  return [
    ...catalogue.series.map((item) => ({ list: 'series', ...item })),
    ...catalogue.shareDatasets.map((item) => ({ list: 'share-dataset', ...item })),
    ...catalogue.events.map((item) => ({ list: 'event', ...item })),
    ...catalogue.baselines.map((item) => ({ list: 'baseline', ...item })),
  ];
}

/** `shares`: one record a month, with the region, the parent the share is of and the dataset. */
export function shareRecords(series: ShareSeries): Record<string, unknown>[] {
  return series.months.map((month) => ({
    region: series.region.id,
    of: series.of,
    dataset: series.dataset,
    ...month,
  }));
}

/**
 * `compare`: one record a neighbour with its own rank (the value ranked among them is the one with `self` true,
 * so its rank is the document's), with the value, the count of countries and the baseline.
 */
export function neighbourRecords(document: {
  value: object;
  count: number;
  baseline: object;
  neighbours: readonly Neighbour[];
}): Record<string, unknown>[] {
  const { value, count, baseline } = document;
  return document.neighbours.map((neighbour) => ({ value, count, baseline, ...neighbour }));
}

/**
 * `scenario`: one record a region, then the network total as a region with id `network` and no share, each with
 * the document's scenario, caveats, Monte Carlo and warnings, so that a row reads alone.
 */
export function scenarioRecords(result: ScenarioResult): Record<string, unknown>[] {
  const { regions, total, ...context } = result;
  return [...regions, { id: 'network', sharePct: null, ...total }].map((row) => ({ ...row, ...context }));
}
