import { span } from '../terminal/numbers.js';
import { tableOrRecords } from './table.js';

/** One region of the `regions --json` listing. */
export interface RegionListing {
  id: string;
  name: string;
  kind: string;
  parent: string | null;
  iso: string | null;
  aliases: string[];
  /** The months with a recorded share, sorted. */
  shareMonths: string[];
  /** The years with a recorded carbon intensity, in order. */
  carbonYears: number[];
  note: string | null;
}

/**
 * The regions for people: a row each with the span of its share months (and their count) and carbon years, or a
 * record each when the table cannot fit `widthColumns`.
 */
export function renderRegionList(rows: readonly RegionListing[], widthColumns: number): string {
  return tableOrRecords(
    ['Id', 'Name', 'Kind', 'Parent', 'ISO', 'Share months', 'Carbon years'],
    rows.map((r) => [
      r.id,
      r.name,
      r.kind,
      r.parent ?? '',
      r.iso ?? '',
      `${span(r.shareMonths)}${r.shareMonths.length > 1 ? ` (${r.shareMonths.length})` : ''}`,
      span(r.carbonYears),
    ]),
    [],
    widthColumns,
  );
}
