/**
 * Where a failed FTP transfer went wrong, against the real vsftpd: a data connection cut in the
 * middle (a proxy pulls the cable) is a lost connection the engine may retry, never a local disk
 * problem; a local file that really fails is reported as the local failure it is.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { type CuttingProxy, startCuttingProxy } from '../../../e2e/hostile/cutting-proxy';
import { connectFtp, type FtpRemoteFs } from './ftp';
import { depsWith, neverAsked } from './ftp-test-kit';

const MiB = 1024 * 1024;
const data = randomBytes(8 * MiB);

const harness = harnessForSuite(['ftp'], 'ferry-ftp-drop-');
beforeAll(async () => {
  await harness.servers.fixtures.writeFile('drop/big.bin', data);
  await writeFile(join(harness.scratch, 'big.bin'), data);
});

async function throughCutter(
  direction: 'download' | 'upload',
): Promise<{ remote: FtpRemoteFs; cutter: CuttingProxy; close(): Promise<void> }> {
  const cutter = await startCuttingProxy({
    targetPort: harness.servers.ftp!.port,
    direction,
    cutAfterBytes: 2 * MiB,
    times: 1,
    ftp: true,
  });
  const remote = await connectFtp(
    {
      protocol: 'ftp',
      host: '127.0.0.1',
      port: cutter.port,
      user: harness.servers.user.name,
      password: harness.servers.user.password,
      plainFtpAcknowledged: true,
    },
    depsWith(neverAsked),
  );
  return {
    remote,
    cutter,
    close: async () => {
      await remote.close();
      await cutter.close();
    },
  };
}

describe('a data connection cut mid-transfer', () => {
  it('fails a download with connection_lost; the local file stream saw no error of its own', async () => {
    const { remote, cutter, close } = await throughCutter('download');
    try {
      const target = createWriteStream(join(harness.scratch, 'down.bin'));
      target.on('error', () => undefined);
      const failure = await remote.download('/drop/big.bin', target).catch((e: unknown) => e);
      expect(cutter.cuts).toBe(1);
      expect(failure).toMatchObject({ code: 'connection_lost' });
      expect(target.errored).toBeNull();
      // The session reconnects on its own for the next call.
      expect((await remote.list('/drop')).entries.map((e) => e.name)).toEqual(['big.bin']);
    } finally {
      await close();
    }
  });

  it('fails an upload with connection_lost; the local source saw no error of its own', async () => {
    const { remote, cutter, close } = await throughCutter('upload');
    try {
      const source = createReadStream(join(harness.scratch, 'big.bin'));
      source.on('error', () => undefined);
      const failure = await remote.upload(source, '/drop/up.bin').catch((e: unknown) => e);
      expect(cutter.cuts).toBe(1);
      expect(failure).toMatchObject({ code: 'connection_lost' });
      expect(source.errored).toBeNull();
    } finally {
      await close();
    }
  });
});

describe('a local file that fails', () => {
  let remote: FtpRemoteFs;
  beforeAll(async () => {
    remote = await connectFtp(
      {
        protocol: 'ftp',
        host: '127.0.0.1',
        port: harness.servers.ftp!.port,
        user: harness.servers.user.name,
        password: harness.servers.user.password,
        plainFtpAcknowledged: true,
      },
      depsWith(neverAsked),
    );
  });
  afterAll(() => remote?.close());

  it('closing the local file mid-download cancels it (cancelled), and the session goes on', async () => {
    const target = createWriteStream(join(harness.scratch, 'cancelled.bin'));
    const download = remote.download('/drop/big.bin', target, {
      onBytes: () => target.destroy(),
    });
    await expect(download).rejects.toMatchObject({ code: 'cancelled' });
    expect((await remote.list('/drop')).entries.length).toBeGreaterThan(0);
  });

  it('closing the local source mid-upload cancels it (cancelled) instead of hanging', async () => {
    const source = new Readable({ read: () => undefined });
    source.push(Buffer.alloc(256 * 1024, 2));
    const upload = remote.upload(source, '/drop/cancelled-up.bin', {
      onBytes: () => source.destroy(),
    });
    await expect(upload).rejects.toMatchObject({ code: 'cancelled' });
    expect((await remote.list('/drop')).entries.length).toBeGreaterThan(0);
  });

  it('a full local disk during a download is disk_full', async () => {
    const fullDisk = new Writable({
      write: (_chunk, _encoding, done) =>
        done(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    });
    await expect(remote.download('/drop/big.bin', fullDisk)).rejects.toMatchObject({
      code: 'disk_full',
    });
  });

  it('an unreadable local source during an upload is permission_denied', async () => {
    let sent = false;
    const unreadable = new Readable({
      read() {
        if (sent) {
          this.destroy(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
        } else {
          sent = true;
          this.push(Buffer.alloc(64 * 1024, 1));
        }
      },
    });
    await expect(remote.upload(unreadable, '/drop/denied.bin')).rejects.toMatchObject({
      code: 'permission_denied',
    });
    // The session is still usable afterwards.
    expect((await remote.list('/drop')).entries.length).toBeGreaterThan(0);
  });
});
