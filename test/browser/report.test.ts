import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, INSTALL_HINT, chooseChromium, launchBrowser } from '../../scripts/browser.mjs';
import { FIXTURES, ROOT, runCli } from '../helpers.js';

/** Where the screenshots go, to look at after a run (not committed). */
const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');
const CHART_KINDS = ['energy', 'shares', 'network', 'neighbours', 'carbon'];
const DESKTOP = { width: 1000, height: 1400 };
const PHONE = { width: 390, height: 844 };
/** An A4 page's printable width at 96 pixels an inch, less Chromium's default margins. */
const A4 = { width: 718, height: 1047 };

/** A screenshot counts as drawn when at least this share of its pixels is not (near) white… */
const MIN_INK_SHARE = 0.02;
/** …and it has more distinct colours than a blank page with a border or a lone line of text would. */
const MIN_DISTINCT_COLOURS = 8;

interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
}

interface PixelSummary {
  inkShare: number;
  distinctColours: number;
}

/** How much of a PNG is drawn: the share of pixels darker than near-white, and the number of distinct colours. */
function pixelSummary(png: Buffer): PixelSummary {
  const { data, width, height } = PNG.sync.read(png);
  const colours = new Set<number>();
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
    colours.add((r << 16) | (g << 8) | b);
    if (Math.min(r, g, b) < 235) ink++;
  }
  return { inkShare: ink / (width * height), distinctColours: colours.size };
}

function expectDrawn(png: Buffer, what: string): void {
  const { inkShare, distinctColours } = pixelSummary(png);
  expect(inkShare, `${what}: share of non-white pixels`).toBeGreaterThan(MIN_INK_SHARE);
  expect(distinctColours, `${what}: distinct colours`).toBeGreaterThan(MIN_DISTINCT_COLOURS);
}

function saveArtifact(name: string, png: Buffer): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), png);
}

/** Opens a file:// page and records every console error, uncaught page error and network request it makes. */
async function openPage(url: string, viewport: { width: number; height: number }) {
  const browser = await started;
  const page = await browser.newPage({ viewport });
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('request', (request) => problems.requests.push(request.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

async function chartKinds(page: Page): Promise<string[]> {
  return page.locator('section.chart').evaluateAll((sections) => sections.map((s) => s.id.replace(/^section-/, '')));
}

const work = mkdtempSync(join(tmpdir(), 'mining-energy-browser-'));

/** A user's data directory with a region the shipped data lacks (Hainan, under China), as the CLI tests use. */
function userDataDirectory(): string {
  const dir = join(work, 'my-data');
  cpSync(join(FIXTURES, 'overlay'), dir, { recursive: true });
  return dir;
}

/** Writes a report with the built CLI and returns its file:// URL. */
async function writeReport(name: string, args: string[]): Promise<string> {
  const out = join(work, `${name}.html`);
  const result = await runCli([...args, '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  return pathToFileURL(out).href;
}

const REPORTS = [
  { name: 'sichuan', args: () => ['report', '--region', 'sichuan'] },
  { name: 'hainan-user-data', args: () => ['--data', userDataDirectory(), 'report', '--region', 'hainan'] },
];

/** The browser, started once; every test that draws awaits it, so each fails with its message if it cannot start. */
let started: Promise<Browser>;

beforeAll(() => {
  started = launchBrowser();
  // Reported by each test that awaits it, not as an unhandled rejection.
  started.catch(() => undefined);
});

afterAll(async () => {
  await started.then((browser) => browser.close()).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe('chooseChromium', () => {
  it.each([
    [
      'CHROMIUM_PATH first',
      { CHROMIUM_PATH: '/opt/chrome/chrome' },
      true,
      { from: 'CHROMIUM_PATH', path: '/opt/chrome/chrome' },
    ],
    ["then Debian's", {}, true, { from: 'system', path: DEFAULT_CHROMIUM }],
    ['a blank CHROMIUM_PATH as unset', { CHROMIUM_PATH: '  ' }, true, { from: 'system', path: DEFAULT_CHROMIUM }],
    ["else the npm package's", {}, false, { from: 'npm' }],
  ])('takes %s', (_, env, debianInstalled, choice) => {
    expect(chooseChromium(env, (path) => debianInstalled && path === DEFAULT_CHROMIUM)).toEqual(choice);
  });
});

describe('launchBrowser', () => {
  it('fails, naming the path and how to get Chromium, when CHROMIUM_PATH points at nothing', async () => {
    const missing = join(work, 'no-chromium');
    await expect(launchBrowser({ CHROMIUM_PATH: missing })).rejects.toThrow(
      `Chromium could not start from ${missing}: no such file. ${INSTALL_HINT}`,
    );
    expect(INSTALL_HINT).toBe(
      "Run `npm ci` to install the Chromium of the npm package @sparticuz/chromium (Linux x64), install Debian's with `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome executable.",
    );
  });

  it('fails with the same advice when CHROMIUM_PATH is not executable', async () => {
    const notExecutable = join(work, 'chromium.txt');
    writeFileSync(notExecutable, 'not a browser');
    await expect(launchBrowser({ CHROMIUM_PATH: notExecutable })).rejects.toThrow(
      /^Chromium could not start from .*chromium\.txt: it is not an executable file \(EACCES\)\. Run `npm ci`/,
    );
  });
});

describe.each(REPORTS)('the $name report in Chromium', ({ name, args }) => {
  let url: string;
  beforeAll(async () => {
    url = await writeReport(name, args());
  });

  it('loads with no console or page error and no request but the file itself', async () => {
    const { page, problems } = await openPage(url, DESKTOP);
    await page.close();
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], requests: [url] });
  });

  it('shows the five charts, each with its table of figures, drawn in colour', async () => {
    const { page } = await openPage(url, DESKTOP);
    try {
      expect(await chartKinds(page)).toEqual(CHART_KINDS);
      for (const kind of CHART_KINDS) {
        const section = page.locator(`section.chart#section-${kind}`);
        const svg = section.locator('svg');
        expect(await svg.count(), `${kind}: one svg`).toBe(1);
        expect(await svg.isVisible(), `${kind}: svg visible`).toBe(true);
        const box = await svg.boundingBox();
        expect(box?.width, `${kind}: svg width`).toBeGreaterThan(100);
        expect(box?.height, `${kind}: svg height`).toBeGreaterThan(100);

        const rows = section.locator('details table tbody tr');
        expect(await section.locator('details summary').first().textContent()).toBe('The figures behind this chart');
        expect(await rows.count(), `${kind}: rows in the table of figures`).toBeGreaterThan(0);

        const png = await svg.screenshot();
        expectDrawn(png, `${name} ${kind} chart`);
        saveArtifact(`${name}-${kind}.png`, png);
      }
      const full = await page.screenshot({ fullPage: true });
      expectDrawn(full, `${name} full page`);
      saveArtifact(`${name}-page.png`, full);
    } finally {
      await page.close();
    }
  });

  it('draws the electricity by year with its band, its line and a point a year, in their colours', async () => {
    const { page } = await openPage(url, DESKTOP);
    try {
      const section = page.locator('section.chart#section-energy');
      const png = PNG.sync.read(await section.locator('svg').screenshot());
      // The line and the recorded years' points in blue (#0072B2); the band is that blue at 18% over white,
      // (255 - 0.18 × (255 - c)): about rgb(209, 230, 241).
      const near = (r: number, g: number, b: number, tolerance: number) => {
        let count = 0;
        for (let i = 0; i < png.data.length; i += 4) {
          const [pr = 0, pg = 0, pb = 0] = [png.data[i], png.data[i + 1], png.data[i + 2]];
          if (Math.abs(pr - r) <= tolerance && Math.abs(pg - g) <= tolerance && Math.abs(pb - b) <= tolerance) count++;
        }
        return count / (png.width * png.height);
      };
      expect(near(0x00, 0x72, 0xb2, 24), 'share of line-blue pixels').toBeGreaterThan(0.001);
      expect(near(209, 230, 241, 8), 'share of band pixels').toBeGreaterThan(0.02);
      const years = await section.locator('details table tbody tr').count();
      const points = await section.locator('svg g.mark-symbol.role-mark > path').count();
      expect(points, 'a point for each year estimated').toBe(years);
      const title = await section.locator('svg .role-title-text text').textContent();
      expect(title).toMatch(/^Bitcoin mining in \S+: electricity by year, 2016–\d{4}$/);
    } finally {
      await page.close();
    }
  });

  it('draws its text in a font with real glyphs: a line of W is far wider than a line of i, in the page and in each chart', async () => {
    const { page } = await openPage(url, DESKTOP);
    try {
      // Without a usable font Chromium draws text with no width at all, or as boxes of one width.
      const widths = await page.evaluate<{ narrow: number; wide: number; charts: number[] }>(`(() => {
        const context = document.createElement('canvas').getContext('2d');
        context.font = getComputedStyle(document.body).font;
        return {
          narrow: context.measureText('i'.repeat(20)).width,
          wide: context.measureText('W'.repeat(20)).width,
          charts: [...document.querySelectorAll('section.chart svg')].map((svg) =>
            Math.max(0, ...[...svg.querySelectorAll('text')].map((text) => text.getComputedTextLength())),
          ),
        };
      })()`);
      expect(widths.narrow, 'width of 20 i').toBeGreaterThan(0);
      expect(widths.wide, 'width of 20 W').toBeGreaterThan(2 * widths.narrow);
      expect(widths.charts, 'longest label of each chart').toHaveLength(CHART_KINDS.length);
      for (const width of widths.charts) expect(width).toBeGreaterThan(20);
    } finally {
      await page.close();
    }
  });

  it('fits a 390 px phone screen: the page does not scroll sideways; each chart keeps readable text in a box that does', async () => {
    const { page } = await openPage(url, PHONE);
    try {
      // Evaluated in the page (the tests' types have no DOM).
      const widths = await page.evaluate<{ scroll: number; inner: number }>(
        '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
      );
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner + 1);
      for (const kind of CHART_KINDS) {
        const frame = await page.locator(`section.chart#section-${kind} .drawing`).boundingBox();
        expect(frame?.x, `${kind}: left edge`).toBeGreaterThanOrEqual(0);
        expect((frame?.x ?? 0) + (frame?.width ?? Infinity), `${kind}: right edge`).toBeLessThanOrEqual(PHONE.width);
        const chart = await page.locator(`section.chart#section-${kind} svg`).boundingBox();
        expect(chart?.height, `${kind}: height`).toBeGreaterThan(0);
        // Not shrunk to the phone's width, where its 11 px labels would be 5 px: it scrolls inside its box.
        expect(chart?.width, `${kind}: width`).toBeGreaterThanOrEqual(500);
        const scrolls = await page.evaluate<boolean>(
          `(() => { const box = document.querySelector('#section-${kind} .drawing'); return box.scrollWidth > box.clientWidth; })()`,
        );
        expect(scrolls, `${kind}: scrolls sideways`).toBe(true);
      }
      const full = await page.screenshot({ fullPage: true });
      expectDrawn(full, `${name} phone page`);
      saveArtifact(`${name}-phone.png`, full);
    } finally {
      await page.close();
    }
  });
  it('prints on A4: collapsed sections left out, every chart within the page width, a PDF of several pages', async () => {
    const { page } = await openPage(url, A4);
    try {
      await page.emulateMedia({ media: 'print' });
      const hidden = await page.evaluate<number>(
        "[...document.querySelectorAll('details:not([open])')].filter((d) => getComputedStyle(d).display !== 'none').length",
      );
      expect(hidden, 'collapsed sections shown in print').toBe(0);
      for (const kind of await chartKinds(page)) {
        const box = await page.locator(`section.chart#section-${kind} svg`).boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? Infinity), `${kind}: right edge in print`).toBeLessThanOrEqual(A4.width);
        expect(box?.height, `${kind}: height in print`).toBeGreaterThan(50);
      }
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(1);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `${name}-print.pdf`), pdf);
    } finally {
      await page.close();
    }
  });
});
