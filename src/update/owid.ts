import { DataError } from '../errors.js';
import { fetchText, type FetchedText, type RequestOptions } from '../net/http.js';
import {
  type AreaYearValue,
  checkedValue,
  checkedYear,
  checkHeader,
  checkRepeats,
  csvCells,
  DEMAND_RANGE,
  eachLine,
  INTENSITY_RANGE,
  type CountryFigures,
  WORLD_CODE,
} from './country-figures.js';

/** The source as named in every message. */
export const OWID = 'Our World in Data';

/** The query of OWID's grapher CSVs: every entity and year, the columns named by their short names. */
const QUERY = 'v=1&csvType=full&useColumnShortNames=true';

/** The two grapher files (LIVE-SOURCES §4) and the header of each, exactly. */
export const OWID_FILES = {
  demand: { chart: 'electricity-demand', columns: ['Entity', 'Code', 'Year', 'electricity_demand'] },
  intensity: { chart: 'carbon-intensity-electricity', columns: ['Entity', 'Code', 'Year', 'carbon_intensity_elec'] },
} as const;

/** OWID's code for the world; its other codes starting OWID_ are aggregates, but for Kosovo's. */
export const OWID_WORLD = 'OWID_WRL';
/** Kosovo, a country OWID gives a code of its own (no ISO 3166 code exists): kept, without a code. */
export const OWID_KOSOVO = 'OWID_KOS';

export function owidUrl(base: string, file: keyof typeof OWID_FILES): string {
  return `${base}/grapher/${OWID_FILES[file].chart}.csv?${QUERY}`;
}

/** Downloads OWID's demand and intensity files, in that order, and reads them. */
export async function downloadOwid(
  base: string,
  request: RequestOptions,
): Promise<{ pages: FetchedText[]; figures: CountryFigures }> {
  const demandPage = await fetchText(owidUrl(base, 'demand'), request);
  const demand = parseGrapher(demandPage.text, demandPage.url, 'demand');
  const intensityPage = await fetchText(owidUrl(base, 'intensity'), request);
  const intensity = parseGrapher(intensityPage.text, intensityPage.url, 'intensity');
  return {
    pages: [demandPage, intensityPage],
    figures: {
      demand: demand.values,
      intensity: intensity.values,
      emptyValues: demand.emptyValues + intensity.emptyValues,
    },
  };
}

/**
 * One grapher CSV (`Entity,Code,Year,<column>`) read line by line: for demand, the countries only (aggregates,
 * whose code is empty or starts OWID_, left out; Kosovo kept without a code); for intensity, the countries by code
 * and the world (OWID_WRL). Values are checked as `data import` checks a figure, and an entity given twice for a
 * year is an error.
 * @throws DataError naming Our World in Data, the line and what is wrong.
 */
export function parseGrapher(
  text: string,
  url: string,
  file: keyof typeof OWID_FILES,
): { values: AreaYearValue[]; emptyValues: number } {
  const { columns } = OWID_FILES[file];
  checkHeader(OWID, url, text, columns, `Our World in Data's ${OWID_FILES[file].chart} CSV`);
  const values: AreaYearValue[] = [];
  let emptyValues = 0;
  eachLine(text, (line, number) => {
    const cells = csvCells(line);
    if (cells === undefined || cells.length !== columns.length) {
      throw new DataError(
        `${OWID}: the response from ${url} → line ${number} has ${cells === undefined ? 'a quoted field never closed' : `${cells.length} cells, not ${columns.length}`} (a file cut short?); nothing was changed.`,
      );
    }
    const [area, code, yearCell, cell] = cells as [string, string, string, string];
    let iso3: string | undefined;
    if (code === OWID_WORLD && file === 'intensity') iso3 = WORLD_CODE;
    else if (code === OWID_KOSOVO && file === 'demand') iso3 = undefined;
    else if (code === '' || code.startsWith('OWID_')) return;
    else if (/^[A-Z]{3}$/.test(code)) iso3 = code;
    else {
      throw new DataError(
        `${OWID}: the response from ${url} → line ${number} → Code is "${code.slice(0, 20)}", not three capital letters; nothing was changed.`,
      );
    }
    const year = checkedYear(OWID, url, number, yearCell);
    const value = checkedValue(OWID, url, number, columns[3], cell, file === 'demand' ? DEMAND_RANGE : INTENSITY_RANGE);
    if (value === undefined) emptyValues++;
    else values.push({ area, iso3, year, value, line: number });
  });
  if (values.length === 0)
    throw new DataError(`${OWID}: the response from ${url} has no country's values; nothing was changed.`);
  checkRepeats(OWID, url, file === 'demand' ? 'the demand' : 'the intensity', values);
  return { values, emptyValues };
}
