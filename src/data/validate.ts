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

/**
 * Validates one file's parsed JSON against its schema.
 * @returns the typed records, or one message per problem: file → record → field → what is wrong.
 */
export function validateFile<K extends DatasetKey>(
  key: K,
  raw: unknown,
  fileLabel: string,
): { ok: true; records: Dataset[K] } | { ok: false; problems: string[] } {
  const result = (DATA_SCHEMAS[key] as z.ZodType).safeParse(raw);
  if (result.success) return { ok: true, records: result.data as Dataset[K] };
  const problems = result.error.issues.map((issue) => {
    const [index, ...field] = issue.path;
    if (typeof index !== 'number')
      return `${fileLabel} → ${issue.message.replace(/^Invalid input: expected array.*$/, 'must be a JSON array of records')}`;
    const record = Array.isArray(raw) ? raw[index] : undefined;
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    const message = missing ? `is required (${issue.expected})` : issue.message;
    return `${fileLabel} → record ${index + 1}${describeRecord(record)} → ${describePath(field)} → ${message}`;
  });
  return { ok: false, problems };
}
