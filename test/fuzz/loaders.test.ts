import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_FILE_NAMES } from '../../src/data/dataset.js';
import { loadData } from '../../src/data/load.js';
import { FORBIDDEN_CONTROLS, fuzzParameters, fuzzTimeoutMs, HOSTILE_TEXT } from './settings.js';

/**
 * Property: whatever a --data directory holds, loading it either gives a dataset or fails with a DataError or
 * UsageError whose message is plain text (no control character but the line feed); never a TypeError,
 * RangeError or any other crash.
 */

const ROOT = mkdtempSync(join(tmpdir(), 'fuzz-load-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

/** A number token written into the JSON text as is, so it can be what JSON.stringify never writes (1e309, -0). */
const RAW = (token: string) => `\u0000RAW:${token}\u0000`;
const rawTokens = (text: string) => text.replace(/"\\u0000RAW:(.*?)\\u0000"/g, '$1');

const hostileString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom(...HOSTILE_TEXT));
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    0,
    -1,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER + 2,
    RAW('1e309'),
    RAW('-1e309'),
    RAW('-0'),
    RAW('1E+400'),
    RAW('0.0000000000000000000000000000000000000000000000000001e-400'),
  ),
);
const regionId = fc.oneof(
  fc.constantFrom('world', 'china', 'sichuan', 'united-states', 'texas', 'kazakhstan', 'x'),
  hostileString,
);
const month = fc.oneof(
  fc.constantFrom('2021-01', '2021-02', '2019-09', '2022-13', '0000-01', '2021-1', '9999-12'),
  hostileString,
);

const regionRecord = fc.record(
  {
    id: regionId,
    name: hostileString,
    kind: fc.oneof(fc.constantFrom('world', 'country', 'province', 'state'), hostileString),
    parent: fc.oneof(regionId, fc.constant(null)),
    iso: fc.oneof(fc.constantFrom('CHN', 'USA', 'XXX'), hostileString),
    aliases: fc.array(hostileString, { maxLength: 4 }),
  },
  { requiredKeys: ['id', 'name', 'kind', 'parent'] },
);
const shareRecord = fc.record(
  {
    region: regionId,
    month,
    sharePct: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), anyNumber),
    source: fc.oneof(fc.constantFrom('cbeci-mining-map'), hostileString),
    evidence: fc.oneof(fc.constantFrom('copy', 'primary', 'computed'), hostileString),
    precision: anyNumber,
  },
  { requiredKeys: ['region', 'month', 'sharePct', 'source', 'evidence'] },
);
const baselineRecord = fc.record({
  id: fc.oneof(fc.constantFrom('eia-2019', 'cia-2016', 'b'), hostileString),
  name: hostileString,
  measure: fc.oneof(fc.constantFrom('consumption', 'generation'), hostileString),
  year: fc.oneof(fc.integer({ min: 1990, max: 2030 }), anyNumber),
  source: fc.oneof(fc.constantFrom('eia-international-2019'), hostileString),
  evidence: fc.constantFrom('copy', 'primary'),
  values: fc.array(
    fc.record({
      country: fc.oneof(fc.constantFrom('China', 'Norway'), hostileString),
      iso3: fc.oneof(fc.constantFrom('CHN', 'NOR'), hostileString),
      twh: anyNumber,
    }),
    { maxLength: 5 },
  ),
});

/** A chain of regions each the parent of the next, from the world down, sometimes closed into a loop. */
const regionChain = fc
  .record({ depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constant(5_000)), loop: fc.boolean() })
  .map(({ depth, loop }) => [
    { id: 'world', name: 'World', kind: 'world', parent: null },
    ...Array.from({ length: depth }, (_, i) => ({
      id: `r${i}`,
      name: `R${i}`,
      kind: 'province',
      parent: i === 0 ? (loop ? `r${depth - 1}` : 'world') : `r${i - 1}`,
    })),
  ]);

/** Mostly records shaped like the real ones, sometimes any JSON at all; with duplicated records at times. */
function fileContent<T>(record: fc.Arbitrary<T>) {
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(record, { maxLength: 6 }).chain((records) => withDuplicates(records)) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}
function withDuplicates<T>(records: T[]): fc.Arbitrary<T[]> {
  if (records.length === 0) return fc.constant(records);
  return fc.boolean().map((dup) => (dup ? [...records, records[0] as T] : records));
}

/** Damage done to a file's text after it is written as JSON. */
const textDamage = fc.constantFrom(
  'none',
  'none',
  'none',
  'bom',
  'duplicate-property',
  'truncate',
  'trailing-garbage',
  'nul',
  'invalid-utf8',
);
function damaged(text: string, damage: string): string | Buffer {
  switch (damage) {
    case 'bom':
      return `\ufeff${text}`;
    case 'duplicate-property':
      return text.replace(/\{"/, '{"id":"dup","');
    case 'truncate':
      return text.slice(0, Math.floor(text.length / 2));
    case 'trailing-garbage':
      return `${text}\n]}\u001b[2J`;
    case 'nul':
      return `${text}\u0000`;
    case 'invalid-utf8':
      return Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0xc3])]);
    default:
      return text;
  }
}

const fileArb = (name: string, content: fc.Arbitrary<unknown>) =>
  fc.record({ name: fc.constant(name), content, damage: textDamage });

const directory = fc.record({
  files: fc.tuple(
    fc.option(fileArb(DATA_FILE_NAMES.regions, fc.oneof(fileContent(regionRecord), regionChain))),
    fc.option(fileArb(DATA_FILE_NAMES.shares, fileContent(shareRecord))),
    fc.option(fileArb(DATA_FILE_NAMES.baselines, fileContent(baselineRecord))),
    fc.option(fc.constantFrom(...Object.values(DATA_FILE_NAMES)).chain((name) => fileArb(name, fc.jsonValue()))),
  ),
  defaultData: fc.boolean(),
});

function writeDirectory(files: readonly ({ name: string; content: unknown; damage: string } | null)[]): string {
  const real = mkdtempSync(join(ROOT, 'dir-'));
  for (const file of files) {
    if (file === null) continue;
    writeFileSync(join(real, file.name), damaged(rawTokens(JSON.stringify(file.content) ?? 'null'), file.damage));
  }
  return real;
}

/** Loads a directory of random files; undefined when it loads, else what the load threw. */
async function loadFailure(files: Parameters<typeof writeDirectory>[0], defaultData: boolean): Promise<unknown> {
  const dataDir = writeDirectory(files);
  try {
    await loadData({ dataDir, defaultData });
    return undefined;
  } catch (error) {
    return error;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('loading a --data directory of random files', () => {
  it(
    'gives a dataset or a DataError/UsageError, never a crash',
    async () => {
      await fc.assert(
        fc.asyncProperty(directory, async ({ files, defaultData }) => {
          const error = await loadFailure(files, defaultData);
          if (error === undefined) return;
          expect(error).toBeInstanceOf(Error);
          const { name, message } = error as Error;
          expect(['DataError', 'UsageError'], `${name}: ${message.slice(0, 500)}`).toContain(name);
        }),
        fuzzParameters(150),
      );
    },
    fuzzTimeoutMs(20_000),
  );

  it(
    'fails with a message of plain text: no control character but the line feed',
    async () => {
      await fc.assert(
        fc.asyncProperty(directory, async ({ files, defaultData }) => {
          const error = await loadFailure(files, defaultData);
          if (error === undefined) return;
          expect((error as Error).message).not.toMatch(FORBIDDEN_CONTROLS);
        }),
        fuzzParameters(150),
      );
    },
    fuzzTimeoutMs(20_000),
  );
});
