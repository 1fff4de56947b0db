import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError } from '../errors.js';
import {
  DATA_FILE_NAMES,
  DATASET_KEYS,
  type Dataset,
  type DatasetKey,
  duplicateKeys,
  EMPTY_DATASET,
  mergeDatasets,
  OPTIONAL_KEYS,
  RECORD_LABEL,
} from './dataset.js';
import { parseJson } from './json.js';
import { packageInfo } from './package.js';
import { checkReferences } from './references.js';

/** Options for {@link loadData}. */
export interface LoadDataOptions {
  /** A user's data directory, merged over the shipped data; any of its files may be left out. */
  dataDir?: string;
  /** Whether to start from the shipped data (default true). Without it, `dataDir` must hold every required file (hardware.json may be left out). */
  defaultData?: boolean;
}

/** The shipped data directory (`data/` in the package). */
export function shippedDataDir(): string {
  return join(packageInfo().root, 'data');
}

/** Where the build keeps an exact copy of the shipped data files it validated. */
export const VALIDATED_COPY_DIR = join('dist', 'validated-data');

interface RawFile {
  key: DatasetKey;
  label: string;
  text: string;
}

function readDirectory(dir: string, required: boolean): RawFile[] {
  if (!existsSync(dir)) throw new DataError(`Data directory ${dir} does not exist.`);
  if (!statSync(dir).isDirectory()) throw new DataError(`${dir} is not a directory; --data takes a data directory.`);
  const files: RawFile[] = [];
  const missing: string[] = [];
  for (const key of DATASET_KEYS) {
    const path = join(dir, DATA_FILE_NAMES[key]);
    if (!existsSync(path)) {
      if (!OPTIONAL_KEYS.includes(key)) missing.push(DATA_FILE_NAMES[key]);
      continue;
    }
    try {
      files.push({ key, label: path, text: readFileSync(path, 'utf8') });
    } catch (error) {
      throw new DataError(`Cannot read ${path}: ${(error as Error).message}`);
    }
  }
  if (required && missing.length > 0) {
    throw new DataError(`Data directory ${dir} is missing ${missing.join(', ')}.`, [
      'without the shipped data (--no-default-data) every file must be present',
    ]);
  }
  if (files.length === 0) {
    throw new DataError(
      `Data directory ${dir} holds none of the data files (${Object.values(DATA_FILE_NAMES).join(', ')}).`,
    );
  }
  return files;
}

function parseFiles(files: readonly RawFile[], problems: string[]): Map<DatasetKey, unknown> {
  const parsed = new Map<DatasetKey, unknown>();
  for (const file of files) {
    const result = parseJson(file.text);
    if (result.ok) parsed.set(file.key, result.value);
    else {
      const { line, column, message } = result.problem;
      problems.push(`${file.label} → line ${line}, column ${column} → not valid JSON: ${message}`);
    }
  }
  return parsed;
}

async function validateFiles(files: readonly RawFile[], parsed: Map<DatasetKey, unknown>, problems: string[]) {
  const { validateFile } = await import('./validate.js');
  const dataset: Partial<Dataset> = {};
  for (const file of files) {
    if (!parsed.has(file.key)) continue;
    const result = validateFile(file.key, parsed.get(file.key), file.label);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const duplicates = duplicateKeys(file.key, result.records);
    for (const { first, second } of duplicates) {
      const label = RECORD_LABEL[file.key](result.records[second - 1] as never);
      problems.push(
        `${file.label} → records ${first} and ${second} (${label}) → the same key appears twice in one file; keep one (a record replaces a shipped one only from a --data directory)`,
      );
    }
    if (duplicates.length === 0) (dataset as Record<DatasetKey, unknown>)[file.key] = result.records;
  }
  return dataset;
}

/**
 * True when every shipped file is exactly the text the build validated (a plain string comparison: cheaper
 * at start-up than hashing, and than loading zod to validate again).
 */
function shippedFilesTrusted(files: readonly RawFile[]): boolean {
  const copyDir = join(packageInfo().root, VALIDATED_COPY_DIR);
  return (
    files.length === DATASET_KEYS.length &&
    files.every((file) => {
      const copy = join(copyDir, DATA_FILE_NAMES[file.key]);
      return existsSync(copy) && readFileSync(copy, 'utf8') === file.text;
    })
  );
}

/**
 * Reads, validates and merges the data the tool works from.
 * The shipped files are validated at build time; they are re-validated here only when they differ from what the build checked.
 * @throws DataError naming every problem (file → record → field → what is wrong).
 */
export async function loadData(options: LoadDataOptions = {}): Promise<Dataset> {
  const useDefault = options.defaultData ?? true;
  if (!useDefault && options.dataDir === undefined) {
    throw new DataError('No data to use: --no-default-data needs --data <dir>.');
  }
  const problems: string[] = [];
  let base: Dataset = EMPTY_DATASET;
  let trusted = false;
  if (useDefault) {
    const files = readDirectory(shippedDataDir(), true);
    const parsed = parseFiles(files, problems);
    trusted = problems.length === 0 && shippedFilesTrusted(files);
    base = trusted
      ? (Object.fromEntries(parsed) as unknown as Dataset)
      : { ...EMPTY_DATASET, ...(await validateFiles(files, parsed, problems)) };
  }
  let data = base;
  if (options.dataDir !== undefined) {
    const dir = resolve(options.dataDir);
    const files = readDirectory(dir, !useDefault);
    const overlay = await validateFiles(files, parseFiles(files, problems), problems);
    data = mergeDatasets(base, overlay);
    trusted = false;
  }
  if (problems.length === 0 && !trusted) problems.push(...checkReferences(data));
  if (problems.length > 0) {
    const where = options.dataDir === undefined ? 'The shipped data' : `The data in ${resolve(options.dataDir)}`;
    throw new DataError(
      `${where} ${problems.length === 1 ? 'has a problem' : `has ${problems.length} problems`}:`,
      problems,
    );
  }
  return data;
}
