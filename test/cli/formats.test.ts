import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { runCli } from '../helpers.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of a JSON value with its dotted path; list items by index, as the CSV documents them. */
function leaves(value: Json, path: string, out: [string, Json][] = []): [string, Json][] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.push([path, null]);
    for (const [key, child] of entries) leaves(child, path === '' ? key : `${path}.${key}`, out);
  } else {
    out.push([path, value]);
  }
  return out;
}

/** The text a CSV cell holds for a JSON leaf: empty for null, a text a spreadsheet would run behind an apostrophe. */
function cellFor(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'string') return /^[=+\-@]/.test(value) ? `'${value}` : value;
  return String(value);
}

async function run(args: readonly string[]): Promise<string> {
  const result = await runCli(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('estimate --format csv carries every field of the JSON', () => {
  it.each([
    [['--region', 'world', '--year', '2021']],
    [['--region', 'china', '--year', '2021']],
    [['--region', 'sichuan,texas', '--year', '2021', '--uncertainty', '200', '--seed', '7']],
    [['--region', 'china', '--year', '2021', '--carbon-bracket']],
    [['--region', 'texas', '--hashrate', '600', '--threshold', '55']],
  ])('estimate %j', async (args) => {
    const documents = JSON.parse(await run(['estimate', ...args, '--json'])) as Json[];
    const [header, ...rows] = parseCsv(await run(['estimate', ...args, '--format', 'csv'])).map((r) => r.cells);
    expect(rows).toHaveLength(documents.length);
    let checked = 0;
    documents.forEach((document, i) => {
      for (const [path, value] of leaves(document, '')) {
        const column = (header ?? []).indexOf(path);
        if (column >= 0) {
          expect(rows[i]?.[column], path).toBe(cellFor(value));
        } else {
          // An empty list or a null where another row has items: its items' columns, empty in this row.
          expect(value, `column ${path}`).toBe(null);
          const inside = (header ?? []).flatMap((name, c) => (name.startsWith(`${path}.`) ? [rows[i]?.[c]] : []));
          expect(inside.length, `columns under ${path}`).toBeGreaterThan(0);
          expect(
            inside.every((cell) => cell === ''),
            path,
          ).toBe(true);
        }
        checked++;
      }
    });
    // Each column is some document's leaf: the CSV has nothing the JSON lacks.
    const paths = new Set(documents.flatMap((d) => leaves(d, '').map(([path]) => path)));
    expect((header ?? []).filter((name) => !paths.has(name))).toEqual([]);
    expect(header?.length).toBe(new Set(header).size);
    expect(checked).toBeGreaterThan(50);
  });

  it('has the fields the old CSV dropped: weights, the seed and samples, the warnings', async () => {
    const [header, row] = parseCsv(
      await run([
        'estimate',
        '--region',
        'china',
        '--year',
        '2021',
        '--uncertainty',
        '100',
        '--seed',
        '42',
        '--format',
        'csv',
      ]),
    ).map((r) => r.cells);
    const cell = (name: string) => row?.[(header ?? []).indexOf(name)];
    expect(cell('uncertainty.seed')).toBe('42');
    expect(cell('uncertainty.samples')).toBe('100');
    expect(cell('carbon.weights.0.region')).toBe('china');
    expect(header).toContain('comparison.year');
    expect(header).toContain('basis.approximate');
    expect((header ?? []).some((name) => name.startsWith('warnings.'))).toBe(true);
  });
});

/** Every listing, with the list its JSON holds: the records of ndjson and csv. */
const LISTINGS: [string, string[], (json: Json) => number][] = [
  ['regions', ['regions'], (json) => (json as Json[]).length],
  ['sources', ['sources'], (json) => (json as Json[]).length],
  ['claims', ['claims'], (json) => (json as Json[]).length],
  [
    'datasets',
    ['datasets'],
    (json) =>
      ['series', 'shareDatasets', 'events', 'baselines'].reduce(
        (n, key) => n + ((json as Record<string, Json[]>)[key]?.length ?? 0),
        0,
      ),
  ],
  ['shares', ['shares', '--region', 'china'], (json) => (json as { months: Json[] }).months.length],
  ['compare', ['compare', '100', '--around', '3'], (json) => (json as { neighbours: Json[] }).neighbours.length],
  [
    'compare --region',
    ['compare', '--region', 'sichuan', '--year', '2021'],
    (json) => (json as { neighbours: Json[] }).neighbours.length,
  ],
  // The network total follows the regions.
  [
    'scenario',
    ['scenario', '--ban', 'china', '--year', '2021'],
    (json) => (json as { regions: Json[] }).regions.length + 1,
  ],
  ['estimate', ['estimate', '--region', 'texas,kentucky', '--year', '2021'], (json) => (json as Json[]).length],
  ['network', ['network', '--hashrate', '600', '--threshold', '55'], () => 1],
  ['network --input', ['network', '--input', '--from', '2024-11-10'], (json) => (json as Json[]).length],
];

describe('every listing in every format', () => {
  it.each(LISTINGS)('%s', async (_name, args, recordCount) => {
    const json = JSON.parse(await run([...args, '--format', 'json'])) as Json;
    expect(JSON.parse(await run([...args, '--json']))).toEqual(json);
    const count = recordCount(json);
    expect(count).toBeGreaterThan(0);

    const lines = (await run([...args, '--format', 'ndjson'])).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(count);
    for (const line of lines) expect(typeof JSON.parse(line)).toBe('object');

    const csv = await run([...args, '--format', 'csv']);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(csv).map((r) => r.cells);
    expect(new Set(header).size).toBe(header?.length);
    expect(rows).toHaveLength(count);
    for (const row of rows) expect(row).toHaveLength(header?.length ?? 0);
    // eslint-disable-next-line no-control-regex
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);

    expect((await run([...args, '--format', 'table'])).length).toBeGreaterThan(0);
  });

  it('labels the records of datasets by list, and a share by its region and parent', async () => {
    const datasets = (await run(['datasets', '--format', 'ndjson']))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(new Set(datasets.map((d) => d.list))).toEqual(new Set(['series', 'share-dataset', 'event', 'baseline']));
    const [first] = (await run(['shares', '--region', 'sichuan', '--format', 'ndjson'])).split('\n');
    expect(JSON.parse(first ?? '')).toMatchObject({ region: 'sichuan', of: 'china' });
  });
});
