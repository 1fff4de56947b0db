import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder under the system's temporary folder. */
export function temporaryDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `mining-energy-${name}-`));
}

/** Every file under a folder (hidden ones too) with its bytes as text, by path: to compare a folder before and after. */
export function directoryContents(dir: string): Record<string, string> {
  const contents: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) contents[entry] = readFileSync(path, 'latin1');
  }
  return contents;
}

/** A copy of a folder in a new temporary folder. */
export function copyDir(dir: string, name: string): string {
  const copy = temporaryDir(name);
  cpSync(dir, copy, { recursive: true });
  return copy;
}
