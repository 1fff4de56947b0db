import type { ShareSeries } from '../../core/shares/share-series.js';
import type { Obtained } from '../../core/shares/share-model.js';
import { possessive } from '../../text.js';
import type { Colors } from '../terminal/color.js';
import { formatNumber, sparkline } from '../terminal/numbers.js';
import { sourceLine, table } from './table.js';
import { wrapText } from '../terminal/width.js';

/** A region's share series with what a reader needs beside it. */
export interface SharesView {
  series: ShareSeries;
  /** The region's name as the data gives it. */
  regionName: string;
  /** The name of the region the shares are of. */
  parentName: string;
  /** Whether the parent is below the world, so that the share of the world is a second figure worth a column. */
  ofWorld: boolean;
  sources: readonly { id: string; title: string; url: string | null }[];
}

/** The mark after a share of the world whose links above were not all recorded that month. */
const WORLD_MARKS: Record<Obtained, string> = { recorded: '', interpolated: ' i', carried: ' c' };

/** A region's monthly shares for people: a title with a sparkline, a row a month, and the sources. */
export function renderShares(view: SharesView, colors: Colors, widthColumns: number): string {
  const { series, ofWorld, parentName } = view;
  const rows = series.months.map((m) => [
    m.month,
    `${formatNumber(m.pct)}${m.approximate ? ' ≈' : ''}`,
    ...(ofWorld
      ? [m.worldPct === null ? '' : `${formatNumber(m.worldPct)}${WORLD_MARKS[m.worldObtained ?? 'recorded']}`]
      : []),
    m.evidence,
    m.source,
  ]);
  const head = ['Month', `% of ${parentName}`, ...(ofWorld ? ['% of World'] : []), 'Evidence', 'Source'];
  const line = `${colors.bold(view.regionName)}: share of ${possessive(parentName)} hashrate${series.dataset ? ` (dataset ${series.dataset})` : ''}, ${series.months[0]?.month} to ${series.months.at(-1)?.month}  ${sparkline(series.months.map((m) => m.pct))}`;
  const sources = view.sources.map((s) => `${sourceLine(s, colors, widthColumns)}\n`).join('');
  const approximate = series.months.some((m) => m.approximate) ? '≈ approximate figure.\n' : '';
  const marked = ofWorld && series.months.some((m) => m.worldObtained !== null && m.worldObtained !== 'recorded');
  const worldNote = marked
    ? `${wrapText(`% of World: times the share of ${parentName} that month, interpolated between records (i) or carried from the nearest (c) where none is recorded then.`, widthColumns)}\n`
    : '';
  return `${wrapText(line, widthColumns)}\n${table(head, rows, ofWorld ? [1, 2] : [1], widthColumns)}${approximate}${worldNote}Sources\n${sources}`;
}
