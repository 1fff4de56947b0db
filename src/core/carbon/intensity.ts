import type { CarbonBasis, CarbonIntensity, Region } from '../../data/schemas.js';
import type { DataIndex } from '../regions/lookup.js';

/**
 * The intensity recorded for the region, else its nearest ancestor with one, at the year or the nearest (earlier on
 * a tie): on the basis asked where that region has one, else on its other basis (the record's `basis` says which).
 * A region's own grid comes before the basis: the two bases differ by about 12%, a province and its country by up
 * to a factor of five (Sichuan's hydro against China's coal).
 */
export function chooseIntensity(
  index: DataIndex,
  chain: readonly Region[],
  year: number,
  basis: CarbonBasis,
): CarbonIntensity | undefined {
  for (const region of chain) {
    const records = index.carbonByRegion.get(region.id) ?? [];
    if (records.length === 0) continue;
    const onBasis = records.filter((r) => r.basis === basis);
    return [...(onBasis.length > 0 ? onBasis : records)].sort(
      (a, b) => Math.abs(a.year - year) - Math.abs(b.year - year) || a.year - b.year,
    )[0];
  }
  return undefined;
}
