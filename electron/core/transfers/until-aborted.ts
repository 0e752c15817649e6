import { FerryError } from '../../../shared/errors';

/**
 * Waits for `work` unless `signal` aborts first: then it rejects at once as cancelled, and
 * `work` goes on unobserved (a one-request read or write on a connection other jobs still use,
 * which the scheduler does not close for this job's sake).
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new FerryError('cancelled', 'Cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
