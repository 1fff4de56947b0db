// Times, in one process, the parts of `data update` that are not the network: reading the responses (parse, with
// each value's checks) and validating the directory as the update does before it writes (every data file merged
// over the shipped data, with the checks of `data import`; the daily inputs read as `network --input` reads them).
// Run under tsx, since it imports the TypeScript sources:
//   tsx scripts/update-parse-time.mjs <responses dir> <updated data dir> [runs=5]
// The responses dir holds coinmetrics-<n>.json (the pages, in order) and ember.csv. Prints JSON: median ms.
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILE_NAMES, NETWORK_INPUTS_FILE } from '../src/data/dataset.ts';
import { loadDataFiles } from '../src/data/load.ts';
import { parseSeriesInput } from '../src/data/series-input.ts';
import { coinMetricsInputs, parsePage } from '../src/update/coinmetrics.ts';
import { parseEmber } from '../src/update/ember.ts';

const [responses, dataDir, runsArg = '5'] = process.argv.slice(2);
if (dataDir === undefined) {
  process.stderr.write('usage: tsx scripts/update-parse-time.mjs <responses dir> <updated data dir> [runs]\n');
  process.exit(2);
}
const runs = Number(runsArg);
const pages = readdirSync(responses)
  .filter((name) => /^coinmetrics-\d+\.json$/.test(name))
  .sort((a, b) => Number(/\d+/.exec(a)[0]) - Number(/\d+/.exec(b)[0]))
  .map((name) => ({ url: `http://127.0.0.1/${name}`, text: readFileSync(join(responses, name), 'utf8') }));
const ember = readFileSync(join(responses, 'ember.csv'), 'utf8');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function time(work) {
  work(); // warm
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}
async function timeAsync(work) {
  await work();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

let days = 0;
const coinMetricsParseMs = time(() => {
  const rows = pages.flatMap((page) => parsePage(page).rows);
  days = coinMetricsInputs(rows, pages.length).rows.length;
});
let emberRows = 0;
const emberParseMs = time(() => {
  const figures = parseEmber(ember, 'http://127.0.0.1/ember.csv');
  emberRows = figures.demand.length + figures.intensity.length;
});
const inputsPath = join(dataDir, NETWORK_INPUTS_FILE);
const inputsText = readFileSync(inputsPath, 'utf8');
const inputsCheckMs = time(() => parseSeriesInput(inputsText, inputsPath));
const files = [];
for (const key of Object.keys(DATA_FILE_NAMES)) {
  try {
    const path = join(dataDir, DATA_FILE_NAMES[key]);
    files.push({ key, label: path, text: readFileSync(path, 'utf8') });
  } catch {
    // a file the update did not write
  }
}
const validateMs = await timeAsync(() => loadDataFiles(dataDir, files));
process.stdout.write(
  `${JSON.stringify({ days, emberBytes: Buffer.byteLength(ember), emberRows, coinMetricsParseMs, emberParseMs, inputsCheckMs, validateMs })}\n`,
);
