#!/usr/bin/env node
// Makes docs/report.png, the README's picture of a report: the top of the Sichuan report as Chromium draws it, from
// the built CLI (run `npm run build` first; `npm run screenshot` does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'docs', 'report.png');
/** The window the page is drawn in, and the part of it kept: the headline, the warnings and the first chart. */
const VIEWPORT = { width: 1000, height: 1400 };

/** Writes the Sichuan report with the built CLI into a fresh directory and returns its path. */
function writeReport(dir) {
  const out = join(dir, 'sichuan.html');
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'mining-energy.js'), 'report', '--region', 'sichuan', '--out', out],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  if (result.status !== 0) throw new Error(`mining-energy report failed (exit ${result.status}): ${result.stderr}`);
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'mining-energy-screenshot-'));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(pathToFileURL(writeReport(dir)).href, { waitUntil: 'load' });
    writeFileSync(OUT, await page.screenshot({ clip: { x: 0, y: 0, ...VIEWPORT } }));
    console.log(`${OUT}: ${Math.round(statSync(OUT).size / 1024)} KiB`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
