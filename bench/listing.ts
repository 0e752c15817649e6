/**
 * Core time to list a 10,000-entry remote folder: the core's own connectors, imported directly,
 * timing `list()` alone (connecting is timed separately).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrustDecider } from '../electron/core/remote/connect-deps';
import { connectFtp } from '../electron/core/remote/ftp';
import type { RemoteFs } from '../electron/core/remote/remote-fs';
import { connectSftp } from '../electron/core/remote/sftp';
import type { SessionLog } from '../electron/core/log';
import type { Endpoint, EndpointId } from './endpoints';
import { giveToTestUser } from './layout';
import { summarize, type Summary } from './stats';

export interface ListingRecord {
  endpoint: EndpointId;
  entries: number;
  connect?: Summary;
  list?: Summary;
  /** Seconds per list() call, in order. */
  listRuns: number[];
  failure?: string;
}

const silentLog: SessionLog = { write: () => undefined, addSecret: () => undefined };

/** Trusts exactly the harness's host key; certificates pass through the test CA, never a prompt. */
function benchTrust(endpoint: Endpoint): TrustDecider {
  return {
    checkHostKey: (_host, _port, _type, fingerprint) =>
      Promise.resolve(fingerprint === endpoint.hostKeyFingerprint ? 'trusted' : 'rejected'),
    checkCertificate: () => Promise.resolve('rejected'),
  };
}

export async function connectCore(endpoint: Endpoint): Promise<RemoteFs> {
  const params = {
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    password: endpoint.password,
  };
  const deps = { trust: benchTrust(endpoint), log: silentLog, timeoutMs: 15_000 };
  if (endpoint.protocol === 'sftp') return connectSftp({ ...params, protocol: 'sftp' }, deps);
  const ca = await readFile(endpoint.caPath, 'utf8');
  return connectFtp({ ...params, protocol: 'ftps-explicit' }, deps, { extraCa: [ca] });
}

/** Creates `count` empty files in <serverRoot>/list, owned by the test user. */
export async function prepareListingFolder(serverRoot: string, count: number): Promise<void> {
  const dir = join(serverRoot, 'list');
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    await writeFile(join(dir, `entry-${String(i).padStart(5, '0')}.txt`), '');
  }
  await giveToTestUser(serverRoot, ['list']);
}

export async function measureListing(
  endpoint: Endpoint,
  entries: number,
  rounds: number,
): Promise<ListingRecord> {
  const record: ListingRecord = { endpoint: endpoint.id, entries, listRuns: [] };
  const connectRuns: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      const fs = await connectCore(endpoint);
      connectRuns.push((performance.now() - started) / 1000);
      try {
        const listStarted = performance.now();
        const listing = await fs.list(endpoint.remotePath('list'));
        const seconds = (performance.now() - listStarted) / 1000;
        const files = listing.entries.filter((e) => e.kind === 'file').length;
        if (files !== entries)
          throw new Error(`list() returned ${files} files, expected ${entries}`);
        record.listRuns.push(seconds);
      } finally {
        await fs.close();
      }
    }
  } catch (error) {
    record.failure = error instanceof Error ? error.message : String(error);
  }
  const connect = summarize(connectRuns);
  const list = summarize(record.listRuns);
  return { ...record, ...(connect ? { connect } : {}), ...(list ? { list } : {}) };
}
