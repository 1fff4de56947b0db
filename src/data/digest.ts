import { createHash } from 'node:crypto';
import type { Dataset } from './dataset.js';

/**
 * A short digest of a dataset as the tool read it (its records, not its files' layout): two pages made from the
 * same data show the same digest, whatever directory or formatting the data came in.
 */
export function dataDigest(data: Dataset): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}
