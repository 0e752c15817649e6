/** Waiting until a freshly started server answers on its port. */
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError, type ManagedProcess } from './processes';

/**
 * Connects once; resolves with the first line the server sends (or '' when `expectBanner` is
 * false and the connection opened), rejects on refusal or timeout.
 */
export function probeOnce(port: number, expectBanner: boolean, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const finish = (error: Error | undefined, line = ''): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(line);
    };
    const timer = setTimeout(
      () => finish(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('error', (error) => finish(error));
    socket.once('connect', () => {
      if (!expectBanner) finish(undefined);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\n');
      if (end >= 0) finish(undefined, received.slice(0, end).trimEnd());
    });
    socket.once('end', () => finish(new Error(`closed before a banner (got "${received}")`)));
  });
}

export function tailOf(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Thrown when the server process exited before it answered (often: port already in use). */
export class ServerExitedError extends HarnessError {
  constructor(
    readonly processName: string,
    readonly log: string,
  ) {
    super(`${processName} exited during start-up. Its log ends with:\n${log}`);
  }
}

/**
 * Polls until the server answers with a banner starting with `bannerPrefix` (or, when null,
 * accepts a TCP connection). Fails fast if the process exits first.
 */
export async function waitUntilAnswering(
  proc: ManagedProcess,
  port: number,
  bannerPrefix: string | null,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (proc.hasExited()) throw new ServerExitedError(proc.name, tailOf(proc.logPath));
    try {
      const line = await probeOnce(port, bannerPrefix !== null);
      if (bannerPrefix === null || line.startsWith(bannerPrefix)) return line;
      lastError = new Error(`unexpected banner "${line}"`);
    } catch (error) {
      lastError = error;
    }
    await sleep(15);
  }
  if (proc.hasExited()) throw new ServerExitedError(proc.name, tailOf(proc.logPath));
  throw new HarnessError(
    `${proc.name} did not answer on 127.0.0.1:${port} within ${timeoutMs} ms ` +
      `(${String(lastError)}). Its log ends with:\n${tailOf(proc.logPath)}`,
  );
}
