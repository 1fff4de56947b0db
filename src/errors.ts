/** A data file is missing, unreadable, not JSON, or does not validate. Exit code 1. */
export class DataError extends Error {
  override readonly name = 'DataError';
  /** One line per problem, each naming file → record → field → what is wrong. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
    this.problems = problems;
  }
}

/** The user asked for something that cannot be answered as asked (unknown region, no data for a year). Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
