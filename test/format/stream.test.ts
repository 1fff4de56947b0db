import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardOutputStreams, WRITE_BATCH_CHARS, writeExactPieces } from '../../src/cli/streams.js';
import { estimate, regionsWithShares } from '../../src/core/estimate.js';
import { CsvColumnOrder, jsonCsvPieces, renderJsonCsv } from '../../src/format/documents/csv.js';
import { renderJson, renderNdjson } from '../../src/format/documents/json.js';
import { jsonPieces, ndjsonPieces, StreamedList } from '../../src/format/documents/stream.js';
import { shippedData } from '../helpers.js';

const join = (pieces: Iterable<string>) => [...pieces].join('');

/** Documents with what JSON.stringify treats specially: undefined, functions, dates, non-finite numbers. */
const ODD_DOCUMENTS: unknown[] = [
  [],
  {},
  null,
  42.12345678901234,
  'text with "quotes"\nand a line break',
  [1, [2, [3, []]], {}, { a: [] }],
  { list: [], object: {}, nested: { deep: [1, 2, { x: 3 }] } },
  { skipped: undefined, fn: () => 1, kept: null, when: new Date(0), nan: Number.NaN, inf: Infinity },
  [undefined, () => 1, Symbol('s'), new Date(0), 1 / 3],
  {
    months: [
      { month: '2021-01', pct: 12.345678901234 },
      { month: '2021-02', pct: 1e-20 },
    ],
    sources: ['a'],
  },
  Object.assign(Object.create(null) as object, { a: [1, 2], b: 'x' }),
  { toJSON: () => ({ replaced: [1, 2] }) },
];

describe('streamed JSON', () => {
  it('is byte-identical to the one-string rendering for odd documents', () => {
    for (const document of ODD_DOCUMENTS) expect(join(jsonPieces(document))).toBe(renderJson(document));
  });

  it('is byte-identical to the one-string rendering for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (document) => {
        expect(join(jsonPieces(document))).toBe(renderJson(document));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a streamed list as the array of its items, at any depth', () => {
    const items = [{ a: 1 }, { b: [1, 2] }];
    const list = new StreamedList(() => items);
    expect(join(jsonPieces(list))).toBe(renderJson(items));
    expect(join(jsonPieces({ x: 1, list }))).toBe(renderJson({ x: 1, list: items }));
    expect(join(jsonPieces(new StreamedList(() => [])))).toBe(renderJson([]));
  });

  it('makes no piece before the first item exists, so a list that fails at once leaves nothing written', () => {
    const failing = new StreamedList<unknown>(function* () {
      yield* [];
      throw new Error('no item');
    });
    const pieces: string[] = [];
    expect(() => {
      for (const piece of jsonPieces(failing)) pieces.push(piece);
    }).toThrow('no item');
    expect(pieces).toEqual([]);
  });
});

describe('streamed NDJSON and CSV', () => {
  it('are byte-identical to the one-string renderings for any JSON records', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), (records) => {
        expect(join(ndjsonPieces(records))).toBe(renderNdjson(records));
        expect(join(jsonCsvPieces(records))).toBe(renderJsonCsv(records));
      }),
      { numRuns: 300 },
    );
  });

  it('order the CSV columns as the one-string rendering does when rows have lists of different lengths', () => {
    const records = [
      { a: 1, warnings: ['x'], b: { c: null } },
      { a: 2, warnings: ['x', 'y', 'z'], b: { c: { d: 1 } }, e: [] },
      { warnings: [], b: null, a: 3, f: 'later' },
      {},
      'a bare string',
    ];
    expect(join(jsonCsvPieces(records))).toBe(renderJsonCsv(records));
    const order = new CsvColumnOrder();
    order.add(['a', 'warnings.0']);
    order.add(['a', 'warnings.0', 'warnings.1', 'b']);
    expect(order.columns()).toEqual(['a', 'warnings.0', 'warnings.1', 'b']);
  });

  it('read a streamed list twice for a CSV, making its records anew each time', () => {
    let readings = 0;
    const list = new StreamedList(() => {
      readings += 1;
      return [{ a: 1 }, { a: 2, b: ['x'] }];
    });
    expect(join(jsonCsvPieces(list))).toBe(renderJsonCsv([{ a: 1 }, { a: 2, b: ['x'] }]));
    expect(readings).toBe(2);
  });

  it('give every estimate of the shipped data exactly as the one-string renderings do', async () => {
    const data = await shippedData();
    const estimates = regionsWithShares(data).flatMap((region) => {
      try {
        return [estimate(data, region.id, { year: 2021 })];
      } catch {
        return [];
      }
    });
    expect(estimates.length).toBeGreaterThan(20);
    const list = new StreamedList(() => estimates);
    expect(join(jsonPieces(list))).toBe(renderJson(estimates));
    expect(join(ndjsonPieces(list))).toBe(renderNdjson(estimates));
    expect(join(jsonCsvPieces(list))).toBe(renderJsonCsv(estimates));
  });
});

/** A stream that takes `capacity` writes before it asks the writer to wait for 'drain'. */
class SlowStream extends EventEmitter {
  written: string[] = [];
  pending = 0;
  constructor(private readonly capacity: number) {
    super();
  }
  write(text: string): boolean {
    this.written.push(text);
    this.pending += 1;
    return this.pending < this.capacity;
  }
  drain(): void {
    this.pending = 0;
    this.emit('drain');
  }
}

/** `count` NDJSON-like records of about `chars` characters each, failing after `failAfter` of them when given. */
function* records(count: number, chars: number, failAfter?: number): Generator<string> {
  for (let i = 0; i < count; i++) {
    if (i === failAfter) throw new Error(`record ${i} failed`);
    yield `${String(i).padEnd(chars, 'x')}\n`;
  }
}

describe('writeExactPieces', () => {
  it('writes the pieces exactly, in batches, and waits for drain when the stream is full', async () => {
    const stream = new SlowStream(1);
    let done = false;
    const writing = writeExactPieces(stream, records(100, 5000)).then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.written.length).toBe(1);
    expect(done).toBe(false);
    while (!done) {
      stream.drain();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    expect(stream.written.join('')).toBe(join(records(100, 5000)));
    expect(stream.written.length).toBeGreaterThan(1);
    expect(Math.max(...stream.written.map((w) => w.length))).toBeLessThan(WRITE_BATCH_CHARS + 5000);
    expect(stream.listenerCount('drain')).toBe(0);
  });

  it('on a failure mid-stream, passes the error on having written only a prefix of whole batches', async () => {
    const stream = new SlowStream(Infinity);
    await expect(writeExactPieces(stream, records(1000, 1000, 500))).rejects.toThrow('record 500 failed');
    const written = stream.written.join('');
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(500 * 1000);
    expect(join(records(1000, 1000)).startsWith(written)).toBe(true);
  });

  it('on a failure before the first batch is full, writes nothing', async () => {
    const stream = new SlowStream(Infinity);
    await expect(writeExactPieces(stream, records(100, 100, 50))).rejects.toThrow('record 50 failed');
    expect(stream.written).toEqual([]);
  });

  it('stops making pieces when the reader has gone (EPIPE)', async () => {
    const stdout = Object.assign(new SlowStream(1), { isTTY: false });
    const stderr = Object.assign(new SlowStream(Infinity), { isTTY: false });
    const exits: number[] = [];
    guardOutputStreams(
      { stdout, stderr } as unknown as { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream },
      (code) => exits.push(code),
    );
    let made = 0;
    const counted = function* () {
      for (const record of records(10_000, 1000)) {
        made += 1;
        yield record;
      }
    };
    const writing = writeExactPieces(stdout, counted());
    await new Promise((resolve) => setImmediate(resolve));
    stdout.emit('error', Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
    await writing;
    expect(exits).toEqual([]);
    expect(made).toBeLessThan(200);
    expect(stdout.written.length).toBe(1);
  });
});
