import type { Footprint, ScenarioResult } from '../../core/scenario/scenario.js';
import type { Colors } from '../terminal/color.js';
import { formatNumber } from '../terminal/numbers.js';
import { table } from './table.js';
import { maxLineWidth, wrapText } from '../terminal/width.js';

const signed = (value: number) => `${value > 0 ? '+' : ''}${formatNumber(value)}`;

/**
 * A scenario for people: each region's share, TWh and Mt CO2 before and after, the network total in bold, and the
 * Monte Carlo intervals when there are some; regions by their names (`names`, by id) where known. Lines fit `widthColumns`; when every column cannot, the "before"
 * columns are left out.
 */
export function renderScenario(
  result: ScenarioResult,
  colors: Colors,
  widthColumns: number,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const nameOf = (id: string) => names.get(id) ?? id;
  const row = (id: string, share: string, before: Footprint, after: Footprint, change: Footprint) => [
    id,
    share,
    formatNumber(before.twh),
    formatNumber(after.twh),
    signed(change.twh),
    formatNumber(before.mtco2),
    formatNumber(after.mtco2),
    signed(change.mtco2),
  ];
  const rows = result.regions.map((r) =>
    row(
      nameOf(r.id),
      `${formatNumber(r.sharePct.before)} → ${formatNumber(r.sharePct.after)}`,
      r.before,
      r.after,
      r.change,
    ),
  );
  const t = result.total;
  const networkShare = `100 → ${formatNumber((t.after.twh / t.before.twh) * 100)}`;
  rows.push(row('network', networkShare, t.before, t.after, t.change).map((cell) => colors.bold(cell)));
  const s = result.scenario;
  const what = [
    ...(s.bans.length > 0 ? [`ban ${s.bans.map(nameOf).join(', ')} (redistribute: ${nameOf(s.redistribute)})`] : []),
    ...s.moves.map((m) => `move ${m.pct}% of ${nameOf(m.from)} to ${nameOf(m.to)}`),
  ].join('; ');
  const u = result.uncertainty;
  const interval = (p: { p5: number; p95: number }) => `${formatNumber(p.p5)} to ${formatNumber(p.p95)}`;
  const mc = u
    ? [
        `90% intervals (${u.settings.samples} samples, seed ${u.settings.seed}):`,
        `  network: TWh after ${interval(u.total.after.twh)}; Mt CO2 before ${interval(u.total.before.mtco2)}, after ${interval(u.total.after.mtco2)}, change ${interval(u.total.change.mtco2)}`,
        ...u.regions.map(
          (r) =>
            `  ${nameOf(r.id)}: TWh before ${interval(r.before.twh)}, after ${interval(r.after.twh)}; Mt CO2 change ${interval(r.change.mtco2)}`,
        ),
        '',
      ].join('\n')
    : '';
  const title = `${colors.bold('Scenario')}: ${what}; ${s.month === null ? s.year : `${s.month} shares on the ${s.year} total`}, world basis ${formatNumber(s.basis.twh)} TWh (series ${s.basis.series})`;
  const note = 'Regions overlap (provinces are inside China): the network row is the total.';
  const head = [
    'Region',
    '% of world',
    'TWh before',
    'TWh after',
    'Δ TWh',
    'Mt CO2 before',
    'Mt CO2 after',
    'Δ Mt CO2',
  ];
  const full = table(head, rows, [1, 2, 3, 4, 5, 6, 7], Number.POSITIVE_INFINITY);
  // Too wide for every column: the "before" figures are left out, as after − change gives them.
  const after = [0, 1, 3, 4, 6, 7];
  const body =
    maxLineWidth(full) <= widthColumns
      ? full
      : `${table(
          after.map((i) => head[i] ?? ''),
          rows.map((r) => after.map((i) => r[i] ?? '')),
          [1, 2, 3, 4, 5],
          widthColumns,
        )}${wrapText('Before = after − change; --json has both.', widthColumns)}\n`;
  return `${wrapText(title, widthColumns)}\n${body}${wrapText(note, widthColumns)}\n${wrapText(mc, widthColumns)}`;
}
