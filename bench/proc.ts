/** Runs one tool invocation as its own process group, timing it and (optionally) its memory. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Invocation {
  command: string;
  args: string[];
  /** Added to (or, with undefined, removed from) the benchmark's environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface ProcessResult {
  /** Wall time from spawn to exit: process start-up, connect, login and transfer. */
  seconds: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The last few KiB of stdout and stderr, for the failure report. */
  outputTail: string;
  /** Peak resident memory of the process tree (bytes), when sampling was asked for. */
  peakRssBytes?: number;
}

const TAIL_BYTES = 4096;
/** Process groups of tools running right now, so an interrupted benchmark can end them. */
const running = new Set<number>();

/** Ends every tool still running (their own process groups do not get the terminal's Ctrl-C). */
export function killRunningTools(): void {
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}
const SAMPLE_MS = 20;

function envFor(extra: Invocation['env']): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function readStatusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process is gone
  }
}

function childrenOf(pid: number): number[] {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return tasks.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Peak memory of a process tree: the larger of the root's own high-water mark (VmHWM, exact for
 * a single process) and the highest sum of current RSS over the tree (covers helper processes).
 */
function memorySampler(rootPid: number): { stop(): number } {
  let peakKiB = 0;
  const sample = (): void => {
    let sum = 0;
    const pending = [rootPid];
    while (pending.length > 0) {
      const pid = pending.pop() as number;
      sum += readStatusKiB(pid, 'VmRSS');
      pending.push(...childrenOf(pid));
    }
    peakKiB = Math.max(peakKiB, sum, readStatusKiB(rootPid, 'VmHWM'));
  };
  const timer = setInterval(sample, SAMPLE_MS);
  sample();
  return {
    stop() {
      clearInterval(timer);
      return peakKiB * 1024;
    },
  };
}

export function runProcess(
  invocation: Invocation,
  options: { timeoutMs: number; sampleMemory?: boolean },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(invocation.command, invocation.args, {
      cwd: invocation.cwd,
      env: envFor(invocation.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group: a timeout ends the tool and any helpers it started
    });
    if (child.pid !== undefined) running.add(child.pid);
    let tail = '';
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const sampler =
      options.sampleMemory && child.pid !== undefined ? memorySampler(child.pid) : undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, options.timeoutMs);
    let seconds = 0;
    child.once('exit', () => {
      seconds = (performance.now() - started) / 1000;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      sampler?.stop();
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      const peakRssBytes = sampler?.stop();
      resolve({
        seconds: seconds || (performance.now() - started) / 1000,
        exitCode,
        signal,
        timedOut,
        outputTail: tail.trim(),
        ...(peakRssBytes !== undefined ? { peakRssBytes } : {}),
      });
    });
  });
}

/** Runs a short command and returns its stdout+stderr (for version strings); '' when it fails. */
export async function captureOutput(command: string, args: string[]): Promise<string> {
  try {
    const result = await runProcess({ command, args }, { timeoutMs: 10_000 });
    return result.outputTail;
  } catch {
    return '';
  }
}
