/** Types of test/hostile-cases.mjs, a plain JavaScript module shared with scripts/hostile-report.mjs. */
export interface HostileCase {
  name: string;
  class: string;
  skip?: boolean;
  code: number | 'timeout';
}

export interface HostileResult {
  code: number | null | 'timeout';
  stdout: string;
  stderr: string;
}

export const CASES: HostileCase[];
export const RUNNING_AS_ROOT: boolean;
export const PERMISSION_RUNNER: { options: { uid?: number; gid?: number }; bin: string } | undefined;
export function needsProcess(testCase: HostileCase): boolean;
export function runCase(
  testCase: HostileCase,
  plainRunner?: (args: readonly string[], env: Record<string, string | undefined>) => Promise<HostileResult>,
): Promise<HostileResult>;
export function problemsOf(testCase: HostileCase, result: HostileResult): string[];
