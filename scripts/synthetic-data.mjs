// Data made up for tests and the bench, in the tool's input formats: many user regions, long daily series,
// long hardware lists. The figures are arbitrary; only their number and shape matter.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes, into the data directory `dir` (made if missing), `count` user regions under China, each with a share of
 * April 2021 (half of China in all): regions.json and hashrate-shares.json. Returns `dir`.
 */
export function writeUserRegions(dir, count) {
  mkdirSync(dir, { recursive: true });
  const regions = Array.from({ length: count }, (_, i) => ({
    id: `cn-r${i}`,
    name: `China region ${i}`,
    kind: 'province',
    parent: 'china',
  }));
  const shares = regions.map((r) => ({
    region: r.id,
    month: '2021-04',
    sharePct: 50 / count,
    source: 'cbeci-mining-map',
    evidence: 'copy',
  }));
  writeFileSync(join(dir, 'regions.json'), JSON.stringify(regions));
  writeFileSync(join(dir, 'hashrate-shares.json'), JSON.stringify(shares));
  return dir;
}
