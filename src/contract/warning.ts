import { z } from 'zod';
import { WARNING_CODES, WARNING_LEVELS } from '../data/warning-codes.js';

/** One warning in a document: its level (read from its code), its code, its words and the regions it names. */
export const WarningSchema = z
  .object({
    level: z
      .enum(WARNING_LEVELS)
      .describe(
        'changes-meaning: the figure means something other than a published total for the period; note: the rest',
      ),
    code: z.enum(WARNING_CODES).describe('what the warning is about, to filter on (docs/output.md lists each)'),
    message: z.string().describe('the warning in words'),
    regions: z.array(z.string()).optional().describe('the ids of the regions the warning is about, when it names some'),
  })
  .describe('what a reader of the figures must know');

export type Warning = z.infer<typeof WarningSchema>;
