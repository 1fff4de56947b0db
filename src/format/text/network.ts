import type { NetworkResult } from '../../core/network/network.js';
import type { SeriesResult } from '../../core/network/network-series.js';
import type { Colors } from '../terminal/color.js';
import { formatNumber } from '../terminal/numbers.js';
import { table } from './table.js';
import { wrapText } from '../terminal/width.js';

/** One run of a network model for people: its inputs, the best guess and bounds, and the eligible machines. */
export function renderModelTable(result: NetworkResult, colors: Colors, widthColumns: number): string {
  const rows = [
    ['Best guess', formatNumber(result.energy.twh), formatNumber(result.power.gw)],
    ...(result.energy.lowerTwh === null
      ? []
      : [
          ['Lower bound', formatNumber(result.energy.lowerTwh), formatNumber(result.power.lowerGw ?? 0)],
          ['Upper bound', formatNumber(result.energy.upperTwh ?? 0), formatNumber(result.power.upperGw ?? 0)],
        ]),
  ];
  const inputs = Object.entries(result.inputs)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  let text = `${wrapText(`${colors.bold(`Network, ${result.method}`)} (${inputs})`, widthColumns)}\n${table(['', 'TWh/yr', 'GW'], rows, [1, 2], widthColumns)}`;
  if (result.thresholdJPerTh !== null) {
    text += `${wrapText(`Threshold: ${formatNumber(result.thresholdJPerTh)} J/TH; ${result.eligible.length} eligible machine${result.eligible.length === 1 ? '' : 's'}`, widthColumns)}\n`;
    text += table(
      ['Model', 'Released', 'J/TH', 'Weight', 'Evidence'],
      result.eligible.map((m) => [
        `${m.model}${m.approximate ? ' ≈' : ''}`,
        m.released,
        formatNumber(m.jPerTh),
        String(m.weight),
        m.evidence,
      ]),
      [2, 3],
      widthColumns,
    );
  }
  return text;
}

/**
 * A daily series for people; across a gap in the dates (`gaps`) a window holds fewer days than its span, shown as
 * `Days`.
 */
export function renderSeriesTable(results: readonly SeriesResult[], gaps: boolean, widthColumns: number): string {
  const cell = (value: number | null) => (value === null ? '' : formatNumber(value));
  return table(
    ['Date', 'EH/s', 'Threshold J/TH', ...(gaps ? ['Days'] : []), 'Eligible', 'TWh/yr', 'Lower', 'Upper'],
    results.map((r) => [
      r.date,
      formatNumber(r.hashrateEhs),
      formatNumber(r.thresholdJPerTh),
      ...(gaps ? [String(r.thresholdWindowDays)] : []),
      String(r.eligible),
      cell(r.energy.twh),
      cell(r.energy.lowerTwh),
      cell(r.energy.upperTwh),
    ]),
    gaps ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5, 6],
    widthColumns,
  );
}
