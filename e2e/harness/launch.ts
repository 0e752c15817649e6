/** Starting a server on a slot port, moving to the next port when the chosen one is taken. */
import { createServer } from 'node:net';
import type { PortSlot } from './ports';
import { HarnessError, type ManagedProcess } from './processes';
import { ServerExitedError, waitUntilAnswering } from './readiness';

const ATTEMPTS = 5;

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '127.0.0.1', port }, () => probe.close(() => resolve(true)));
  });
}

const BIND_FAILURE = /address already in use|could not bind|cannot bind/i;

export interface Launch {
  proc: ManagedProcess;
  port: number;
  banner: string;
}

/**
 * `start(port)` spawns the server for a port; `bannerPrefix` is what it must greet with (null:
 * a TCP connect suffices). Retries with another port from the slot when the port was taken.
 */
export async function launchOnFreePort(
  slot: PortSlot,
  bannerPrefix: string | null,
  start: (port: number) => Promise<ManagedProcess> | ManagedProcess,
  fixedPort?: number,
): Promise<Launch> {
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = fixedPort ?? slot.nextControlPort();
    if (!(await isPortFree(port))) {
      lastError = new HarnessError(`port ${port} is taken`);
      if (fixedPort !== undefined) await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const proc = await start(port);
    try {
      const banner = await waitUntilAnswering(proc, port, bannerPrefix);
      return { proc, port, banner };
    } catch (error) {
      await proc.stop();
      lastError = error;
      if (!(error instanceof ServerExitedError && BIND_FAILURE.test(error.log))) throw error;
    }
  }
  throw new HarnessError(`Could not start a server on a free port: ${String(lastError)}`, {
    cause: lastError,
  });
}
