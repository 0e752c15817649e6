/** An upload that is still running seconds later: for states only a running transfer shows. */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestServers } from '../harness/servers';
import { startCuttingProxy } from '../hostile/cutting-proxy';

export interface SlowUpload {
  /** Connect here (SFTP, 127.0.0.1) instead of the harness sshd's own port. */
  port: number;
  close(): Promise<void>;
}

/**
 * A relay to the harness sshd letting about 1 MB/s through towards the server, and a 16 MiB file
 * `slow.bin` in `localHome`: its upload through the relay takes some 16 seconds. Close it in a `finally`.
 */
export async function startSlowUpload(
  servers: TestServers,
  localHome: string,
): Promise<SlowUpload> {
  const relay = await startCuttingProxy({
    targetPort: servers.sftp!.port,
    direction: 'upload',
    cutAfterBytes: Number.MAX_SAFE_INTEGER,
    times: 0,
    bytesPerSecond: 1_000_000,
  });
  try {
    await writeFile(join(localHome, 'slow.bin'), randomBytes(16 * 1024 * 1024));
  } catch (error) {
    await relay.close();
    throw error;
  }
  return { port: relay.port, close: () => relay.close() };
}
