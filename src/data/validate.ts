import { controlCharacterIn, escapePath, formatCount } from '../text.js';
import type { z } from 'zod';
import type { Dataset, DatasetKey } from './dataset.js';
import { MAX_REGIONS, MAX_TEXT_CHARS, overRegionLimit } from './limits.js';
import { describePath, describeRecord } from './record-label.js';
import { DATA_SCHEMAS } from './schemas.js';

/** The value at a path inside a parsed record, or undefined where the path leads nowhere. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * Validates one file's parsed JSON against its schema.
 * @returns the typed records, or one message per problem: file → record → field → what is wrong.
 */
export function validateFile<K extends DatasetKey>(
  key: K,
  raw: unknown,
  file: string,
): { ok: true; records: Dataset[K] } | { ok: false; problems: string[] } {
  const fileLabel = escapePath(file);
  if (key === 'regions' && Array.isArray(raw) && raw.length > MAX_REGIONS) {
    // Refused before the schema is run over each of them.
    return {
      ok: false,
      problems: [
        `${fileLabel} → record ${formatCount(MAX_REGIONS + 1)}${describeRecord(raw[MAX_REGIONS])} → ${overRegionLimit(raw.length)}`,
      ],
    };
  }
  const controls = controlCharacterProblems(raw, fileLabel);
  // A string over the limit is refused before the schema's patterns run over it.
  if (controls.some((problem) => problem.includes('(MAX_TEXT_CHARS)'))) return { ok: false, problems: controls };
  const result = (DATA_SCHEMAS[key] as z.ZodType).safeParse(raw);
  if (result.success && controls.length === 0) return { ok: true, records: result.data as Dataset[K] };
  if (result.success) return { ok: false, problems: controls };
  const problems = result.error.issues.map((issue) => {
    const [index, ...field] = issue.path;
    if (typeof index !== 'number')
      return `${fileLabel} → ${issue.message.replace(/^Invalid input: expected array.*$/, 'must be a JSON array of records')}`;
    const record = Array.isArray(raw) ? raw[index] : undefined;
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && valueAt(record, field) === undefined;
    const expected = issue.code === 'invalid_value' ? `one of ${issue.values.join(', ')}` : issue.code === 'invalid_type' ? issue.expected : '';
    const message = missing ? `is required (${expected})` : issue.message;
    return `${fileLabel} → record ${index + 1}${describeRecord(record)} → ${describePath(field)} → ${message}`;
  });
  return { ok: false, problems: [...problems, ...controls] };
}

/** "control" for a control character, "bidirectional control" for a mark, override or isolate, else "invisible". */
function characterKind(codePoint: string): string {
  const char = String.fromCodePoint(Number.parseInt(codePoint.slice(2), 16));
  if (/[\p{Cc}\u2028\u2029]/u.test(char)) return 'control';
  return /\p{Bidi_Control}/u.test(char) ? 'bidirectional control' : 'invisible';
}

/**
 * Strings with control or invisible characters: a terminal would obey them (colour, a new title, text run
 * backwards), or they would make two names look the same, so data may not carry them. Tabs and line breaks are
 * refused too: no field of a data file is more than one line. So is a string over {@link MAX_TEXT_CHARS}.
 */
function controlCharacterProblems(raw: unknown, fileLabel: string): string[] {
  if (!Array.isArray(raw)) return [];
  const problems: string[] = [];
  const report = (index: number, path: readonly PropertyKey[], found: string, what: string) =>
    problems.push(
      `${fileLabel} → record ${index + 1}${describeRecord(raw[index])} → ${describePath(path)} → ${what} the ${characterKind(found)} character ${found}`,
    );
  // Every string of every record, property names included, walked with an explicit stack (no recursion: a
  // deeply nested value costs no call stack). Each item links to its parent's path, so a path is built only
  // for a problem to report, and the walk stays linear however deep the nesting.
  interface Item {
    value: unknown;
    index: number;
    key: PropertyKey | null;
    up: Item | null;
  }
  const pathOf = (item: Item) => {
    const path: PropertyKey[] = [];
    for (let at: Item | null = item; at !== null && at.key !== null; at = at.up) path.push(at.key);
    return path.reverse();
  };
  const pending: Item[] = raw.map((value, index) => ({ value, index, key: null, up: null })).reverse();
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, index } = item;
    if (typeof value === 'string') {
      if (value.length > MAX_TEXT_CHARS) {
        problems.push(
          `${fileLabel} → record ${index + 1}${describeRecord(raw[index])} → ${describePath(pathOf(item))} → is ${formatCount(value.length)} characters long, over the limit of ${formatCount(MAX_TEXT_CHARS)} (MAX_TEXT_CHARS)`,
        );
        continue;
      }
      const found = controlCharacterIn(value);
      if (found) report(index, pathOf(item), found, 'contains');
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], index, key: i, up: item });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        const found = controlCharacterIn(key);
        if (found) report(index, pathOf(item), found, 'has a property name with');
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        pending.push({ value: child, index, key, up: item });
      }
    }
  }
  return problems;
}
