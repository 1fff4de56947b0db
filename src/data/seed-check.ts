import { refuseProblems } from './problems.js';
import type { Seed } from './seed-schema.js';

/** Seed lists that loadSeeds returned (validated against the schema there), each known good. */
const checkedSeeds = new WeakSet<object>();

/** Marks a list as validated: loadSeeds's own. */
export function markSeedsChecked(seeds: readonly Seed[]): void {
  checkedSeeds.add(seeds);
}

type Field = 'id' | 'month' | 'pct' | 'count' | 'year' | 'nonNegative' | 'text' | 'ids' | 'texts' | 'figure';
/** Each check's fields, those ending in ? optional: what `claims` reads of it. */
const CHECK_FIELDS: Record<string, Record<string, Field>> = {
  share: { region: 'id', month: 'month', expectedPct: 'pct', tolerancePct: 'nonNegative', 'independent?': 'figure' },
  'share-rank': { region: 'id', month: 'month', rank: 'count' },
  'share-above': { region: 'id', other: 'id', from: 'month', 'to?': 'month' },
  'share-threshold': { region: 'id', 'month?': 'month', 'year?': 'year', abovePct: 'pct' },
  'shares-rise': { regions: 'ids', from: 'month', to: 'month' },
  'series-value': { series: 'id', year: 'year', expectedTwh: 'nonNegative', toleranceTwh: 'nonNegative' },
  'figure-above': { figure: 'figure', baseline: 'id', countries: 'texts' },
  'projection-vs-measured': { series: 'id', year: 'year', region: 'id', toleranceRatio: 'nonNegative' },
  none: { reason: 'text' },
};

const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const isMonth = (value: unknown) => typeof value === 'string' && /^\d{4}-(?:0[1-9]|1[0-2])$/.test(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Whether a value is what a field of that kind holds; an `independent` or `figure` is an object of its own. */
function fits(kind: Field, value: unknown): boolean {
  switch (kind) {
    case 'id':
    case 'text':
      return isText(value);
    case 'month':
      return isMonth(value);
    case 'pct':
      return isNumber(value) && value >= 0 && value <= 100;
    case 'count':
      return isNumber(value) && Number.isInteger(value) && value >= 1;
    case 'year':
      return isNumber(value) && Number.isInteger(value);
    case 'nonNegative':
      return isNumber(value) && value >= 0;
    case 'ids':
    case 'texts':
      return Array.isArray(value) && value.length > 0 && value.every(isText);
    case 'figure':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return kind satisfies never;
  }
}

/**
 * The problems of seeds the library is given that loadSeeds did not return: each seed an object with a
 * `document.id` and a list of claims, each claim with an `id`, its words and a `check` whose fields are those its
 * type reads, of the right kind. What loadSeeds's schema checks further (ids in kebab case, no unknown field) is
 * left to it.
 */
export function seedProblems(seeds: unknown): string[] {
  if (!Array.isArray(seeds)) return ['seeds → must be a list of seed documents (what loadSeeds() returns)'];
  const problems: string[] = [];
  seeds.forEach((seed: unknown, i) => {
    const at = `seeds[${i}]`;
    const s = seed as { document?: { id?: unknown }; claims?: unknown } | null;
    if (typeof s !== 'object' || s === null) return problems.push(`${at} → must be a seed document`);
    if (!isText(s.document?.id)) problems.push(`${at} → document.id: must be a text`);
    if (!Array.isArray(s.claims) || s.claims.length === 0) return problems.push(`${at} → claims: must list claims`);
    s.claims.forEach((claim: unknown, j) => {
      const c = claim as { id?: unknown; claim?: unknown; check?: Record<string, unknown> } | null;
      const where = `${at}.claims[${j}]`;
      if (typeof c !== 'object' || c === null) return problems.push(`${where} → must be a claim`);
      if (!isText(c.id)) problems.push(`${where} → id: must be a text`);
      if (!isText(c.claim)) problems.push(`${where} → claim: must be a text`);
      const check = c.check;
      const fields = typeof check?.type === 'string' ? CHECK_FIELDS[check.type] : undefined;
      if (check === undefined || fields === undefined || !Object.hasOwn(CHECK_FIELDS, check.type as string)) {
        return problems.push(`${where} → check.type: must be one of ${Object.keys(CHECK_FIELDS).join(', ')}`);
      }
      for (const [name, kind] of Object.entries(fields)) {
        const optional = name.endsWith('?');
        const field = optional ? name.slice(0, -1) : name;
        const value = check[field];
        if (value === undefined && optional) continue;
        if (!fits(kind, value)) problems.push(`${where} → check.${field}: is missing or not a ${kind}`);
      }
      return undefined;
    });
    return undefined;
  });
  return problems;
}

/**
 * Checks seeds given to `checkClaims`, unless loadSeeds returned them.
 * @throws DataError listing each problem.
 */
export function checkSeeds(seeds: readonly Seed[]): void {
  if (typeof seeds === 'object' && seeds !== null && checkedSeeds.has(seeds)) return;
  refuseProblems('The seeds given', seedProblems(seeds), { verb: 'have' });
  checkedSeeds.add(seeds);
}
