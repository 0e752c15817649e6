/**
 * Small files over FTP and FTPS (TLS 1.3 and a TLS 1.2 server with require_ssl_reuse) through
 * readSmall/writeSmall against the real vsftpd: bytes, dates and modes arrive; the passive
 * command and the transfer command leave together once the connection's passive mode is known;
 * a file longer than asked for is cut off without the session losing step; failures name what
 * went wrong. Every data connection resumes the login's session, slimmed of its certificate.
 * Pipelining and resumption are read from the session log, as a user would see them.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 as sha, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { connectTo, harnessTrust, paramsFor, type ProtocolKind } from '../transfers/testing';
import type { LogLevel, SessionLog } from '../log';
import { connectFtp } from './ftp';
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

  it('sends the passive and transfer commands together once passive mode is settled', async () => {
    const lines: { level: LogLevel; text: string }[] = [];
    const log: SessionLog = {
      write: (level, text) => lines.push({ level, text }),
      addSecret: () => undefined,
    };
    const params = paramsFor(harness.servers, kind);
    const logged = await connectFtp(params, {
      trust: harnessTrust(harness.servers),
      log,
      timeoutMs: 10_000,
    });
    try {
      const data = randomBytes(8192);
      await logged.writeSmall?.(`/small-${kind}/logged.bin`, data, {
        mode: 0o644,
        modified: null,
        created: true,
      });
      for (let round = 0; round < 3; round++) {
        const back = await logged.readSmall?.(`/small-${kind}/logged.bin`, 8193);
        expect(back && sha(back)).toBe(sha(data));
      }
      await logged.writeSmall?.(`/small-${kind}/logged.bin`, data, {
        mode: 0o644,
        modified: null,
        created: false,
      });
    } finally {
      await logged.close();
    }
    const transfers = lines.flatMap((line, at) =>
      line.level === 'command' && /^(RETR|STOR) /.test(line.text) ? [at] : [],
    );
    expect(transfers).toHaveLength(5);
    // The first transfer learns the passive mode (EPSV, its reply, then STOR); every later one
    // sends EPSV and the transfer command at once: no reply read in between.
    const [first, ...later] = transfers;
    expect(lines[(first ?? 0) - 1]?.level).toBe('reply');
    for (const at of later) {
      expect(lines[at - 1]).toEqual({ level: 'command', text: 'EPSV' });
    }
    const dataLines = lines.filter((line) => /^(Downloading from|Uploading to) /.test(line.text));
    expect(dataLines).toHaveLength(5);
    for (const { text } of dataLines) {
      // Every TLS data connection resumed the login's session (no full handshake, and what
      // vsftpd's require_ssl_reuse insists on); plain FTP has no session to resume.
      if (kind === 'ftp') expect(text).toMatch(/\(No encryption\)$/);
      else expect(text).toMatch(/\(TLSv1\.[23], resumed\)$/);
    }
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
