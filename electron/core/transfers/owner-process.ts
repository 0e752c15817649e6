/**
 * Who keeps entries of a file several Ferry processes share (saved-queue-shared.ts), and whether
 * that process still runs. A pid alone is not enough: after a crash, or a power cut and a restart,
 * the same number may belong to another program (or to this very Ferry), and the crashed run's
 * entries would never be offered. So an owner also names this boot of the computer and its own
 * start time (where Linux's /proc tells them): another boot, or another process under that pid,
 * is not the owner.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { processAlive } from '../sites/file-lock';

export interface OwnerProcess {
  host: string;
  pid: number;
  /** This boot of the computer (Linux's boot_id). */
  boot?: string;
  /** When the process started, in clock ticks since boot (/proc/<pid>/stat). */
  started?: number;
}

export function thisProcess(): OwnerProcess {
  const boot = bootId();
  const started = startedAt(process.pid);
  return {
    host: hostname(),
    pid: process.pid,
    ...(boot !== undefined ? { boot } : {}),
    ...(started !== undefined ? { started } : {}),
  };
}

/** Whether `owner` still runs; a process on another computer (a shared folder) is taken as running. */
export function stillRuns(owner: OwnerProcess): boolean {
  if (owner.host !== hostname()) return true;
  const boot = bootId();
  if (owner.boot !== undefined && boot !== undefined && owner.boot !== boot) return false;
  if (!processAlive(owner.pid)) return false;
  const started = startedAt(owner.pid);
  return owner.started === undefined || started === undefined || owner.started === started;
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc (macOS, Windows). */
function startedAt(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}
