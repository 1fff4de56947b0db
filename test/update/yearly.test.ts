import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STACK_FRAME } from '../helpers.js';
import {
  EMBER_FIXTURE,
  EMBER_REQUEST,
  type Fault,
  type LiveServer,
  OWID_DEMAND_FIXTURE,
  OWID_DEMAND_REQUEST,
  OWID_INTENSITY_FIXTURE,
  OWID_INTENSITY_REQUEST,
  runCliAsync,
  startFileServer,
} from '../live-server.js';
import { copyDir, directoryContents, temporaryDir } from './directory.js';

const FAST = { MINING_ENERGY_RETRY_BASE_MS: '20', MINING_ENERGY_TIMEOUT_MS: '1500' };
const servers: LiveServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Files {
  ember?: string;
  demand?: string;
  intensity?: string;
}
async function serve(files: Files = {}, options: Parameters<typeof startFileServer>[1] = {}): Promise<LiveServer> {
  const server = await startFileServer(
    {
      [EMBER_REQUEST]: files.ember ?? EMBER_FIXTURE,
      [OWID_DEMAND_REQUEST]: files.demand ?? OWID_DEMAND_FIXTURE,
      [OWID_INTENSITY_REQUEST]: files.intensity ?? OWID_INTENSITY_FIXTURE,
    },
    options,
  );
  servers.push(server);
  return server;
}
const envOf = (server: LiveServer) => ({
  ...FAST,
  MINING_ENERGY_EMBER_URL: server.url,
  MINING_ENERGY_OWID_URL: server.url,
});
const update = (dir: string, server: LiveServer, sources: string[], args: string[] = []) =>
  runCliAsync(['data', 'update', ...sources, '--dir', dir, ...args], envOf(server));
const readJson = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
interface Carbon {
  region: string;
  year: number;
  gco2PerKwh: number;
  basis: string;
  source: string;
}
const carbonOf = (dir: string, region: string, year: number): Carbon[] =>
  (readJson(dir, 'carbon-intensity.json') as Carbon[]).filter((r) => r.region === region && r.year === year);

/** A line of the Ember fixture changed: the first that starts with `start`, its cell `index` made `value`. */
function emberWith(start: string, index: number, value: string): string {
  const lines = EMBER_FIXTURE.split('\n');
  const at = lines.findIndex((line) => line.startsWith(start));
  const cells = (lines[at] as string).split(',');
  cells[index] = value;
  lines[at] = cells.join(',');
  return lines.join('\n');
}

/** A directory that has had both updates: the previous data every fault test must leave as they are. */
let seeded = '';
beforeAll(async () => {
  seeded = temporaryDir('yearly-seeded');
  const server = await serve();
  const result = await update(seeded, server, ['ember', 'owid']);
  expect(result.code, result.stderr).toBe(0);
});

describe('data update ember and owid', () => {
  it('builds the baselines and intensities from nothing, which compare and estimate then use', async () => {
    const home = temporaryDir('yearly-home');
    const server = await serve({}, { gzip: false });
    const env = { ...envOf(server), XDG_DATA_HOME: home };
    const result = await runCliAsync(['data', 'update', 'ember', 'owid', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toEqual([EMBER_REQUEST, OWID_DEMAND_REQUEST, OWID_INTENSITY_REQUEST]);
    const [ember, owid] = JSON.parse(result.stdout).outcomes;
    // Ember's fixture: World 2019-2024 (6 intensities), China, Russia and the United States in 2024 and 2025 (6);
    // South Africa is no region of the data, and the EU is not a country.
    expect(ember).toMatchObject({
      source: 'ember',
      status: 'updated',
      days: 0,
      from: null,
      changed: [],
      requests: 1,
      bytes: Buffer.byteLength(EMBER_FIXTURE),
      yearly: {
        baseline: 'ember-latest',
        countries: 4,
        latestYear: 2025,
        intensities: 12,
        intensityYears: { from: 2019, to: 2025 },
        intensitiesKept: 0,
      },
    });
    // OWID: 216 entities less World and the EU-27; its intensities for World 2019-2024 and for China, Russia and
    // the United States in 2024 are Ember's too, and Ember's win: 6 + 3 = 9 kept back.
    expect(owid).toMatchObject({
      source: 'owid',
      status: 'updated',
      requests: 2,
      yearly: { baseline: 'owid-latest', countries: 214, latestYear: 2025, intensitiesKept: 9 },
    });

    const dir = join(home, 'mining-energy');
    const baselines = readJson(dir, 'electricity-baselines.json');
    expect(baselines.map((b: { id: string }) => b.id)).toEqual(['ember-latest', 'owid-latest']);
    const [emberList, owidList] = baselines;
    expect(emberList).toMatchObject({
      name: 'Ember electricity demand, 2025',
      measure: 'demand',
      year: 2025,
      source: 'ember-yearly',
      values: [
        { country: 'China', iso3: 'CHN', twh: 10486.272 },
        { country: 'United States', iso3: 'USA', twh: 4532.142 },
        { country: 'Russia', iso3: 'RUS', twh: 1177.295 },
        { country: 'South Africa', iso3: 'ZAF', twh: 236.84 },
      ],
    });
    expect(emberList.values[0].year).toBeUndefined();
    // The copy's latest years (its README): 2025 for 36 countries, 2024 for 54, 2023 for 83, 2022 for 41.
    expect(owidList.note).toContain('2025 for 36 countries, 2024 for 54 countries, 2023 for 83 countries, 2022 for 41');
    expect(owidList.name).toBe(
      "Our World in Data electricity demand (from Ember), 2025 or each country's latest year (2022 to 2025)",
    );
    expect(owidList.values.find((v: { country: string }) => v.country === 'China')).toEqual({
      country: 'China',
      iso3: 'CHN',
      twh: 10072.95,
      year: 2024,
    });
    expect(owidList.values.find((v: { country: string }) => v.country === 'Kosovo')).toEqual({
      country: 'Kosovo',
      twh: 7.14,
    });
    expect(owidList.values.some((v: { country: string }) => /World|European Union/.test(v.country))).toBe(false);

    expect(carbonOf(dir, 'china', 2025)).toEqual([
      {
        region: 'china',
        year: 2025,
        gco2PerKwh: 528.278,
        basis: 'life-cycle',
        source: 'ember-yearly',
        evidence: 'primary',
      },
    ]);
    // One key, one value: Ember's China 2024 (558.965), not OWID's (559.55); Kazakhstan only OWID gives.
    expect(carbonOf(dir, 'china', 2024)).toMatchObject([{ gco2PerKwh: 558.965, source: 'ember-yearly' }]);
    expect(carbonOf(dir, 'world', 2024)).toMatchObject([{ gco2PerKwh: 473.01, source: 'ember-yearly' }]);
    expect(carbonOf(dir, 'kazakhstan', 2024)).toMatchObject([{ gco2PerKwh: 801.95, source: 'owid-grapher' }]);

    const sources = readJson(dir, 'sources.json');
    expect(sources.find((s: { id: string }) => s.id === 'ember-yearly')).toMatchObject({
      publisher: 'Ember',
      url: `${server.url}${EMBER_REQUEST}`,
      evidence: 'primary',
      licence: 'CC BY 4.0 (credit Ember)',
    });
    const digest = createHash('sha256').update(EMBER_FIXTURE).digest('hex');
    expect(readJson(dir, 'updates.json').ember).toMatchObject({
      source: 'ember-yearly',
      sha256: digest,
      licence: 'CC BY 4.0',
    });
    expect(sources.find((s: { id: string }) => s.id === 'ember-yearly').note).toContain(digest);

    // compare ranks among a downloaded list, and says so: named, or by default as the list of the latest year
    // (2025, after the shipped ember-2024's 2024), of the two of 2025 the one with more countries: OWID's here, as
    // the Ember fixture holds four.
    const named = await runCliAsync(
      ['compare', '--region', 'world', '--year', '2025', '--baseline', 'ember-latest', '--json'],
      env,
    );
    expect(named.code, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({
      count: 4,
      baseline: { id: 'ember-latest', measure: 'demand', year: 2025 },
    });
    const compare = await runCliAsync(['compare', '--region', 'world', '--year', '2025', '--json'], env);
    expect(compare.code, compare.stderr).toBe(0);
    expect(JSON.parse(compare.stdout)).toMatchObject({
      count: owidList.values.length,
      baseline: { id: 'owid-latest', measure: 'demand', year: 2025 },
    });
    // A 2025 estimate's carbon takes China's downloaded intensity; without the directory, the shipped copy's.
    const estimate = await runCliAsync(['estimate', '--region', 'china', '--year', '2025', '--json'], env);
    expect(estimate.code, estimate.stderr).toBe(0);
    expect(JSON.parse(estimate.stdout)[0].carbon.weights[0]).toMatchObject({
      region: 'china',
      year: 2025,
      gco2PerKwh: 528.278,
      source: 'ember-yearly',
    });
    const shipped = await runCliAsync(
      ['--no-user-data', 'estimate', '--region', 'china', '--year', '2025', '--json'],
      env,
    );
    expect(JSON.parse(shipped.stdout)[0].carbon.weights[0].source).toBe('ember-yearly-2026-copy');

    const status = JSON.parse((await runCliAsync(['data', 'status', '--json'], env)).stdout);
    expect(status.sources.map((s: { source: string }) => s.source)).toEqual(['ember', 'owid']);
    expect(status.sources[0]).toMatchObject({ days: null, yearly: { baseline: 'ember-latest', countries: 4 } });

    const again = await runCliAsync(['data', 'update', 'ember', 'owid'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /^ember: up to date \(baseline ember-latest: 4 countries, 2025 or earlier; 12 intensities 2019 to 2025\)/,
    );
    expect(again.stdout).toMatch(/\nowid: up to date/);
  });

  it("lets Ember's intensity replace OWID's when Ember's update comes second", async () => {
    const dir = temporaryDir('yearly-order');
    const server = await serve();
    expect((await update(dir, server, ['owid'])).code).toBe(0);
    expect(carbonOf(dir, 'china', 2024)).toMatchObject([{ gco2PerKwh: 559.55, source: 'owid-grapher' }]);
    expect((await update(dir, server, ['ember'])).code).toBe(0);
    expect(carbonOf(dir, 'china', 2024)).toMatchObject([{ gco2PerKwh: 558.965, source: 'ember-yearly' }]);
    // And OWID's next update leaves it so.
    const owid = await update(dir, server, ['owid'], ['--json']);
    expect(JSON.parse(owid.stdout).outcomes[0].yearly.intensitiesKept).toBe(9);
    expect(carbonOf(dir, 'china', 2024)).toMatchObject([{ gco2PerKwh: 558.965, source: 'ember-yearly' }]);
  });

  it('tries again after a 500, then goes on', async () => {
    const dir = temporaryDir('yearly-retry');
    const server = await serve(
      {},
      {
        fault: (n, _request, response) => {
          if (n !== 1) return false;
          response.writeHead(500).end('busy');
          return true;
        },
      },
    );
    const result = await update(dir, server, ['ember'], ['--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toEqual([EMBER_REQUEST, EMBER_REQUEST]);
    expect(JSON.parse(result.stdout).outcomes[0]).toMatchObject({ status: 'updated', requests: 2 });
    expect(carbonOf(dir, 'russia', 2025)).toMatchObject([{ gco2PerKwh: 449.607, source: 'ember-yearly' }]);
  });

  it('takes the values a new release revises, and lists them', async () => {
    const dir = copyDir(seeded, 'yearly-revised');
    // China's 2025 demand revised from 10486.272 to 10500 TWh, and its 2025 intensity from 528.278 to 530.
    const revised = emberWith('China,CHN,2025,Country or economy,Demand', 6, '10500').replace(
      'China,CHN,2025,Country or economy,Total generation,True,10505.74,,,,,,,,,,528.278',
      'China,CHN,2025,Country or economy,Total generation,True,10505.74,,,,,,,,,,530',
    );
    const result = await update(dir, await serve({ ember: revised }), ['ember'], ['--json']);
    expect(result.code, result.stderr).toBe(0);
    const [outcome] = JSON.parse(result.stdout).outcomes;
    expect(outcome.status).toBe('updated');
    expect(outcome.changed).toEqual([
      { date: '2025', field: 'CHN.twh', held: 10486.272, now: 10500 },
      { date: '2025', field: 'china.gco2PerKwh', held: 528.278, now: 530 },
    ]);
    expect(result.stderr).toMatch(/warning: Ember revised 2 values already held, and the new ones were taken/);
    expect(carbonOf(dir, 'china', 2025)).toMatchObject([{ gco2PerKwh: 530 }]);
  });
});

describe('a failed yearly update keeps the data as they were', () => {
  async function expectKept(server: LiveServer, source: 'ember' | 'owid', message: RegExp): Promise<void> {
    const dir = copyDir(seeded, 'yearly-fault');
    const before = directoryContents(dir);
    const result = await update(dir, server, [source]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${source}: failed; kept as it was\n`);
    expect(result.stderr).toContain(`${source} failed, its data kept as it was; updated: none`);
    expect(result.stderr).toContain(source === 'ember' ? 'Ember: ' : 'Our World in Data: ');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(directoryContents(dir)).toEqual(before);
  }
  const always =
    (answer: (response: ServerResponse, body: Buffer) => void): Fault =>
    (_n, _request, response, body) => {
      answer(response, body);
      return true;
    };

  it('a changed header, naming the columns', async () => {
    const ember = EMBER_FIXTURE.replace('Emissions intensity (gCO2e/kWh)', 'Emissions intensity (gCO2/kWh)');
    await expectKept(
      await serve({ ember }),
      'ember',
      /header .* is not the one expected \(missing "Emissions intensity \(gCO2e\/kWh\)"; new "Emissions intensity \(gCO2\/kWh\)"\)/,
    );
    const demand = OWID_DEMAND_FIXTURE.replace('electricity_demand', 'electricity_demand_twh');
    await expectKept(await serve({ demand }), 'owid', /missing "electricity_demand"; new "electricity_demand_twh"/);
  });

  it('an HTML page in place of the CSV', async () => {
    const html = '<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>';
    await expectKept(
      await serve({ ember: html }),
      'ember',
      /is not Ember's yearly electricity CSV: its first line begins "<!DOCTYPE html><html><body>Service/,
    );
  });

  it('a gzip body cut short', async () => {
    const server = await serve(
      {},
      {
        fault: always((response, body) => {
          const cut = gzipSync(body).subarray(0, -40);
          response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(cut.length) });
          response.end(cut);
        }),
      },
    );
    await expectKept(server, 'ember', /could not be decoded \(gzip\): unexpected end of file/);
  });

  it('a file cut short in a row', async () => {
    const cut = EMBER_FIXTURE.slice(0, EMBER_FIXTURE.indexOf('China,CHN,2025,Country or economy,Demand') + 50);
    await expectKept(await serve({ ember: cut }), 'ember', /line \d+ has 7 cells, not 24 \(a file cut short\?\)/);
  });

  it('a server error on every try', async () => {
    const server = await serve({}, { fault: always((response) => response.writeHead(500).end('oops')) });
    await expectKept(server, 'owid', /answered HTTP 500 Internal Server Error \(4 tries\)/);
  });

  it('an empty file', async () => {
    await expectKept(await serve({ ember: '' }), 'ember', /the response from .* is empty/);
    await expectKept(await serve({ intensity: '\n' }), 'owid', /the response from .*carbon-intensity.* is empty/);
  });

  it('a row repeated', async () => {
    const lines = EMBER_FIXTURE.trimEnd().split('\n');
    const usa = lines.find((line) => line.startsWith('United States,USA,2025,Country or economy,Demand')) as string;
    await expectKept(
      await serve({ ember: `${[...lines, usa].join('\n')}\n` }),
      'ember',
      /gives the demand of United States in 2025 twice \(lines 42 and 44\)/,
    );
    const demand = `${OWID_DEMAND_FIXTURE}Norway,NOR,2024,137.68\n`;
    await expectKept(await serve({ demand }), 'owid', /gives the demand of Norway in 2024 twice/);
  });

  it('a value out of range', async () => {
    const ember = emberWith('Russia,RUS,2025,Country or economy,Total generation', 16, '2500');
    await expectKept(
      await serve({ ember }),
      'ember',
      /line 29 → Emissions intensity \(gCO2e\/kWh\) is "2500", not a number from 0 to 2000/,
    );
    const negative = emberWith('Russia,RUS,2025,Country or economy,Demand', 6, '-5');
    await expectKept(await serve({ ember: negative }), 'ember', /Generation \(TWh\) is "-5", not a number/);
    const year = OWID_INTENSITY_FIXTURE.replace('Afghanistan,AFG,2019,', 'Afghanistan,AFG,19,');
    await expectKept(await serve({ intensity: year }), 'owid', /line 2 → Year is "19", not a year from 1990 to 2100/);
  });
});

describe('data update with no names', () => {
  it('runs coinmetrics, cbeci, ember and owid in that order', async () => {
    const dir = copyDir(seeded, 'yearly-all');
    const server = await serve();
    // Coin Metrics and CBECI are not served here: both fail, and Ember and OWID go on.
    const result = await runCliAsync(['data', 'update', '--dir', dir, '--json'], {
      ...envOf(server),
      MINING_ENERGY_COINMETRICS_URL: server.url,
      MINING_ENERGY_CBECI_URL: server.url,
    });
    expect(result.code).toBe(1);
    const outcomes = JSON.parse(result.stdout).outcomes;
    expect(outcomes.map((o: { source: string; status: string }) => `${o.source} ${o.status}`)).toEqual([
      'coinmetrics failed',
      'cbeci failed',
      'ember unchanged',
      'owid unchanged',
    ]);
    expect(result.stderr).toContain('coinmetrics, cbeci failed');
  });
});
