import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which follows the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('chart --format png', () => {
  it('draws the SVG at twice its size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-png-'));
    const svg = await runCli(['chart', 'carbon', '--region', 'china', '--year', '2021']);
    expect(svg.code).toBe(0);
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg.stdout) ?? [];
    const out = join(dir, 'carbon.png');
    const png = await runCli([
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
    ]);
    expect(png.code, png.stderr).toBe(0);
    expect(png.stdout).toBe('');
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(bytes)).toEqual({ width: 2 * Number(width), height: 2 * Number(height) });
  });
});
