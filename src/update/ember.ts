import { DataError } from '../errors.js';
import { fetchText, type FetchedText, type RequestOptions } from '../net/http.js';
import {
  type AreaYearValue,
  checkedValue,
  checkedYear,
  checkHeader,
  checkRepeats,
  type CountryFigures,
  csvCells,
  DEMAND_RANGE,
  eachLine,
  INTENSITY_RANGE,
  WORLD_CODE,
} from './country-figures.js';

/** The source as named in every message. */
export const EMBER = 'Ember';

/** The path of Ember's yearly electricity file (LIVE-SOURCES §4), about 16 MB. */
export const EMBER_PATH = '/public-downloads/generation/outputs/release_generation_yearly_global.csv';

/** The yearly file's header, exactly: Ember has changed its files' names and layouts before. */
export const EMBER_COLUMNS = [
  'Area',
  'ISO 3 code',
  'Year',
  'Area type',
  'Electricity source',
  'Is aggregated source',
  'Generation (TWh)',
  'Generation YoY change (TWh)',
  'Generation YoY change (%)',
  'Share of generation (%)',
  'Share of generation YoY change (% points)',
  'Capacity (GW)',
  'Emissions (MtCO2e)',
  'Emissions YoY change (MtCO2e)',
  'Emissions YoY change (%)',
  'Share of emissions (%)',
  'Emissions intensity (gCO2e/kWh)',
  'Continent',
  'Ember region',
  'EU member',
  'OECD member',
  'G20 member',
  'G7 member',
  'ASEAN member',
] as const;

const AREA = 0;
const ISO3 = 1;
const YEAR = 2;
const AREA_TYPE = 3;
const ELECTRICITY_SOURCE = 4;
const GENERATION = 6;
const INTENSITY = 16;

/** The area type of a country's rows; regions and other groupings are aggregates, left out of the baseline. */
export const EMBER_COUNTRY = 'Country or economy';
/** The area whose intensity is the world's. */
export const EMBER_WORLD = 'World';

export function emberUrl(base: string): string {
  return `${base}${EMBER_PATH}`;
}

/** Downloads Ember's yearly file and reads its countries' demand and the intensities. */
export async function downloadEmber(
  base: string,
  request: RequestOptions,
): Promise<{ page: FetchedText; figures: CountryFigures }> {
  const page = await fetchText(emberUrl(base), request);
  return { page, figures: parseEmber(page.text, page.url) };
}

/**
 * Ember's yearly file read in one pass, line by line, keeping only the rows used: each country's demand (the
 * `Demand` rows of the areas of type "Country or economy", TWh in `Generation (TWh)`) and the intensities on the
 * `Total generation` rows (`Emissions intensity (gCO2e/kWh)`, life-cycle) of the countries and of `World`. The
 * header must be Ember's exactly; each value is checked as `data import` checks a figure (a year within range, a
 * number within its range), and an area given twice for a year is an error.
 * @throws DataError naming Ember, the line and what is wrong.
 */
export function parseEmber(text: string, url: string): CountryFigures {
  checkHeader(EMBER, url, text, EMBER_COLUMNS, "Ember's yearly electricity CSV");
  const demand: AreaYearValue[] = [];
  const intensity: AreaYearValue[] = [];
  let emptyValues = 0;
  eachLine(text, (line, number) => {
    // Only two kinds of row are read; the test on the text spares splitting the others (most of the file).
    const isDemand = line.includes(',Demand,');
    if (!isDemand && !line.includes(',Total generation,')) return;
    const cells = csvCells(line);
    if (cells === undefined || cells.length !== EMBER_COLUMNS.length) {
      throw new DataError(
        `${EMBER}: the response from ${url} → line ${number} has ${cells === undefined ? 'a quoted field never closed' : `${cells.length} cells, not ${EMBER_COLUMNS.length}`} (a file cut short?); nothing was changed.`,
      );
    }
    const source = cells[ELECTRICITY_SOURCE];
    if (source !== 'Demand' && source !== 'Total generation') return;
    const area = cells[AREA] as string;
    const world = area === EMBER_WORLD;
    const country = cells[AREA_TYPE] === EMBER_COUNTRY;
    if (!world && !country) return;
    const code = cells[ISO3] as string;
    if (country && code !== '' && !/^[A-Z]{3}$/.test(code)) {
      throw new DataError(
        `${EMBER}: the response from ${url} → line ${number} → ISO 3 code is "${code.slice(0, 20)}", not three capital letters; nothing was changed.`,
      );
    }
    const iso3 = world ? WORLD_CODE : code === '' ? undefined : code;
    const year = checkedYear(EMBER, url, number, cells[YEAR] as string);
    if (source === 'Demand') {
      if (!country) return;
      const value = checkedValue(EMBER, url, number, 'Generation (TWh)', cells[GENERATION] as string, DEMAND_RANGE);
      if (value === undefined) emptyValues++;
      else demand.push({ area, iso3, year, value, line: number });
    } else {
      const value = checkedValue(
        EMBER,
        url,
        number,
        'Emissions intensity (gCO2e/kWh)',
        cells[INTENSITY] as string,
        INTENSITY_RANGE,
      );
      if (value === undefined) emptyValues++;
      else intensity.push({ area, iso3, year, value, line: number });
    }
  });
  if (demand.length === 0) {
    throw new DataError(
      `${EMBER}: the response from ${url} has no Demand row of a country ("${EMBER_COUNTRY}"); nothing was changed.`,
    );
  }
  checkRepeats(EMBER, url, 'the demand', demand);
  checkRepeats(EMBER, url, 'the intensity', intensity);
  return { demand, intensity, emptyValues };
}
