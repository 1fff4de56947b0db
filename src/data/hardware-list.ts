import { controlCharacterIn } from '../text.js';
import { isCalendarDate } from './dates.js';
import { MAX_TEXT_CHARS } from './limits.js';
import { ISO_DATE, KEBAB_ID, MAX_J_PER_TH, NOT_BLANK } from './patterns.js';
import type { Hardware } from './schemas.js';
import { EVIDENCE } from './vocabulary.js';

/** HardwareSchema's fields (src/data/schemas.ts), in its order: the order of a record's fields once checked. */
const HARDWARE_FIELDS = new Set(['model', 'released', 'jPerTh', 'source', 'evidence', 'approximate', 'note']);


/** A string a data file may hold: no control or invisible character, and not over {@link MAX_TEXT_CHARS}. */
function isSafeText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_CHARS && controlCharacterIn(value) === undefined;
}

/** A record as HardwareSchema takes it, with every field it allows and nothing else (or undefined if not). */
function plainMachine(value: unknown): Hardware | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!HARDWARE_FIELDS.has(key)) return undefined;
  const { model, released, jPerTh, source, evidence, approximate, note } = record;
  const valid =
    isSafeText(model) &&
    NOT_BLANK.test(model) &&
    isSafeText(released) &&
    ISO_DATE.test(released) &&
    isCalendarDate(released) &&
    typeof jPerTh === 'number' &&
    Number.isFinite(jPerTh) &&
    jPerTh > 0 &&
    jPerTh <= MAX_J_PER_TH &&
    isSafeText(source) &&
    KEBAB_ID.test(source) &&
    (EVIDENCE as readonly unknown[]).includes(evidence) &&
    (approximate === undefined || typeof approximate === 'boolean') &&
    (note === undefined || (isSafeText(note) && NOT_BLANK.test(note)));
  if (!valid) return undefined;
  return {
    model,
    released,
    jPerTh,
    source,
    evidence: evidence as Hardware['evidence'],
    ...(approximate === undefined ? {} : { approximate }),
    ...(note === undefined ? {} : { note }),
  };
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
