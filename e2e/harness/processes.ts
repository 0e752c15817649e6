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
    stop: () => stopTree(pgid),
  };
}

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
}

/** Live (non-zombie) processes, read from /proc. */
function liveProcesses(): ProcInfo[] {
  const found: ProcInfo[] = [];
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
    if (fields[0] === 'Z') continue;
    found.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]) });
  }
  return found;
}

/** Live (non-zombie) processes of a process group. */
export function groupMembers(pgid: number): number[] {
  return liveProcesses()
    .filter((p) => p.pgid === pgid)
    .map((p) => p.pid);
}

/**
 * The server's process group plus everything descended from it. vsftpd and sshd put each
 * client session in a session (and group) of its own, so signalling the group alone would leave
 * logged-in sessions running.
 */
export function serverProcesses(pgid: number): number[] {
  const procs = liveProcesses();
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found = new Set(procs.filter((p) => p.pgid === pgid).map((p) => p.pid));
  const queue = [...found];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    for (const child of children.get(pid) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return [...found];
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH: already gone.
  }
}

/**
 * SIGSTOPs the server's processes until no new one appears, so nothing can fork (and escape
 * into a session of its own) while we stop them. Returns every process found.
 */
function freezeServer(pgid: number): number[] {
  const frozen = new Set<number>();
  for (let round = 0; round < 10; round++) {
    const fresh = serverProcesses(pgid).filter((pid) => !frozen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      frozen.add(pid);
    }
  }
  return [...frozen];
}

/** SIGTERM the server and its sessions, wait up to `graceMs`, then SIGKILL what is left. */
export async function stopTree(pgid: number, graceMs = 2000): Promise<void> {
  const pids = freezeServer(pgid);
  for (const pid of pids) {
    signal(pid, 'SIGTERM'); // stays pending until the SIGCONT
    signal(pid, 'SIGCONT');
  }
  const remaining = (): number[] => pids.filter(isAlive);
  const deadline = Date.now() + graceMs;
  while (remaining().length > 0 && Date.now() < deadline) await sleep(20);
  for (const pid of remaining()) signal(pid, 'SIGKILL');
  for (let i = 0; i < 50 && remaining().length > 0; i++) await sleep(20);
}

/** For exit handlers, where nothing asynchronous runs any more. */
export function killTreeSync(pgid: number): void {
  for (const pid of freezeServer(pgid)) signal(pid, 'SIGKILL');
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
