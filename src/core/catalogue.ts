import type { Dataset } from '../data/dataset.js';
import type { Coverage, Evidence } from '../data/vocabulary.js';
import { yearsCovered } from '../data/dates.js';
import { coverageOf, describeCoverage } from './network/basis.js';
import { computedSeriesOf, sourcesOfSeries } from './network/computed-series.js';
import { weakestEvidence } from './common/evidence.js';
import { indexData } from './regions/lookup.js';
import { defaultBaseline } from './compare.js';

/** What the data holds besides regions and sources: the `datasets` command's document. */
export interface Catalogue {
  series: {
    id: string;
    scope: string;
    kind: string;
    /** Every calendar year a value speaks for. */
    years: number[];
    /** The years in words, with the partial years, readings and multi-year totals named. */
    coverage: string;
    values: { year: number; twh: number; coverage: Coverage; toYear?: number; evidence: Evidence }[];
    bounds: boolean;
    /** The weakest grade among the values. */
    evidence: Evidence;
    source: string;
    /** Every source behind the series: its own, and for the computed one its inputs' and hardware list's too. */
    sources: string[];
    /** Computed here from the daily inputs by the bottom-up model (the `bottom-up` series), not published. */
    computed: boolean;
    note: string | null;
  }[];
  shareDatasets: { id: string; regions: string[]; months: string[]; evidence: Evidence; sources: string[] }[];
  events: {
    id: string;
    month: string;
    title: string;
    regions: string[];
    evidence: Evidence;
    approximate: boolean;
    source: string;
    note: string | null;
  }[];
  baselines: {
    id: string;
    name: string;
    measure: string;
    year: number;
    countries: number;
    /** Whether a comparison uses it when none is named (the latest year's). */
    default: boolean;
    evidence: Evidence;
    source: string;
    note: string | null;
  }[];
}

/**
 * The network-energy series (the data's, then the `bottom-up` series computed from the daily inputs), share datasets,
 * structural breaks and baselines of a dataset, with their grades.
 */
export function catalogue(data: Dataset): Catalogue {
  const chosen = defaultBaseline(data.baselines);
  const index = indexData(data);
  const computed = computedSeriesOf(data);
  return {
    series: [...data.networkEnergy, ...(computed ? [computed.series] : [])].map((s) => ({
      id: s.id,
      scope: s.scope,
      kind: s.kind,
      years: [...new Set(s.values.flatMap(yearsCovered))].sort((a, b) => a - b),
      coverage: describeCoverage(s),
      values: s.values.map((v) => ({
        year: v.year,
        twh: v.twh,
        coverage: coverageOf(v),
        ...(v.toYear === undefined ? {} : { toYear: v.toYear }),
        evidence: v.evidence,
      })),
      bounds: s.values.some((v) => v.lowerTwh !== undefined || v.upperTwh !== undefined),
      evidence: weakestEvidence(s.values.map((v) => v.evidence)),
      source: s.source,
      sources: sourcesOfSeries(data, s),
      computed: s === computed?.series,
      note: s.note ?? null,
    })),
    shareDatasets: [...index.shareDatasets].map(([id, byRegion]) => {
      const records = [...byRegion.values()].flat();
      return {
        id,
        regions: [...byRegion.keys()],
        months: [...new Set(records.map((r) => r.month))].sort(),
        evidence: weakestEvidence(records.map((r) => r.evidence)),
        sources: [...new Set(records.map((r) => r.source))],
      };
    }),
    events: data.events.map((e) => ({
      id: e.id,
      month: e.month,
      title: e.title,
      regions: e.regions,
      evidence: e.evidence,
      approximate: e.approximate === true,
      source: e.source,
      note: e.note ?? null,
    })),
    baselines: data.baselines.map((b) => ({
      id: b.id,
      name: b.name,
      measure: b.measure,
      year: b.year,
      countries: b.values.length,
      default: b === chosen,
      evidence: b.evidence,
      source: b.source,
      note: b.note ?? null,
    })),
  };
}
