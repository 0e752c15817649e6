/**
 * Quitting right after a quick connection: the app's dispose waits for the write that puts the
 * connection in the Recent list, so the list has it next time and nothing is still writing in the
 * data folder (a lock or temporary file) once dispose returns. Real sshd, real files.
 */
import { readdir } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { sftpParams } from './remote/sftp-testing';
import { appTrustingOnce } from './transfers/testing-app';

const harness = harnessForSuite(['sftp'], 'ferry-app-dispose-');

it('a quick connection made just before quitting is in the Recent list next time', async () => {
  const params = sftpParams(harness.servers);
  const { app } = appTrustingOnce(harness.scratch);
  const session = await app.handlers['remote.connect'](params);
  await app.handlers['remote.disconnect']({ sessionId: session.sessionId });
  await app.dispose();

  expect((await readdir(harness.scratch)).filter((name) => /\.(lock|new|tmp)$/.test(name))).toEqual(
    [],
  );
  const { app: next } = appTrustingOnce(harness.scratch);
  try {
    const { recent } = await next.handlers['sites.list']({});
    expect(recent).toEqual([
      expect.objectContaining({ protocol: 'sftp', host: params.host, port: params.port }),
    ]);
  } finally {
    await next.dispose();
  }
});
