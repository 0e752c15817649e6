/** Runs the `ferry` command from source (as the CLI tests do), with the environment given. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the whole process. */
  ms: number;
}

/**
 * `ferry ARGS` with `env` on top of this process's environment, minus FERRY_PASSWORD (a test
 * names its password variable itself). Exit code 99: the process could not run or was killed.
 */
export function runFerry(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 120_000,
): Promise<CliRun> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (env.FERRY_PASSWORD === undefined) delete merged.FERRY_PASSWORD;
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'electron/cli.ts', ...args],
      { cwd: repo, env: merged, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 99 : 0;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}
