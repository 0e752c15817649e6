/**
 * Helpers for the transfer tests (not a test file itself): connection sources on the harness's
 * real servers, an event recorder, a queue over one source, and trees of files with checksums.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { sha256File } from '../../../e2e/harness/checksums';
import type { TestServers } from '../../../e2e/harness/servers';
import type { EmitEvent, EventName, EventPayload } from '../../../shared/contract';
import type { TransferJob } from '../../../shared/contract/transfers';
import type { ConnectionParams } from '../../../shared/types';
import type { ConnectDeps, TrustDecider } from '../remote/connect-deps';
import { connectFtp } from '../remote/ftp';
import type { RemoteFs } from '../remote/remote-fs';
import { connectSftp } from '../remote/sftp';
import { TransferQueue, type TransferQueueOptions } from './transfer-queue';
import type { ConnectionSource, TransferSettings } from './types';

export type ProtocolKind =
  'sftp' | 'ftps-explicit' | 'ftps-explicit-tls12' | 'ftps-implicit' | 'ftp';

/** Where the harness user's files are, as each protocol names them. */
export function remoteRoot(servers: TestServers, kind: ProtocolKind): string {
  return kind === 'sftp' ? servers.root : '/';
}

export function paramsFor(servers: TestServers, kind: ProtocolKind): ConnectionParams {
  const port = {
    sftp: servers.sftp?.port,
    'ftps-explicit': servers.ftpsExplicit?.port,
    'ftps-explicit-tls12': servers.ftpsExplicitTls12?.port,
    'ftps-implicit': servers.ftpsImplicit?.port,
    ftp: servers.ftp?.port,
  }[kind];
  if (port === undefined) throw new Error(`The harness did not start ${kind}.`);
  const protocol = kind === 'ftps-explicit-tls12' ? 'ftps-explicit' : kind;
  return {
    protocol,
    host: '127.0.0.1',
    port,
    user: servers.user.name,
    password: servers.user.password,
    plainFtpAcknowledged: true,
  };
}

/**
 * Trusts exactly the harness's host key and server certificate, as a user who compared the
 * fingerprints would. (Certificates are trusted by fingerprint, not through an extra CA: with an
 * extra CA the FTP connector currently rebuilds a TLS context per data connection, ~65 ms each.)
 */
export function harnessTrust(servers: TestServers): TrustDecider {
  return {
    checkHostKey: (_host, _port, _type, fingerprint) =>
      Promise.resolve(
        servers.sftp?.hostKeys.some((k) => k.fingerprint === fingerprint) ? 'trusted' : 'rejected',
      ),
    checkCertificate: (_host, _port, cert) =>
      Promise.resolve(
        cert.fingerprint256 === servers.serverCert.fingerprint256 ? 'trusted' : 'rejected',
      ),
  };
}

const quietLog: ConnectDeps['log'] = { write: () => undefined, addSecret: () => undefined };

export function connectTo(
  servers: TestServers,
  kind: ProtocolKind,
  overrides: Partial<ConnectionParams> = {},
): Promise<RemoteFs> {
  const params = { ...paramsFor(servers, kind), ...overrides };
  const deps: ConnectDeps = { trust: harnessTrust(servers), log: quietLog, timeoutMs: 10_000 };
  return params.protocol === 'sftp' ? connectSftp(params, deps) : connectFtp(params, deps);
}

/** A connection source that also counts how many connections it opened. */
export function sourceFor(
  servers: TestServers,
  kind: ProtocolKind,
  overrides: Partial<ConnectionParams> = {},
): ConnectionSource & { opened: number } {
  const source = {
    opened: 0,
    open: async () => {
      source.opened++;
      return connectTo(servers, kind, overrides);
    },
  };
  return source;
}

export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

/** An EmitEvent that keeps every event, and lets a test react to one. */
export function recorder(): {
  emit: EmitEvent;
  events: RecordedEvent[];
  on: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => void;
} {
  const events: RecordedEvent[] = [];
  const listeners: { name: EventName; listener: (payload: never) => void }[] = [];
  const emit: EmitEvent = (name, payload) => {
    events.push({ name, payload });
    for (const l of listeners)
      if (l.name === name) (l.listener as (p: typeof payload) => void)(payload);
  };
  return {
    emit,
    events,
    on: (name, listener) =>
      void listeners.push({ name, listener: listener as (payload: never) => void }),
  };
}

/**
 * A queue that takes every session's connections from `source`, with its events recorded.
 * Unless `settings` say otherwise: two transfers at a time, no retries, conflicts overwrite.
 */
export function queueOver(
  source: ConnectionSource,
  settings: Partial<TransferSettings> = {},
  options: Partial<TransferQueueOptions> = {},
): { queue: TransferQueue; events: ReturnType<typeof recorder> } {
  const events = recorder();
  const queue = new TransferQueue({
    emit: events.emit,
    connections: () => source,
    settings: { parallelTransfers: 2, retries: 0, defaultConflictAction: 'overwrite', ...settings },
    ...options,
  });
  return { queue, events };
}

/** Bytes that differ per file and position, so a misplaced block changes the checksum. */
export function patterned(size: number, seed: number): Buffer {
  const data = Buffer.alloc(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  return data;
}

export interface TreeSpec {
  files: { path: string; size: number }[];
  emptyFolders: string[];
}

/** `count` files of `baseSize` bytes and a little more each, in two folders (d0, d1). */
export function twoFolderTree(count: number, baseSize: number): TreeSpec {
  const files: TreeSpec['files'] = [];
  for (let i = 0; i < count; i++)
    files.push({ path: `d${i % 2}/f${i}.bin`, size: baseSize + i * 97 });
  return { files, emptyFolders: [] };
}

/** ~200 files: empty, 1 byte, odd sizes, one of `bigSize`, names with spaces and Unicode. */
export function awkwardTree(count = 200, bigSize = 20 * 1024 * 1024): TreeSpec {
  const names = [
    'plain',
    'with space',
    'ünïcödé',
    '日本語 ファイル',
    'emoji 🚢',
    '.hidden',
    'many.dots.tar.gz',
  ];
  const folders = ['', 'a', 'a/b', 'a/b/c deep', 'Ünïcode folder', 'spaced out/inner'];
  const odd = [0, 1, 2, 3, 511, 512, 513, 4095, 4097, 32_767, 32_769, 65_537, 131_071, 1_048_577];
  const files: TreeSpec['files'] = [{ path: 'big/twenty.bin', size: bigSize }];
  for (let i = 0; files.length < count; i++) {
    const folder = folders[i % folders.length] ?? '';
    const name = `${names[i % names.length] ?? 'f'} ${i}.dat`;
    files.push({ path: folder ? `${folder}/${name}` : name, size: odd[i % odd.length] ?? 7 });
  }
  return { files, emptyFolders: ['empty', 'a/b/empty nested', 'deep/er/est/empty'] };
}

export async function writeTree(root: string, spec: TreeSpec): Promise<void> {
  await mkdir(root, { recursive: true });
  let seed = 1;
  for (const file of spec.files) {
    await mkdir(join(root, file.path, '..'), { recursive: true });
    await writeFile(join(root, file.path), patterned(file.size, seed++));
  }
  for (const folder of spec.emptyFolders) await mkdir(join(root, folder), { recursive: true });
}

/** Every file's checksum and every folder (empty ones too), by path relative to `root`. */
export async function treeManifest(
  root: string,
): Promise<{ files: Record<string, string>; folders: string[] }> {
  const files: Record<string, string> = {};
  const folders: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        folders.push(relative(root, path));
        await walk(path);
      } else if (entry.isFile()) {
        files[relative(root, path)] = await sha256File(path);
      }
    }
  };
  await walk(root);
  return { files, folders: folders.sort() };
}

/** The queue's row for job `id`, as the transfer panel would show it. */
export const row = (queue: TransferQueue, id: string): TransferJob | undefined =>
  queue.list().find((r) => r.id === id);

/** Resolves once `check` holds (polled every 10 ms); fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
