import { markChecked } from './checked-dataset.js';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { escapePath } from '../text.js';
import {
  DATA_FILE_NAMES,
  DATASET_KEYS,
  type Dataset,
  type DatasetKey,
  duplicateKeys,
  EMPTY_DATASET,
  mergeDatasets,
  mergeRecords,
  NETWORK_INPUTS_FILE,
  OPTIONAL_KEYS,
  RECORD_KEY,
  RECORD_LABEL,
} from './dataset.js';
import { duplicateProperties, jsonProblemText, parseJson } from './json.js';
import { DailyInputs, dailyInputsPath } from './daily-inputs.js';
import { packageInfo } from './package.js';
import { checkDirectory, decodeText, pathExists, readFileBytes, readTextFile } from './read-file.js';
import { describePath, describeRecord } from './record-label.js';
import { checkReferences } from './references.js';
import { appendAll, refuseProblems } from './problems.js';
import { readUserSnapshot, type UserFileStats, userFileStats, writeUserSnapshot } from './user-snapshot.js';


/** Options for {@link loadData}. */
export interface LoadDataOptions {
  /** A user's data directory, merged over the shipped data; any of its files may be left out. */
  dataDir?: string;
  /** Whether to start from the shipped data (default true). Without it, `dataDir` must hold every required file (hardware.json may be left out). */
  defaultData?: boolean;
  /**
   * A per-user data directory (see `userDataDir`), merged over the shipped data and under `dataDir`; nothing is
   * merged when it does not exist, or without the shipped data. Any of its files may be left out.
   */
  userDir?: string;
}

/** The shipped data directory (`data/` in the package). */
export function shippedDataDir(): string {
  return join(packageInfo().root, 'data');
}

/**
 * Where the build keeps the shipped data it validated, as one JSON object (see {@link shippedSnapshotText}):
 * reading and parsing it once is cheaper at start-up than reading, comparing and parsing each file.
 */
export const SHIPPED_SNAPSHOT_FILE = join('dist', 'shipped-data.json');

/**
 * The snapshot of the shipped data the build writes: one JSON object whose members are the data files, keyed as
 * in the dataset, each file's text copied exactly. A run compares it with the bytes of data/ as they are now, and
 * trusts it only when the two are the same.
 */
export function shippedSnapshotText(files: readonly DataFileText[]): string {
  return snapshotParts(files.map((file) => [file.key, file.text])).join('');
}

/** The snapshot's text in order: `{"key":`, the first file, `,"key":`, the next…, `}`. */
function snapshotParts<Content>(files: readonly (readonly [DatasetKey, Content])[]): (string | Content)[] {
  return [...files.flatMap(([key, content], i) => [`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`, content]), '}'];
}

/** The text of one data file, as read from a directory or about to be written to one; `label` names it in messages. */
export interface DataFileText {
  key: DatasetKey;
  label: string;
  text: string;
}

type RawFile = DataFileText;

export { MAX_LISTED_PROBLEMS } from './problems.js';

/**
 * The data files present in a directory, each read safely: a file that is there in any form (a broken symbolic
 * link, a directory, a named pipe) is read and refused with its kind, never taken for an absent one.
 * @throws DataError when the directory cannot be read or a data file is not a regular file the tool can read.
 */
function readDirectory(dir: string): RawFile[] {
  checkDirectory(dir, 'Data directory');
  const files: RawFile[] = [];
  for (const key of DATASET_KEYS) {
    const path = join(dir, DATA_FILE_NAMES[key]);
    if (!pathExists(path)) continue;
    files.push({ key, label: path, text: readTextFile(path, 'the data file') });
  }
  return files;
}

/** Checks that a directory's files are enough: some data file, and every required one when `required`. */
function checkPresence(dir: string, files: readonly { key: DatasetKey }[], required: boolean, shipped = false): void {
  const present = new Set(files.map((file) => file.key));
  const missing = DATASET_KEYS.filter((key) => !present.has(key) && !OPTIONAL_KEYS.includes(key)).map(
    (key) => DATA_FILE_NAMES[key],
  );
  if (shipped && missing.length > 0) {
    throw new DataError(`The shipped data in ${escapePath(dir)} is missing ${missing.join(', ')}.`, [
      'the installed package is incomplete: install mining-energy again (npm install mining-energy)',
    ]);
  }
  if (required && missing.length > 0) {
    throw new DataError(`Data directory ${escapePath(dir)} is missing ${missing.join(', ')}.`, [
      'without the shipped data (--no-default-data) every file must be present',
    ]);
  }
  if (files.length === 0 && !pathExists(join(dir, NETWORK_INPUTS_FILE))) {
    throw new DataError(
      `Data directory ${escapePath(dir)} holds none of the data files (${[...Object.values(DATA_FILE_NAMES), NETWORK_INPUTS_FILE].join(', ')}).`,
    );
  }
}

/**
 * Parses each file's JSON. With `checkNames` (a user's files), a property given twice in one object is a
 * problem: JSON.parse would keep the last value and drop the first without a word.
 */
function parseFiles(files: readonly RawFile[], problems: string[], checkNames: boolean): Map<DatasetKey, unknown> {
  const parsed = new Map<DatasetKey, unknown>();
  for (const file of files) {
    const result = parseJson(file.text);
    if (!result.ok) {
      problems.push(jsonProblemText(file.label, result.problem));
      continue;
    }
    const repeated = checkNames ? repeatedPropertyProblems(file.label, file.text, result.value) : [];
    if (repeated.length > 0) appendAll(problems, repeated);
    else parsed.set(file.key, result.value);
  }
  return parsed;
}

/** `file → line L, column C → record N ("id") → field → appears twice in one object …`, one per repeated name. */
export function repeatedPropertyProblems(label: string, text: string, value: unknown): string[] {
  return duplicateProperties(text).map(({ property, line, column, firstLine, firstColumn, path }) => {
    const [index, ...inside] = path;
    const record =
      typeof index === 'number' && Array.isArray(value) ? ` → record ${index + 1}${describeRecord(value[index])}` : '';
    const field = describePath([...(typeof index === 'number' ? inside : path), property]);
    return `${escapePath(label)} → line ${line}, column ${column}${record} → ${field} → appears twice in one object (first at line ${firstLine}, column ${firstColumn}); JSON keeps only the last value, so keep one`;
  });
}


async function validateFiles(files: readonly RawFile[], parsed: Map<DatasetKey, unknown>, problems: string[]) {
  const { validateFile } = await import('./validate.js');
  const dataset: Partial<Dataset> = {};
  for (const file of files) {
    if (!parsed.has(file.key)) continue;
    const result = validateFile(file.key, parsed.get(file.key), file.label);
    if (!result.ok) {
      appendAll(problems, result.problems);
      continue;
    }
    const duplicates = duplicateKeys(file.key, result.records);
    for (const { first, second } of duplicates) {
      const label = RECORD_LABEL[file.key](result.records[second - 1] as never);
      problems.push(
        `${escapePath(file.label)} → records ${first} and ${second} (${label}) → the same key appears twice in one file; keep one (a record replaces a shipped one only from a --data directory)`,
      );
    }
    if (duplicates.length === 0) (dataset as Record<DatasetKey, unknown>)[file.key] = result.records;
  }
  return dataset;
}

/** A shipped data file as read: its bytes, decoded only when the build's snapshot of them is not used. */
interface ShippedFile {
  key: DatasetKey;
  label: string;
  bytes: Buffer;
}

/** The shipped data files present, each read safely as bytes. */
function readShippedFiles(dir: string): ShippedFile[] {
  return DATASET_KEYS.flatMap((key) => {
    const label = join(dir, DATA_FILE_NAMES[key]);
    const bytes = readFileBytes(label, 'the data file', 'undefined');
    return bytes === undefined ? [] : [{ key, label, bytes }];
  });
}

/**
 * The shipped data as the build validated them, when every shipped file is still byte for byte what the build
 * validated; undefined otherwise (a file edited or missing, no snapshot), and the files are then validated here.
 * The files are compared as bytes, in place in the snapshot, and the snapshot itself is never decoded.
 */
function trustedShippedData(files: readonly ShippedFile[]): { data: Dataset; identity: string } | undefined {
  if (files.length !== DATASET_KEYS.length) return undefined;
  const path = join(packageInfo().root, SHIPPED_SNAPSHOT_FILE);
  let snapshot: Buffer;
  let modifiedMs: number;
  try {
    snapshot = readFileSync(path);
    modifiedMs = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  const parts = snapshotParts(files.map((file) => [file.key, file.bytes])).map((part) =>
    typeof part === 'string' ? Buffer.from(part, 'utf8') : part,
  );
  if (parts.reduce((length, part) => length + part.length, 0) !== snapshot.length) return undefined;
  let offset = 0;
  for (const part of parts) {
    if (snapshot.compare(part, 0, part.length, offset, offset + part.length) !== 0) return undefined;
    offset += part.length;
  }
  // Each file parsed from its own bytes rather than the snapshot as one text: one character outside ASCII makes
  // the whole of a text two bytes a character, slower to decode and to parse, and only a few files have one.
  const data = Object.fromEntries(files.map((file) => [file.key, JSON.parse(file.bytes.toString('utf8'))])) as Dataset;
  // What a user directory's snapshot was validated against: this build's copy of the shipped data.
  return { data, identity: `${path} ${snapshot.length} ${modifiedMs}` };
}

/**
 * Reads, validates and merges the data the tool works from, with the daily inputs of the bottom-up model that go
 * with them (read only when used: see {@link DailyInputs}).
 * The shipped files are validated at build time; they are validated again here only when they differ from what
 * the build checked.
 * @throws UsageError when asked for no shipped data and no directory.
 * @throws DataError naming every problem (file → record → field → what is wrong).
 */
export async function loadData(options: LoadDataOptions = {}): Promise<Dataset> {
  for (const key of ['dataDir', 'userDir'] as const) {
    if (options[key] !== undefined && (typeof options[key] !== 'string' || options[key].trim() === '')) {
      throw new UsageError(`loadData: ${key} must be the path of a directory (a string), not ${JSON.stringify(options[key]) ?? typeof options[key]}.`);
    }
  }
  const useDefault = options.defaultData ?? true;
  if (!useDefault && options.dataDir === undefined) {
    throw new UsageError('No data to use: --no-default-data needs --data <dir>.');
  }
  const userDir = useDefault && options.userDir !== undefined ? resolve(options.userDir) : undefined;
  const withInputs = (data: Dataset): Dataset => {
    const inputs = dailyInputsPath({ dataDir: options.dataDir, userDir, defaultData: useDefault });
    if (inputs === undefined) return data;
    // What is computed from the user's data directory's own inputs may be kept there; never in a --data directory.
    const keepResults = userDir !== undefined && inputs === join(userDir, NETWORK_INPUTS_FILE);
    return { ...data, dailyInputs: new DailyInputs(inputs, keepResults) };
  };
  if (options.dataDir === undefined) return markChecked(withInputs(await loadMerged(undefined, true, userDir)));
  const dir = resolve(options.dataDir);
  return markChecked(withInputs(await loadMerged({ dir, files: readDirectory(dir) }, useDefault, userDir)));
}

/**
 * Validates data files given as text, as {@link loadData} would if they were the files of the directory `dir`
 * (merged over the shipped data unless `defaultData` is false): the same checks, in the same order, with the same
 * messages. Lets a writer check what it is about to write before it writes anything.
 * @throws DataError naming every problem (file → record → field → what is wrong).
 */
export function loadDataFiles(
  dir: string,
  files: readonly DataFileText[],
  options: { defaultData?: boolean } = {},
): Promise<Dataset> {
  return loadMerged({ dir: resolve(dir), files }, options.defaultData ?? true).then(markChecked);
}

async function loadMerged(
  overlay: { dir: string; files: readonly RawFile[] } | undefined,
  useDefault: boolean,
  userDir?: string,
) {
  if (overlay) checkPresence(overlay.dir, overlay.files, !useDefault);
  const problems: string[] = [];
  let base: Dataset = EMPTY_DATASET;
  let trusted = false;
  if (useDefault) {
    const shipped = shippedDataDir();
    const shippedFiles = readShippedFiles(shipped);
    checkPresence(shipped, shippedFiles, true, true);
    const snapshot = trustedShippedData(shippedFiles);
    trusted = snapshot !== undefined;
    if (snapshot !== undefined) base = snapshot.data;
    else {
      const files = shippedFiles.map(({ key, label, bytes }) => ({ key, label, text: decodeText(bytes, label, 'the data file') }));
      base = { ...EMPTY_DATASET, ...(await validateFiles(files, parseFiles(files, problems, false), problems)) };
    }
    if (userDir !== undefined && problems.length === 0) {
      const user = await loadUserLayer(userDir, base, snapshot?.identity);
      if (user !== undefined) {
        base = user.data;
        trusted &&= user.checked;
      }
    }
  }
  let data = base;
  if (overlay) {
    const merged = await validateFiles(overlay.files, parseFiles(overlay.files, problems, true), problems);
    data = mergeDatasets(base, merged);
    trusted = false;
  }
  if (problems.length === 0 && !trusted) appendAll(problems, checkReferences(data));
  refuseProblems(overlay === undefined ? 'The shipped data' : `The data in ${escapePath(overlay.dir)}`, problems);
  return data;
}

/**
 * The shipped data with a user directory's files merged over them, or undefined when the directory does not exist
 * (a single stat). Its snapshot is used when every file and the shipped data are as they were when it was written
 * (`checked`: no check is needed); otherwise the files are validated, and checked merged over the shipped data, as
 * a --data directory is, and a new snapshot is written for the next run (quietly, when it cannot be).
 * @throws DataError naming every problem, and how to run without the directory.
 */
async function loadUserLayer(
  dir: string,
  shipped: Dataset,
  shippedIdentity: string | undefined,
): Promise<{ data: Dataset; checked: boolean } | undefined> {
  const stats = userFileStats(dir);
  if (stats === undefined) return undefined;
  if (shippedIdentity !== undefined) {
    const records = readUserSnapshot(dir, stats, shippedIdentity);
    if (records !== undefined) return { data: mergeOverlay(shipped, records), checked: true };
  }
  const files = readUserFiles(dir, stats);
  if (files.length === 0) return { data: shipped, checked: true };
  const problems: string[] = [];
  const records = await validateFiles(files, parseFiles(files, problems, true), problems);
  const data = mergeOverlay(shipped, records);
  if (problems.length === 0) appendAll(problems, checkReferences(data));
  refuseProblems(`Your data directory ${escapePath(dir)}`, problems, {
    after: ' (fix it, or leave it out with --no-user-data or MINING_ENERGY_NO_USER_DATA=1)',
  });
  if (shippedIdentity !== undefined) writeUserSnapshot(dir, stats, shippedIdentity, records);
  return { data, checked: true };
}

/** mergeDatasets for the parts an overlay has: the others stay the base's own arrays, at no cost at start-up. */
function mergeOverlay(base: Dataset, overlay: Partial<Dataset>): Dataset {
  const merged: Dataset = { ...base };
  for (const key of DATASET_KEYS) {
    const records = overlay[key] as Dataset[typeof key][number][] | undefined;
    if (records === undefined || records.length === 0) continue;
    const keyOf = RECORD_KEY[key] as (record: Dataset[typeof key][number]) => string;
    (merged as Record<DatasetKey, unknown>)[key] = mergeRecords(base[key] as Dataset[typeof key][number][], records, keyOf).merged;
  }
  return merged;
}

/** The data files of a user directory that were there when `stats` were taken, each read safely. */
function readUserFiles(dir: string, stats: UserFileStats): RawFile[] {
  checkDirectory(dir, 'Your data directory');
  return DATASET_KEYS.flatMap((key) =>
    stats.files[DATA_FILE_NAMES[key]] === null
      ? []
      : [{ key, label: join(dir, DATA_FILE_NAMES[key]), text: readTextFile(join(dir, DATA_FILE_NAMES[key]), 'the data file') }],
  );
}
