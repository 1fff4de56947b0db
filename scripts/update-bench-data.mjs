// The inputs of the bench's `data update` row, made here: Coin Metrics' responses built from the shipped daily
// inputs, and an Ember yearly file of Ember's size. For timing only; not data.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

/** Coin Metrics' metrics, in the API's field order. */
const PRICE_USD = 50_000;

/**
 * About 5,900 days in Coin Metrics' format (LIVE-SOURCES §1), from data/network-inputs.csv turned back: HashRate =
 * hashrateEhs × 1,000,000 TH/s; revenue split as 98% issuance (IssTotUSD) and 2% fees (FeeTotNtv in BTC at a
 * PriceUSD of 50,000), which add up to revenueUsd again. The days after the shipped file's last, to `to`, repeat the
 * day a year before (synthetic).
 */
export function coinMetricsDays(shippedCsv, to = '2026-09-13') {
  const [, ...lines] = readFileSync(shippedCsv, 'utf8').trim().split('\n');
  const days = lines.map((line) => {
    const [date, ehs, revenue] = line.split(',');
    return { date, ehs: Number(ehs), revenue: Number(revenue) };
  });
  const byDate = new Map(days.map((day) => [day.date, day]));
  let last = days.at(-1).date;
  while (last < to) {
    last = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const yearBefore = new Date(Date.parse(`${last}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
    const day = { ...byDate.get(yearBefore), date: last };
    days.push(day);
    byDate.set(last, day);
  }
  return days.map(({ date, ehs, revenue }) => ({
    asset: 'btc',
    time: `${date}T00:00:00.000000000Z`,
    BlkCnt: '144',
    FeeTotNtv: String((revenue * 0.02) / PRICE_USD),
    HashRate: (ehs * 1e6).toPrecision(12),
    IssTotUSD: String(revenue * 0.98),
    PriceUSD: String(PRICE_USD),
  }));
}

const EMBER_HEADER =
  'Area,ISO 3 code,Year,Area type,Electricity source,Is aggregated source,Generation (TWh),Generation YoY change (TWh),Generation YoY change (%),Share of generation (%),Share of generation YoY change (% points),Capacity (GW),Emissions (MtCO2e),Emissions YoY change (MtCO2e),Emissions YoY change (%),Share of emissions (%),Emissions intensity (gCO2e/kWh),Continent,Ember region,EU member,OECD member,G20 member,G7 member,ASEAN member';
const SOURCES = [
  'Bioenergy',
  'Coal',
  'Gas',
  'Hydro',
  'Nuclear',
  'Other Fossil',
  'Other Renewables',
  'Solar',
  'Wind',
  'Clean',
  'Fossil',
  'Gas and Other Fossil',
  '"Hydro, Bioenergy and Other Renewables"',
  'Renewables',
  'Wind and Solar',
  'Total generation',
  'Demand',
  'Net Imports',
];

/**
 * A synthetic Ember yearly file of about Ember's size (16 MB): 230 areas (the regions' ISO codes first, then made-up
 * ones, and World), 2000 to 2025, 18 rows an area and year with every column filled. For timing only.
 */
export function emberFile(regionCodes) {
  const codes = [...regionCodes];
  for (let i = 0; codes.length < 229; i++) {
    const code = `Q${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
    if (!codes.includes(code)) codes.push(code);
  }
  const lines = [EMBER_HEADER];
  const areas = [...codes.map((code, i) => ({ name: `Area ${i}`, code, type: 'Country or economy' }))];
  areas.push({ name: 'World', code: '', type: 'Region' });
  for (const [a, area] of areas.entries()) {
    for (let year = 2000; year <= 2025; year++) {
      const total = 10 + ((a * 37 + year) % 900) + (year - 2000) * 1.5;
      for (const [s, source] of SOURCES.entries()) {
        const generation = source === 'Demand' ? total * 1.01 : source === 'Total generation' ? total : total / (s + 2);
        const intensity = source === 'Total generation' ? (100 + ((a * 13 + year) % 700)).toFixed(3) : '';
        lines.push(
          [
            area.name,
            area.code,
            year,
            area.type,
            source,
            s >= 9 ? 'True' : 'False',
            generation.toFixed(3),
            (generation * 0.03).toFixed(3),
            '3.125',
            ((100 * generation) / total).toFixed(3),
            '0.25',
            (generation / 4).toFixed(3),
            (generation * 0.4).toFixed(3),
            '-1.5',
            '-0.9',
            '45.2',
            intensity,
            'Asia',
            'Asia',
            'False',
            'False',
            'True',
            'False',
            'False',
          ].join(','),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A local server on 127.0.0.1 for the bench: Coin Metrics' asset-metrics in pages of `pageRows` rows with
 * next_page_url, and Ember's yearly file, both gzip-encoded. Resolves to its origin and a close function.
 */
export async function startBenchServer(days, ember, pageRows = 2_000) {
  const emberBytes = gzipSync(Buffer.from(ember));
  let origin = '';
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    let bytes;
    if (url.pathname === '/v4/timeseries/asset-metrics') {
      const start = url.searchParams.get('start_time') ?? '0000';
      const from = Number(url.searchParams.get('next_page_token') ?? '0');
      const selected = days.filter((day) => day.time.slice(0, 10) >= start.slice(0, 10));
      const page = { data: selected.slice(from, from + pageRows) };
      if (from + pageRows < selected.length) {
        const next = new URL(url);
        next.searchParams.set('next_page_token', String(from + pageRows));
        page.next_page_token = String(from + pageRows);
        page.next_page_url = next.href;
      }
      bytes = gzipSync(Buffer.from(JSON.stringify(page)));
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    } else if (url.pathname === '/public-downloads/generation/outputs/release_generation_yearly_global.csv') {
      bytes = emberBytes;
      response.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    } else {
      response.writeHead(404).end();
      return;
    }
    response.end(bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}
