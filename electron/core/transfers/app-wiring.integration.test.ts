/**
 * Transfers as the app serves them: createApp's handlers connect a real session (the trust
 * question answered through the broker), the queue borrows the session's login for its own
 * connections, and the settings store sets its pace.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { TransferJob } from '../../../shared/contract/transfers';
import { sftpParams } from '../remote/sftp-testing';
import { appTrustingOnce } from './testing-app';

const harness = harnessForSuite(['sftp'], 'ferry-transfer-app-');

it('downloads a folder through the session login, asking about the server only once', async () => {
  const { app, events } = appTrustingOnce(harness.scratch);
  const { handlers } = app;
  try {
    const session = await handlers['remote.connect'](sftpParams(harness.servers));
    await handlers['settings.set']({ parallelTransfers: 3 });
    for (let i = 0; i < 6; i++)
      await harness.servers.fixtures.writeFile(`svc/f${i}.txt`, `file ${i}`);
    const local = await mkdtemp(join(harness.scratch, 'down-'));
    const [id] = await handlers['transfers.enqueue']({
      sessionId: session.sessionId,
      direction: 'download',
      sources: [posix.join(harness.servers.root, 'svc')],
      targetFolder: local,
    });
    let rows: TransferJob[] = [];
    for (let waited = 0; waited < 10_000; waited += 50) {
      rows = await handlers['transfers.list']({});
      if (rows.find((row) => row.id === id)?.state === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rows.find((row) => row.id === id)?.state).toBe('done');
    expect(await readFile(join(local, 'svc', 'f5.txt'), 'utf8')).toBe('file 5');
    // "Trust once" was asked for the session; its transfer connections did not ask again.
    expect(events.events.filter((e) => e.name === 'trust.prompt')).toHaveLength(1);

    await expect(
      handlers['transfers.enqueue']({
        sessionId: 'no-such-session',
        direction: 'download',
        sources: ['/x'],
        targetFolder: local,
      }),
    ).rejects.toMatchObject({ code: 'session_not_found' });
    await expect(
      handlers['transfers.enqueue']({
        sessionId: session.sessionId,
        direction: 'download',
        sources: ['relative/path'],
        targetFolder: local,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  } finally {
    await app.dispose();
  }
});
