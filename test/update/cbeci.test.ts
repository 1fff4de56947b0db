import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cbeciExport, type LiveServer, runCliAsync, startCbeciServer } from '../live-server.js';
import { copyDir, directoryContents, temporaryDir } from './directory.js';

const FAST = { MINING_ENERGY_RETRY_BASE_MS: '20', MINING_ENERGY_TIMEOUT_MS: '1500' };
const servers: LiveServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(...args: Parameters<typeof startCbeciServer>): Promise<LiveServer> {
  const server = await startCbeciServer(...args);
  servers.push(server);
  return server;
}
const update = (dir: string, server: LiveServer, args: string[] = []) =>
  runCliAsync(['data', 'update', 'cbeci', '--dir', dir, ...args], { ...FAST, MINING_ENERGY_CBECI_URL: server.url });

describe('data update cbeci', () => {
  it('replaces the shipped cbeci series with the downloaded export, trying the versions in turn', async () => {
    // v1.3.0 is gone; v1.4.0 answers.
    const server = await serve(cbeciExport(45), (version, response) => {
      if (version !== 'v1.3.0') return false;
      response.writeHead(404).end('{"error":"not found"}');
      return true;
    });
    const home = temporaryDir('cbeci-home');
    const env = { ...FAST, XDG_DATA_HOME: home, MINING_ENERGY_CBECI_URL: server.url };
    const result = await runCliAsync(['data', 'update', 'cbeci', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toEqual([
      '/cbeci/api/v1.3.0/download/data?price=0.05',
      '/cbeci/api/v1.4.0/download/data?price=0.05',
    ]);
    expect(JSON.parse(result.stdout).outcomes[0]).toMatchObject({
      source: 'cbeci',
      status: 'updated',
      from: '2010-07-18',
      to: '2024-12-31',
      newDays: 45,
    });
    const dir = join(home, 'mining-energy');
    const [series] = JSON.parse(readFileSync(join(dir, 'network-energy.json'), 'utf8'));
    expect(series).toMatchObject({ id: 'cbeci', source: 'cbeci-api' });
    expect(series.values.at(-1)).toMatchObject({ year: 2024 });
    expect(series.values.at(-1).coverage).toBeUndefined();
    const [source] = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'));
    expect(source).toMatchObject({ id: 'cbeci-api', evidence: 'primary', url: `${server.url}${server.requests[1]}` });
    // Every command now takes 2024 as a whole year.
    const estimate = await runCliAsync(['estimate', '--region', 'sichuan', '--year', '2024', '--json'], env);
    expect(estimate.code, estimate.stderr).toBe(0);
    const status = JSON.parse((await runCliAsync(['data', 'status', '--json'], env)).stdout);
    expect(status.sources[0]).toMatchObject({ source: 'cbeci', days: { from: '2010-07-18', to: '2024-12-31' } });
    const again = await runCliAsync(['data', 'update', 'cbeci'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^cbeci: up to date/);
  });

  it('keeps the data when no version answers, or the export changed, naming CBECI', async () => {
    const seeded = temporaryDir('cbeci-seeded');
    const first = await update(seeded, await serve(cbeciExport(10)));
    expect(first.code, first.stderr).toBe(0);
    const cases: [Parameters<typeof startCbeciServer>, RegExp][] = [
      [
        [
          '',
          (_version, response) => {
            response
              .writeHead(403, { 'content-type': 'application/json' })
              .end('{"error":"Invalid recaptcha response"}');
            return true;
          },
        ],
        /CBECI: no version of the daily export answered .* v1\.3\.0: .* answered HTTP 403 Forbidden: "\{"error":"Invalid recaptcha response"\}"/,
      ],
      [
        ['<!DOCTYPE html><html><body>Please wait</body></html>'],
        /no line starts with "Timestamp," \(it begins "<!DOCTYPE html>/,
      ],
      [
        [cbeciExport().replace('"power GUESS, GW"', '"power BEST, GW"')],
        /CBECI: the daily export from .* has another header than expected/,
      ],
      [
        [cbeciExport(10).replace(/^(\d+,2012-01-01T00:00:00,)([\d.e-]+),([\d.e-]+),([\d.e-]+)/m, '$10.5,0.5,0.5')],
        /CBECI now gives different totals for a whole year already held .*2012: held [\d.]+ TWh, now [\d.]+ TWh/,
      ],
    ];
    for (const [args, message] of cases) {
      const dir = copyDir(seeded, 'cbeci-fault');
      const before = directoryContents(dir);
      const result = await update(dir, await serve(...args));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/data update: cbeci failed, its data kept as it was; updated: none/);
      expect(result.stderr).toMatch(message);
      expect(directoryContents(dir)).toEqual(before);
    }
  });
});
