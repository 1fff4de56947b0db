import { controlCharacterIn } from '../text.js';
import { isCalendarDate } from './dates.js';
import { MAX_TEXT_CHARS, YEAR_RANGE } from './limits.js';
import { ISO_DATE, KEBAB_ID, MAX_J_PER_TH, NOT_BLANK } from './patterns.js';
import type { Hardware } from './schemas.js';
import { EVIDENCE } from './vocabulary.js';
import { HARDWARE_FIELDS, type HardwareRule } from './hardware-fields.js';

/** A string a data file may hold: no control or invisible character, and not over {@link MAX_TEXT_CHARS}. */
function isSafeText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_CHARS && controlCharacterIn(value) === undefined;
}

/**
 * Each rule as a test that takes exactly the values its schema in schemas.ts takes, once validate.ts has refused
 * control characters and over-long strings anywhere in the file (which is why every string is checked for them).
 */
const PLAIN_RULES: Record<HardwareRule, (value: unknown) => boolean> = {
  text: (value) => isSafeText(value) && NOT_BLANK.test(value),
  date: (value) =>
    isSafeText(value) &&
    ISO_DATE.test(value) &&
    isCalendarDate(value) &&
    Number(value.slice(0, 4)) >= YEAR_RANGE.from &&
    Number(value.slice(0, 4)) <= YEAR_RANGE.to,
  efficiency: (value) => typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_J_PER_TH,
  id: (value) => isSafeText(value) && KEBAB_ID.test(value),
  evidence: (value) => (EVIDENCE as readonly unknown[]).includes(value),
  flag: (value) => typeof value === 'boolean',
};

const FIELD_ENTRIES = Object.entries(HARDWARE_FIELDS).map(([name, field]) => ({
  name,
  test: PLAIN_RULES[field.rule],
  optional: 'optional' in field,
}));
const FIELD_NAMES = new Set(Object.keys(HARDWARE_FIELDS));

/** A record as HardwareSchema takes it, with every field it allows and nothing else (or undefined if not). */
function plainMachine(value: unknown): Hardware | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!FIELD_NAMES.has(key)) return undefined;
  const machine: Record<string, unknown> = {};
  for (const { name, test, optional } of FIELD_ENTRIES) {
    const field = record[name];
    if (field === undefined && optional) continue;
    if (!test(field)) return undefined;
    machine[name] = field;
  }
  return machine as Hardware;
}

/**
 * A parsed hardware list's records when every one is plainly valid: each field HardwareSchema allows and no other,
 * each value as it requires, no string with a control character or over the length limit; the same records, field
 * for field, as the schema gives. Undefined when any record is not, for the schema to say what is wrong: a list
 * that passes here is one the schema passes, so a valid list is read without loading zod and compiling the schemas
 * (most of the time of `network --hardware`'s reading of a list).
 */
export function plainlyValidHardware(raw: unknown): Hardware[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const records: Hardware[] = [];
  for (const value of raw) {
    const machine = plainMachine(value);
    if (machine === undefined) return undefined;
    records.push(machine);
  }
  return records;
}
