import type { Neighbour } from '../../core/compare.js';
import type { Colors } from '../terminal/color.js';
import { bar, formatNumber, standing } from '../terminal/numbers.js';
import { table } from './table.js';
import { displayWidth, wrapText } from '../terminal/width.js';

/** The `compare --json` document of a ranking. */
export interface CompareRanking {
  /** The figure ranked: its label, TWh a year, and for a region's estimate its weakest evidence and caveats. */
  value: { label: string; twh: number; evidence?: string; caveats?: string[] };
  rank: number;
  count: number;
  baseline: { id: string; name: string; measure: string; year: number };
  neighbours: Neighbour[];
}

/** A ranking for people: where the figure stands, then it among its neighbours with a bar each, the figure bold. */
export function renderRanking(result: CompareRanking, colors: Colors, widthColumns: number): string {
  const { value, baseline, neighbours: rows } = result;
  const max = Math.max(...rows.map((r) => r.twh));
  const country = (r: Neighbour) =>
    r.self ? `▶ ${r.country}` : r.year === null || r.year === baseline.year ? r.country : `${r.country} (${r.year})`;
  const cells = rows.map((r) => [String(r.rank), country(r), formatNumber(r.twh)]);
  // The bars take what the other columns and the borders (13) leave, from 10 to 30 cells.
  const others = [0, 1, 2].map((i) => Math.max(4, ...cells.map((row) => displayWidth(row[i] ?? ''))));
  const barCells = Math.min(30, Math.max(10, widthColumns - 13 - others.reduce((sum, w) => sum + w, 0)));
  const body = rows.map((r, i) => {
    const row = [...(cells[i] ?? []), bar(r.twh, max, barCells)];
    return r.self ? row.map((c) => colors.bold.cyan(c)) : row;
  });
  const restsOn =
    value.caveats && value.caveats.length > 0
      ? `${wrapText(`The estimate rests on: ${value.caveats.join(', ')} (${value.evidence} evidence at weakest); see the warnings.`, widthColumns)}\n`
      : '';
  const otherYears = rows.some((r) => !r.self && r.year !== null && r.year !== baseline.year);
  const headline = `${value.label} would rank ${standing(result.rank, result.count)} of ${baseline.id} (${baseline.name}; ${baseline.measure}, ${baseline.year}${otherYears ? ', or the year given' : ''}).`;
  return `${wrapText(headline, widthColumns)}\n${restsOn}${table(['Rank', 'Country', 'TWh', ''], body, [0, 2], widthColumns)}`;
}
