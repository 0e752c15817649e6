/**
 * Replacing a file (an upload's temporary file onto its target) on an SFTP server without
 * posix-rename@openssh.com: plain SFTP v3 RENAME refuses to overwrite, so the old file is
 * removed first, then the new one renamed; a retry after a cut between the two still finishes.
 * (OpenSSH offers the extension: transfers/upload-replace.integration.test.ts uses it on sshd.)
 */
import ssh2 from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedSftp, type ScriptedSftpServer } from './sftp-test-server';

const { STATUS_CODE } = ssh2.utils.sftp;

let server: ScriptedSftpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server holding `files` (path → content) that answers REMOVE and RENAME as SFTP v3 does. */
async function plainV3Server(files: Map<string, string>, requests: string[]) {
  return startScriptedSftp({
    serve: (sftp) => {
      sftp.on('REMOVE', (reqid, path) => {
        requests.push(`REMOVE ${path}`);
        sftp.status(reqid, files.delete(path) ? STATUS_CODE.OK : STATUS_CODE.NO_SUCH_FILE);
      });
      sftp.on('RENAME', (reqid, from, to) => {
        requests.push(`RENAME ${from} ${to}`);
        const content = files.get(from);
        if (content === undefined) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
        if (files.has(to)) return sftp.status(reqid, STATUS_CODE.FAILURE);
        files.delete(from);
        files.set(to, content);
        sftp.status(reqid, STATUS_CODE.OK);
      });
    },
  });
}

describe('replacing a file without posix-rename', () => {
  it('removes the old file, then renames the new one onto its name', async () => {
    const files = new Map([
      ['/a.txt', 'old'],
      ['/.a.txt.0123456789ab.ferry-part', 'new'],
    ]);
    const requests: string[] = [];
    server = await plainV3Server(files, requests);
    const fs = await server.connect();
    try {
      await fs.replaceFile('/.a.txt.0123456789ab.ferry-part', '/a.txt');
      expect(requests).toEqual(['REMOVE /a.txt', 'RENAME /.a.txt.0123456789ab.ferry-part /a.txt']);
      expect([...files]).toEqual([['/a.txt', 'new']]);
    } finally {
      await fs.close();
    }
  });

  it('finishes when the old file is already gone (a retry after a cut between the two)', async () => {
    const files = new Map([['/.a.txt.0123456789ab.ferry-part', 'new']]);
    server = await plainV3Server(files, []);
    const fs = await server.connect();
    try {
      await fs.replaceFile('/.a.txt.0123456789ab.ferry-part', '/a.txt');
      expect([...files]).toEqual([['/a.txt', 'new']]);
    } finally {
      await fs.close();
    }
  });
});
