import type { CountryComparison } from '../../core/compare.js';
import type { Colors } from '../terminal/color.js';
import { bar, formatNumber } from '../terminal/numbers.js';
import { table } from './table.js';
import { wrapText } from '../terminal/width.js';

/** The widest bar, in cells: a country using as much as the compared figure fills it. */
const BAR_CELLS = 20;

/**
 * Two lines naming the figure and the baseline, then one row per country: its TWh and the figure as a % of it.
 * `value.label` is shown with the figure after it unless `labelIsFigure` (the label is the number itself).
 */
export function renderCompareWithTable(
  value: { label: string; twh: number; labelIsFigure: boolean },
  baseline: { id: string; name: string; measure: string; year: number },
  rows: readonly CountryComparison[],
  colors: Colors,
  widthColumns: number,
): string {
  const percent = (pct: number | null) => (pct === null ? '–' : `${formatNumber(pct)}%`);
  const body = rows.map((r) => [
    r.year === baseline.year ? r.country : `${r.country} (${r.year})`,
    r.iso3 ?? '',
    formatNumber(r.twh),
    colors.bold(percent(r.pctOfCountry)),
    bar(Math.min(r.pctOfCountry ?? 0, 100), 100, BAR_CELLS),
  ]);
  const subject = value.labelIsFigure ? value.label : `${value.label} (${formatNumber(value.twh)} TWh/yr)`;
  const heading = wrapText(
    `${subject} as a percentage of each country's electricity ${baseline.measure} in ${baseline.id} (${baseline.year}, or the year given):`,
    widthColumns,
  );
  return `${heading}\n${table(['Country', 'ISO', 'TWh/yr', '% of it', '0–100%'], body, [2, 3], widthColumns)}`;
}
