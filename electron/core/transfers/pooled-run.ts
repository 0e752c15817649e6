import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import type { ConnectionPool } from './connection-pool';
import { asFerryError, isNetworkFailure } from './retry-policy';

/** A cancelled job on a shared connection gets this long to stop before the connection goes. */
const SHARED_ABORT_GRACE_MS = 2000;
/** Failures after which a shared connection is not trusted for the other jobs on it. */
const CONNECTION_SUSPECT: ReadonlySet<string> = new Set(['connection_lost', 'timeout', 'internal']);

/**
 * Runs `work` on a connection from `pool` (at most `cap` connections); aborting `controller`
 * closes that connection, at once when it is the job's own, after a grace when others share it.
 * Afterwards the connection goes back to the pool, or is dropped when it may be mid-transfer.
 */
export async function withPooledConnection<T>(
  pool: ConnectionPool,
  cap: number,
  controller: AbortController,
  work: (fs: RemoteFs) => Promise<T>,
): Promise<T> {
  const fs = await pool.acquire(cap);
  let reusable = false;
  let graceTimer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    if (!pool.isShared(fs)) return void pool.discard(fs, true);
    // Other jobs use this connection: the job's streams stop it; only a stuck one costs it.
    graceTimer = setTimeout(() => void pool.discard(fs, true), SHARED_ABORT_GRACE_MS);
  };
  controller.signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (controller.signal.aborted) throw new FerryError('cancelled', 'Cancelled.');
    const result = await work(fs);
    reusable = !controller.signal.aborted || pool.isShared(fs);
    return result;
  } catch (error) {
    // A shared connection stays for its other jobs after a failure of this file alone (a
    // refused path, a cancel: whatever its streams said as they were torn down); after a
    // failure of the connection it goes.
    reusable =
      pool.isShared(fs) &&
      (controller.signal.aborted ||
        (!isNetworkFailure(error) && !CONNECTION_SUSPECT.has(asFerryError(error).code)));
    throw error;
  } finally {
    clearTimeout(graceTimer);
    controller.signal.removeEventListener('abort', onAbort);
    // After a failure the connection may be mid-transfer: a fresh one is cheaper than doubt.
    pool.release(fs, reusable);
  }
}
