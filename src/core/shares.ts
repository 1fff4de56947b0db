import type { HashrateShare } from '../data/schemas.js';
import { monthIndex, monthsFromPeriod, type Period } from './period.js';

/** The share one link of a region's chain contributes for a period, and what it rests on. */
export interface ShareChoice {
  /** Share of the parent's hashrate, 0–100. */
  pct: number;
  /** The months averaged (all inside the period), or the one nearest month. */
  months: string[];
  /** 0 when the months are inside the period; otherwise the signed distance of the nearest month. */
  distanceMonths: number;
  records: HashrateShare[];
  approximate: boolean;
}

/**
 * Picks a region's share of its parent for a period.
 * For a year: the plain mean of the months recorded in it; with none, the nearest month
 * (distance counted to the year's January or December; ties go to the earlier month).
 * For a month: that month, or the nearest one.
 * @param records one region's shares, any order; must not be empty.
 */
export function chooseShare(records: readonly HashrateShare[], period: Period): ShareChoice {
  const sorted = [...records].sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  const inside = sorted.filter((r) => monthsFromPeriod(r.month, period) === 0);
  let used: HashrateShare[];
  let distanceMonths = 0;
  if (inside.length > 0) {
    used = inside;
  } else {
    let best: HashrateShare | undefined;
    for (const record of sorted) {
      const distance = monthsFromPeriod(record.month, period);
      if (best === undefined || Math.abs(distance) < Math.abs(distanceMonths)) {
        best = record;
        distanceMonths = distance;
      }
    }
    if (best === undefined) throw new RangeError('chooseShare needs at least one record');
    used = [best];
  }
  const pct = used.reduce((sum, r) => sum + r.sharePct, 0) / used.length;
  return {
    pct,
    months: used.map((r) => r.month),
    distanceMonths,
    records: used,
    approximate: used.some((r) => r.approximate === true),
  };
}
