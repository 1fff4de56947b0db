import type { BaselineValue, Region } from '../../data/schemas.js';
import { COUNTRY_SHORT_NAMES } from '../../data/vocabulary.js';
import { UsageError } from '../../errors.js';
import type { DataIndex } from './lookup.js';
import { normaliseName, quoteList, suggest } from '../../text.js';

/**
 * The rules by which a user's words name a region:
 * - an id typed exactly always names that region;
 * - a bare two-letter code is an ISO 3166-1 alpha-2 country code (`CA` is Canada, `DE` Germany); a state or
 *   province is named by its ISO 3166-2 code (`US-CA`, `US-TX`, `CN-SC`), and a bare two-letter code that is
 *   only the end of such a code (`TX`) is refused with the region it may mean;
 * - any other query matches ids, names, aliases and ISO codes (case, spaces and hyphens ignored), and also the
 *   countries the electricity baselines list without a region of their own; more than one match is refused
 *   with the candidates, and a baseline country alone is refused with the remainder region it is part of;
 * - a country's common short names ({@link COUNTRY_SHORT_NAMES}: UK, Britain, USA…) name it as its own names do.
 */

/** A country a baseline lists that has no region (and so no hashrate share) of its own. */
export interface BaselineCountry {
  country: string;
  iso3: string | null;
}

const TWO_LETTERS = /^[a-z]{2}$/;

/** A country's common short names, by its ISO 3166-1 alpha-3 code. */
function shortNamesOf(iso3: string | null | undefined): string[] {
  return iso3 ? COUNTRY_SHORT_NAMES.filter((n) => n.iso3 === iso3).map((n) => n.name) : [];
}

/** The ISO 3166-1 alpha-3 code a common short name stands for, if it is one. */
function isoOfShortName(wanted: string): string | undefined {
  return COUNTRY_SHORT_NAMES.find((n) => normaliseName(n.name) === wanted)?.iso3;
}

function regionNames(region: Region): string[] {
  return [
    region.id,
    region.name,
    ...(region.aliases ?? []),
    ...(region.iso ? [region.iso] : []),
    ...(region.kind === 'country' ? shortNamesOf(region.iso) : []),
  ];
}

/** A country's two-letter aliases: its ISO 3166-1 alpha-2 code. */
function countryCodes(region: Region): string[] {
  if (region.kind !== 'country') return [];
  return (region.aliases ?? []).filter((alias) => TWO_LETTERS.test(normaliseName(alias)));
}

/** The subdivision part of an ISO 3166-2 code: `TX` of `US-TX`. */
function subdivisionCode(region: Region): string | null {
  const match = /^[A-Z]{2}-([A-Z0-9]{1,3})$/.exec(region.iso ?? '');
  return match?.[1] ?? null;
}

/** Longer names are not worth comparing with every region's for a "did you mean": no region name is near. */
const MAX_SUGGESTED_QUERY_CHARS = 200;

/** A long name quoted for a message by its start and length, so that one bad value cannot fill a screen. */
function shortQuote(query: string): string {
  return `"${query.slice(0, 60)}…" (${query.length} characters)`;
}

/** Countries listed by any baseline without a region of their own, once each, in first-seen order. */
export function baselineOnlyCountries(index: DataIndex): BaselineCountry[] {
  const regionIso = new Set(index.data.regions.flatMap((r) => (r.iso ? [r.iso] : [])));
  const regionNamesSeen = new Set(
    index.data.regions.filter((r) => r.kind === 'country').flatMap((r) => regionNames(r).map(normaliseName)),
  );
  const seen = new Set<string>();
  const countries: BaselineCountry[] = [];
  for (const baseline of index.data.baselines) {
    for (const value of baseline.values) {
      if (value.iso3 !== undefined && regionIso.has(value.iso3)) continue;
      if (regionNamesSeen.has(normaliseName(value.country))) continue;
      const key = value.iso3 ?? normaliseName(value.country);
      if (seen.has(key)) continue;
      seen.add(key);
      countries.push({ country: value.country, iso3: value.iso3 ?? null });
    }
  }
  return countries;
}

/** The region that holds the world's unnamed countries (kind `other` directly under the root), if any. */
export function worldRemainder(index: DataIndex): Region | undefined {
  const root = index.data.regions.find((r) => r.parent === null);
  return index.data.regions.find((r) => r.kind === 'other' && r.parent === (root?.id ?? null));
}

/** "state in United States". */
function placeOf(index: DataIndex, region: Region): string {
  return region.parent ? `${region.kind} in ${index.regions.get(region.parent)?.name ?? region.parent}` : region.kind;
}

/** `"georgia" (state in United States, US-GA)`. */
function describeRegion(index: DataIndex, region: Region): string {
  return `"${region.id}" (${placeOf(index, region)}${region.iso ? `, ${region.iso}` : ''})`;
}

function remainderClause(index: DataIndex): string {
  const remainder = worldRemainder(index);
  return remainder ? `it is part of \`${remainder.id}\`` : 'the data has no region for it';
}

function describeCountry(index: DataIndex, country: BaselineCountry): string {
  const iso = country.iso3 ? `, ${country.iso3}` : '';
  return `${country.country} (country${iso}: no hashrate share of its own; ${remainderClause(index)})`;
}

/** The refusal of a query that fits two or more candidates. */
function ambiguous(index: DataIndex, query: string, regions: Region[], countries: BaselineCountry[]): UsageError {
  const candidates = [
    ...regions.map((r) => describeRegion(index, r)),
    ...countries.map((c) => describeCountry(index, c)),
  ];
  const all = `${candidates.slice(0, -1).join(', ')} or ${candidates.at(-1)}`;
  return new UsageError(`Region "${query}" is ambiguous: it could be ${all}. Use the id or the ISO code.`);
}

function resolveTwoLetterCode(index: DataIndex, query: string, wanted: string): Region {
  const countries = index.data.regions.filter((r) => countryCodes(r).some((code) => normaliseName(code) === wanted));
  if (countries.length === 1) return countries[0] as Region;
  if (countries.length > 1) throw ambiguous(index, query, countries, []);
  const subdivisions = index.data.regions.filter((r) => subdivisionCode(r)?.toLowerCase() === wanted);
  const hint =
    subdivisions.length > 0
      ? ` A state or province takes its ISO 3166-2 code: did you mean ${subdivisions
          .map((r) => `"${r.iso}" (${r.id}, ${placeOf(index, r)})`)
          .join(' or ')}?`
      : ' `mining-energy regions` lists them all.';
  throw new UsageError(
    `Region "${query}" is not a country code the data knows. A bare two-letter code is an ISO 3166-1 alpha-2 country code.${hint}`,
  );
}

/**
 * Finds the region a user means by an id, name, alias or ISO code, by the rules above.
 * @throws UsageError for no match ("did you mean …"), several (listing them), a bare two-letter code that is no
 *   country's, or a country known only to a baseline (naming the remainder region it is part of).
 */
export function resolveRegion(index: DataIndex, query: string): Region {
  if (typeof query !== 'string') {
    throw new UsageError(`expected a region's id, name, alias or ISO code (a string), not ${typeof query}.`);
  }
  const exactId = index.regions.get(query.trim());
  if (exactId) return exactId;
  const wanted = normaliseName(query);
  const shortIso = isoOfShortName(wanted);
  if (shortIso !== undefined) {
    const region = index.data.regions.find((r) => r.kind === 'country' && r.iso === shortIso);
    if (region) return region;
    const country = baselineOnlyCountries(index).find((c) => c.iso3 === shortIso);
    if (country)
      throw new UsageError(`${country.country} has no hashrate share of its own; ${remainderClause(index)}.`);
  }
  if (TWO_LETTERS.test(wanted)) return resolveTwoLetterCode(index, query, wanted);
  const matchesWanted = (name: string) => normaliseName(name) === wanted;
  const regions = index.data.regions.filter((r) => regionNames(r).some(matchesWanted));
  const others = baselineOnlyCountries(index);
  const countries = others.filter((c) => matchesWanted(c.country) || (c.iso3 !== null && matchesWanted(c.iso3)));
  if (regions.length === 1 && countries.length === 0) return regions[0] as Region;
  if (regions.length + countries.length > 1) throw ambiguous(index, query, regions, countries);
  const [country] = countries;
  if (country) {
    throw new UsageError(`${country.country} has no hashrate share of its own; ${remainderClause(index)}.`);
  }
  if (query.length > MAX_SUGGESTED_QUERY_CHARS) {
    throw new UsageError(`Unknown region ${shortQuote(query)}. \`mining-energy regions\` lists them all.`);
  }
  const close = suggest(query, [...index.data.regions.flatMap(regionNames), ...others.map((c) => c.country)]).map(
    (name) => index.data.regions.find((r) => regionNames(r).includes(name))?.id ?? name,
  );
  const hint = close.length > 0 ? ` Did you mean ${quoteList([...new Set(close)])}?` : '';
  throw new UsageError(`Unknown region "${query}".${hint} \`mining-energy regions\` lists them all.`);
}

/**
 * Finds a country in a baseline by its name, its ISO 3166-1 alpha-3 code, or any name of the region with that code
 * (so `USA`, `US` and `united-states` all find the United States).
 * @throws UsageError when the baseline does not list it ("did you mean …").
 */
export function resolveBaselineCountry(
  index: DataIndex,
  baseline: { id: string; values: readonly BaselineValue[] },
  query: string,
): BaselineValue {
  const wanted = normaliseName(query);
  const byName = baseline.values.filter(
    (v) =>
      normaliseName(v.country) === wanted ||
      (v.iso3 !== undefined && normaliseName(v.iso3) === wanted) ||
      (v.iso3 !== undefined && shortNamesOf(v.iso3).some((name) => normaliseName(name) === wanted)),
  );
  if (byName.length === 1) return byName[0] as BaselineValue;
  const regionIso = index.data.regions
    .filter((r) => r.kind === 'country' && r.iso && regionNames(r).some((name) => normaliseName(name) === wanted))
    .map((r) => r.iso as string);
  const byRegion = baseline.values.filter((v) => v.iso3 !== undefined && regionIso.includes(v.iso3));
  const found = byName.length > 0 ? byName : byRegion;
  if (found.length === 1) return found[0] as BaselineValue;
  if (found.length > 1) {
    throw new UsageError(
      `"${query}" fits several countries of ${baseline.id}: ${quoteList(found.map((v) => v.country))}. Use the ISO 3166-1 alpha-3 code.`,
    );
  }
  const close = suggest(
    query,
    baseline.values.map((v) => v.country),
  );
  const hint = close.length > 0 ? ` Did you mean ${quoteList(close)}?` : '';
  throw new UsageError(`Baseline ${baseline.id} lists no country "${query}".${hint}`);
}

/**
 * {@link resolveRegion} for an option that takes one region: a name with a comma in it is looked up whole (an
 * alias such as "Iran, Islamic Rep." has one), and only when it does not resolve and each of its parts does is it
 * refused as a list, with `reason`.
 */
export function resolveOneRegion(index: DataIndex, query: string, reason: string): Region {
  try {
    return resolveRegion(index, query);
  } catch (error) {
    const parts = query.split(',').map((part) => part.trim());
    if (!(error instanceof UsageError) || parts.length < 2 || !parts.every((part) => resolves(index, part)))
      throw error;
    throw new UsageError(`"${query}" names ${parts.length} regions where one is expected: ${reason}.`);
  }
}

function resolves(index: DataIndex, query: string): boolean {
  try {
    resolveRegion(index, query);
    return true;
  } catch {
    return false;
  }
}
