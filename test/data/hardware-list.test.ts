import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainlyValidHardware } from '../../src/data/hardware-list.js';
import { validateFile } from '../../src/data/validate.js';
import { ROOT } from '../helpers.js';

const MACHINE = {
  model: 'Antminer S9',
  released: '2016-06-01',
  jPerTh: 98,
  source: 'cbeci-hardware-2020',
  evidence: 'primary',
};

/** The schema's reading of a list, as JSON text (so that the order of each record's fields counts too). */
function schemaText(raw: unknown): string | undefined {
  const result = validateFile('hardware', raw, 'hardware.json');
  return result.ok ? JSON.stringify(result.records) : undefined;
}

describe('plainlyValidHardware', () => {
  it.each(['data/hardware.json', 'test/fixtures/cbeci/hardware.json'])(
    'reads %s as the schema does, field for field and in its order',
    (file) => {
      const raw = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as unknown;
      const records = plainlyValidHardware(raw);
      expect(records).toBeDefined();
      expect(JSON.stringify(records)).toBe(schemaText(raw));
    },
  );

  it('puts the fields in the schema order, with approximate and note only when given', () => {
    const raw = [{ note: 'n', evidence: 'copy', approximate: true, source: 's', jPerTh: 1e10, released: '2020-02-29', model: 'm' }];
    expect(JSON.stringify(plainlyValidHardware(raw))).toBe(schemaText(raw));
    expect(Object.keys(plainlyValidHardware([MACHINE])?.[0] ?? {})).toEqual(Object.keys(MACHINE));
  });

  it.each<[string, unknown]>([
    ['not an array', { machines: [MACHINE] }],
    ['a record that is not an object', [MACHINE, 'S9']],
    ['a record that is an array', [[MACHINE]]],
    ['an unknown field', [{ ...MACHINE, hashrate: 14 }]],
    ['a field named __proto__', [JSON.parse(`{"__proto__": 1, ${JSON.stringify(MACHINE).slice(1)}`)]],
    ['a missing model', [{ ...MACHINE, model: undefined }]],
    ['a blank model', [{ ...MACHINE, model: ' \t' }]],
    ['a model with a control character', [{ ...MACHINE, model: 'S9\u001b[31m' }]],
    ['a model with a zero-width space', [{ ...MACHINE, model: 'S\u200b9' }]],
    ['a model over the length limit', [{ ...MACHINE, model: 'S'.repeat(10_001) }]],
    ['a date not as YYYY-MM-DD', [{ ...MACHINE, released: '2016-6-1' }]],
    ['a date that is no calendar date', [{ ...MACHINE, released: '2017-02-29' }]],
    ['a date with a month 13', [{ ...MACHINE, released: '2016-13-01' }]],
    ['an efficiency of 0', [{ ...MACHINE, jPerTh: 0 }]],
    ['a negative efficiency', [{ ...MACHINE, jPerTh: -98 }]],
    ['an efficiency over 1e10', [{ ...MACHINE, jPerTh: 1.0000001e10 }]],
    ['an efficiency as text', [{ ...MACHINE, jPerTh: '98' }]],
    ['a source that is no kebab-case id', [{ ...MACHINE, source: 'CBECI 2020' }]],
    ['an unknown evidence', [{ ...MACHINE, evidence: 'guess' }]],
    ['approximate as text', [{ ...MACHINE, approximate: 'yes' }]],
    ['a blank note', [{ ...MACHINE, note: '' }]],
    ['a note with a line break', [{ ...MACHINE, note: 'two\nlines' }]],
    ['a note of null', [{ ...MACHINE, note: null }]],
  ])('leaves a list with %s to the schema, which refuses it', (_, raw) => {
    expect(plainlyValidHardware(raw)).toBeUndefined();
    expect(schemaText(raw)).toBeUndefined();
  });

  it('takes a list only when the schema takes it, and then gives the same records', () => {
    const text = fc.oneof(
      fc.constantFrom('', ' ', 'S9', 'a-b', 'x\u0007', 'ü', '2016-06-01', '2016-02-30', 'primary', 'copy'),
      fc.string({ maxLength: 6 }),
    );
    const value = fc.oneof(text, fc.double(), fc.constantFrom(0, 98, 1e10, 1e11, -1), fc.boolean(), fc.constant(null));
    /** Mostly a good value, at times anything; a required field is at times left out (see requiredKeys). */
    const field = (good: fc.Arbitrary<unknown>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: value });
    const machine = fc.record(
      {
        model: field(fc.constantFrom('S9', 'Antminer S19 Pro')),
        released: field(fc.constantFrom('2016-06-01', '2020-02-29')),
        jPerTh: field(fc.constantFrom(98, 29.5, 1e10)),
        source: field(fc.constantFrom('cbeci-hardware-2020', 'x')),
        evidence: field(fc.constantFrom('primary', 'secondhand')),
        approximate: field(fc.boolean()),
        note: field(fc.constantFrom('n', 'a note')),
        extra: value,
      },
      { requiredKeys: ['model', 'released', 'jPerTh', 'source', 'evidence'] },
    ).map((record) => {
      // Each required field left out now and then, and a field the schema does not know rarely added.
      const { extra, ...fields } = record as Record<string, unknown>;
      const hash = JSON.stringify(record).length;
      if (hash % 17 === 0) delete fields.model;
      if (hash % 23 === 0) delete fields.evidence;
      return hash % 13 === 0 ? { ...fields, extra } : fields;
    });
    let taken = 0;
    fc.assert(
      fc.property(fc.array(machine, { maxLength: 3 }), (list) => {
        const raw = JSON.parse(JSON.stringify(list)) as unknown;
        const records = plainlyValidHardware(raw);
        if (records === undefined) return;
        if (records.length > 0) taken++;
        expect(JSON.stringify(records)).toBe(schemaText(raw));
      }),
      { numRuns: 2_000, seed: 20_261_122 },
    );
    // Lists of valid machines are among those made, not only empty lists and refusals.
    expect(taken).toBeGreaterThan(200);
  });
});
