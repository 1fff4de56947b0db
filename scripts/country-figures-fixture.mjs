#!/usr/bin/env node
// Makes the recorded responses of Ember's yearly file and Our World in Data's two grapher files that the tests'
// local server serves (test/fixtures/live/), in the formats of LIVE-SOURCES.md §4, from two reference tables:
//
//   - a five-area copy of Ember's yearly file (area,iso3,year,demand_twh,total_generation_twh,
//     emissions_intensity_gco2e_per_kwh,net_imports_twh): each row becomes Ember's Total generation, Demand and
//     Net Imports rows, in Ember's 24 columns; the cells the copy does not hold are left empty;
//   - a copy of OWID's electricity-demand and carbon-intensity-electricity exports (country,iso3,entity_type,year,
//     electricity_demand_twh,carbon_intensity_gco2e_per_kwh): written back as OWID's two grapher CSVs
//     (Entity,Code,Year,electricity_demand and Entity,Code,Year,carbon_intensity_elec), and its World rows also
//     become Ember's World area (Demand and Total generation), since OWID's world figures are Ember's processed.
//
//   node scripts/country-figures-fixture.mjs <ember five areas csv> <owid demand and intensity csv> <out dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [emberPath, owidPath, out] = process.argv.slice(2);
if (out === undefined) {
  process.stderr.write(
    'usage: node scripts/country-figures-fixture.mjs <ember_yearly_five_areas.csv> <owid_demand_and_intensity.csv> <out dir>\n',
  );
  process.exit(2);
}

const EMBER_HEADER =
  'Area,ISO 3 code,Year,Area type,Electricity source,Is aggregated source,Generation (TWh),Generation YoY change (TWh),Generation YoY change (%),Share of generation (%),Share of generation YoY change (% points),Capacity (GW),Emissions (MtCO2e),Emissions YoY change (MtCO2e),Emissions YoY change (%),Share of emissions (%),Emissions intensity (gCO2e/kWh),Continent,Ember region,EU member,OECD member,G20 member,G7 member,ASEAN member';

function table(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}

/** One of Ember's rows: the cells named, the others empty. */
function emberRow(area, iso3, year, areaType, source, generation, intensity = '') {
  const cells = new Array(24).fill('');
  Object.assign(cells, { 0: area, 1: iso3, 2: year, 3: areaType, 4: source, 5: 'True', 6: generation, 16: intensity });
  return cells.map((cell) => (/[",]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',');
}

const owid = table(owidPath);
const ember = [EMBER_HEADER];
for (const row of owid.filter((r) => r.iso3 === 'OWID_WRL')) {
  ember.push(emberRow('World', '', row.year, 'Region', 'Demand', row.electricity_demand_twh));
  if (row.carbon_intensity_gco2e_per_kwh !== '') {
    ember.push(emberRow('World', '', row.year, 'Region', 'Total generation', '', row.carbon_intensity_gco2e_per_kwh));
  }
}
for (const row of table(emberPath)) {
  const type = row.iso3 === '' ? 'Region' : 'Country or economy';
  ember.push(
    emberRow(
      row.area,
      row.iso3,
      row.year,
      type,
      'Total generation',
      row.total_generation_twh,
      row.emissions_intensity_gco2e_per_kwh,
    ),
    emberRow(row.area, row.iso3, row.year, type, 'Demand', row.demand_twh),
    emberRow(row.area, row.iso3, row.year, type, 'Net Imports', row.net_imports_twh),
  );
}
writeFileSync(join(out, 'ember-yearly.csv'), `${ember.join('\n')}\n`);

const grapher = (column, field) => {
  const lines = [`Entity,Code,Year,${column}`];
  for (const row of owid) {
    if (row[field] === '') continue;
    const entity = /[",]/.test(row.country) ? `"${row.country.replaceAll('"', '""')}"` : row.country;
    lines.push([entity, row.iso3, row.year, row[field]].join(','));
  }
  return `${lines.join('\n')}\n`;
};
writeFileSync(join(out, 'owid-electricity-demand.csv'), grapher('electricity_demand', 'electricity_demand_twh'));
writeFileSync(
  join(out, 'owid-carbon-intensity-electricity.csv'),
  grapher('carbon_intensity_elec', 'carbon_intensity_gco2e_per_kwh'),
);
