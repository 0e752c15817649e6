/**
 * Small files over FTP and FTPS (TLS 1.3 and a TLS 1.2 server with require_ssl_reuse) through
 * readSmall/writeSmall against the real vsftpd: bytes, dates and modes arrive; the passive
 * command and the transfer command leave together once the connection's passive mode is known;
 * a file longer than asked for is cut off without the session losing step; failures name what
 * went wrong. Every data connection resumes the login's session, slimmed of its certificate.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 as sha, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { connectTo, type ProtocolKind } from '../transfers/testing';
import type { RemoteFs } from './remote-fs';

const KINDS: ProtocolKind[] = ['ftp', 'ftps-explicit', 'ftps-explicit-tls12'];
const harness = harnessForSuite(KINDS);

describe.each(KINDS)('%s', (kind) => {
  let fs: RemoteFs;
  beforeAll(async () => {
    await harness.servers.fixtures.mkdir(`small-${kind}`);
    fs = await connectTo(harness.servers, kind);
  });
  afterAll(async () => {
    await fs?.close();
  });

  it('writes and reads back files of 0 B to 200 KiB byte for byte, with date and mode', async () => {
    const modified = new Date('2024-03-04T05:06:07Z');
    for (const size of [0, 1, 8192, 32 * 1024 - 1, 200 * 1024]) {
      const data = randomBytes(size);
      const path = `/small-${kind}/f${size}.bin`;
      await fs.writeSmall?.(path, data, { mode: 0o600, modified, created: true });
      const onDisk = harness.servers.fixtures.abs(`small-${kind}/f${size}.bin`);
      expect(await sha256File(onDisk)).toBe(sha(data));
      const facts = await stat(onDisk);
      expect(facts.mtime.toISOString()).toBe(modified.toISOString());
      expect(facts.mode & 0o777).toBe(0o600);
      if (size < 32 * 1024) {
        const back = await fs.readSmall?.(path, size + 1);
        expect(back && sha(back)).toBe(sha(data));
      }
    }
  });

  it('cuts a file longer than asked for, and the session goes on in step', async () => {
    const data = randomBytes(300 * 1024);
    await harness.servers.fixtures.writeFile(`small-${kind}/long.bin`, data);
    const head = await fs.readSmall?.(`/small-${kind}/long.bin`, 8193);
    expect(head?.length).toBe(8193);
    expect(head && sha(head)).toBe(sha(data.subarray(0, 8193)));
    // The next calls get their own replies.
    expect((await fs.stat(`/small-${kind}/long.bin`))?.size).toBe(data.length);
    const again = await fs.readSmall?.(`/small-${kind}/f1.bin`, 2);
    expect(again?.length).toBe(1);
  });

  it('names a missing file and a missing folder, and goes on', async () => {
    await expect(fs.readSmall?.(`/small-${kind}/nothing.bin`, 10)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      fs.writeSmall?.(`/small-${kind}/no-folder/x.bin`, Buffer.from('x'), {
        mode: 0o644,
        modified: null,
        created: true,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const back = await fs.readSmall?.(`/small-${kind}/f8192.bin`, 8193);
    expect(back?.length).toBe(8192);
  });
});
