/**
 * READ answers reach the transfer as ssh2 holds them (sftp-read-direct.ts): short answers,
 * the end of the file and misbehaving answers still read as they did with ssh2's own copy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import ssh2, { type SFTPWrapper } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedSftp, type ScriptedSftpServer } from './sftp-test-server';

const { STATUS_CODE } = ssh2.utils.sftp;

let server: ScriptedSftpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Answer = 'bytes' | 'too-many' | 'attrs';

/** Serves `content` at /f, answering each READ with at most `mostPerRead` bytes. */
function fileServer(content: Buffer, mostPerRead: number, answer: Answer = 'bytes') {
  return startScriptedSftp({
    serve: (sftp: SFTPWrapper) => {
      sftp.on('OPEN', (reqid) => sftp.handle(reqid, Buffer.from('h')));
      sftp.on('CLOSE', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
      sftp.on('READ', (reqid, _handle, offset, length) => {
        if (answer === 'attrs')
          return sftp.attrs(reqid, {
            mode: 0o100644,
            uid: 0,
            gid: 0,
            size: content.length,
            atime: 0,
            mtime: 0,
          });
        if (offset >= content.length) return sftp.status(reqid, STATUS_CODE.EOF);
        const extra = answer === 'too-many' ? 10 : 0;
        sftp.data(reqid, content.subarray(offset, offset + Math.min(length, mostPerRead) + extra));
      });
    },
  });
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A target that keeps every chunk it is given, as the part file writer may before it writes. */
function keeper(): { target: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const target = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { target, bytes: () => Buffer.concat(chunks) };
}

describe('READ answers without a copy', () => {
  it('reads a small file whole, shorter than asked', async () => {
    const content = randomBytes(5000);
    server = await fileServer(content, 1 << 20);
    const fs = await server.connect();
    try {
      expect(sha256(await fs.readSmall!('/f', 32 * 1024 - 1))).toBe(sha256(content));
    } finally {
      await fs.close();
    }
  });

  it('downloads a file the server hands out in short answers, every chunk kept intact', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 123);
    server = await fileServer(content, 100_000);
    const fs = await server.connect();
    try {
      const { target, bytes } = keeper();
      await fs.download('/f', target);
      // Chunks held until the end: a later answer landing in an earlier one's memory shows here.
      expect(sha256(bytes())).toBe(sha256(content));
    } finally {
      await fs.close();
    }
  });

  it('refuses an answer longer than the READ asked for, or one that is not bytes', async () => {
    const refusals = {
      'too-many': 'more data than it asked for',
      attrs: 'a READ answered with no data',
    } as const;
    for (const [answer, why] of Object.entries(refusals) as [Answer, string][]) {
      server = await fileServer(randomBytes(1000), 1 << 20, answer);
      const fs = await server.connect();
      try {
        // The session cannot be trusted to go on after such an answer: it counts as lost, and
        // the words say what the server did.
        await expect(fs.readSmall!('/f', 100)).rejects.toMatchObject({
          code: 'connection_lost',
          message: `The server sent an answer Ferry cannot use (${why}), so Ferry stopped using that connection rather than write wrong bytes.`,
          cause: { message: why },
        });
      } finally {
        await fs.close();
        await server.close();
        server = undefined;
      }
    }
  });
});
