import { controlCharacterIn } from '../text.js';
import type { z } from 'zod';
import type { Dataset, DatasetKey } from './dataset.js';
import { DATA_SCHEMAS } from './schemas.js';

function describeRecord(record: unknown): string {
  if (typeof record !== 'object' || record === null) return '';
  const { id, model, region, month, year } = record as Record<string, unknown>;
  if (typeof id === 'string') return ` ("${id}")`;
  if (typeof model === 'string') return ` ("${model}")`;
  if (typeof region === 'string')
    return ` ("${region}"${typeof month === 'string' ? ` ${month}` : typeof year === 'number' ? ` ${year}` : ''})`;
  return '';
}

function describePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? '(the record)' : out;
}

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
  fileLabel: string,
): { ok: true; records: Dataset[K] } | { ok: false; problems: string[] } {
  const controls = controlCharacterProblems(raw, fileLabel);
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

/**
 * Strings with control characters: a terminal would obey them (colour, a new title, text run backwards), so data
 * may not carry them. Tabs and line breaks are refused too: no field of a data file is more than one line.
 */
function controlCharacterProblems(raw: unknown, fileLabel: string): string[] {
  if (!Array.isArray(raw)) return [];
  const problems: string[] = [];
  const visit = (value: unknown, index: number, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      const found = controlCharacterIn(value);
      if (found) {
        problems.push(
          `${fileLabel} → record ${index + 1}${describeRecord(raw[index])} → ${describePath(path)} → contains the control character ${found}`,
        );
      }
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, index, [...path, i]));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(item, index, [...path, key]);
    }
  };
  raw.forEach((record, index) => visit(record, index, []));
  return problems;
}
