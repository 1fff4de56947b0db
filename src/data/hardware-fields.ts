/** The kinds of value a hardware record holds; each is one zod schema in schemas.ts and one test in hardware-list.ts. */
export type HardwareRule = 'text' | 'date' | 'efficiency' | 'id' | 'evidence' | 'flag';

/**
 * A hardware record's fields, in the order a checked record has them, each with the rule its value follows and
 * whether it may be left out: the one definition from which both HardwareSchema (schemas.ts) and the zod-free
 * check (hardware-list.ts) are made.
 */
export const HARDWARE_FIELDS = {
  model: { rule: 'text' },
  released: { rule: 'date' },
  jPerTh: { rule: 'efficiency' },
  source: { rule: 'id' },
  evidence: { rule: 'evidence' },
  approximate: { rule: 'flag', optional: true },
  note: { rule: 'text', optional: true },
} as const satisfies Record<string, { rule: HardwareRule; optional?: true }>;
