#!/usr/bin/env node
// Compares the bottom-up model on the shipped hardware list with CBECI's published daily best guess, by calendar
// year: the library's networkSeries over data/network-inputs.csv (CBECI's defaults: age weighting, a 14-day
// trailing threshold, $0.05/kWh, no averaging of the results), each year's energy as Σ daily GW × 24 / 1000, against
// the shipped `cbeci` series (summed the same way from CBECI's export). 2024 is compared over the days both cover.
// A second table gives the mean efficiency each best guess implies (hashrate-weighted, at the 1.10 overhead) and the
// machines the model counts on 1 July of each year.
// Usage: npx tsx scripts/compare-cbeci.mjs [years=2022,2023,2024]
// It runs under tsx because it imports the library from src/; it reads only this repository's data/.
import { join } from 'node:path';

const years = (process.argv[2] ?? '2022,2023,2024').split(',').map(Number);
const library = await import('../src/index.ts').catch((error) => {
  process.stderr.write(`compare-cbeci: cannot load the TypeScript sources (run it with npx tsx): ${error.message}\n`);
  process.exit(2);
});
const { readSeriesInput } = await import('../src/data/series-input.ts');

const data = await library.loadData();
const inputs = readSeriesInput(join(library.shippedDataDir(), library.NETWORK_INPUTS_FILE));
const { results, warnings } = library.networkSeries(inputs, {
  priceUsdPerKwh: library.CBECI_PRICE_USD_PER_KWH,
  smoothDays: 14,
  averageDays: 1,
  weighting: 'age',
  overheads: library.CBECI_OVERHEADS,
  hardware: data.hardware,
});
for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
const cbeci = data.networkEnergy.find((series) => series.id === 'cbeci');
if (!cbeci) throw new Error('the shipped data has no cbeci series');

/** TWh of a day at an average power in GW. */
const twhOfDay = (gw) => (gw * 24) / 1000;
/** The daily power behind each yearly energy figure. */
const POWER_OF = { twh: 'gw', lowerTwh: 'lowerGw', upperTwh: 'upperGw' };
const { daysInYear } = await import('../src/data/vocabulary.ts');

const rows = years.map((year) => {
  const published = cbeci.values.find((v) => v.year === year);
  if (!published) throw new Error(`the cbeci series has no value for ${year}`);
  const last = published.coverage === 'partial-year' ? published.through : `${year}-12-31`;
  const days = results.filter((r) => r.date.startsWith(`${year}-`) && r.date <= last);
  const expectedDays = published.days ?? daysInYear(year);
  if (days.length !== expectedDays)
    throw new Error(`${year}: ${days.length} days of inputs, CBECI has ${expectedDays}`);
  if (days.some((d) => d.power.gw === null)) throw new Error(`${year}: a day without an eligible machine`);
  const ours = Object.fromEntries(
    Object.entries(POWER_OF).map(([key, power]) => [key, days.reduce((sum, d) => sum + twhOfDay(d.power[power]), 0)]),
  );
  // The efficiency each best guess implies: TWh = Σ hashrate (TH/s) × J/TH × overhead × 86,400 s / 3.6e15 J per TWh.
  const terahashes = days.reduce((sum, d) => sum + d.hashrateEhs * 1e6 * 86_400, 0);
  const implied = (twh) => (twh * 3.6e15) / (library.CBECI_OVERHEADS.best * terahashes);
  const july = days.find((d) => d.date === `${year}-07-01`);
  const machines = july
    ? library.networkBottomUp({
        hashrateEhs: july.hashrateEhs,
        thresholdJPerTh: july.thresholdJPerTh,
        priceUsdPerKwh: library.CBECI_PRICE_USD_PER_KWH,
        date: july.date,
        weighting: 'age',
        overheads: library.CBECI_OVERHEADS,
        hardware: data.hardware,
      }).eligible
    : [];
  const weight = machines.reduce((sum, m) => sum + m.weight, 0);
  return {
    year,
    days: days.length,
    to: last,
    ours,
    published,
    impliedJPerTh: { ours: implied(ours.twh), cbeci: implied(published.twh) },
    july: july && {
      thresholdJPerTh: july.thresholdJPerTh,
      eligible: machines.length,
      meanJPerTh: machines.reduce((sum, m) => sum + m.weight * m.jPerTh, 0) / weight,
      after2020: machines.filter((m) => m.released > '2020-12-31').length,
    },
  };
});

const f = (x, digits = 2) => x.toFixed(digits);
const lines = [
  '| year | days | model TWh (lower–upper) | CBECI TWh (lower–upper) | ratio best | ratio lower | ratio upper |',
  '| ---- | ---- | ----------------------- | ----------------------- | ---------- | ----------- | ----------- |',
  ...rows.map(
    ({ year, days, to, ours, published }) =>
      `| ${year}${to.endsWith('12-31') ? '' : ` (to ${to.slice(5)})`} | ${days} | ${f(ours.twh)} (${f(ours.lowerTwh)}–${f(ours.upperTwh)}) | ${f(published.twh)} (${f(published.lowerTwh)}–${f(published.upperTwh)}) | ${f(ours.twh / published.twh, 3)} | ${f(ours.lowerTwh / published.lowerTwh, 3)} | ${f(ours.upperTwh / published.upperTwh, 3)} |`,
  ),
];
lines.push(
  '',
  '| year | J/TH implied, model | J/TH implied, CBECI | on 1 July: threshold J/TH | eligible machines (after 2020) | age-weighted mean J/TH |',
  '| ---- | ------------------- | ------------------- | ------------------------- | ------------------------------ | ---------------------- |',
  ...rows.map(
    ({ year, impliedJPerTh, july }) =>
      `| ${year} | ${f(impliedJPerTh.ours, 1)} | ${f(impliedJPerTh.cbeci, 1)} | ${july ? f(july.thresholdJPerTh, 1) : ''} | ${july ? `${july.eligible} (${july.after2020})` : ''} | ${july ? f(july.meanJPerTh, 1) : ''} |`,
  ),
);
process.stdout.write(`${lines.join('\n')}\n`);
