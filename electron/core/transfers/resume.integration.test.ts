/**
 * A cut cable mid-transfer costs a retry, not a corrupt file: a proxy in front of the real
 * servers drops the connection after some bytes. The retry resumes (SFTP offsets, FTP REST/APPE)
 * and the checksum matches; with retries exhausted the job fails plainly and nothing truncated
 * sits under the real name. Cancelling a download leaves the file it would replace untouched.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { startCuttingProxy, type CuttingProxyOptions } from '../../../e2e/hostile/cutting-proxy';
import {
  paramsFor,
  patterned,
  queueOver,
  remoteRoot,
  sourceFor,
  type ProtocolKind,
} from './testing';

const MiB = 1024 * 1024;
const SIZE = 20 * MiB;
const KINDS: ProtocolKind[] = ['sftp', 'ftp'];

const content = patterned(SIZE, 42);
const contentSha = sha256(content);

const harness = harnessForSuite(KINDS, 'ferry-resume-');

function targetPort(kind: ProtocolKind): number {
  return paramsFor(harness.servers, kind).port;
}

async function queueThrough(
  kind: ProtocolKind,
  proxy: Omit<CuttingProxyOptions, 'targetPort' | 'ftp'>,
  retries = 3,
) {
  const cutter = await startCuttingProxy({
    ...proxy,
    targetPort: targetPort(kind),
    ftp: kind === 'ftp',
  });
  const source = sourceFor(harness.servers, kind, { port: cutter.port });
  const { queue } = queueOver(source, { retries }, { retryBaseMs: 20 });
  return {
    cutter,
    queue,
    close: async () => {
      await queue.dispose();
      await cutter.close();
    },
  };
}

describe.each(KINDS)('%s', (kind) => {
  const remote = (name: string) => posix.join(remoteRoot(harness.servers, kind), kind, name);
  const onDisk = (name: string) => harness.servers.fixtures.abs(`${kind}/${name}`);

  beforeAll(async () => {
    await harness.servers.fixtures.writeFile(`${kind}/big.bin`, content);
  });

  it('resumes a download cut after 10 MiB and ends with the right checksum', async () => {
    const { cutter, queue, close } = await queueThrough(kind, {
      direction: 'download',
      cutAfterBytes: 10 * MiB,
      times: 1,
    });
    try {
      const folder = await mkdtemp(join(harness.scratch, 'down-'));
      const [id] = await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source: remote('big.bin'), targetFolder: folder }],
      });
      await queue.whenIdle();
      const row = queue.list().find((r) => r.id === id);
      expect(row?.error).toBeUndefined();
      expect(row?.state).toBe('done');
      expect(row?.attempts).toBe(2);
      expect(cutter.cuts).toBe(1);
      expect(await sha256File(join(folder, 'big.bin'))).toBe(contentSha);
      // Resumed, not restarted: the last attempt moved less than the whole file (what the local
      // write buffer still held when the cable was cut is fetched again).
      expect(cutter.perConnection.at(-1)).toBeLessThan(SIZE);
      expect(await readdir(folder)).toEqual(['big.bin']);
    } finally {
      await close();
    }
  });

  it('resumes an upload cut after 5 MiB and the server holds the right checksum', async () => {
    const { cutter, queue, close } = await queueThrough(kind, {
      direction: 'upload',
      cutAfterBytes: 5 * MiB,
      times: 1,
    });
    try {
      const local = join(harness.scratch, `up-${kind}.bin`);
      await writeFile(local, content);
      const [id] = await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [{ source: local, targetFolder: remote('') }],
      });
      await queue.whenIdle();
      const row = queue.list().find((r) => r.id === id);
      expect(row?.error).toBeUndefined();
      expect(row?.state).toBe('done');
      // The server may still be writing the cut stream's last bytes when the retry looks at the
      // size; the connector then refuses to append (size_mismatch) and one more retry follows.
      expect(row?.attempts).toBeGreaterThanOrEqual(2);
      expect(row?.attempts).toBeLessThanOrEqual(3);
      expect(cutter.cuts).toBe(1);
      expect(await sha256File(onDisk(`up-${kind}.bin`))).toBe(contentSha);
      expect(cutter.perConnection.at(-1)).toBeLessThan(SIZE);
    } finally {
      await close();
    }
  });

  it('fails plainly when every attempt is cut, leaving the previous file untouched', async () => {
    const { cutter, queue, close } = await queueThrough(
      kind,
      { direction: 'download', cutAfterBytes: 3 * MiB, times: Infinity },
      2,
    );
    try {
      const folder = await mkdtemp(join(harness.scratch, 'exhausted-'));
      await writeFile(join(folder, 'big.bin'), 'the previous version');
      const [id] = await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source: remote('big.bin'), targetFolder: folder }],
      });
      await queue.whenIdle();
      const row = queue.list().find((r) => r.id === id);
      expect(row?.state).toBe('failed');
      expect(row?.attempts).toBe(3);
      expect(cutter.cuts).toBe(3);
      expect(row?.error?.code).toMatch(/connection_lost|timeout/);
      expect(row?.error?.message.length).toBeGreaterThan(10);
      expect(await readFile(join(folder, 'big.bin'), 'utf8')).toBe('the previous version');
      // Leaving the list takes the partial download with it.
      queue.clearFinished();
      await queue.whenIdle();
      expect(await readdir(folder)).toEqual(['big.bin']);
    } finally {
      await close();
    }
  });

  it('fails without any file under the real name when none existed', async () => {
    const { queue, close } = await queueThrough(
      kind,
      { direction: 'download', cutAfterBytes: 1 * MiB, times: Infinity },
      0,
    );
    try {
      const folder = await mkdtemp(join(harness.scratch, 'nothing-'));
      await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source: remote('big.bin'), targetFolder: folder }],
      });
      await queue.whenIdle();
      expect(queue.list()[0]?.state).toBe('failed');
      expect(existsSync(join(folder, 'big.bin'))).toBe(false);
    } finally {
      await close();
    }
  });

  it('cancelling a download leaves no file under the real name and the previous one untouched', async () => {
    const { queue, close } = await queueThrough(kind, {
      direction: 'download',
      cutAfterBytes: Infinity,
      times: 0,
      bytesPerSecond: 8 * MiB,
    });
    try {
      const folder = await mkdtemp(join(harness.scratch, 'cancel-'));
      await writeFile(join(folder, 'big.bin'), 'keep me');
      await mkdtemp(join(harness.scratch, 'unused-'));
      const [id = ''] = await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source: remote('big.bin'), targetFolder: folder }],
      });
      while ((queue.list()[0]?.bytes ?? 0) < 2 * MiB) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      queue.cancel(id);
      await queue.whenIdle();
      expect(queue.list()[0]?.state).toBe('cancelled');
      expect(await readFile(join(folder, 'big.bin'), 'utf8')).toBe('keep me');
      expect(await readdir(folder)).toEqual(['big.bin']);
    } finally {
      await close();
    }
  });
});
