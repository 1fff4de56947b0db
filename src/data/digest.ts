import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.js';

/** JSON with every object's keys in sorted order: the same records give the same text, however they were written. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/**
 * A short digest of a dataset as the tool read it (its records, not its files' layout or their keys' order): two
 * pages made from the same data show the same digest, whatever directory or formatting the data came in.
 */
export function dataDigest(data: Dataset): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 16);
}
