import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/format/documents/json.js';
import { jsonPieces, StreamedList } from '../../src/format/documents/stream.js';

/** Items of every kind a list holds: records, numbers to round, nothing, nested lists, and streamed lists. */
function item(index: number): unknown {
  if (index % 50 === 7) return undefined;
  if (index % 50 === 13) return [index / 3, { nested: [index / 7] }];
  if (index % 50 === 29) return new StreamedList(() => [index / 9, { inner: index }]);
  return { index, third: index / 3, text: `row "${index}"\n`, list: [], object: {} };
}

/** The document a StreamedList stands for, as plain values. */
function plain(value: unknown): unknown {
  if (value instanceof StreamedList) return [...(value as Iterable<unknown>)].map(plain);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plain(field)]));
  }
  return value;
}

describe('jsonPieces writes lists whole in batches', () => {
  it.each([0, 1, 63, 64, 65, 200])(
    'writes the same text as renderJson for a list of %i items, at each depth',
    (count) => {
      const items = Array.from({ length: count }, (_, index) => item(index));
      const documents = [
        items,
        new StreamedList(() => items),
        { name: 'x', months: items, rows: new StreamedList(() => items) },
      ];
      for (const document of documents) {
        expect([...jsonPieces(document)].join('')).toBe(renderJson(plain(document)));
      }
    },
  );
});
