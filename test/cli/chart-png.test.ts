import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { pngFonts, renderPng } from '../../src/format/pictures/png.js';
import { rejected, runCli } from '../helpers.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which follows the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** China's carbon chart of 2021 as a PNG written to `out`. */
const carbonPng = (out: string) => [
  'chart',
  'carbon',
  '--region',
  'china',
  '--year',
  '2021',
  '--format',
  'png',
  '--out',
  out,
];

describe('chart --format png', () => {
  it('draws the SVG at twice its size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-png-'));
    const svg = await runCli(['chart', 'carbon', '--region', 'china', '--year', '2021']);
    expect(svg.code).toBe(0);
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg.stdout) ?? [];
    const out = join(dir, 'carbon.png');
    const png = await runCli(carbonPng(out));
    expect(png.code, png.stderr).toBe(0);
    expect(png.stdout).toBe('');
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(bytes)).toEqual({ width: 2 * Number(width), height: 2 * Number(height) });
  });

  it('refuses a PNG that no font at hand would draw the words of, and says what to do', async () => {
    const svg = (await runCli(['chart', 'carbon', '--region', 'china', '--year', '2021'])).stdout;
    const none = { ...pngFonts(), loadSystemFonts: false };
    const error = await rejected(DataError, renderPng(svg, none));
    expect(error.message).toMatch(/^Cannot make a PNG here: no font on this machine draws the charts' text/);
    expect(error.message).toMatch(/MINING_ENERGY_FONT_DIR/);
    expect(error.message).toMatch(/--format svg/);
  });

  it('draws with the fonts of MINING_ENERGY_FONT_DIR alone, and refuses when that folder holds none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-no-fonts-'));
    const args = carbonPng;
    expect((await runCli(args(join(dir, 'drawn.png')))).code).toBe(0);
    const refused = await runCli(args(join(dir, 'refused.png')), { MINING_ENERGY_FONT_DIR: dir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.replace(/\s+/g, ' ')).toContain(
      `no font in ${dir} (MINING_ENERGY_FONT_DIR) draws the charts' text`,
    );
    expect(existsSync(join(dir, 'refused.png'))).toBe(false);
    // A path that is no folder is a usage error naming the variable (resvg would pass over it without a word).
    const file = join(dir, 'drawn.png');
    const notAFolder = await runCli(args(join(dir, 'not-a-folder.png')), { MINING_ENERGY_FONT_DIR: file });
    expect(notAFolder.code).toBe(2);
    expect(notAFolder.stderr.replace(/\s+/g, ' ')).toContain(
      `MINING_ENERGY_FONT_DIR must name a folder of fonts (.ttf, .otf); ${file} is not one.`,
    );
  });
});
