import type { Estimate } from '../core/estimate.js';
import { roundSignificant } from '../core/units.js';

type Cell = string | number | boolean | null | undefined;

/** RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(roundSignificant(value)) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** A column of a CSV table: its header and how to get its cell from an item. */
export type CsvColumn<T> = readonly [string, (item: T) => Cell];

/** One row per item, one cell per column, with the column names as the header. */
export function renderColumns<T>(columns: readonly CsvColumn<T>[], items: readonly T[]): string {
  return renderCsv(
    columns.map(([name]) => name),
    items.map((item) => columns.map(([, get]) => get(item))),
  );
}

/** The columns of `estimate --format csv`, in order: the JSON contract's fields, flattened with dotted names. */
export const ESTIMATE_CSV_COLUMNS: readonly CsvColumn<Estimate>[] = [
  ['region.id', (e) => e.region.id],
  ['region.name', (e) => e.region.name],
  ['region.kind', (e) => e.region.kind],
  ['region.parent', (e) => e.region.parent],
  ['year', (e) => e.year],
  ['month', (e) => e.month],
  ['energy.twh', (e) => e.energy.twh],
  ['energy.lowerTwh', (e) => e.energy.lowerTwh],
  ['energy.upperTwh', (e) => e.energy.upperTwh],
  ['energy.p5', (e) => e.energy.p5],
  ['energy.p50', (e) => e.energy.p50],
  ['energy.p95', (e) => e.energy.p95],
  ['power.gw', (e) => e.power.gw],
  ['power.lowerGw', (e) => e.power.lowerGw],
  ['power.upperGw', (e) => e.power.upperGw],
  ['share.pct', (e) => e.share.pct],
  ['share.of', (e) => e.share.of],
  [
    'share.links',
    (e) =>
      e.share.links
        .map(
          (l) =>
            `${l.region} of ${l.of}: ${roundSignificant(l.pct)}% (${[l.months.join(' '), l.evidence, ...(l.dataset ? [`dataset ${l.dataset}`] : []), ...l.breaks.map((b) => `before ${b}`)].join(', ')})`,
        )
        .join('; '),
  ],
  ['basis.series', (e) => e.basis.series],
  ['basis.scope', (e) => e.basis.scope],
  ['basis.kind', (e) => e.basis.kind],
  ['basis.year', (e) => e.basis.year],
  ['basis.twh', (e) => e.basis.twh],
  ['basis.lowerTwh', (e) => e.basis.lowerTwh],
  ['basis.upperTwh', (e) => e.basis.upperTwh],
  ['basis.source', (e) => e.basis.source],
  ['carbon.mtco2', (e) => e.carbon?.mtco2],
  ['carbon.lowerMtco2', (e) => e.carbon?.lowerMtco2],
  ['carbon.upperMtco2', (e) => e.carbon?.upperMtco2],
  ['carbon.gco2PerKwh', (e) => e.carbon?.gco2PerKwh],
  ['carbon.region', (e) => e.carbon?.region],
  ['carbon.year', (e) => e.carbon?.year],
  ['carbon.source', (e) => e.carbon?.source],
  ['carbon.p5', (e) => e.carbon?.p5],
  ['carbon.p50', (e) => e.carbon?.p50],
  ['carbon.p95', (e) => e.carbon?.p95],
  ['carbon.reported.mtco2', (e) => e.carbon?.reported?.mtco2],
  ['carbon.bracket.lowMtco2', (e) => e.carbon?.bracket?.lowMtco2],
  ['carbon.bracket.highMtco2', (e) => e.carbon?.bracket?.highMtco2],
  ['comparison.baseline', (e) => e.comparison?.baseline],
  ['comparison.measure', (e) => e.comparison?.measure],
  ['comparison.rank', (e) => e.comparison?.rank],
  ['comparison.count', (e) => e.comparison?.count],
  ['comparison.above.country', (e) => e.comparison?.above?.country],
  ['comparison.above.twh', (e) => e.comparison?.above?.twh],
  ['comparison.below.country', (e) => e.comparison?.below?.country],
  ['comparison.below.twh', (e) => e.comparison?.below?.twh],
  ['comparison.pctOfCountry', (e) => e.comparison?.pctOfCountry],
  ['sources', (e) => e.sources.map((s) => s.id).join('; ')],
  ['warnings', (e) => e.warnings.join('; ')],
  ['evidence', (e) => e.evidence],
  ['caveats', (e) => e.caveats.join('; ')],
  ['basis.evidence', (e) => e.basis.evidence],
  ['basis.coverage', (e) => e.basis.coverage],
  ['basis.publishedTwh', (e) => e.basis.publishedTwh],
  ['basis.factor', (e) => e.basis.factor],
  ['basis.days', (e) => e.basis.days],
  ['basis.through', (e) => e.basis.through],
  ['basis.asOf', (e) => e.basis.asOf],
  ['basis.fromYear', (e) => e.basis.fromYear],
  ['basis.toYear', (e) => e.basis.toYear],
  ['basis.alternatives', (e) => e.basis.alternatives.map((a) => `${a.series}: ${roundSignificant(a.twh)}`).join('; ')],
  ['carbon.basis', (e) => e.carbon?.basis],
  ['carbon.evidence', (e) => e.carbon?.evidence],
];

export function renderEstimatesCsv(estimates: readonly Estimate[]): string {
  return renderColumns(ESTIMATE_CSV_COLUMNS, estimates);
}
