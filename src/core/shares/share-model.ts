import type { HashrateShare } from '../../data/schemas.js';
import { yearMeanPct } from '../../data/references.js';
import type { OBTAINED } from '../../data/vocabulary.js';
import { compareText } from '../../text.js';
import { firstMonthOf, lastMonthOf, monthIndex, monthsFromPeriod, type Period } from '../common/period.js';

/**
 * The share model through time, in one place: how a region's share of its parent is obtained for a period from
 * the months it is recorded in, and how uncertain it is. Every command that picks a share (estimate, shares,
 * scenario, the report and the charts) picks it here, through `chooseLink` and the divisions of src/core/shares/.
 *
 * - recorded: the period has records; the share is their plain mean.
 * - interpolated: the period lies between two records; the share is the straight line between the nearest record
 *   on each side, averaged over the period's months (the line's value at the period's middle). Never across a
 *   structural break of the link (an event naming the region or its parent), nor across a whole breakdown of the
 *   parent that does not name the region (then the region is inside that breakdown's remainder).
 * - carried: before the first record, after the last, or where a break or a breakdown stands between the period
 *   and the record on one side: the nearest record that the period can rest on, carried as it is.
 *
 * A record in an event's own month counts as from before the event: a month's share is an average over the month,
 * and an event dated to it is felt in the months after (Kazakhstan's power cuts of 24–31 January 2022 do not show
 * in January's share, but they shape the rest of 2022).
 */
export type Obtained = (typeof OBTAINED)[number];

/** The share one link of a region's chain contributes for a period, and what it rests on. */
export interface ShareChoice {
  /** Share of the parent's hashrate, 0–100. */
  pct: number;
  /** The months of the records it rests on: those averaged, the two interpolated between, or the one carried. */
  months: string[];
  /**
   * 0 when recorded in the period; otherwise the signed distance in months of the nearest record it rests on
   * (negative before the period, counted to its first month; positive after, counted from its last).
   */
  distanceMonths: number;
  records: HashrateShare[];
  approximate: boolean;
  obtained: Obtained;
}

/** What stands between a record and a period: the months of the link's events and of breakdowns without it. */
export interface ShareBarriers {
  /** Months of the structural breaks of the link (events naming the region or its parent). */
  eventMonths: readonly string[];
  /** Months of the parent's whole breakdowns that do not name the region. */
  unnamedMonths: readonly string[];
}

const NO_BARRIERS: ShareBarriers = { eventMonths: [], unnamedMonths: [] };

/**
 * On which side of an event the months of a share lie, when the share crosses it to reach the period: 'before'
 * when every month is in or before the event's month and the period has a month after it; 'after' when every
 * month is after the event's month and the period has a month in or before it; null when the share does not cross
 * it (a mean over months on both sides of an event already reflects it).
 */
export function sideOfBreak(months: readonly string[], eventMonth: string, period: Period): 'before' | 'after' | null {
  if (months.length === 0) return null;
  if (months.every((m) => m <= eventMonth) && eventMonth < lastMonthOf(period)) return 'before';
  if (months.every((m) => m > eventMonth) && firstMonthOf(period) <= eventMonth) return 'after';
  return null;
}

/**
 * A region's share of its parent for a period by the share model (see {@link Obtained}).
 * @param records one region's shares, any order; must not be empty.
 * @param barriers the link's events and the parent's breakdowns without the region (none by default).
 */
export function chooseShare(
  records: readonly HashrateShare[],
  period: Period,
  barriers: ShareBarriers = NO_BARRIERS,
): ShareChoice {
  if (records.length === 0) throw new RangeError('chooseShare needs at least one record');
  // Months are YYYY-MM: their text sorts as they follow one another.
  const sorted = [...records].sort((a, b) => compareText(a.month, b.month));
  const inside = sorted.filter((r) => monthsFromPeriod(r.month, period) === 0);
  if (inside.length > 0) return choice(inside, yearMeanPct(inside.map((r) => r.sharePct)), 0, 'recorded');
  const first = firstMonthOf(period);
  const last = lastMonthOf(period);
  const before = sorted.filter((r) => r.month < first);
  const after = sorted.filter((r) => r.month > last);
  // The nearest record month on each side, with every record of that month.
  const previous = before.length > 0 ? before.filter((r) => r.month === (before.at(-1) as HashrateShare).month) : [];
  const next = after.length > 0 ? after.filter((r) => r.month === (after[0] as HashrateShare).month) : [];
  const open = (side: HashrateShare[]): boolean => {
    const month = side[0]?.month;
    if (month === undefined) return false;
    if (barriers.eventMonths.some((e) => sideOfBreak([month], e, period) !== null)) return false;
    const [low, high] = month < first ? [month, first] : [last, month];
    return !barriers.unnamedMonths.some((u) => u > low && u < high);
  };
  const distanceOf = (side: HashrateShare[]) => monthsFromPeriod((side[0] as HashrateShare).month, period);
  const meanOf = (side: HashrateShare[]) => yearMeanPct(side.map((r) => r.sharePct));
  if (open(previous) && open(next)) {
    const fromIndex = monthIndex((previous[0] as HashrateShare).month);
    const toIndex = monthIndex((next[0] as HashrateShare).month);
    const middle = (monthIndex(first) + monthIndex(last)) / 2;
    const fromPct = meanOf(previous);
    const pct = fromPct + ((meanOf(next) - fromPct) * (middle - fromIndex)) / (toIndex - fromIndex);
    const [fromDistance, toDistance] = [distanceOf(previous), distanceOf(next)];
    const nearer = -fromDistance <= toDistance ? fromDistance : toDistance;
    return choice([...previous, ...next], pct, nearer, 'interpolated');
  }
  // Carry: the nearest side the period can rest on without crossing a barrier; else the nearest side (ties: the
  // earlier record).
  const sides = [previous, next].filter((side) => side.length > 0);
  const nearest = (candidates: HashrateShare[][]) =>
    candidates.reduce((best, side) => (Math.abs(distanceOf(side)) < Math.abs(distanceOf(best)) ? side : best));
  const openSides = sides.filter(open);
  const carried = nearest(openSides.length > 0 ? openSides : sides);
  return choice(carried, meanOf(carried), distanceOf(carried), 'carried');
}

function choice(used: HashrateShare[], pct: number, distanceMonths: number, obtained: Obtained): ShareChoice {
  return {
    pct,
    months: [...new Set(used.map((r) => r.month))],
    distanceMonths,
    records: used,
    approximate: used.some((r) => r.approximate === true),
    obtained,
  };
}

/**
 * How fast a share's uncertainty grows with its distance from the records it rests on: a fraction of the share a
 * year. Hashrate moves between countries by several points a year (CBECI's map: Kazakhstan 1.4% of the world in
 * September 2019, 18% in August 2021), so a tenth of the share a year is a modest rate for firsthand figures.
 */
export const SHARE_DRIFT_PER_YEAR = 0.1;
/** The rate for a share resting on secondhand or approximate figures: twice {@link SHARE_DRIFT_PER_YEAR}. */
export const WEAK_SHARE_DRIFT_PER_YEAR = 0.2;

/** What the uncertainty of a share link depends on. */
export interface ShareUncertaintyInput {
  /** The share used, 0–100. */
  pct: number;
  /** ± percentage points the records state, or null. */
  precisionPct: number | null;
  approximate: boolean;
  secondhand: boolean;
  /** The structural breaks the share crosses to reach the period. */
  breaks: readonly unknown[];
  /** Distance in months from the nearest record the share rests on (0 when recorded in the period). */
  distanceMonths: number;
}

/** The settings the share's uncertainty takes from the Monte Carlo's (`--share-spread`, `--break-spread`). */
export interface ShareSpreadSettings {
  /** ± percentage points of an approximate share without a stated precision. */
  shareSpreadPct: number;
  /** ± fraction of its value of a share that crosses a structural break: the widest the model gives. */
  breakSpread: number;
}

/**
 * How far a share may be from its value, ± percentage points: the half-width of the uniform range the Monte Carlo
 * draws it from, and the spread the bounds of an estimate combine ({@link shareSpreadPct} is the one rule for both).
 *
 * - stated: the precision the records state; else, for an approximate share, ± shareSpreadPct points; else 0.
 * - drift: the share × the years from the nearest record it rests on × {@link SHARE_DRIFT_PER_YEAR} (10% a year),
 *   or × {@link WEAK_SHARE_DRIFT_PER_YEAR} (20% a year) when it rests on secondhand or approximate figures; never
 *   more than the share × breakSpread.
 * - spread = √(stated² + drift²).
 * - across a structural break (a share from before a break applied after it, or from after it applied before):
 *   the widest, max(stated, share × breakSpread); with the default breakSpread of 1, anywhere from none to twice
 *   the share.
 */
export function shareSpreadPct(link: ShareUncertaintyInput, settings: ShareSpreadSettings): number {
  const stated = link.precisionPct ?? (link.approximate ? settings.shareSpreadPct : 0);
  if (link.breaks.length > 0) return Math.max(stated, link.pct * settings.breakSpread);
  const rate = link.secondhand || link.approximate ? WEAK_SHARE_DRIFT_PER_YEAR : SHARE_DRIFT_PER_YEAR;
  const drift = link.pct * Math.min(settings.breakSpread, (rate * Math.abs(link.distanceMonths)) / 12);
  return Math.hypot(stated, drift);
}

/**
 * How a share was obtained, in words, for tables and reports: "2025-05 to 2025-10, mean of 3", "interpolated between
 * 2022-01 and 2025-05", "carried from 2021-04".
 * @param month how to write a month (as it is, by default)
 */
export function describeObtained(
  link: { obtained: Obtained; months: readonly string[] },
  month: (month: string) => string = (m) => m,
): string {
  const first = month(link.months[0] ?? '');
  const last = month(link.months.at(-1) ?? '');
  switch (link.obtained) {
    case 'recorded':
      return link.months.length === 1 ? first : `${first} to ${last}, mean of ${link.months.length}`;
    case 'interpolated':
      return `interpolated between ${first} and ${last}`;
    case 'carried':
      return `carried from ${first}`;
    default:
      return link.obtained satisfies never;
  }
}
