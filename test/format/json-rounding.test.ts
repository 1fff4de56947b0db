import { describe, expect, it } from 'vitest';
import { renderJson, renderNdjson, roundedForJson, roundNumbers } from '../../src/format/json.js';

/** A value with every kind of thing JSON.stringify treats apart. */
const SAMPLE = {
  tenth: 0.1 + 0.2,
  large: 123456789012.345,
  integer: 42,
  bigInteger: 12345678901234,
  negativeZero: -0,
  notANumber: Number.NaN,
  infinite: Number.POSITIVE_INFINITY,
  tiny: 1.23456789012345e-12,
  text: 'a "quoted"\nline',
  missing: undefined,
  nothing: null,
  flag: true,
  boxed: Object(1.23456789012345) as unknown,
  date: new Date(Date.UTC(2024, 0, 2)),
  withToJson: { toJSON: (key: string) => ({ key, value: 2 / 3 }) },
  list: [1 / 3, undefined, [2 / 7, { deep: 5 / 9 }], () => 1],
  empty: {},
  emptyList: [],
};

describe('roundedForJson', () => {
  it('gives JSON.stringify the same text as the rounding replacer, indented and compact', () => {
    expect(JSON.stringify(roundedForJson(SAMPLE), null, 2)).toBe(JSON.stringify(SAMPLE, roundNumbers, 2));
    expect(JSON.stringify(roundedForJson(SAMPLE))).toBe(JSON.stringify(SAMPLE, roundNumbers));
    expect(renderJson(SAMPLE)).toBe(`${JSON.stringify(SAMPLE, roundNumbers, 2)}\n`);
    expect(renderNdjson([SAMPLE, 1 / 3])).toBe(`${JSON.stringify(SAMPLE, roundNumbers)}\n0.3333333333\n`);
  });

  it('rounds to 10 significant digits, leaving integers of up to 10 digits as they are', () => {
    expect(roundedForJson({ a: [2 / 3, 9999999999, 12345678901] })).toEqual({
      a: [0.6666666667, 9999999999, 12345678900],
    });
  });
});
