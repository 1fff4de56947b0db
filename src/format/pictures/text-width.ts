import { DEJAVU_SANS, DEJAVU_SANS_BOLD, type WidthRun } from './font-widths.js';

/**
 * The width a character the tables lack is taken as: a whole em, as wide as a CJK ideograph, so that a chart is
 * never laid out narrower than the text it draws.
 */
const MISSING_WIDTH_EM = 1;

/** Vega's font size when a text item sets none. */
const DEFAULT_FONT_SIZE_PX = 11;

/** A font's advance widths by code point, in ems. */
function widthTable(runs: readonly WidthRun[]): Map<number, number> {
  const table = new Map<number, number>();
  for (const [first, widths] of runs) {
    widths.forEach((width, i) => {
      if (width !== null) table.set(first + i, width / 1000);
    });
  }
  return table;
}

let regular: Map<number, number> | undefined;
let bold: Map<number, number> | undefined;

/** Whether a CSS font weight draws the bold face: "bold", "bolder" or 600 and above. */
export function isBoldWeight(weight: unknown): boolean {
  if (weight === 'bold' || weight === 'bolder') return true;
  const number = typeof weight === 'number' ? weight : typeof weight === 'string' ? Number(weight) : NaN;
  return Number.isFinite(number) && number >= 600;
}

/**
 * The width in pixels of a line of text at a font size, the sum of its characters' advances in DejaVu Sans (the
 * face the PNG renderer falls back to, and wider than the Helvetica and Arial the charts name first, so that
 * text never overflows the room it is given); kerning, which only narrows, is left out.
 */
export function textWidthPx(text: string, fontSizePx: number, boldFace = false): number {
  const table = boldFace ? (bold ??= widthTable(DEJAVU_SANS_BOLD)) : (regular ??= widthTable(DEJAVU_SANS));
  let ems = 0;
  for (const char of text) ems += table.get(char.codePointAt(0) as number) ?? MISSING_WIDTH_EM;
  return ems * fontSizePx;
}

/** The properties of one of Vega's text items that its width depends on. */
export interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  /** The most pixels the text may take: Vega cuts a longer one, ending it with an ellipsis. */
  limit?: number | string | null;
}

/**
 * The width Vega lays a text item out with, in place of its estimate for a renderer without a canvas (0.8 of
 * the font size for every character, which made each chart far wider than what it draws): the line measured
 * with the font's advance widths, as Vega's textMetrics.width is called (the item and one line of its text).
 *
 * Vega calls the same function to cut a line longer than the item's limit (on the whole line, then on shorter
 * and shorter starts of it) and to size the item (on the whole line): a line wider than the limit is given as
 * the limit, which is what the cut line takes at most, and which still reads as too wide when Vega cuts it.
 */
export function measureTextItem(item: TextItem, line: unknown): number {
  const size = item.fontSize === null || item.fontSize === undefined ? DEFAULT_FONT_SIZE_PX : Number(item.fontSize);
  const text = line === null || line === undefined ? '' : String(line).trim();
  if (!(size > 0) || text === '') return 0;
  const width = textWidthPx(text, size, isBoldWeight(item.fontWeight));
  const limit = Number(item.limit);
  return limit > 0 ? Math.min(width, limit) : width;
}
