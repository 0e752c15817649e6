/**
 * Making sure no test server outlives the process that started it:
 * - a normal `stop()` (the instance unregisters itself here);
 * - SIGINT/SIGTERM/SIGHUP: stop every live instance, then let the signal take its course;
 * - `exit` (e.g. process.exit in a runner): kill synchronously, nothing async runs any more;
 * - SIGKILL of this process (no handler runs): a small watchdog shell notices the parent is gone
 *   and kills the recorded process groups and removes the instance's files.
 */
import { spawn } from 'node:child_process';

export interface CleanupTarget {
  /** Graceful and idempotent. */
  stop(): Promise<void>;
  /** Last resort from an exit handler: SIGKILL and synchronous removal. */
  killSync(): void;
}

const live = new Set<CleanupTarget>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let hooksInstalled = false;

function onExit(): void {
  for (const target of live) target.killSync();
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  const targets = [...live];
  live.clear();
  const cap = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
  void Promise.race([Promise.allSettled(targets.map((t) => t.stop())), cap]).then(() => {
    for (const target of targets) target.killSync();
    process.removeListener(signal, onSignal);
    // Nobody else handles this signal: re-raise it so the process ends as it would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

export function register(target: CleanupTarget): void {
  installHooks();
  live.add(target);
}

export function unregister(target: CleanupTarget): void {
  live.delete(target);
}

const WATCHDOG = `
parent=$1; dir=$2; shift 2
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
# Sessions run in sessions of their own: stop each tree top-down, then kill it.
killtree() {
  kill -STOP "$1" 2>/dev/null
  for child in $(pgrep -P "$1" 2>/dev/null); do killtree "$child"; done
  kill -KILL "$1" 2>/dev/null
}
for f in "$dir"/*.pid; do
  [ -f "$f" ] && killtree "$(cat "$f")"
done
rm -rf -- "$dir" "$@"
`;

/**
 * Starts the watchdog for one instance: `dir` holds the `*.pid` files of its servers; `extra`
 * paths are removed as well. Returns its PID (its own process group) so stop() can end it.
 */
export function startWatchdog(dir: string, extra: string[]): number | undefined {
  const child = spawn(
    '/bin/sh',
    ['-c', WATCHDOG, 'ferry-harness-watchdog', String(process.pid), dir, ...extra],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  child.unref();
  return child.pid;
}
