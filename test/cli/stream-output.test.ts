import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateAll } from '../../src/core/estimate-set.js';
import { loadData } from '../../src/data/load.js';
import { renderJsonCsv } from '../../src/format/documents/csv.js';
import { renderJson, renderNdjson } from '../../src/format/documents/json.js';
import { runCli } from '../helpers.js';
import { writeUserRegions } from '../../scripts/synthetic-data.mjs';

/** Provinces of China with a share each: enough estimates that the output is written in many batches. */
const REGION_COUNT = 1500;

let dataDir = '';

beforeAll(() => {
  dataDir = writeUserRegions(mkdtempSync(join(tmpdir(), 'mining-energy-stream-')), REGION_COUNT);
});

describe('estimate --all over many regions, written as it is made', () => {
  it('prints exactly the one-string renderings of the same estimates, in every format', async () => {
    const data = await loadData({ dataDir });
    const estimates = [...estimateAll(data)];
    expect(estimates.filter((record) => record.record === 'estimate').length).toBeGreaterThan(REGION_COUNT);
    const expected = {
      '--json': renderJson(estimates),
      ndjson: renderNdjson(estimates),
      csv: renderJsonCsv(estimates),
    };
    expect(expected['--json'].length).toBeGreaterThan(1_000_000);
    for (const [format, text] of Object.entries(expected)) {
      const args = format === '--json' ? ['--json'] : ['--format', format];
      const result = await runCli(['--data', dataDir, 'estimate', '--all', ...args]);
      expect(result.code).toBe(0);
      expect(result.stdout === text).toBe(true);
    }
  });
});
