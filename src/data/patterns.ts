/**
 * The shapes of values in data files, shared by the schemas (src/data/schemas.ts) and the checks that read a
 * plainly valid file without them (src/data/hardware-list.ts): one definition of each rule.
 */

/** An id: lower-case letters and digits in groups joined by single hyphens. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A date as YYYY-MM-DD (whether the day exists in its month is checked by isCalendarDate). */
/** A month, YYYY-MM. */
export const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;
export const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** Text that is not empty or blank. */
export const NOT_BLANK = /\S/;

/** A machine's efficiency, J/TH, at most: CBECI's list starts with CPUs at 1e8 J/TH. */
export const MAX_J_PER_TH = 1e10;
