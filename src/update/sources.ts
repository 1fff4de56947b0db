import { UsageError } from '../errors.js';

/**
 * Every live source a data directory may be kept current from: its default base URL (scheme, host and port, the
 * paths of its requests kept) and the variable that points it elsewhere, a mirror or a local test server.
 */
export const SOURCE_BASES = {
  coinmetrics: { env: 'MINING_ENERGY_COINMETRICS_URL', base: 'https://community-api.coinmetrics.io' },
  cbeci: { env: 'MINING_ENERGY_CBECI_URL', base: 'https://ccaf.io' },
  ember: { env: 'MINING_ENERGY_EMBER_URL', base: 'https://files.ember-energy.org' },
  owid: { env: 'MINING_ENERGY_OWID_URL', base: 'https://ourworldindata.org' },
} as const;

export type SourceName = keyof typeof SOURCE_BASES;

/** The sources `data update` can fetch now, in the order `data update` without names runs them. */
export const UPDATE_SOURCES = ['coinmetrics', 'cbeci', 'ember', 'owid'] as const;
export type UpdateSourceName = (typeof UPDATE_SOURCES)[number];

/**
 * Days already held that an update asks for again and compares: the last week, where a source's late corrections
 * would show.
 */
export const OVERLAP_DAYS = 7;

/**
 * A source's base URL: the variable's value when set (an origin only: `http://127.0.0.1:8080`, with no path, query
 * or user), else the source's own.
 * @throws UsageError naming the variable when its value is not an http(s) origin.
 */
export function sourceBase(name: SourceName, env: Readonly<Record<string, string | undefined>>): string {
  const { env: variable, base } = SOURCE_BASES[name];
  const value = env[variable]?.trim();
  if (value === undefined || value === '') return base;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${variable} must be a URL such as http://127.0.0.1:8080, not "${value}".`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new UsageError(
      `${variable} must be a scheme, host and port only (such as http://127.0.0.1:8080); the requests keep their own paths. Not "${value}".`,
    );
  }
  return url.origin;
}
