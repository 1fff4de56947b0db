/** How messages about a data file name a record and a field inside it. */

/** ` ("id")`, ` ("model")` or ` ("region" month)`: the record's key in words, or nothing when it has none. */
export function describeRecord(record: unknown): string {
  if (typeof record !== 'object' || record === null) return '';
  const { id, model, region, month, year } = record as Record<string, unknown>;
  if (typeof id === 'string') return ` ("${id}")`;
  if (typeof model === 'string') return ` ("${model}")`;
  if (typeof region === 'string')
    return ` ("${region}"${typeof month === 'string' ? ` ${month}` : typeof year === 'number' ? ` ${year}` : ''})`;
  return '';
}

/** `values[2].twh`, or "(the record)" for the record itself. */
export function describePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? '(the record)' : out;
}
