import { markSeedsChecked } from './seed-check.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { escapePath } from '../text.js';
import { jsonProblemText, parseJson } from './json.js';
import { packageInfo } from './package.js';
import { checkDirectory, readTextFile } from './read-file.js';
import type { Seed } from './seed-schema.js';
import { appendAll } from './problems.js';

export function shippedSeedsDir(): string {
  return join(packageInfo().root, 'seeds');
}

/**
 * Reads every *.json in a seeds directory (in name order) and validates it.
 * @throws DataError naming each file and claim that does not validate.
 */
export async function loadSeeds(dir: string = shippedSeedsDir()): Promise<Seed[]> {
  checkDirectory(dir, 'Seeds directory');
  const { SeedSchema } = await import('./seed-schema.js');
  const problems: string[] = [];
  const seeds: Seed[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const path = join(dir, name);
    const parsed = parseJson(readTextFile(path, 'the seed file'));
    if (!parsed.ok) {
      problems.push(
        jsonProblemText(path, parsed.problem),
      );
      continue;
    }
    const result = SeedSchema.safeParse(parsed.value);
    if (result.success) seeds.push(result.data);
    else
      appendAll(
        problems,
        result.error.issues.map((i) => `${escapePath(path)} → ${i.path.join('.') || '(the file)'} → ${i.message}`),
      );
  }
  if (problems.length > 0) throw new DataError(`The seeds in ${escapePath(dir)} are invalid:`, problems);
  markSeedsChecked(seeds);
  return seeds;
}
