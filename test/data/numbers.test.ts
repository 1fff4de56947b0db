import { describe, expect, it } from 'vitest';
import { parseDecimal, readDecimal } from '../../src/data/numbers.js';
import { decimalInCell } from '../../src/import/table.js';
import { csvField } from '../../src/format/documents/csv.js';

describe('parseDecimal', () => {
  it.each([
    ['600', 600],
    ['.5', 0.5],
    ['5.', 5],
    ['+2', 2],
    ['-1.5E-3', -1.5e-3],
    ['0.0e-400', 0],
    ['1e-320', 1e-320],
  ])('reads %j as %d', (text, value) => expect(parseDecimal(text)).toBe(value));

  it.each(['0x64', 'Infinity', ' 5', '1_000', '', '.', '5e', '1e309', '1e-400'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it('says why a text is refused', () => {
    expect(readDecimal('0x64')).toEqual({ ok: false, why: 'notation' });
    expect(readDecimal('-1e309')).toEqual({ ok: false, why: 'too large' });
    expect(readDecimal('1e-400')).toEqual({ ok: false, why: 'too small' });
  });

  it('is the rule of imported cells (spaces around allowed) and of CSV output', () => {
    expect(decimalInCell(' 12.5 ')).toBe(12.5);
    expect(decimalInCell('1e-400')).toBeUndefined();
    expect(csvField(' -12.5 ')).toBe(' -12.5 ');
    expect(csvField('-1e400')).toBe("'-1e400");
  });
});

describe('limits in messages', () => {
  it('are written with thousands separators', async () => {
    const { formatCount } = await import('../../src/text.js');
    const { overRegionLimit } = await import('../../src/data/limits.js');
    expect(formatCount(4_294_967_295)).toBe('4,294,967,295');
    expect(overRegionLimit(1_000_002)).toBe(
      'is region 1,000,001 of 1,000,002, over the limit of 1,000,000 regions (MAX_REGIONS)',
    );
  });
});
