import { describe, expect, it } from 'vitest';
import { table } from '../../src/format/text/table.js';
import { formatNumber } from '../../src/format/terminal/numbers.js';

describe('a table of many rows', () => {
  it('is drawn for 200,000 rows (more than a spread of arguments can take)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [String(i), 'x']);
    const text = table(['n', 'text'], rows, [0], 80);
    const lines = text.split('\n');
    expect(lines).toHaveLength(200_000 + 4);
    expect(lines[2]).toBe('│      0 │ x    │');
    expect(lines.at(-3)).toBe('│ 199999 │ x    │');
  });

  it('formats whole numbers with thousands separators, as before', () => {
    expect(formatNumber(1234567.4)).toBe('1,234,567');
    expect(formatNumber(-1234.5)).toBe('-1,235');
    expect(formatNumber(999.94)).toBe('999.9');
  });
});
