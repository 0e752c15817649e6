/**
 * Starting and stopping server processes, each in its own process group.
 *
 * Every server is started through `sh -c 'echo $$ > PIDFILE; exec ...'` with its own session, so
 * its PID is also its process-group id and is written by the process itself (RECIPES "Process
 * handling"). Stopping signals the whole group: sshd and vsftpd fork a child per connection, and
 * those must go too.
 */
import { execFile, spawn } from 'node:child_process';
import { openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export class HarnessError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarnessError';
  }
}

export interface ManagedProcess {
  readonly name: string;
  /** PID of the server, which is also its process-group id. */
  readonly pgid: number;
  readonly logPath: string;
  /** Resolves with the exit code (or signal name) when the group leader exits. */
  readonly exited: Promise<number | string>;
  hasExited(): boolean;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  /** File receiving the process's stdout and stderr. */
  logPath: string;
  /** File the process writes its own PID into. */
  pidPath: string;
  env?: NodeJS.ProcessEnv;
}

export function spawnServer(options: SpawnOptions): ManagedProcess {
  const log = openSync(options.logPath, 'a');
  const child = spawn(
    '/bin/sh',
    ['-c', 'echo $$ > "$0"; exec "$@"', options.pidPath, options.command, ...options.args],
    { detached: true, stdio: ['ignore', log, log], env: options.env ?? process.env },
  );
  closeSync(log);
  if (child.pid === undefined) throw new HarnessError(`Could not start ${options.command}.`);
  // detached => setsid(): the child leads its own group, so its PID is the group id.
  const pgid = child.pid;
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve(code ?? signal ?? 'unknown');
    });
  });
  child.unref();
  return {
    name: options.name,
    pgid,
    logPath: options.logPath,
    exited,
    hasExited: () => done,
    stop: () => stopGroup(pgid),
  };
}

/** Live (non-zombie) processes of a process group, read from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // Fields after the parenthesised command name: state ppid pgrp ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
  }
  return members;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** SIGTERM the group, wait up to `graceMs` for it to empty, then SIGKILL what is left. */
export async function stopGroup(pgid: number, graceMs = 2000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (groupMembers(pgid).length === 0) return;
    await sleep(20);
  }
  signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 50 && groupMembers(pgid).length > 0; i++) await sleep(20);
}

/** For exit handlers, where nothing asynchronous runs any more. */
export function killGroupSync(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}

/** Runs a command to completion; rejects with its stderr in the message. */
export function run(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { env: options.env ?? process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr).trim() || error.message;
          reject(
            new HarnessError(`${command} ${args.join(' ')} failed: ${detail}`, { cause: error }),
          );
        } else resolve(String(stdout));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
