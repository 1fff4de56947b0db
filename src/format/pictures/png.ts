import { DataError } from '../../errors.js';

/** Pixels per SVG unit in a PNG: twice the SVG's size, sharp on high-density screens and in slides. */
export const PNG_SCALE = 2;

/**
 * Draws an SVG as a PNG with resvg (a renderer shipped for each platform as a package from the registry, with no
 * download at install time), text in the system's fonts; loaded only when a PNG is asked for.
 * @throws DataError when resvg has no build for this platform.
 */
export async function renderPng(svg: string): Promise<Uint8Array> {
  let resvg: typeof import('@resvg/resvg-js');
  try {
    resvg = await import('@resvg/resvg-js');
  } catch (error) {
    throw new DataError(
      `Cannot make a PNG here: the renderer (@resvg/resvg-js) has no build for ${process.platform}-${process.arch} installed (${(error as Error).message.split('\n')[0] ?? ''}). Write SVG instead (--format svg).`,
    );
  }
  const renderer = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}
