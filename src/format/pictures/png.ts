import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { DataError } from '../../errors.js';
import { escapePath } from '../../text.js';
import { CHART_FONT } from './charts.js';

/** Pixels per SVG unit in a PNG: twice the SVG's size, sharp on high-density screens and in slides. */
export const PNG_SCALE = 2;

/** The fonts resvg draws a chart's text with. */
export type PngFonts = NonNullable<ResvgRenderOptions['font']>;

/**
 * The fonts of the folders given (`MINING_ENERGY_FONT_DIR` on the command line), or else the system's, with DejaVu
 * Sans, the sans-serif face Linux systems commonly have, for the generic family when the charts' first names are
 * absent. Folders given replace the system's fonts, so that a PNG is drawn the same on every machine.
 */
export function pngFonts(fontDirs: readonly string[] = []): PngFonts {
  return {
    loadSystemFonts: fontDirs.length === 0,
    fontDirs: [...fontDirs],
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
  };
}

/** A letter in the charts' font, drawn to find whether any font at hand draws their text. */
const PROBE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><text x="2" y="18" font-family="${CHART_FONT}" font-size="16">M</text></svg>`;

/**
 * Draws an SVG as a PNG with resvg (a renderer shipped for each platform as a package from the registry, with no
 * download at install time), its text in the fonts given; loaded only when a PNG is asked for.
 * @throws DataError when resvg has no build for this platform, or no font given draws the charts' text (a machine
 *   without fonts, such as a bare container), rather than a picture without its words.
 */
export async function renderPng(svg: string, fonts: PngFonts = pngFonts()): Promise<Uint8Array> {
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch (error) {
    throw new DataError(
      `Cannot make a PNG here: the renderer (@resvg/resvg-js) has no build for ${process.platform}-${process.arch} installed (${(error as Error).message.split('\n')[0] ?? ''}). Write SVG instead (--format svg).`,
    );
  }
  if (!drawsAnything(new resvg.Resvg(PROBE_SVG, { font: fonts }).render().pixels)) {
    const dirs = fonts.fontDirs ?? [];
    throw new DataError(
      fonts.loadSystemFonts === false && dirs.length > 0
        ? `Cannot make a PNG here: no font in ${dirs.map(escapePath).join(' or ')} (MINING_ENERGY_FONT_DIR) draws the charts' text (${CHART_FONT}). Put such a font there (DejaVu Sans is one), unset MINING_ENERGY_FONT_DIR to use the system's fonts, or write SVG (--format svg).`
        : `Cannot make a PNG here: no font on this machine draws the charts' text (${CHART_FONT}). Install one (on Debian or Ubuntu: apt-get install fonts-dejavu-core), point MINING_ENERGY_FONT_DIR at a folder of .ttf files, or write SVG (--format svg), which the viewer draws in its own fonts.`,
    );
  }
  const renderer = new resvg.Resvg(svg, { fitTo: { mode: 'zoom', value: PNG_SCALE }, font: fonts });
  return renderer.render().asPng();
}

/** Whether an RGBA picture has a pixel that is not wholly transparent. */
function drawsAnything(rgba: Uint8Array): boolean {
  for (let alpha = 3; alpha < rgba.length; alpha += 4) if (rgba[alpha] !== 0) return true;
  return false;
}
