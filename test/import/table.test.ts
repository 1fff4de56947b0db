import { describe, expect, it } from 'vitest';
import { importCoinMetrics } from '../../src/import/coinmetrics.js';

describe('the importers’ CSV header', () => {
  it('says when the first line looks like data rather than a header', () => {
    expect(() => importCoinMetrics('2024-02-28,5e8,3e7\n2024-02-29,5.5e8,3.1e7\n', 'cm.csv')).toThrow(
      /cm\.csv → line 1 → header → is missing .*; the first line looks like data: the file must start with a header naming its columns/,
    );
  });

  it('does not say so for a header with a column missing', () => {
    expect(() => importCoinMetrics('time,HashRate\n2024-02-28,5e8\n', 'cm.csv')).toThrow(/is missing/);
    expect(() => importCoinMetrics('time,HashRate\n2024-02-28,5e8\n', 'cm.csv')).not.toThrow(/looks like data/);
  });
});

describe('the one rule for a first line of data', () => {
  it('is the first cell: a date or a number, whatever the other cells hold', () => {
    expect(() => importCoinMetrics('2024-02-28,n/a,3e7\n', 'cm.csv')).toThrow(/the first line looks like data/);
    expect(() => importCoinMetrics('1.5,,x\n', 'cm.csv')).toThrow(/the first line looks like data/);
    expect(() => importCoinMetrics('2x,5e8\n', 'cm.csv')).not.toThrow(/looks like data/);
  });
});
