/**
 * An upload over an existing remote file goes to a hidden temporary file beside it and is
 * renamed onto it at the end: a cancelled or cut upload leaves the old file byte for byte, a
 * cut one resumes on its temporary file, and no temporary file stays behind. The replaced file
 * ends with the mode and date of the source, as a direct upload gave it. A new file still
 * uploads straight to its name.
 */
import { mkdtemp, readdir, readFile, stat, utimes, writeFile, chmod } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { startCuttingProxy, type CuttingProxyOptions } from '../../../e2e/hostile/cutting-proxy';
import type { RemoteFs } from '../remote/remote-fs';
import { TransferQueue } from './transfer-queue';
import {
  paramsFor,
  patterned,
  type ProtocolKind,
  queueOver,
  remoteRoot,
  sourceFor,
} from './testing';
import type { ConnectionSource } from './types';

const MiB = 1024 * 1024;
const SIZE = 16 * MiB;
const KINDS: ProtocolKind[] = ['sftp', 'ftp'];

const content = patterned(SIZE, 11);
const contentSha = sha256(content);
const old = patterned(3 * MiB + 17, 12);
const oldSha = sha256(old);

const harness = harnessForSuite(KINDS, 'ferry-replace-');

/** What the jobs asked of the server: where bytes were written, and which renames replaced. */
interface Calls {
  writes: string[];
  replaces: Array<[string, string]>;
}

function watched(source: ConnectionSource, calls: Calls): ConnectionSource {
  return {
    open: async () => {
      const fs = await source.open();
      return new Proxy(fs, {
        get(target, key, receiver) {
          const value: unknown = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (key === 'upload') calls.writes.push(String(args[1]));
            if (key === 'writeSmall') calls.writes.push(String(args[0]));
            if (key === 'replaceFile') calls.replaces.push([String(args[0]), String(args[1])]);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as RemoteFs;
    },
  };
}

async function queueFor(
  kind: ProtocolKind,
  proxy?: Omit<CuttingProxyOptions, 'targetPort' | 'ftp'>,
  retries = 3,
) {
  const port = paramsFor(harness.servers, kind).port;
  const cutter = proxy
    ? await startCuttingProxy({ ...proxy, targetPort: port, ftp: kind === 'ftp' })
    : undefined;
  const calls: Calls = { writes: [], replaces: [] };
  const source = watched(
    sourceFor(harness.servers, kind, cutter ? { port: cutter.port } : {}),
    calls,
  );
  const { queue } = queueOver(source, { parallelTransfers: 1, retries }, { retryBaseMs: 20 });
  return {
    cutter,
    calls,
    queue,
    close: async () => {
      await queue.dispose();
      await cutter?.close();
    },
  };
}

const isTemp = (name: string): boolean => name.endsWith('.ferry-part');

describe.each(KINDS)('%s', (kind) => {
  const remoteFolder = (folder: string) =>
    posix.join(remoteRoot(harness.servers, kind), kind, folder);
  const onDisk = (rel: string) => harness.servers.fixtures.abs(`${kind}/${rel}`);

  async function prepare(folder: string, name: string, bytes: Buffer) {
    await harness.servers.fixtures.writeFile(`${kind}/${folder}/${name}`, old);
    const local = join(await mkdtemp(join(harness.scratch, `${kind}-`)), name);
    await writeFile(local, bytes);
    return local;
  }

  async function upload(queue: TransferQueue, local: string, folder: string) {
    const [id = ''] = await queue.enqueue({
      sessionId: 's',
      direction: 'upload',
      items: [{ source: local, targetFolder: remoteFolder(folder) }],
    });
    return id;
  }

  it('cancelling a replacement leaves the old file intact and no temporary file', async () => {
    const { queue, calls, close } = await queueFor(kind, {
      direction: 'upload',
      cutAfterBytes: Infinity,
      times: 0,
      bytesPerSecond: 4 * MiB,
    });
    try {
      const local = await prepare('cancel', 'big.bin', content);
      const id = await upload(queue, local, 'cancel');
      while ((queue.list()[0]?.bytes ?? 0) < 2 * MiB) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      queue.cancel(id);
      await queue.whenIdle();
      expect(queue.list()[0]?.state).toBe('cancelled');
      expect(await sha256File(onDisk('cancel/big.bin'))).toBe(oldSha);
      expect(await readdir(onDisk('cancel'))).toEqual(['big.bin']);
      // The bytes did go to a hidden temporary name beside the target.
      expect(calls.writes).toHaveLength(1);
      expect(posix.basename(calls.writes[0] ?? '')).toMatch(
        /^\.big\.bin\.[0-9a-f]{12}\.ferry-part$/,
      );
      expect(calls.replaces).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a replacement cut mid-way resumes on its temporary file and ends right', async () => {
    const { cutter, queue, calls, close } = await queueFor(kind, {
      direction: 'upload',
      cutAfterBytes: 5 * MiB,
      times: 1,
    });
    try {
      const local = await prepare('cut', 'big.bin', content);
      const id = await upload(queue, local, 'cut');
      await queue.whenIdle();
      const row = queue.list().find((r) => r.id === id);
      expect(row?.error).toBeUndefined();
      expect(row?.state).toBe('done');
      expect(row?.attempts).toBeGreaterThanOrEqual(2);
      expect(cutter?.cuts).toBe(1);
      // Resumed, not restarted, and on the same temporary file.
      expect(cutter?.perConnection.at(-1)).toBeLessThan(SIZE);
      expect(new Set(calls.writes).size).toBe(1);
      expect(calls.replaces).toEqual([
        [calls.writes[0], posix.join(remoteFolder('cut'), 'big.bin')],
      ]);
      expect(await sha256File(onDisk('cut/big.bin'))).toBe(contentSha);
      expect(await readdir(onDisk('cut'))).toEqual(['big.bin']);
    } finally {
      await close();
    }
  });

  it('a replacement that keeps failing leaves the old file; clearing it removes the temporary file', async () => {
    const { queue, close } = await queueFor(
      kind,
      { direction: 'upload', cutAfterBytes: 2 * MiB, times: Infinity },
      1,
    );
    try {
      const local = await prepare('exhausted', 'big.bin', content);
      await upload(queue, local, 'exhausted');
      await queue.whenIdle();
      expect(queue.list()[0]?.state).toBe('failed');
      expect(await sha256File(onDisk('exhausted/big.bin'))).toBe(oldSha);
      // Kept for a retry by the user, until the row leaves the list.
      expect((await readdir(onDisk('exhausted'))).filter(isTemp)).toHaveLength(1);
      queue.clearFinished();
      await queue.whenIdle();
      expect(await readdir(onDisk('exhausted'))).toEqual(['big.bin']);
    } finally {
      await close();
    }
  });

  it('in a folder the user may not write to, a writable file is still replaced (in place)', async () => {
    const { queue, calls, close } = await queueFor(kind);
    const folder = onDisk('locked');
    try {
      const local = await prepare('locked', 'big.bin', content);
      await chmod(folder, 0o555);
      await upload(queue, local, 'locked');
      await queue.whenIdle();
      expect(queue.list()[0]?.error).toBeUndefined();
      expect(queue.list()[0]?.state).toBe('done');
      expect(await sha256File(onDisk('locked/big.bin'))).toBe(contentSha);
      expect(await readdir(folder)).toEqual(['big.bin']);
      expect(calls.writes.at(-1)).toBe(posix.join(remoteFolder('locked'), 'big.bin'));
    } finally {
      await chmod(folder, 0o755);
      await close();
    }
  });

  it('the replaced file gets the mode and date of the source; a new file goes straight to its name', async () => {
    const { queue, calls, close } = await queueFor(kind);
    try {
      const small = patterned(40_000, 13);
      const local = await prepare('attrs', 'small.txt', small);
      const fresh = join(await mkdtemp(join(harness.scratch, 'fresh-')), 'new.txt');
      await writeFile(fresh, small);
      const when = new Date('2021-03-04T05:06:07Z');
      for (const path of [local, fresh]) {
        await chmod(path, 0o640);
        await utimes(path, when, when);
      }
      await upload(queue, local, 'attrs');
      await upload(queue, fresh, 'attrs');
      await queue.whenIdle();
      expect(queue.list().map((r) => r.state)).toEqual(['done', 'done']);
      for (const name of ['small.txt', 'new.txt']) {
        expect(await readFile(onDisk(`attrs/${name}`))).toEqual(small);
        const facts = await stat(onDisk(`attrs/${name}`));
        expect(facts.mode & 0o777).toBe(0o640);
        expect(facts.mtime.getTime()).toBe(when.getTime());
      }
      expect((await readdir(onDisk('attrs'))).sort()).toEqual(['new.txt', 'small.txt']);
      const target = (name: string) => posix.join(remoteFolder('attrs'), name);
      expect(calls.writes).toContain(target('new.txt'));
      expect(calls.writes).not.toContain(target('small.txt'));
      expect(calls.replaces.map(([, to]) => to)).toEqual([target('small.txt')]);
    } finally {
      await close();
    }
  });
});
