import type { Warning } from '../../contract/warning.js';
import { WARNING_CATALOGUE, WARNING_CODES, type WarningCode, type WarningLevel } from '../../data/warning-codes.js';

export { type Warning, type WarningCode, type WarningLevel, WARNING_CATALOGUE, WARNING_CODES };

/** A warning with its code, at the level the catalogue gives that code; `regions`: ids of the regions it names. */
export function warn(code: WarningCode, message: string, regions?: readonly string[]): Warning {
  return {
    level: WARNING_CATALOGUE[code].level,
    code,
    message,
    ...(regions === undefined || regions.length === 0 ? {} : { regions: [...regions] }),
  };
}

/** Whether a warning is about the carbon figure only (a command that shows no carbon leaves it out). */
export function isCarbonWarning(warning: Warning): boolean {
  return 'carbon' in WARNING_CATALOGUE[warning.code];
}
