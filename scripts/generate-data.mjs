#!/usr/bin/env node
// Turns the reference tables into data/: the JSON files and network-inputs.csv.
// Usage: npx tsx scripts/generate-data.mjs <reference-data-dir> [out-dir]   (or: npm run generate-data -- <dir>)
// Then `npx prettier --write data`. It runs under tsx because it imports the TypeScript importers of
// `mining-energy data import` from src/, so that the shipped data and a user's import are made by one implementation.
// regions.json, sources.json and events.json are written by hand; this script writes the other files.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { daysInYear } from '../src/data/vocabulary.ts';

const [referenceDir, outDir = new URL('../data/', import.meta.url).pathname] = process.argv.slice(2);
if (!referenceDir) {
  process.stderr.write('usage: npx tsx scripts/generate-data.mjs <reference-data-dir> [out-dir]\n');
  process.exit(2);
}
const [library, { parseCsv }] = await Promise.all([import('../src/index.ts'), import('../src/data/csv.ts')]).catch(
  (error) => {
    process.stderr.write(`generate-data: cannot load the TypeScript sources (run it with npx tsx): ${error.message}\n`);
    process.exit(2);
  },
);

/** A CSV file's rows as objects keyed by its header row. */
function readCsv(name) {
  const [header, ...body] = parseCsv(readFileSync(join(referenceDir, name), 'utf8')).map((record) => record.cells);
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

const round = (x, digits) => Number(x.toFixed(digits));
const write = (name, value) => writeFileSync(join(outDir, name), `${JSON.stringify(value, null, 2)}\n`);

// ---- hashrate shares -------------------------------------------------------
// CBECI's mining map, read by the importer of `data import cbeci-mining-map` (labels resolved against regions.json).
const MINING_MAP = 'cbeci_mining_countries_2019-09_2022-01.csv';
const countryShares = library.importMiningMap(readFileSync(join(referenceDir, MINING_MAP), 'utf8'), MINING_MAP, {
  source: 'cbeci-mining-map',
  evidence: 'copy',
  regions: JSON.parse(readFileSync(new URL('../data/regions.json', import.meta.url), 'utf8')),
}).shares;

const PROVINCE_NOTE =
  "Share of China's hashrate at the CBECI mining map launch (May 2020); the month is inferred as April 2020 from the launch text. Reported in secondary sources only.";
const PROVINCE = { source: 'cbeci-provinces-2020', evidence: 'secondhand' };
const provinceShares = [
  { region: 'xinjiang', month: '2020-04', sharePct: 35.76, ...PROVINCE, note: PROVINCE_NOTE },
  {
    region: 'sichuan',
    month: '2020-04',
    sharePct: 9.66,
    ...PROVINCE,
    note: `${PROVINCE_NOTE} Another press report gave Sichuan 18.5% for April 2020; it conflicts with this figure and is not used.`,
  },
  { region: 'inner-mongolia', month: '2020-04', sharePct: 8.07, ...PROVINCE, note: PROVINCE_NOTE },
  { region: 'yunnan', month: '2020-04', sharePct: 5.42, ...PROVINCE, note: PROVINCE_NOTE },
  { region: 'beijing', month: '2020-04', sharePct: 1.73, ...PROVINCE, note: PROVINCE_NOTE },
  {
    region: 'sichuan',
    month: '2021-04',
    sharePct: 10,
    source: 'reuters-2021-sichuan',
    evidence: 'secondhand',
    approximate: true,
    note: 'Reported as "nearly 10%" of China\'s hashrate in April 2021, citing Cambridge data; the CBECI figure itself is not public.',
  },
];
const STATE_NOTE =
  'Share of US hashrate, published as the average over September 2021 to January 2022 and recorded at its last month. Reported in secondary sources only.';
const STATE = { source: 'cbeci-us-states-2022', evidence: 'secondhand' };
const stateShares = [
  {
    region: 'georgia',
    month: '2022-01',
    sharePct: 32,
    ...STATE,
    approximate: true,
    note: `${STATE_NOTE} Sources conflict: one reports "over 30%", another 32%; a figure of 30.8% is also quoted but unverified. 32 is used.`,
  },
  { region: 'texas', month: '2022-01', sharePct: 11.22, ...STATE, note: STATE_NOTE },
  {
    region: 'kentucky',
    month: '2022-01',
    sharePct: 10.93,
    ...STATE,
    note: `${STATE_NOTE} One garbled copy repeats Texas's 11.22% for Kentucky.`,
  },
  { region: 'new-york', month: '2022-01', sharePct: 9.77, ...STATE, note: STATE_NOTE },
  { region: 'california', month: '2022-01', sharePct: 7.9, ...STATE, note: STATE_NOTE },
];

// Shares after CBECI's map ends (January 2022), each as reported. Where a month's source names several
// countries, the rest of the world is recorded as a derived remainder ('other'), so no month is a silent gap.
const remainder = (month, named, extra) => ({
  region: 'other',
  month,
  sharePct: round(100 - named.reduce((sum, r) => sum + r.sharePct, 0), 4),
  source: named[0].source,
  evidence: 'computed',
  note: `Derived: 100% minus the shares this month's source names (${named.map((r) => r.region).join(', ')}).`,
  ...extra,
});
const withRemainder = (month, records, extra = {}) => {
  const named = records.map((r) => ({ month, ...r }));
  return [...named, remainder(month, named, extra)];
};
const MAY_2025 = {
  source: 'hashrateindex-heatmap-2025-05',
  evidence: 'secondhand',
  note: "Share of global hashrate on Hashrate Index's country heatmap, read on 27 May 2025 (labelled Q2 2025).",
};
const JULY_2025 = {
  source: 'hashrateindex-heatmap-2025-07',
  evidence: 'secondhand',
  note: "Share of global hashrate on Hashrate Index's country heatmap at the start of Q3 2025; the month is approximate (about July 2025).",
};
const OCTOBER_2025 = {
  source: 'hashrateindex-2025-10',
  evidence: 'secondhand',
  note: 'Hashrate Index estimate of global hashrate share for October 2025; the report names only the three largest countries.',
};
const laterCountryShares = [
  {
    region: 'kazakhstan',
    month: '2023-05',
    sharePct: 4,
    source: 'hashrateindex-countries-2023',
    evidence: 'copy',
    approximate: true,
    note: 'About 4% of global hashrate in May 2023, down from 18% in October 2021 (Hashrate Index, copied).',
  },
  {
    region: 'united-arab-emirates',
    month: '2023-07',
    sharePct: 3.7,
    source: 'hashrateindex-countries-2023',
    evidence: 'copy',
    approximate: true,
    note: 'About 400 MW, 3.7% of global hashrate, in mid-2023; the month is not given and is recorded as July.',
  },
  {
    region: 'oman',
    month: '2023-09',
    sharePct: 0.2,
    source: 'hashrateindex-countries-2023',
    evidence: 'copy',
    approximate: true,
    note: 'About 20 MW, 0.2% of global hashrate, in September 2023.',
  },
  {
    region: 'ethiopia',
    month: '2024-12',
    sharePct: 2.5,
    source: 'intellinews-ethiopia-2024',
    evidence: 'copy',
    note: 'About 600 MW, 2.5% of global hashrate, in December 2024 (intellinews.com, citing CryptoSlate and the utility).',
  },
  ...withRemainder('2025-05', [
    { region: 'united-states', sharePct: 36.025, ...MAY_2025 },
    { region: 'russia', sharePct: 15.652, ...MAY_2025 },
    { region: 'china', sharePct: 13.727, ...MAY_2025 },
    { region: 'paraguay', sharePct: 3.602, ...MAY_2025 },
    { region: 'canada', sharePct: 2.919, ...MAY_2025 },
    { region: 'kazakhstan', sharePct: 2.484, ...MAY_2025 },
  ]),
  ...withRemainder('2025-07', [
    { region: 'united-states', sharePct: 35.81, ...JULY_2025 },
    { region: 'russia', sharePct: 16.61, ...JULY_2025 },
    { region: 'china', sharePct: 13.84, ...JULY_2025 },
    { region: 'paraguay', sharePct: 3.87, ...JULY_2025 },
    { region: 'united-arab-emirates', sharePct: 3.54, ...JULY_2025 },
    { region: 'oman', sharePct: 2.99, ...JULY_2025 },
    { region: 'canada', sharePct: 2.935, ...JULY_2025 },
  ]),
  ...withRemainder(
    '2025-10',
    [
      { region: 'united-states', sharePct: 37.75, ...OCTOBER_2025 },
      { region: 'russia', sharePct: 15.51, ...OCTOBER_2025 },
      {
        region: 'china',
        sharePct: 14,
        ...OCTOBER_2025,
        approximate: true,
        note: `${OCTOBER_2025.note} Reported as about 14%. Sources conflict: CryptoQuant, quoted in the same coverage, put China at 15-20% in late 2025.`,
      },
    ],
    { approximate: true },
  ),
];
const FOUNDRY = {
  month: '2023-07',
  source: 'foundry-us-states-2023',
  evidence: 'secondhand',
  note: "Share of the US hashrate of Foundry USA pool users, 21-27 July 2023: one pool's users, not all US hashrate, and not comparable with CBECI's 2022 state shares.",
};
const laterStateShares = [
  {
    region: 'texas',
    sharePct: 28.5,
    ...FOUNDRY,
    note: `${FOUNDRY.note} Taken in a week when Texas miners were curtailing their power use, so not a typical week for Texas.`,
  },
  { region: 'georgia', sharePct: 9.64, ...FOUNDRY },
  { region: 'new-york', sharePct: 8.75, ...FOUNDRY },
  { region: 'new-hampshire', sharePct: 5.33, ...FOUNDRY },
].map(({ region, month, ...rest }) => ({ region, month, ...rest }));
const SURVEY = {
  dataset: 'cdmir-survey-2024',
  month: '2024-12',
  source: 'cdmir-2025',
  evidence: 'secondhand',
  note: "Share of the hashrate of the 49 firms surveyed for 2024 (48% of the network's), recorded at the year's last month. Not a share of the network: the report warns that the survey over-represents the United States.",
};
const surveyShares = withRemainder(
  '2024-12',
  [
    { region: 'united-states', sharePct: 75.4, ...SURVEY },
    { region: 'canada', sharePct: 7.1, ...SURVEY },
    { region: 'paraguay', sharePct: 3.4, ...SURVEY },
    { region: 'norway', sharePct: 2.8, ...SURVEY },
    { region: 'kazakhstan', sharePct: 2.6, ...SURVEY },
  ],
  { dataset: SURVEY.dataset },
).map(({ region, month, sharePct, source, evidence, dataset, ...rest }) => ({
  region,
  month,
  sharePct,
  source,
  evidence,
  dataset,
  ...rest,
}));
write('hashrate-shares.json', [
  ...countryShares,
  ...laterCountryShares,
  ...provinceShares,
  ...stateShares,
  ...laterStateShares,
  ...surveyShares,
]);

// ---- network energy --------------------------------------------------------
// CBECI's daily export, summed into calendar years by the importer of `data import cbeci-energy`.
function cbeciCalendarYears(name) {
  return library.importCbeciEnergy(readFileSync(join(referenceDir, name), 'utf8'), basename(name)).values;
}
// CBECI's older files give daily annualised TWh/yr: a calendar year's energy is their sum ÷ 365.25.
function calendarYears(rows, columns, fromYear, toYear) {
  const sums = new Map();
  for (const row of rows) {
    const year = Number(row.date.slice(0, 4));
    if (year < fromYear || year > toYear) continue;
    const entry = sums.get(year) ?? { days: 0, ...Object.fromEntries(columns.map((c) => [c, 0])) };
    entry.days++;
    for (const c of columns) entry[c] += Number(row[c]);
    sums.set(year, entry);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, e]) => {
      const expectedDays = daysInYear(year);
      if (e.days !== expectedDays) throw new Error(`${year}: ${e.days} days, expected ${expectedDays}`);
      return { year, ...Object.fromEntries(columns.map((c) => [c, round(e[c] / 365.25, 2)])) };
    });
}
const v1 = calendarYears(
  readCsv('cbeci_v1_daily_annualised_twh_2010-07-18_2022-08-03.csv'),
  ['annualised_min_twh', 'annualised_guess_twh', 'annualised_max_twh'],
  2016,
  2021,
);
const DERIVED_NOTE =
  'Derived: sum of the daily annualised figures in the calendar year divided by 365.25, at $0.05/kWh.';
write('network-energy.json', [
  {
    id: 'cbeci',
    scope: 'world',
    kind: 'estimate',
    source: 'cbeci-export-2024',
    note: "CBECI revised model (August 2023) with its lower and upper bounds, computed from CBECI's daily export; 2021 and 2022 agree with CCAF's published 89.0 and 95.5 TWh.",
    values: cbeciCalendarYears('cbeci_revised_daily_export_2010-07-18_2024-11-16.csv'),
  },
  {
    id: 'cdmir-2024',
    scope: 'world',
    kind: 'estimate',
    source: 'cdmir-2025',
    note: "Cambridge Digital Mining Industry Report's network total for 2024, as news sites quoted it.",
    values: [
      {
        year: 2024,
        twh: 138,
        mtco2: 39.8,
        evidence: 'secondhand',
        note: '138 TWh, 0.54% of global electricity, and 39.8 Mt CO2e (life-cycle) in 2024.',
      },
    ],
  },
  {
    id: 'iea-2023',
    scope: 'world',
    kind: 'estimate',
    source: 'iea-electricity-2024',
    note: "IEA's figure for bitcoin in Electricity 2024, as news sites quoted it.",
    values: [{ year: 2023, twh: 120, evidence: 'secondhand' }],
  },
  {
    id: 'cbeci-2026',
    scope: 'world',
    kind: 'estimate',
    source: 'cbeci-probe-2026-07',
    note: "CBECI's revised model as its daily export gave it for one day of 2026: an annualised rate, not a year's total.",
    values: [
      {
        year: 2026,
        twh: 136.06684739251148,
        lowerTwh: 72.83366806201805,
        upperTwh: 238.46550583982227,
        evidence: 'copy',
        coverage: 'snapshot',
        asOf: '2026-07-27',
        note: 'The export row of 27 July 2026 (15.52 GW best guess, 8.31-27.20 GW), annualised by CBECI.',
      },
    ],
  },
  {
    id: 'digiconomist',
    scope: 'world',
    kind: 'estimate',
    source: 'digiconomist-beci',
    note: "Digiconomist's economic (top-down) index: annualised rates read on single days, not years' totals.",
    values: [
      {
        year: 2022,
        twh: 161,
        evidence: 'secondhand',
        coverage: 'snapshot',
        note: 'An annualised reading in 2022; the day is not known.',
      },
      {
        year: 2024,
        twh: 172.26,
        mtco2: 96.08,
        evidence: 'copy',
        coverage: 'snapshot',
        note: 'An annualised reading labelled 2024 in a copy of the index page (with 96.08 Mt CO2); the day is not known.',
      },
      {
        year: 2025,
        twh: 204,
        evidence: 'secondhand',
        coverage: 'snapshot',
        asOf: '2025-05',
        approximate: true,
        note: 'About 204 TWh a year, read in May 2025.',
      },
      {
        year: 2026,
        twh: 204.435721455,
        evidence: 'copy',
        coverage: 'snapshot',
        asOf: '2026-07-27',
        derived: true,
        note: "560,097,867 kWh in 24 hours × 365, from the index's own stats endpoint as recorded by a third party (andreibesleaga/rfc-sustainability-wellknown); the same figure on 20, 26 and 27 July 2026, so the index may not have been updating.",
      },
    ],
  },
  {
    id: 'unu-2023',
    scope: 'world',
    kind: 'estimate',
    source: 'unu-2023',
    note: 'A two-year total for 2020 and 2021 together (United Nations University study).',
    values: [
      {
        year: 2020,
        toYear: 2021,
        coverage: 'multi-year',
        twh: 173.42,
        mtco2: 85.89,
        evidence: 'primary',
        note: '173.42 TWh and 85.89 Mt CO2 over 2020 and 2021 together.',
      },
    ],
  },
  {
    id: 'cbeci-v1',
    scope: 'world',
    kind: 'estimate',
    source: 'cbeci-v1',
    note: "CBECI original model with its lower and upper bounds, superseded in August 2023 (its 2021 best guess is about 18% above the revised model's). Calendar-year values derived from CBECI's daily series.",
    values: v1.map((r) => ({
      year: r.year,
      twh: r.annualised_guess_twh,
      lowerTwh: r.annualised_min_twh,
      upperTwh: r.annualised_max_twh,
      evidence: 'computed',
      derived: true,
      note: DERIVED_NOTE,
    })),
  },
  {
    id: 'jiang-2021',
    scope: 'china',
    kind: 'projection',
    source: 'jiang-2021',
    note: "Jiang et al. simulated China's bitcoin energy use without policy intervention, before China's 2021 mining ban; the figure is a model output, not a measurement.",
    values: [
      {
        year: 2024,
        twh: 296.59,
        mtco2: 130.5,
        evidence: 'copy',
        note: 'The projected peak year of the benchmark scenario.',
      },
    ],
  },
]);

// ---- electricity baselines -------------------------------------------------
const eiaRows = readCsv('cbeci_country_electricity_eia2019.csv').filter((r) => r.country !== 'Bitcoin');
const isoByCiaCode = new Map(eiaRows.map((r) => [r.code, /2-2-([A-Z]{3})-BKWH/.exec(r.series_id)?.[1]]));
const eiaValues = eiaRows.map((r) => ({
  country: r.country,
  iso3: isoByCiaCode.get(r.code),
  twh: Number(r.electricity_consumption_twh),
}));
const ciaValues = readCsv('cbeci_country_electricity_cia2016est.csv').map((r) => {
  const iso3 = isoByCiaCode.get(r.code);
  return iso3
    ? { country: r.country, iso3, twh: Number(r.electricity_consumption_twh) }
    : { country: r.country, twh: Number(r.electricity_consumption_twh) };
});

const generation = readCsv('owid_generation_by_source_2015-2022.csv');
const isoByOwidName = new Map(generation.filter((r) => /^[A-Z]{3}$/.test(r.Code)).map((r) => [r.Entity, r.Code]));
isoByOwidName.set('Faeroe Islands', 'FRO');
const OWID_COUNTRIES_WITHOUT_ISO = new Set(['Kosovo']);
const owid = readCsv('owid_electricity_2000-2021.csv');
const isCountry = (name) => isoByOwidName.has(name) || OWID_COUNTRIES_WITHOUT_ISO.has(name);
const owidValue = (r) => {
  const iso3 = isoByOwidName.get(r.country);
  return { country: r.country, ...(iso3 ? { iso3 } : {}), twh: Number(r.electricity_demand_twh) };
};
const ember2016 = owid
  .filter((r) => r.year === '2016' && r.electricity_demand_twh !== '' && isCountry(r.country))
  .map(owidValue);
const latestDemand = new Map();
for (const r of owid) {
  if (r.electricity_demand_twh === '' || !isCountry(r.country) || Number(r.year) > 2021) continue;
  const seen = latestDemand.get(r.country);
  if (!seen || Number(r.year) > Number(seen.year)) latestDemand.set(r.country, r);
}
const ember2021 = [...latestDemand.values()].map((r) => ({
  ...owidValue(r),
  ...(r.year !== '2021' ? { year: Number(r.year) } : {}),
}));
const byTwhDescending = (a, b) => b.twh - a.twh || a.country.localeCompare(b.country);
// OWID's later demand list (Ember's figures): each country's latest year, 2022 to 2025. OWID's own codes (OWID_…)
// mark aggregates, which are left out, and Kosovo, which is kept without an ISO code.
const DEMAND_LIST_YEAR = 2024;
const latestLaterDemand = new Map();
for (const r of readCsv('owid_electricity_demand_and_carbon_intensity_2019-2025_copy.csv')) {
  if (r.entity_type !== 'country' || r.electricity_demand_twh === '') continue;
  const seen = latestLaterDemand.get(r.country);
  if (!seen || Number(r.year) > Number(seen.year)) latestLaterDemand.set(r.country, r);
}
const emberLatest = [...latestLaterDemand.values()].map((r) => ({
  country: r.country,
  ...(/^[A-Z]{3}$/.test(r.iso3) ? { iso3: r.iso3 } : {}),
  twh: Number(r.electricity_demand_twh),
  ...(Number(r.year) !== DEMAND_LIST_YEAR ? { year: Number(r.year) } : {}),
}));
write('electricity-baselines.json', [
  {
    id: 'eia-2019',
    name: 'EIA international electricity net consumption, 2019 est.',
    measure: 'consumption',
    year: 2019,
    source: 'eia-international-2019',
    evidence: 'copy',
    note: '2019 estimate or the latest year available for each country; the list CBECI compares with.',
    values: eiaValues.sort(byTwhDescending),
  },
  {
    id: 'cia-2016',
    name: 'CIA World Factbook electricity consumption, 2016 est.',
    measure: 'consumption',
    year: 2016,
    source: 'cia-factbook-2016',
    evidence: 'copy',
    note: "The list CBECI compared with in 2019-2020, and the one on which Jiang et al.'s 2024 projection ranks 12th.",
    values: ciaValues.sort(byTwhDescending),
  },
  {
    id: 'ember-2016',
    name: 'Ember/OWID electricity demand, 2016',
    measure: 'demand',
    year: 2016,
    source: 'owid-ember-electricity',
    evidence: 'primary',
    note: 'Demand = generation + net imports; aggregates (World, continents, income groups) left out.',
    values: ember2016.sort(byTwhDescending),
  },
  {
    id: 'ember-2021',
    name: 'Ember/OWID electricity demand, 2021 or latest year',
    measure: 'demand',
    year: 2021,
    source: 'owid-ember-electricity',
    evidence: 'primary',
    note: "Each country's latest year up to 2021 (a value's own year says when it is not 2021); aggregates left out.",
    values: ember2021.sort(byTwhDescending),
  },
  {
    id: 'ember-2024',
    name: "Ember/OWID electricity demand, 2024 or each country's latest year (2022 to 2025)",
    measure: 'demand',
    year: DEMAND_LIST_YEAR,
    source: 'owid-demand-2026-copy',
    evidence: 'copy',
    note: "Each country's latest year from 2022 to 2025 (a value's own year says when it is not 2024): 2025 for 36 countries, 2024 for 54, 2023 for 83 and 2022 for 41; demand = generation + net imports; the two aggregates (World, EU-27) left out.",
    values: emberLatest.sort(byTwhDescending),
  },
]);

// ---- carbon intensity ------------------------------------------------------
const NATIONAL = {
  China: 'china',
  'United States': 'united-states',
  Kazakhstan: 'kazakhstan',
  Russia: 'russia',
  Iran: 'iran',
  Malaysia: 'malaysia',
  Canada: 'canada',
  Germany: 'germany',
  Ireland: 'ireland',
  World: 'world',
};
const carbon = [];
for (const r of owid) {
  const region = NATIONAL[r.country];
  const year = Number(r.year);
  if (!region || year < 2019 || year > 2021 || r.carbon_intensity_gco2_per_kwh === '') continue;
  carbon.push({
    region,
    year,
    gco2PerKwh: Number(r.carbon_intensity_gco2_per_kwh),
    basis: 'direct',
    source: 'owid-ember-electricity',
    evidence: 'primary',
  });
}
// OWID's newer release counts life-cycle emissions: a separate basis, never spliced onto the direct figures.
const LIFE_CYCLE = {
  ...NATIONAL,
  Paraguay: 'paraguay',
  'United Arab Emirates': 'united-arab-emirates',
  Oman: 'oman',
  Ethiopia: 'ethiopia',
  Norway: 'norway',
};
for (const r of readCsv('owid_carbon_intensity_2015-2024_newer_vintage_copy.csv')) {
  const region = LIFE_CYCLE[r.country];
  const year = Number(r.year);
  if (!region || year < 2019 || r.carbon_intensity_elec === '') continue;
  carbon.push({
    region,
    year,
    gco2PerKwh: Number(r.carbon_intensity_elec),
    basis: 'life-cycle',
    source: 'owid-energy-2026-copy',
    evidence: 'copy',
  });
}

// CBECI's life-cycle factors, gCO2e/kWh (cbeci-emission-factors); CBECI treats provincial thermal as coal.
const FACTOR = { coal: 820, gas: 469, oil: 840, hydro: 24, nuclear: 12, wind: 11.5, solar: 38.67, other: 336 };
const mixIntensity = (parts) => {
  let total = 0;
  let weighted = 0;
  for (const [kind, twh] of parts) {
    total += twh;
    weighted += twh * FACTOR[kind];
  }
  return round(weighted / total, 1);
};
const PROVINCE_REGION = {
  Sichuan: 'sichuan',
  Yunnan: 'yunnan',
  Xinjiang: 'xinjiang',
  'Inner Mongolia': 'inner-mongolia',
  Beijing: 'beijing',
};
const PROVINCE_SOURCE = { Thermal: 'coal', Hydro: 'hydro', Solar: 'solar', Wind: 'wind', Nuclear: 'nuclear' };
const provinceMix = new Map();
for (const r of readCsv('cbeci_china_province_generation_mix_2019-2021.csv')) {
  const region = PROVINCE_REGION[r.province];
  if (!region) continue;
  const twh = r.generation_billion_kwh === '-' ? 0 : Number(r.generation_billion_kwh);
  const key = `${region}|${r.year}`;
  provinceMix.set(key, [...(provinceMix.get(key) ?? []), [PROVINCE_SOURCE[r.source_type], twh]]);
}
/** One derived intensity record per region and year of a generation mix. */
function pushMixIntensities(mixes, source, note) {
  for (const [key, parts] of mixes) {
    const [region, year] = key.split('|');
    carbon.push({
      region,
      year: Number(year),
      gco2PerKwh: mixIntensity(parts),
      basis: 'life-cycle',
      source,
      evidence: 'computed',
      derived: true,
      note,
    });
  }
}
pushMixIntensities(
  provinceMix,
  'nbs-province-generation',
  "Derived from the province's generation mix with CBECI's life-cycle factors (cbeci-emission-factors), all thermal counted as coal at 820 g/kWh; ignores power traded between provinces and the wet/dry season.",
);
const STATE_REGION = { GA: 'georgia', TX: 'texas', KY: 'kentucky', NY: 'new-york', CA: 'california' };
const STATE_SOURCE = {
  Coal: 'coal',
  Gas: 'gas',
  Oil: 'oil',
  Hydroelectric: 'hydro',
  Nuclear: 'nuclear',
  Wind: 'wind',
  'Solar Thermal and Photovoltaic': 'solar',
  Other: 'other',
};
const stateMix = new Map();
for (const r of readCsv('eia_us_state_generation_2015-2021.csv')) {
  const region = STATE_REGION[r.STATE];
  const kind = STATE_SOURCE[r['ENERGY SOURCE']];
  const year = Number(r.YEAR);
  if (!region || !kind || year < 2019) continue;
  const twh = Math.max(0, Number(r['GENERATION (Megawatthours)']) / 1e6);
  const key = `${region}|${year}`;
  stateMix.set(key, [...(stateMix.get(key) ?? []), [kind, twh]]);
}
pushMixIntensities(
  stateMix,
  'eia-state-generation',
  "Derived from the state's generation mix with CBECI's life-cycle factors (cbeci-emission-factors); EIA's \"Other\" counted at CBECI's other-renewables factor (336 g/kWh); negative net generation (pumped storage) counted as zero; ignores power traded between states.",
);
const CARBON_ORDER = [
  'world',
  ...Object.values(LIFE_CYCLE).filter((r) => r !== 'world'),
  ...Object.values(PROVINCE_REGION),
  ...Object.values(STATE_REGION),
];
carbon.sort(
  (a, b) =>
    CARBON_ORDER.indexOf(a.region) - CARBON_ORDER.indexOf(b.region) ||
    a.basis.localeCompare(b.basis) ||
    a.year - b.year,
);
// Ember's yearly file for 2025 (a copy of five areas): the life-cycle intensity of total generation. Of its areas,
// the EU and South Africa are not regions here.
const EMBER_AREAS = { China: 'china', Russia: 'russia', 'United States': 'united-states' };
for (const r of readCsv('ember_yearly_2024-2025_five_areas_copy.csv')) {
  const region = EMBER_AREAS[r.area];
  if (!region || r.year !== '2025') continue;
  carbon.push({
    region,
    year: 2025,
    gco2PerKwh: Number(r.emissions_intensity_gco2e_per_kwh),
    basis: 'life-cycle',
    source: 'ember-yearly-2026-copy',
    evidence: 'copy',
  });
}
write('carbon-intensity.json', carbon);
// ---- hardware --------------------------------------------------------------
// CBECI's list gives efficiency in J/GH and the release as a UNIX time; J/TH = J/GH × 1000.
const hardware = readCsv('cbeci_v1_miners.csv').map((r) => {
  const released = new Date(Number(r.UNIX_date_of_release) * 1000);
  const record = {
    model: r.Miner_name,
    released: released.toISOString().slice(0, 10),
    jPerTh: round(Number(r.Efficiency_J_Gh) * 1000, 6),
    source: 'cbeci-hardware-2020',
    evidence: 'primary',
  };
  if (released.getUTCHours() !== 0 || released.getUTCMinutes() !== 0) {
    record.note = `A generic placeholder in CBECI's list, released at ${released.toISOString().slice(11, 16)} UTC on that date; recorded as the date.`;
  }
  return record;
});
// Models released after CBECI's list ends (May 2020), each from a cited public specification. Where a source
// gives only the launch year (or quarter), the release is recorded at the end of that year (or the start of
// the quarter it names) and marked approximate, so that a model never enters the list before it can have.
const LATER_HARDWARE = [
  {
    model: 'Bitmain Antminer S19j Pro',
    released: '2021-12-31',
    jPerTh: 29.5,
    source: 'miningstore-s19-series',
    evidence: 'copy',
    approximate: true,
    note: 'On the market and a top seller in 2021; release month not found, recorded at the end of 2021.',
  },
  {
    model: 'Bitmain Antminer S19 XP (140Th)',
    released: '2022-07-01',
    jPerTh: 21.5,
    source: 'miningstore-s19-xp',
    evidence: 'copy',
    approximate: true,
    note: 'Announced November 2021 (140 TH/s, 3,010 W); first shipments in early Q3 2022, recorded at 1 July 2022.',
  },
  {
    model: 'Bitmain Antminer S21 (200Th)',
    released: '2023-09-30',
    jPerTh: 17.5,
    source: 'viabtc-s21',
    evidence: 'copy',
    approximate: true,
    note: 'Released in September 2023, day not given, recorded at the end of the month; dcentral-efficiency-glossary gives the same 17.5 J/TH.',
  },
  {
    model: 'Bitmain Antminer S21 Hyd (335Th)',
    released: '2023-09-30',
    jPerTh: 16,
    source: 'viabtc-s21',
    evidence: 'copy',
    approximate: true,
    note: 'Hydro-cooled; released in September 2023, day not given, recorded at the end of the month.',
  },
  {
    model: 'MicroBT Whatsminer M60 (170Th)',
    released: '2023-10-31',
    jPerTh: 19.2,
    source: 'coindesk-hardware-2023',
    evidence: 'secondhand',
    approximate: true,
    note: 'Launched in October 2023, day not given, recorded at the end of the month.',
  },
  {
    model: 'MicroBT Whatsminer M60S (186Th)',
    released: '2023-10-31',
    jPerTh: 17.5,
    source: 'coindesk-hardware-2023',
    evidence: 'secondhand',
    approximate: true,
    note: 'Launched in October 2023, day not given, recorded at the end of the month.',
  },
  {
    model: 'Bitmain Antminer T21 (190Th)',
    released: '2023-12-31',
    jPerTh: 19,
    source: 'coindesk-hardware-2023',
    evidence: 'secondhand',
    approximate: true,
    note: 'Launched late in 2023; recorded at the end of 2023.',
  },
  {
    model: 'Bitmain Antminer S21 Pro (234Th)',
    released: '2024-12-31',
    jPerTh: 15,
    source: 'lmc-asic-efficiency',
    evidence: 'copy',
    approximate: true,
    note: '234 TH/s at 3,510 W; dated 2024 by dcentral-efficiency-glossary; release month not found, recorded at the end of 2024.',
  },
  {
    model: 'Bitmain Antminer S21 XP (270Th)',
    released: '2024-12-31',
    jPerTh: 13.5,
    source: 'btcminermarketplace-s21-xp',
    evidence: 'copy',
    approximate: true,
    note: '270 TH/s at 13.5 J/TH; dated 2024 by dcentral-efficiency-glossary; release month not found, recorded at the end of 2024.',
  },
  {
    model: 'Canaan Avalon A16 (282Th)',
    released: '2025-10-31',
    jPerTh: 13.8,
    source: 'hashrateindex-canaan-a16',
    evidence: 'primary',
    approximate: true,
    note: 'Nameplate 282 TH/s at 3,900 W, 13.8 J/TH (±5%); introduced October 2025, day not given, recorded at the end of October 2025.',
  },
  {
    model: 'Canaan Avalon A16 XP (300Th)',
    released: '2025-10-31',
    jPerTh: 12.8,
    source: 'hashrateindex-canaan-a16',
    evidence: 'primary',
    approximate: true,
    note: "Nameplate 300 TH/s at 3,850 W, 12.8 J/TH (±5%); introduced October 2025, day not given, recorded at the end of October 2025. ASIC Miner Value's listing of December 2025 (asicminervalue-2025-12) has the same machine (Avalon A16XP-300T) released in April 2026: the sources disagree on the date, and the maker's introduction is kept.",
  },
  {
    model: 'MicroBT Whatsminer M70',
    released: '2025-12-31',
    jPerTh: 12.5,
    source: 'coindesk-mining-pod-2025-12',
    evidence: 'secondhand',
    approximate: true,
    note: 'A series reported at about 12.5 J/TH in December 2025; day not given, recorded at the end of the month.',
  },
  {
    model: 'Bitmain Antminer S23 Hydro (580Th)',
    released: '2026-03-31',
    jPerTh: 9.6,
    source: 'theminermag-s23-2025',
    evidence: 'secondhand',
    approximate: true,
    note: "Announced in 2025 at 9.5-9.7 J/TH (the midpoint is used) to ship in early 2026; recorded at the end of March 2026. ASIC Miner Value's listing of December 2025 (asicminervalue-2025-12) gives 580 TH/s at 5,510 W (9.5 J/TH) and a release in January 2026: the sources differ by 0.1 J/TH and two months, and the announcement is kept.",
  },
];
// Machines listed by ASIC Miner Value in December 2025 (a copy of its listing; asicminervalue-2025-12), each with its
// listed hashrate and power: J/TH = W ÷ TH/s. The listing gives a release month, recorded at the month's end. The
// two machines of the listing already above from other sources (the Avalon A16 XP and the S23 Hydro) are not
// repeated: a second record of one machine would count it twice in the model's mean.
const LISTED_2025 = [
  ['Bitmain Antminer S23 Hyd 3U (1160Th)', '2026-01', 1160, 11020],
  ['Bitmain Antminer S23 Imm (442Th)', '2026-01', 442, 5304],
  ['Bitmain Antminer S23 (318Th)', '2026-01', 318, 3498],
  ['Bitdeer SealMiner A3 Pro Hydro (660Th)', '2025-09', 660, 8250],
  ['Bitdeer SealMiner A3 Hydro (500Th)', '2025-09', 500, 6750],
  ['Bitdeer SealMiner A3 Pro Air (290Th)', '2025-09', 290, 3625],
  ['Proto Rig (819Th)', '2025-09', 819, 12000],
  ['Bitmain Antminer S21 XP+ Hyd (500Th)', '2025-07', 500, 5500],
  ['Bitmain Antminer S21+ Hyd (358Th)', '2025-08', 358, 5370],
  ['Bitmain Antminer S21e XP Hyd 3U (860Th)', '2025-01', 860, 11180],
  ['Bitdeer SealMiner A2 Pro Hyd (500Th)', '2025-03', 500, 7450],
];
const monthEnd = (month) => {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
};
for (const [model, month, ths, watts] of LISTED_2025) {
  LATER_HARDWARE.push({
    model,
    released: monthEnd(month),
    jPerTh: round(watts / ths, 4),
    source: 'asicminervalue-2025-12',
    evidence: 'copy',
    approximate: true,
    note: `Listed at ${ths.toLocaleString('en-US')} TH/s and ${watts.toLocaleString('en-US')} W (J/TH = W ÷ TH/s); listed as released in ${month}, day not given, recorded at the end of the month.`,
  });
}
write('hardware.json', [...hardware, ...LATER_HARDWARE.sort((a, b) => a.released.localeCompare(b.released))]);

// ---- network inputs --------------------------------------------------------
// Coin Metrics' daily hash rate and miners' revenue as `network --input` reads them, by the importer of
// `data import coinmetrics` (source coinmetrics-daily-2024 in sources.json).
const COIN_METRICS = 'coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv';
const inputs = library.importCoinMetrics(readFileSync(join(referenceDir, COIN_METRICS), 'utf8'), COIN_METRICS);
// Continued to the end of 2025 from a later copy of Coin Metrics' file (source coinmetrics-daily-2025), whose
// revenue is IssTotUSD + FeeTotNtv × PriceUSD. Its first day, 2024-11-16, is the last of the earlier file: that
// day is kept from the earlier file and checked to agree.
const COIN_METRICS_2025 = 'coinmetrics_btc_daily_2024-11-16_2025-12-29.csv';
const later = library.importCoinMetrics(readFileSync(join(referenceDir, COIN_METRICS_2025), 'utf8'), COIN_METRICS_2025);
const lastEarlier = inputs.rows.at(-1);
const overlap = later.rows.find((row) => row.date === lastEarlier.date);
const agrees = (a, b) => Math.abs(a - b) <= 1e-6 * Math.abs(b);
if (
  !overlap ||
  !agrees(overlap.hashrateEhs, lastEarlier.hashrateEhs) ||
  !agrees(overlap.revenueUsd, lastEarlier.revenueUsd)
) {
  throw new Error(`${COIN_METRICS_2025} does not agree with ${COIN_METRICS} on ${lastEarlier.date}`);
}
const rows = [...inputs.rows, ...later.rows.filter((row) => row.date > lastEarlier.date)];
writeFileSync(join(outDir, 'network-inputs.csv'), library.renderNetworkInputs(rows));

process.stderr.write(
  `wrote hashrate-shares, network-energy, electricity-baselines, carbon-intensity, hardware and network-inputs to ${outDir}\n`,
);
