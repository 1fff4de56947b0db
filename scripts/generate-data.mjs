#!/usr/bin/env node
// Turns the reference tables into data/*.json.
// Usage: node scripts/generate-data.mjs <reference-data-dir> [out-dir]
// regions.json and sources.json are written by hand; this script writes the other five files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [referenceDir, outDir = new URL('../data/', import.meta.url).pathname] = process.argv.slice(2);
if (!referenceDir) {
  process.stderr.write('usage: node scripts/generate-data.mjs <reference-data-dir> [out-dir]\n');
  process.exit(2);
}

/** RFC 4180 rows → objects keyed by the header row. */
function readCsv(name) {
  const text = readFileSync(join(referenceDir, name), 'utf8');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

const round = (x, digits) => Number(x.toFixed(digits));
const write = (name, value) => writeFileSync(join(outDir, name), `${JSON.stringify(value, null, 2)}\n`);

// ---- hashrate shares -------------------------------------------------------
const MINING_MAP_REGION = {
  'Mainland China': 'china',
  'United States': 'united-states',
  'Russian Federation': 'russia',
  Kazakhstan: 'kazakhstan',
  Malaysia: 'malaysia',
  'Iran, Islamic Rep.': 'iran',
  Canada: 'canada',
  'Germany *': 'germany',
  'Ireland *': 'ireland',
  Other: 'other',
};
const REGION_ORDER = Object.values(MINING_MAP_REGION);
const countryShares = readCsv('cbeci_mining_countries_2019-09_2022-01.csv').map((r) => {
  const region = MINING_MAP_REGION[r.country];
  if (!region) throw new Error(`unknown mining-map country ${r.country}`);
  return {
    region,
    month: r.date.slice(0, 7),
    sharePct: Number(r['monthly_hashrate_%'].replace('%', '')),
    source: 'cbeci-mining-map',
  };
});
countryShares.sort(
  (a, b) => a.month.localeCompare(b.month) || REGION_ORDER.indexOf(a.region) - REGION_ORDER.indexOf(b.region),
);

const PROVINCE_NOTE =
  "Share of China's hashrate at the CBECI mining map launch (May 2020); the month is inferred as April 2020 from the launch text. Reported in secondary sources only.";
const provinceShares = [
  { region: 'xinjiang', month: '2020-04', sharePct: 35.76, source: 'cbeci-provinces-2020', note: PROVINCE_NOTE },
  {
    region: 'sichuan',
    month: '2020-04',
    sharePct: 9.66,
    source: 'cbeci-provinces-2020',
    note: `${PROVINCE_NOTE} Another press report gave Sichuan 18.5% for April 2020; it conflicts with this figure and is not used.`,
  },
  { region: 'inner-mongolia', month: '2020-04', sharePct: 8.07, source: 'cbeci-provinces-2020', note: PROVINCE_NOTE },
  { region: 'yunnan', month: '2020-04', sharePct: 5.42, source: 'cbeci-provinces-2020', note: PROVINCE_NOTE },
  { region: 'beijing', month: '2020-04', sharePct: 1.73, source: 'cbeci-provinces-2020', note: PROVINCE_NOTE },
  {
    region: 'sichuan',
    month: '2021-04',
    sharePct: 10,
    source: 'reuters-2021-sichuan',
    approximate: true,
    note: 'Reported as "nearly 10%" of China\'s hashrate in April 2021, citing Cambridge data; the CBECI figure itself is not public.',
  },
];
const STATE_NOTE =
  'Share of US hashrate, published as the average over September 2021 to January 2022 and recorded at its last month. Reported in secondary sources only.';
const stateShares = [
  {
    region: 'georgia',
    month: '2022-01',
    sharePct: 32,
    source: 'cbeci-us-states-2022',
    approximate: true,
    note: `${STATE_NOTE} Sources conflict: one reports "over 30%", another 32%; a figure of 30.8% is also quoted but unverified. 32 is used.`,
  },
  { region: 'texas', month: '2022-01', sharePct: 11.22, source: 'cbeci-us-states-2022', note: STATE_NOTE },
  {
    region: 'kentucky',
    month: '2022-01',
    sharePct: 10.93,
    source: 'cbeci-us-states-2022',
    note: `${STATE_NOTE} One garbled copy repeats Texas's 11.22% for Kentucky.`,
  },
  { region: 'new-york', month: '2022-01', sharePct: 9.77, source: 'cbeci-us-states-2022', note: STATE_NOTE },
  { region: 'california', month: '2022-01', sharePct: 7.9, source: 'cbeci-us-states-2022', note: STATE_NOTE },
];
write('hashrate-shares.json', [...countryShares, ...provinceShares, ...stateShares]);

// ---- network energy --------------------------------------------------------
// Calendar-year energy = Σ daily annualised TWh/yr ÷ 365.25, the same convention as CBECI's annualisation.
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
      const expectedDays = year % 4 === 0 ? 366 : 365;
      if (e.days !== expectedDays) throw new Error(`${year}: ${e.days} days, expected ${expectedDays}`);
      return { year, ...Object.fromEntries(columns.map((c) => [c, round(e[c] / 365.25, 2)])) };
    });
}
const revised = calendarYears(
  readCsv('cbeci_revised2023_daily_guess_twh_by_price_2010-07-18_2023-09-02.csv'),
  ['guess_twh_at_usd0.05_per_kwh'],
  2016,
  2022,
);
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
    source: 'cbeci-revised-2023',
    note: "CBECI revised model (August 2023), best guess only. Calendar-year values derived from CBECI's daily series; 2021 and 2022 agree with CCAF's published 89.0 and 95.5 TWh.",
    values: revised.map((r) => ({
      year: r.year,
      twh: r['guess_twh_at_usd0.05_per_kwh'],
      derived: true,
      note: DERIVED_NOTE,
    })),
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
    values: [{ year: 2024, twh: 296.59, mtco2: 130.5, note: 'The projected peak year of the benchmark scenario.' }],
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
write('electricity-baselines.json', [
  {
    id: 'eia-2019',
    name: 'EIA international electricity net consumption, 2019 est.',
    measure: 'consumption',
    year: 2019,
    source: 'eia-international-2019',
    note: '2019 estimate or the latest year available for each country; the list CBECI compares with.',
    values: eiaValues.sort(byTwhDescending),
  },
  {
    id: 'cia-2016',
    name: 'CIA World Factbook electricity consumption, 2016 est.',
    measure: 'consumption',
    year: 2016,
    source: 'cia-factbook-2016',
    note: "The list CBECI compared with in 2019-2020, and the one on which Jiang et al.'s 2024 projection ranks 12th.",
    values: ciaValues.sort(byTwhDescending),
  },
  {
    id: 'ember-2016',
    name: 'Ember/OWID electricity demand, 2016',
    measure: 'demand',
    year: 2016,
    source: 'owid-ember-electricity',
    note: 'Demand = generation + net imports; aggregates (World, continents, income groups) left out.',
    values: ember2016.sort(byTwhDescending),
  },
  {
    id: 'ember-2021',
    name: 'Ember/OWID electricity demand, 2021 or latest year',
    measure: 'demand',
    year: 2021,
    source: 'owid-ember-electricity',
    note: "Each country's latest year up to 2021 (a value's own year says when it is not 2021); aggregates left out.",
    values: ember2021.sort(byTwhDescending),
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
    source: 'owid-ember-electricity',
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
const PROVINCE = {
  Sichuan: 'sichuan',
  Yunnan: 'yunnan',
  Xinjiang: 'xinjiang',
  'Inner Mongolia': 'inner-mongolia',
  Beijing: 'beijing',
};
const PROVINCE_SOURCE = { Thermal: 'coal', Hydro: 'hydro', Solar: 'solar', Wind: 'wind', Nuclear: 'nuclear' };
const provinceMix = new Map();
for (const r of readCsv('cbeci_china_province_generation_mix_2019-2021.csv')) {
  const region = PROVINCE[r.province];
  if (!region) continue;
  const twh = r.generation_billion_kwh === '-' ? 0 : Number(r.generation_billion_kwh);
  const key = `${region}|${r.year}`;
  provinceMix.set(key, [...(provinceMix.get(key) ?? []), [PROVINCE_SOURCE[r.source_type], twh]]);
}
/** One derived intensity record per region and year of a generation mix. */
function pushMixIntensities(mixes, source, note) {
  for (const [key, parts] of mixes) {
    const [region, year] = key.split('|');
    carbon.push({ region, year: Number(year), gco2PerKwh: mixIntensity(parts), source, derived: true, note });
  }
}
pushMixIntensities(
  provinceMix,
  'nbs-province-generation',
  "Derived from the province's generation mix with CBECI's life-cycle factors (cbeci-emission-factors), all thermal counted as coal at 820 g/kWh; ignores power traded between provinces and the wet/dry season.",
);
const STATE = { GA: 'georgia', TX: 'texas', KY: 'kentucky', NY: 'new-york', CA: 'california' };
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
  const region = STATE[r.STATE];
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
  ...Object.values(NATIONAL).filter((r) => r !== 'world'),
  ...Object.values(PROVINCE),
  ...Object.values(STATE),
];
carbon.sort((a, b) => CARBON_ORDER.indexOf(a.region) - CARBON_ORDER.indexOf(b.region) || a.year - b.year);
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
    approximate: true,
    note: 'On the market and a top seller in 2021; release month not found, recorded at the end of 2021.',
  },
  {
    model: 'Bitmain Antminer S19 XP (140Th)',
    released: '2022-07-01',
    jPerTh: 21.5,
    source: 'miningstore-s19-xp',
    approximate: true,
    note: 'Announced November 2021 (140 TH/s, 3,010 W); first shipments in early Q3 2022, recorded at 1 July 2022.',
  },
  {
    model: 'Bitmain Antminer S21 (200Th)',
    released: '2023-12-31',
    jPerTh: 17.5,
    source: 'dcentral-efficiency-glossary',
    approximate: true,
    note: 'Launched in 2023; release month not found, recorded at the end of 2023.',
  },
  {
    model: 'Bitmain Antminer S21 Pro (234Th)',
    released: '2024-12-31',
    jPerTh: 15,
    source: 'lmc-asic-efficiency',
    approximate: true,
    note: '234 TH/s at 3,510 W; dated 2024 by dcentral-efficiency-glossary; release month not found, recorded at the end of 2024.',
  },
  {
    model: 'Bitmain Antminer S21 XP (270Th)',
    released: '2024-12-31',
    jPerTh: 13.5,
    source: 'btcminermarketplace-s21-xp',
    approximate: true,
    note: '270 TH/s at 13.5 J/TH; dated 2024 by dcentral-efficiency-glossary; release month not found, recorded at the end of 2024.',
  },
  {
    model: 'Canaan Avalon A16 (282Th)',
    released: '2025-10-31',
    jPerTh: 13.8,
    source: 'hashrateindex-canaan-a16',
    approximate: true,
    note: 'Nameplate 282 TH/s at 3,900 W, 13.8 J/TH (±5%); introduced October 2025, day not given, recorded at the end of October 2025.',
  },
  {
    model: 'Canaan Avalon A16 XP (300Th)',
    released: '2025-10-31',
    jPerTh: 12.8,
    source: 'hashrateindex-canaan-a16',
    approximate: true,
    note: 'Nameplate 300 TH/s at 3,850 W, 12.8 J/TH (±5%); introduced October 2025, day not given, recorded at the end of October 2025.',
  },
];
write('hardware.json', [...hardware, ...LATER_HARDWARE]);
process.stderr.write(
  `wrote hashrate-shares, network-energy, electricity-baselines, carbon-intensity and hardware to ${outDir}\n`,
);
