#!/usr/bin/env node
// Writes src/format/pictures/font-widths.ts: the advance width of each character the charts may draw, read from
// the fonts' own tables (cmap and hmtx) of DejaVu Sans and DejaVu Sans Bold, the sans-serif face the PNG renderer
// draws with where Helvetica and Arial are not installed, and the widest of the faces the charts' font names.
// Usage: node scripts/font-widths.mjs [folder of DejaVuSans.ttf and DejaVuSans-Bold.ttf]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu';

/** The characters measured: ASCII, Latin-1 and Latin Extended-A, dashes, quotes and arrows, sub- and superscripts. */
const RANGES = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2010, 0x2044],
  [0x2070, 0x209f],
  [0x20ac, 0x20ac],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
  [0x2248, 0x2248],
  [0x2264, 0x2265],
];

/** The tables of a TrueType font by tag: offset and length. */
function tables(font) {
  const count = font.readUInt16BE(4);
  const found = new Map();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    found.set(font.toString('latin1', at, at + 4), { offset: font.readUInt32BE(at + 8) });
  }
  return found;
}

/** The glyph of each code point, from the cmap's Unicode BMP subtable (format 4). */
function glyphIndex(font, cmapOffset) {
  const subtables = font.readUInt16BE(cmapOffset + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmapOffset + 4 + i * 8;
    const platform = font.readUInt16BE(at);
    const encoding = font.readUInt16BE(at + 2);
    const offset = cmapOffset + font.readUInt32BE(at + 4);
    if (!((platform === 3 && encoding === 1) || platform === 0) || font.readUInt16BE(offset) !== 4) continue;
    const segments = font.readUInt16BE(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const rangeOffsets = deltas + segments * 2;
    return (code) => {
      for (let s = 0; s < segments; s++) {
        const end = font.readUInt16BE(ends + s * 2);
        if (code > end) continue;
        const start = font.readUInt16BE(starts + s * 2);
        if (code < start) return 0;
        const delta = font.readInt16BE(deltas + s * 2);
        const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
        if (rangeOffset === 0) return (code + delta) & 0xffff;
        const glyph = font.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (code - start) * 2);
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new Error('no Unicode BMP cmap (format 4) in the font');
}

/** Advance widths in thousandths of an em of the characters in RANGES; null for a character the font lacks. */
function advances(file) {
  const font = readFileSync(file);
  const t = tables(font);
  const unitsPerEm = font.readUInt16BE(t.get('head').offset + 18);
  const metrics = font.readUInt16BE(t.get('hhea').offset + 34);
  const hmtx = t.get('hmtx').offset;
  const glyphOf = glyphIndex(font, t.get('cmap').offset);
  const advanceOf = (glyph) => font.readUInt16BE(hmtx + Math.min(glyph, metrics - 1) * 4);
  return RANGES.map(([first, last]) => {
    const widths = [];
    for (let code = first; code <= last; code++) {
      const glyph = glyphOf(code);
      widths.push(glyph === 0 ? null : Math.round((advanceOf(glyph) * 1000) / unitsPerEm));
    }
    return [first, widths];
  });
}

const regular = advances(join(folder, 'DejaVuSans.ttf'));
const bold = advances(join(folder, 'DejaVuSans-Bold.ttf'));
const out = `// Written by scripts/font-widths.mjs from DejaVu Sans 2.37 (Bitstream Vera licence, free to use and redistribute
// with its fonts); do not edit. Advance widths in thousandths of an em, in runs of consecutive code points
// from the first; null where the font has no glyph.

/** A run of consecutive code points from the first, each with its advance width in thousandths of an em. */
export type WidthRun = readonly [first: number, widths: readonly (number | null)[]];

/** DejaVu Sans (Book). */
export const DEJAVU_SANS: readonly WidthRun[] = ${JSON.stringify(regular)};

/** DejaVu Sans Bold. */
export const DEJAVU_SANS_BOLD: readonly WidthRun[] = ${JSON.stringify(bold)};
`;
writeFileSync(new URL('../src/format/pictures/font-widths.ts', import.meta.url), out);
