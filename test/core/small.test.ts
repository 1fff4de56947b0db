import { describe, expect, it } from 'vitest';
import { defaultBaseline, neighbours, rankAmong } from '../../src/core/compare.js';
import {
  controlCharacterIn,
  editDistance,
  escapeControls,
  normaliseName,
  possessive,
  suggest,
  UNSAFE_BY_PROPERTY,
  UNSAFE_RANGES,
} from '../../src/text.js';
import { gwFromTwhPerYear, mtco2FromTwh, roundSignificant } from '../../src/core/common/units.js';
import { tinyDataset } from './fixtures.js';

describe('units', () => {
  it.each([
    [8.766, 1],
    [95.53, 10.8977869],
    [0, 0],
  ])('%d TWh/yr is %d GW on average', (twh, gw) => {
    expect(gwFromTwhPerYear(twh)).toBeCloseTo(gw, 6);
  });

  it.each([
    [296.59, 549.3, 162.916887],
    [1, 1000, 1],
  ])('%d TWh at %d g/kWh is %d Mt CO2', (twh, intensity, mt) => {
    expect(mtco2FromTwh(twh, intensity)).toBeCloseTo(mt, 6);
  });

  it.each([
    [29.659000000000002, 29.659],
    [0.1 + 0.2, 0.3],
    [123456789012345, 123456789000000],
    [0, 0],
    [-2.0000000000004, -2],
  ])('rounds %d to 10 significant digits', (value, expected) => {
    expect(roundSignificant(value)).toBe(expected);
  });
});

describe('defaultBaseline', () => {
  const list = tinyDataset().baselines[0];
  if (!list) throw new Error('fixture has no baseline');
  const of = (id: string, year: number) => ({ ...list, id, year });

  it('chooses the list of the latest year, of those the one with most countries, then the first listed', () => {
    expect(defaultBaseline([of('old', 2016), of('new', 2024), of('mid', 2019)])?.id).toBe('new');
    expect(defaultBaseline([of('first', 2024), of('second', 2024)])?.id).toBe('first');
    // Of two lists of one year, the one with more countries, whichever is listed first.
    const fewer = { ...of('fewer', 2025), values: list.values.slice(0, 2) };
    expect(defaultBaseline([fewer, of('more', 2025)])?.id).toBe('more');
    expect(defaultBaseline([of('more', 2025), fewer])?.id).toBe('more');
    expect(defaultBaseline([])).toBeUndefined();
  });

  it("gives each ranked country its figure's year: its own, else the list's", () => {
    const mixed = { ...list, year: 2024, values: list.values.map((v, i) => (i === 0 ? { ...v, year: 2022 } : v)) };
    const ranking = rankAmong(mixed, 12);
    expect(ranking.sorted.map((v) => v.year)).toEqual([2022, 2024, 2024, 2024]);
    expect(neighbours(ranking, 'me', 12, 5).map((r) => r.year)).toEqual([2022, 2024, null, 2024, 2024]);
  });
});

describe('rankAmong', () => {
  const baseline = tinyDataset().baselines[0];
  if (!baseline) throw new Error('fixture has no baseline');

  it.each([
    [2000, 1, null, 'Aland'],
    [1000, 1, null, 'Aland'], // a tie shares the rank and lists the country below
    [12, 3, 'Bland', 'Cland'],
    [1, 5, 'Dland', null],
  ])('%d TWh ranks %d, below %s and above %s', (twh, rank, above, below) => {
    const r = rankAmong(baseline, twh);
    expect(r.rank).toBe(rank);
    expect(r.count).toBe(4);
    expect(r.above?.country ?? null).toBe(above);
    expect(r.below?.country ?? null).toBe(below);
  });

  it('lists neighbours with the figure inserted and ranks shifted below it', () => {
    const rows = neighbours(rankAmong(baseline, 12), 'me', 12, 1);
    expect(rows.map((r) => [r.rank, r.country, r.self])).toEqual([
      [2, 'Bland', false],
      [3, 'me', true],
      [4, 'Cland', false],
    ]);
    expect(neighbours(rankAmong(baseline, 5000), 'top', 5000, 2).map((r) => r.rank)).toEqual([1, 2, 3]);
  });
});

describe('names', () => {
  it.each([
    ['Nei Mongol', 'neimongol'],
    ['inner-mongolia', 'innermongolia'],
    ['  United States ', 'unitedstates'],
    ['Iran, Islamic Rep.', 'iranislamicrep'],
  ])('normalises %s', (name, expected) => expect(normaliseName(name)).toBe(expected));

  it('measures edit distance', () => {
    expect(editDistance('sichwan', 'sichuan')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests close names and nothing for far ones', () => {
    expect(suggest('sichwan', ['sichuan', 'xinjiang', 'yunnan'])).toEqual(['sichuan']);
    expect(suggest('zzzzzz', ['sichuan', 'xinjiang'])).toEqual([]);
  });

  it('writes possessives', () => {
    expect(possessive('Sichuan')).toBe("Sichuan's");
    expect(possessive('United States')).toBe("United States'");
  });
});

describe('control characters', () => {
  it('finds the first one and writes every one but the line break out as an escape', () => {
    expect(controlCharacterIn('plain text, ünïcode, 中文')).toBeUndefined();
    expect(controlCharacterIn('a\tb')).toBe('U+0009');
    expect(controlCharacterIn('x\u009by')).toBe('U+009B');
    expect(controlCharacterIn('abc\u2067')).toBe('U+2067');
    expect(escapeControls('a\u001b[31mb\nc\u0007')).toBe('a\\u{1b}[31mb\nc\\u{7}');
  });

  it('are, as ranges, exactly the code points of the Unicode properties that define them', () => {
    const byRanges = new RegExp(`^${UNSAFE_RANGES}$`, 'u');
    const byProperty = new RegExp(`^${UNSAFE_BY_PROPERTY}$`, 'u');
    const differing: string[] = [];
    let unsafe = 0;
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCodePoint(codePoint);
      const expected = byProperty.test(char);
      if (expected) unsafe++;
      if (byRanges.test(char) !== expected) differing.push(codePoint.toString(16));
    }
    expect(differing).toEqual([]);
    // 4,241 in Unicode 17 (Node 20.20): the tag block alone is 4,096; a property class that matched nothing
    // would make the comparison above empty.
    expect(unsafe).toBeGreaterThan(4_096);
  });
});
