// The closed vocabularies of the data, kept apart from the zod schemas so that the core and the CLI can use them
// without loading zod at start-up.

/**
 * How a figure was seen, strongest first: in the publisher's own page or file (`primary`), in a verbatim copy of
 * it (`copy`), worked out here from figures so seen (`computed`), or only as a third party reported it
 * (`secondhand`).
 */
export const EVIDENCE = ['primary', 'copy', 'computed', 'secondhand'] as const;

/**
 * How a share was obtained for a period (the share model, src/core/shares/share-model.ts): the mean of its records
 * in the period, a straight line between the nearest records on each side, or the nearest record carried as it is.
 */
export const OBTAINED = ['recorded', 'interpolated', 'carried'] as const;
export type Evidence = (typeof EVIDENCE)[number];

/**
 * What a network-energy value covers: a calendar year's total (the default); part of a year (`days` to
 * `through`, the energy of those days, not a yearly rate); an annualised rate read on one date (`asOf`, TWh a
 * year); or a total over several calendar years (`year` to `toYear`).
 */
export const COVERAGES = ['year', 'partial-year', 'snapshot', 'multi-year'] as const;
export type Coverage = (typeof COVERAGES)[number];

/**
 * What a carbon intensity counts: CO2 from burning fuel at the plant (`direct`), or every greenhouse gas over
 * the plant's life, upstream included, as CO2-equivalent (`life-cycle`). The two differ by about 12% for the same
 * grid and year, so they are never mixed silently.
 */
export const CARBON_BASES = ['life-cycle', 'direct'] as const;
export type CarbonBasis = (typeof CARBON_BASES)[number];

/** Days in a calendar year (Gregorian). */
export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/**
 * What an estimate rests on that a reader (or a script filtering rows) must know, one code each:
 * a region in the chain with a note of its own (CBECI's VPN-distorted Germany and Ireland); a projection;
 * a basis covering part of the year (annualised), an annualised reading, or the yearly mean of a multi-year total;
 * a secondhand figure (or one computed from secondhand figures); a share from before a structural break; a share
 * from outside the period; an approximate figure; a share from a named dataset (a survey); carbon on another basis
 * than asked.
 */
export const CAVEATS = [
  'region-note',
  'projection',
  'partial-year',
  'snapshot',
  'multi-year',
  'computed-basis',
  'secondhand',
  'pre-break-share',
  'stale-share',
  'interpolated-share',
  'approximate',
  'dataset-share',
  'carbon-basis',
] as const;
export type Caveat = (typeof CAVEATS)[number];

/**
 * Short and common English names of countries, beside the names the data give them: each taken as that country
 * (by its ISO 3166-1 alpha-3 code) wherever a region or a baseline's country is named, with the source in
 * sources.json that lists it. Great Britain is strictly the island (without Northern Ireland); it stands for the
 * United Kingdom here, as no data describe the island alone.
 */
export const COUNTRY_SHORT_NAMES: readonly { iso3: string; name: string; source: string }[] = [
  { iso3: 'GBR', name: 'UK', source: 'cia-factbook-country-names' },
  { iso3: 'GBR', name: 'Britain', source: 'govuk-style-a-to-z' },
  { iso3: 'GBR', name: 'Great Britain', source: 'ons-style-uk-great-britain' },
  { iso3: 'USA', name: 'US', source: 'cia-factbook-country-names' },
  { iso3: 'USA', name: 'USA', source: 'cia-factbook-country-names' },
  { iso3: 'RUS', name: 'Russian Federation', source: 'cia-factbook-country-names' },
  { iso3: 'KOR', name: 'Republic of Korea', source: 'cia-factbook-country-names' },
  { iso3: 'KOR', name: 'ROK', source: 'cia-factbook-country-names' },
  { iso3: 'PRK', name: "Democratic People's Republic of Korea", source: 'cia-factbook-country-names' },
  { iso3: 'PRK', name: 'DPRK', source: 'cia-factbook-country-names' },
  { iso3: 'CZE', name: 'Czech Republic', source: 'cia-factbook-country-names' },
  { iso3: 'MMR', name: 'Burma', source: 'govuk-country-names-2018' },
  { iso3: 'MMR', name: 'Myanmar', source: 'govuk-country-names-2018' },
];

/** The kinds of region: the world, its countries (and `other`), and the provinces and states inside them. */
export const REGION_KINDS = ['world', 'country', 'province', 'state', 'other'] as const;
