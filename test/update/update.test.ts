import { STACK_FRAME } from '../helpers.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Fault,
  fixtureDays,
  type LiveServer,
  runCliAsync,
  startCoinMetricsServer,
  startProxy,
} from '../live-server.js';
import { copyDir, directoryContents, temporaryDir } from './directory.js';

/** Fast retries and timeouts, and no proxy unless a test sets one. */
const FAST = { MINING_ENERGY_RETRY_BASE_MS: '20', MINING_ENERGY_TIMEOUT_MS: '1500' };

const servers: LiveServer[] = [];
async function serve(options: Parameters<typeof startCoinMetricsServer>[0] = {}): Promise<LiveServer> {
  const server = await startCoinMetricsServer(options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function update(dir: string, server: LiveServer, args: string[] = [], env: Record<string, string> = {}) {
  return runCliAsync(['data', 'update', 'coinmetrics', '--dir', dir, ...args], {
    ...FAST,
    MINING_ENERGY_COINMETRICS_URL: server.url,
    ...env,
  });
}

/**
 * The shipped data/network-inputs.csv ends on 2025-12-29 (5644 days from 2010-07-18); the fixture's days after it,
 * 2025-12-30 to 2026-06-30 (2 + 31 + 28 + 31 + 30 + 31 + 30 = 183 days), are synthetic (test/fixtures/live/README.md).
 */
const SHIPPED_DAYS = 5644;
const SERVED_NEW_DAYS = 183;

/**
 * A data directory updated to 2026-03-31 (the days after are what a later update brings): the shipped days and the
 * 2 + 31 + 28 + 31 = 92 days from 2025-12-30 on, 5644 + 92 = 5736 days.
 */
let seeded = '';
beforeAll(async () => {
  seeded = temporaryDir('seeded');
  const server = await serve({ days: fixtureDays().filter((day) => day.date <= '2026-03-31') });
  const result = await update(seeded, server);
  expect(result.code, result.stderr).toBe(0);
});

describe('data update coinmetrics', () => {
  it('lands the days in the user directory, which network --input, sources and data status then use', async () => {
    const home = temporaryDir('home');
    const server = await serve({ pageRows: 100 });
    const env = { XDG_DATA_HOME: home, MINING_ENERGY_COINMETRICS_URL: server.url, ...FAST };
    const result = await runCliAsync(['data', 'update', 'coinmetrics', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(result.stdout);
    // From a week before the shipped end: 2025-12-23 to 2025-12-29 asked again (7 days) and the 183 new ones, 190
    // days, on two pages of at most 100 rows (100 + 90).
    expect(summary.outcomes[0]).toMatchObject({
      source: 'coinmetrics',
      status: 'updated',
      from: '2010-07-18',
      to: '2026-06-30',
      days: SHIPPED_DAYS + SERVED_NEW_DAYS,
      newDays: SERVED_NEW_DAYS,
      requests: 2,
    });
    // The request is LIVE-SOURCES §1's, from a week before the shipped data end; the pages follow next_page_url.
    expect(server.requests[0]).toBe(
      '/v4/timeseries/asset-metrics?assets=btc&metrics=HashRate,BlkCnt,IssTotUSD,FeeTotNtv,PriceUSD&frequency=1d&start_time=2025-12-23&page_size=10000&paging_from=start',
    );
    expect(server.requests[1]).toContain('next_page_token=100');
    expect(server.requests).toHaveLength(2);
    const dir = join(home, 'mining-energy');
    const inputs = readFileSync(join(dir, 'network-inputs.csv'), 'utf8').trim().split('\n');
    expect(inputs).toHaveLength(1 + 5827);
    // Shipped days first, unchanged; then the downloaded ones (revenue = IssTotUSD + FeeTotNtv × PriceUSD): the
    // days asked again replace the held ones within one part in a million (42177511 held, 42177510.8922 now) ...
    expect(inputs[1]).toBe('2010-07-18,1.552225e-9,738.2918136');
    expect(inputs[SHIPPED_DAYS]).toBe('2025-12-29,1134.97487,42177510.8922');
    // ... and the last, 2026-06-30 (2025-06-30's values): 843035676 TH/s is 843.035676 EH/s; 48553749 USD +
    // 4.34028358 BTC × 107153.10 USD = 48553749 + 465074.84048 = 49018823.8405 USD to 12 significant digits.
    expect(inputs.at(-1)).toBe('2026-06-30,843.035676,49018823.8405');
    const [source] = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'));
    expect(source).toMatchObject({ id: 'coinmetrics-api', evidence: 'primary', publisher: 'Coin Metrics' });
    expect(source.url).toBe(`${server.url}${server.requests[0]}`);
    expect(source.licence).toMatch(/CC BY-NC 4\.0/);
    expect(source.note).toMatch(/SHA-256 [0-9a-f]{64}/);

    const network = await runCliAsync(['network', '--input', '--from', '2026-06-29', '--json'], env);
    expect(network.code, network.stderr).toBe(0);
    expect(JSON.parse(network.stdout).map((d: { date: string }) => d.date)).toEqual(['2026-06-29', '2026-06-30']);
    const sources = await runCliAsync(['sources', '--json'], env);
    expect(sources.stdout).toContain('coinmetrics-api');
    const without = await runCliAsync(['--no-user-data', 'sources', '--json'], env);
    expect(without.stdout).not.toContain('coinmetrics-api');
    const offByEnv = await runCliAsync(['sources', '--json'], { ...env, MINING_ENERGY_NO_USER_DATA: '1' });
    expect(offByEnv.stdout).not.toContain('coinmetrics-api');
    const estimate = await runCliAsync(['estimate', '--region', 'sichuan', '--json'], env);
    expect(estimate.code, estimate.stderr).toBe(0);

    const status = JSON.parse((await runCliAsync(['data', 'status', '--json'], env)).stdout);
    expect(status).toMatchObject({ dir, exists: true, used: true, files: ['network-inputs.csv', 'sources.json'] });
    expect(status.sources[0]).toMatchObject({
      source: 'coinmetrics',
      id: 'coinmetrics-api',
      ageDays: 0,
      days: { from: '2010-07-18', to: '2026-06-30', count: 5827 },
    });
    // The shipped inputs stay named: 2010-07-18 to 2025-12-29 is 5,644 days counted both ends in
    expect(status.shipped.dailyInputs).toEqual({ from: '2010-07-18', to: '2025-12-29', count: 5644 });
    const human = (await runCliAsync(['data', 'status'], { ...env, COLUMNS: '200' })).stdout;
    expect(human).toMatch(
      /^shipped daily inputs: 2010-07-18 to 2025-12-29, 5644 days, which the directory's own replace$/m,
    );

    // Every source, with CBECI, Ember and OWID unreachable (their URLs are a closed port): Coin Metrics is up to
    // date, the run fails.
    const again = await runCliAsync(['data', 'update'], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(
      /^coinmetrics: up to date \(2010-07-18 to 2026-06-30, 5827 days\), in .*\ncbeci: failed; kept as it was\nember: failed; kept as it was\nowid: failed; kept as it was\n$/,
    );
    expect(again.stderr).toMatch(
      /^error: data update: cbeci, ember, owid failed, their data kept as they were; updated: none\.\n {2}- CBECI: no version of the daily export answered/,
    );
    expect(again.stderr).toMatch(/\n {2}- Ember: http:\/\/127\.0\.0\.1:9\/public-downloads\/.* could not be reached/);
    expect(again.stderr).toMatch(/\n {2}- Our World in Data: http:\/\/127\.0\.0\.1:9\/grapher\/electricity-demand/);
    // The second update asks again for the last week held only: 2026-06-24 to 2026-06-30.
    expect(server.requests.at(-1)).toContain('start_time=2026-06-24');
  });

  it('brings only the days after those held, and keeps the held ones', async () => {
    const dir = copyDir(seeded, 'later');
    const server = await serve();
    const result = await update(dir, server);
    expect(result.code, result.stderr).toBe(0);
    // Held to 2026-03-31 (5736 days); new: April to June 2026, 30 + 31 + 30 = 91 days; 5736 + 91 = 5827.
    expect(result.stdout).toMatch(/coinmetrics: updated, 91 new days \(2010-07-18 to 2026-06-30, 5827 days\)/);
    expect(server.requests[0]).toContain('start_time=2026-03-25');
    expect(server.requests).toHaveLength(1);
  });
});

/** An estimate's basis as `estimate --json` gives it. */
interface Basis {
  series: string;
  coverage: string;
  days: number | null;
  through: string | null;
  factor: number;
  twh: number;
  publishedTwh: number;
}

describe('an estimate of a year the shipped data do not cover, from the days an update brings', () => {
  const texas = (year: number, env: Record<string, string>, args: string[] = []) =>
    runCliAsync([...args, 'estimate', '--region', 'texas', '--year', String(year), '--json'], env);
  const basisOf = (result: { code: number | null; stdout: string; stderr: string }): Basis => {
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout)[0].basis as Basis;
  };

  it('answers 2026 from the bottom-up series of the downloaded days, and the shipped answer without them', async () => {
    const home = temporaryDir('goal-home');
    const env = { XDG_DATA_HOME: home };
    // Without any update, 2025 comes from the shipped daily inputs, 2025-01-01 to 2025-12-29: 363 days.
    expect(basisOf(await texas(2025, env))).toMatchObject({
      series: 'bottom-up',
      coverage: 'partial-year',
      days: 363,
      through: '2025-12-29',
    });
    const shipped2026 = await texas(2026, env);
    expect(basisOf(shipped2026)).toMatchObject({ series: 'cbeci-2026', coverage: 'snapshot', factor: 1 });

    const server = await serve();
    const updated = await runCliAsync(['data', 'update', 'coinmetrics'], {
      ...FAST,
      ...env,
      MINING_ENERGY_COINMETRICS_URL: server.url,
    });
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toMatch(/^coinmetrics: updated, 183 new days \(2010-07-18 to 2026-06-30, 5827 days\)/);

    // The 2026 days served: 2026-01-01 to 2026-06-30, 31 + 28 + 31 + 30 + 31 + 30 = 181 (synthetic, for tests).
    const days2026 = fixtureDays().filter((day) => day.date.startsWith('2026-')).length;
    expect(days2026).toBe(181);
    const basis = basisOf(await texas(2026, env));
    expect(basis).toMatchObject({
      series: 'bottom-up',
      coverage: 'partial-year',
      days: days2026,
      through: '2026-06-30',
    });
    // Annualised: the JSON writes numbers to 10 significant digits, so the factor is 365/181 to those; the
    // library's own value is checked to 1e-12 below.
    expect(basis.factor).toBe(Number((365 / days2026).toPrecision(10)));
    expect(basis.twh / (basis.publishedTwh * (365 / days2026))).toBeCloseTo(1, 8);
    const { estimate, loadData } = await import('../../src/index.js');
    const data = await loadData({ userDir: join(home, 'mining-energy') });
    const unrounded = estimate(data, 'texas', { year: 2026 }).basis;
    expect(unrounded).toMatchObject({ series: 'bottom-up', coverage: 'partial-year', days: days2026 });
    expect(Math.abs(unrounded.factor - 365 / days2026)).toBeLessThan(1e-12);

    // 2025 now has every day (2025-12-30 and 31 came with the update): a whole year, not annualised.
    expect(basisOf(await texas(2025, env))).toMatchObject({ series: 'bottom-up', coverage: 'year', factor: 1 });

    // Without the user's data, the shipped answer comes back, byte for byte.
    const without = await texas(2026, env, ['--no-user-data']);
    expect(basisOf(without)).toMatchObject({ series: 'cbeci-2026', coverage: 'snapshot' });
    expect(without.stdout).toBe(shipped2026.stdout);
    const offByEnv = await texas(2026, { ...env, MINING_ENERGY_NO_USER_DATA: '1' });
    expect(offByEnv.stdout).toBe(shipped2026.stdout);

    // A person is told first that the figures rest on the data directory, and when it was downloaded; not when it
    // is left out, nor before there was one.
    const table = await runCliAsync(['estimate', '--region', 'texas', '--explain'], env);
    const today = new Date().toISOString().slice(0, 10);
    expect(table.stderr.split('\nwarning (')[0]).toBe(
      `warning (user-data): Your data directory ${join(home, 'mining-energy')} is merged over the shipped data (coinmetrics downloaded ${today}); --no-user-data leaves it out.`,
    );
    expect((await runCliAsync(['--no-user-data', 'estimate', '--region', 'texas'], env)).stderr).not.toContain(
      'Your data directory',
    );
    expect(shipped2026.stderr).not.toContain('Your data directory');
  });
});

/** What each fault does to the previous data: nothing; and the message names the source. */
describe('a failed update keeps the data as they were', () => {
  async function expectKept(
    server: LiveServer,
    message: RegExp,
    args: string[] = [],
    env: Record<string, string> = {},
  ) {
    const dir = copyDir(seeded, 'fault');
    const before = directoryContents(dir);
    const result = await update(dir, server, args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/coinmetrics failed, its data kept as it was; updated: none/);
    expect(result.stderr).toMatch(/Coin Metrics/);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).toMatch(/^coinmetrics: failed; kept as it was \(2010-07-18 to 2026-03-31, 5736 days\)/);
    expect(directoryContents(dir)).toEqual(before);
    return result;
  }
  const always =
    (answer: (response: import('node:http').ServerResponse, body: Buffer) => void): Fault =>
    (_n, _request, response, body) => {
      answer(response, body);
      return true;
    };

  it('a server error on every try', async () => {
    const server = await serve({ fault: always((response) => response.writeHead(500).end('oops')) });
    await expectKept(server, /answered HTTP 500 Internal Server Error \(4 tries\)/);
    expect(server.requests).toHaveLength(4);
  });

  it('a 429 whose Retry-After is longer than the tool waits', async () => {
    const server = await serve({
      fault: always((response) => response.writeHead(429, { 'retry-after': '3600' }).end()),
    });
    await expectKept(server, /asks to be tried again in 3600 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('no response within the timeout', async () => {
    const server = await serve({ fault: () => true });
    await expectKept(server, /gave no response within 0\.3 s \(2 tries\)|gave no response within 0\.3 s/, [], {
      MINING_ENERGY_TIMEOUT_MS: '300',
    });
  });

  it('a connection reset in the middle of the body', async () => {
    const server = await serve({
      gzip: false,
      fault: always((response, body) => {
        response.writeHead(200, { 'content-length': String(body.length) });
        response.write(body.subarray(0, 500));
        setTimeout(() => response.socket?.destroy(), 20);
      }),
    });
    await expectKept(server, /closed the connection before the whole response arrived/);
  });

  it('a gzip body cut short', async () => {
    const { gzipSync } = await import('node:zlib');
    const server = await serve({
      fault: always((response, body) => {
        const cut = gzipSync(body).subarray(0, -40);
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(cut.length) });
        response.end(cut);
      }),
    });
    await expectKept(server, /could not be decoded \(gzip\): unexpected end of file; it may have been cut short/);
  });

  it('an HTML page in place of JSON', async () => {
    const html = '<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>';
    const server = await serve({
      gzip: false,
      fault: always((response) => response.writeHead(200, { 'content-type': 'text/html' }).end(html)),
    });
    await expectKept(server, /is not JSON \(it begins "<!DOCTYPE html><html><body>Service/);
  });

  it('a metric left out', async () => {
    const server = await serve({
      row: (row) => Object.fromEntries(Object.entries(row).filter(([name]) => name !== 'PriceUSD')),
    });
    await expectKept(
      server,
      /not in the format expected: data\[0\] \(2026-03-25\) has no PriceUSD \(its fields: asset, time, BlkCnt/,
    );
  });

  it('the data list renamed', async () => {
    const server = await serve({ page: (page) => ({ rows: page.data }) });
    await expectKept(server, /has no "data" list \(its fields: rows\)/);
  });

  it('an empty page', async () => {
    const server = await serve({ page: () => ({ data: [] }) });
    await expectKept(server, /no days from 2026-03-25 on/);
  });

  // The rows sent start on 2026-03-25: row 9 is 2026-04-03, row 10 is 2026-04-04.
  it('a day repeated', async () => {
    const server = await serve({
      row: (row, index) => (index === 10 ? { ...row, time: '2026-04-03T00:00:00.000000000Z' } : row),
    });
    await expectKept(server, /2026-04-03 does not follow 2026-04-03/);
  });

  it('days out of order', async () => {
    const server = await serve({
      row: (row, index) => (index === 10 ? { ...row, time: '2026-03-01T00:00:00.000000000Z' } : row),
    });
    await expectKept(server, /2026-03-01 does not follow 2026-04-03/);
  });

  it('a held day that changed, unless --accept-changes', async () => {
    const changed = (row: Record<string, string | null>) =>
      row.time?.startsWith('2026-03-28') ? { ...row, HashRate: String(Number(row.HashRate) * 1.01) } : row;
    const server = await serve({ row: changed });
    // 2026-03-28 holds 2025-03-28's 870857127 TH/s; × 1.01 = 879565698.27 TH/s, 879.56569827 EH/s.
    await expectKept(
      server,
      /now gives different values for a day already held .*\(by more than 1 part in a million\); nothing was changed\. .*2026-03-28 → hashrateEhs: held 870\.857127, now 879\.56569827 \(\+1\.00%\)/,
    );
    const dir = copyDir(seeded, 'accept');
    const accepted = await update(dir, server, ['--accept-changes', '--json']);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(JSON.parse(accepted.stdout).outcomes[0].changed).toMatchObject([
      { date: '2026-03-28', field: 'hashrateEhs' },
    ]);
  });

  it('a next page on another server', async () => {
    const server = await serve({
      pageRows: 50,
      page: (page) => ({ ...page, ...(page.next_page_url ? { next_page_url: 'http://127.0.0.2:1/elsewhere' } : {}) }),
    });
    await expectKept(server, /the next page is on another server \(http:\/\/127\.0\.0\.2:1\)/);
  });

  it('an interrupt (SIGTERM) while downloading', async () => {
    const server = await serve({ fault: () => true });
    const dir = copyDir(seeded, 'signal');
    const before = directoryContents(dir);
    const result = await runCliAsync(
      ['data', 'update', 'coinmetrics', '--dir', dir],
      { MINING_ENERGY_COINMETRICS_URL: server.url, MINING_ENERGY_TIMEOUT_MS: '20000' },
      (child) => setTimeout(() => child.kill('SIGTERM'), 1_000),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/interrupted \(SIGTERM\); data update: coinmetrics failed/);
    expect(directoryContents(dir)).toEqual(before);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});

describe('retries and proxies', () => {
  it('waits as a 429 Retry-After asks, then goes on', async () => {
    const server = await serve({
      fault: (n, _request, response) => {
        if (n !== 1) return false;
        response.writeHead(429, { 'retry-after': '1' }).end();
        return true;
      },
    });
    const dir = copyDir(seeded, 'retry-after');
    const started = Date.now();
    const result = await update(dir, server);
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(server.requests).toHaveLength(2);
  });

  it('tries again after a 500, with Retry-After given as a date', async () => {
    const server = await serve({
      fault: (n, _request, response) => {
        if (n !== 1) return false;
        response.writeHead(500, { 'retry-after': new Date(Date.now() + 500).toUTCString() }).end();
        return true;
      },
    });
    const dir = copyDir(seeded, 'retry-500');
    const result = await update(dir, server);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/coinmetrics: updated, 91 new days/);
    expect(server.requests).toHaveLength(2);
  });

  it('counts in --json every request it sent, retries and failures included', async () => {
    const requestsOf = (stdout: string) =>
      (JSON.parse(stdout) as { outcomes: { source: string; requests: number }[] }).outcomes.map((o) => o.requests);
    const failing = await serve({
      fault: (_n, _request, response) => {
        response.writeHead(500).end('oops');
        return true;
      },
    });
    const failed = await update(copyDir(seeded, 'count-failed'), failing, ['--json']);
    expect(failed.code).toBe(1);
    expect(requestsOf(failed.stdout)).toEqual([4]);
    expect(failing.requests).toHaveLength(4);
    const flaky = await serve({
      fault: (n, _request, response) => {
        if (n !== 1) return false;
        response.writeHead(503).end();
        return true;
      },
    });
    const retried = copyDir(seeded, 'count-retried');
    const recovered = await update(retried, flaky, ['--json']);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(requestsOf(recovered.stdout)).toEqual([2]);
    expect(flaky.requests).toHaveLength(2);
    // The source record says the same, and what the file held when it was written, not what it holds for ever.
    const record = (
      JSON.parse(readFileSync(join(retried, 'sources.json'), 'utf8')) as { id: string; note: string }[]
    ).find((source) => source.id === 'coinmetrics-api');
    expect(record?.note).toMatch(/: 2 requests \(retries included\), \d+ bytes, SHA-256 [0-9a-f]{64} \(of the bytes/);
    expect(record?.note).toMatch(/After this download network-inputs\.csv held 2010-07-18 to 2026-06-30 \(5827 days\)/);
  });

  it('leaves no folder behind when it made the data directory and every source failed', async () => {
    const failing = await serve({
      fault: (_n, _request, response) => {
        response.writeHead(500).end('oops');
        return true;
      },
    });
    const parent = temporaryDir('made-then-failed');
    const dir = join(parent, 'new', 'mining-energy');
    const failed = await update(dir, failing);
    expect(failed.code).toBe(1);
    expect(existsSync(join(parent, 'new'))).toBe(false);
    expect(existsSync(parent)).toBe(true);
  });

  it('goes through the proxy HTTP_PROXY names', async () => {
    const server = await serve();
    const proxy = await startProxy();
    servers.push(proxy);
    const dir = copyDir(seeded, 'proxy');
    const result = await update(dir, server, [], { HTTP_PROXY: proxy.url, NO_PROXY: '' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const port = new URL(server.url).port;
    expect(proxy.requests).toEqual([`CONNECT 127.0.0.1:${port}`]);
    expect(server.requests).toHaveLength(1);
    // NO_PROXY leaves the proxy out.
    const direct = await update(copyDir(seeded, 'no-proxy'), server, [], {
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
    });
    expect(direct.code, direct.stderr).toBe(0);
    expect(proxy.requests).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('refuses a base URL with a path', async () => {
    const result = await runCliAsync(['data', 'update', '--dir', temporaryDir('bad-url')], {
      MINING_ENERGY_COINMETRICS_URL: 'http://127.0.0.1:9/api',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/MINING_ENERGY_COINMETRICS_URL must be a scheme, host and port only/);
  });
});

describe('the lock and the user directory', () => {
  it('waits for another writer briefly, then refuses', async () => {
    const server = await serve();
    const dir = copyDir(seeded, 'locked');
    const lock = { pid: process.pid, host: (await import('node:os')).hostname(), since: 'now', command: 'data import' };
    writeFileSync(join(dir, '.lock'), JSON.stringify(lock));
    const before = directoryContents(dir);
    const result = await update(dir, server, [], { MINING_ENERGY_LOCK_WAIT_MS: '300' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`is being written by data import \\(process ${process.pid}, since now\\); nothing was changed`),
    );
    expect(directoryContents(dir)).toEqual(before);
    expect(server.requests).toHaveLength(0);
  });

  it('takes over a lock whose process is gone', async () => {
    const server = await serve();
    const dir = copyDir(seeded, 'stale');
    const lock = {
      pid: 2 ** 22 + 7,
      host: (await import('node:os')).hostname(),
      since: 'then',
      command: 'data update',
    };
    writeFileSync(join(dir, '.lock'), JSON.stringify(lock));
    const result = await update(dir, server);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('names the user directory and the way around it when a file there is invalid', async () => {
    const home = temporaryDir('invalid-home');
    const dir = copyDir(seeded, 'x');
    const { cpSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(home, 'mining-energy'));
    cpSync(dir, join(home, 'mining-energy'), { recursive: true });
    writeFileSync(join(home, 'mining-energy', 'sources.json'), '[{"id": "Bad Id"}]\n');
    const result = await runCliAsync(['sources', '--json'], { XDG_DATA_HOME: home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Your data directory .*mining-energy has 3 problems .*--no-user-data or MINING_ENERGY_NO_USER_DATA=1/,
    );
    const without = await runCliAsync(['--no-user-data', 'sources', '--json'], { XDG_DATA_HOME: home });
    expect(without.code).toBe(0);
  });
});
