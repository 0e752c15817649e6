/** Helpers for the SFTP integration tests (real servers; nothing here fakes a server). */
import { Readable } from 'node:stream';
import type { TestServers } from '../../../e2e/harness/servers';
import type { ConnectionParams } from '../../../shared/types';
import type { LogLevel, SessionLog } from '../log';
import type { ConnectDeps, TrustDecider } from './connect-deps';

/** Trusts exactly the harness's host key(s), as a user who checked the fingerprint would. */
export function trustTestHostKeys(servers: TestServers): TrustDecider {
  return {
    checkHostKey(_host, _port, _keyType, fingerprint) {
      const known = servers.sftp?.hostKeys.some((k) => k.fingerprint === fingerprint) ?? false;
      return Promise.resolve(known ? 'trusted' : 'rejected');
    },
    checkCertificate: () => Promise.resolve('rejected'),
  };
}

export interface CapturedLog extends SessionLog {
  lines: { level: LogLevel; text: string }[];
}

/** A session log that keeps its lines (unredacted: the tests for redaction use createSessionLog). */
export function captureLog(): CapturedLog {
  const lines: { level: LogLevel; text: string }[] = [];
  return { lines, write: (level, text) => void lines.push({ level, text }), addSecret: () => {} };
}

export function sftpParams(
  servers: TestServers,
  extra: Partial<ConnectionParams> = {},
): ConnectionParams {
  return {
    protocol: 'sftp',
    host: '127.0.0.1',
    port: servers.sftp?.port ?? 0,
    user: servers.user.name,
    password: servers.user.password,
    ...extra,
  };
}

export function testDeps(servers: TestServers, extra: Partial<ConnectDeps> = {}): ConnectDeps {
  return { trust: trustTestHostKeys(servers), log: captureLog(), timeoutMs: 5000, ...extra };
}

/** A readable that yields `data` in chunks of uneven sizes, like a real file stream might. */
export function chunked(data: Buffer, size = 200_000): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
    })(),
  );
}

export async function elapsedMs<T>(work: () => Promise<T>): Promise<[number, T | unknown]> {
  const started = Date.now();
  try {
    const value = await work();
    return [Date.now() - started, value];
  } catch (error) {
    return [Date.now() - started, error];
  }
}
