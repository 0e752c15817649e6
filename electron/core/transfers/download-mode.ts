import { readFileSync } from 'node:fs';

/**
 * Permission bits for a finished download: the server's (a 0600 secret stays 0600), filtered
 * as any new file of this process would be (the umask), and never writable by everyone, like
 * uploads. Unknown bits (FTP without a listing, links) give what a new document gets: 0644.
 * The part file is 0600 until then, so nobody reads a secret while it arrives.
 */
export function downloadMode(remoteMode: number | null): number {
  const bits = remoteMode === null ? 0o644 : remoteMode & 0o777;
  return bits & ~processUmask() & ~0o002;
}

/** The part file while bytes arrive: the owner's only. */
export const PART_FILE_MODE = 0o600;

let umask: number | undefined;

function processUmask(): number {
  umask ??= readUmask();
  return umask;
}

/**
 * `process.umask()` without an argument sets the umask to 0 for a moment to read it, racing
 * other threads that create files (Node's DEP0139); Linux shows it in /proc instead. Elsewhere,
 * the common default.
 */
function readUmask(): number {
  try {
    const match = /^Umask:\s*([0-7]+)$/mu.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1] !== undefined) return parseInt(match[1], 8);
  } catch {
    // not Linux
  }
  return 0o022;
}
