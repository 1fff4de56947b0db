import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenJson } from '../../src/format/documents/csv.js';

/** The leaves as flattenJson gave them when it read a JSON round trip of the value: the reference. */
function flattenRoundTrip(value: unknown): [string, unknown][] {
  const leaves: [string, unknown][] = [];
  const visit = (node: unknown, at: string) => {
    const entries: [string, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [String(index), item])
      : node !== null && typeof node === 'object'
        ? Object.entries(node)
        : [];
    if (entries.length === 0) {
      leaves.push([at, node === null || typeof node === 'object' ? null : node]);
      return;
    }
    for (const [key, child] of entries) visit(child, at === '' ? key : `${at}.${key}`);
  };
  visit(JSON.parse(JSON.stringify(value)) as unknown, '');
  return leaves;
}

/** Values a record may hold, and some JSON treats specially: undefined, NaN, ±Infinity, -0, toJSON. */
const leaf = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0),
  fc.date({ noInvalidDate: true }),
);
const record = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), tie('node'), { maxKeys: 4 }),
})).object;

describe('flattenJson', () => {
  it('gives exactly the leaves of a JSON round trip of the value, in the same order', () => {
    fc.assert(
      fc.property(record, (value) => {
        expect([...flattenJson(value).entries()]).toEqual(flattenRoundTrip(value));
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });

  it('leaves out an undefined field, writes an undefined list item as null, and -0 as 0', () => {
    expect([...flattenJson({ a: undefined, b: [undefined, -0], c: Number.NaN }).entries()]).toEqual([
      ['b.0', null],
      ['b.1', 0],
      ['c', null],
    ]);
    expect(Object.is(flattenJson({ z: -0 }).get('z'), 0)).toBe(true);
  });
});
