/** Types of scripts/synthetic-data.mjs, a plain JavaScript module shared by tests and the bench. */
export function writeUserRegions(dir: string, count: number): string;
