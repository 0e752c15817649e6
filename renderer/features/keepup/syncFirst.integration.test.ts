/**
 * Keep-up's "Synchronize first" cancelled while it compares, through the real core against the
 * real sshd (the transport skipped, as in tabsStore.integration.test.ts): Cancel means nothing
 * runs — no file deleted on the server (the delete box was ticked), none uploaded, no watching.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../../electron/core/app';
import { sftpParams } from '../../../electron/core/remote/sftp-testing';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { coreBehindBridge } from '../../testing/core-bridge';
import { pageId } from '../../transport/pageId';
import { keepUpActions, useKeepUps } from './keepUpStore';

const harness = harnessForSuite(['sftp'], 'ferry-sync-first-');
let app: FerryApp;
beforeAll(() => {
  app = coreBehindBridge(harness.scratch);
});
afterAll(async () => {
  await app?.dispose();
});

it('cancelled while comparing, runs nothing: the server keeps its files, nothing is watched', async () => {
  const local = join(harness.scratch, 'site');
  await mkdir(local, { recursive: true });
  await writeFile(join(local, 'new.html'), 'only here');
  await harness.servers.fixtures.writeFile('kept-first/only-there.html', 'only on the server');
  const { sessionId } = await app.handlers['remote.connect']({
    ...sftpParams(harness.servers),
    pageId: pageId(),
  });
  const tabId = 'tab-sync-first-1';
  const remoteRoot = posix.join(harness.servers.root, 'kept-first');
  keepUpActions.ask(tabId, sessionId, local, remoteRoot);
  keepUpActions.setDeleteOnServer(tabId, true);
  keepUpActions.setSyncFirst(tabId, true);

  const starting = keepUpActions.start(tabId);
  keepUpActions.cancel(tabId); // the user presses Cancel while it compares
  await starting;
  await new Promise((resolve) => setTimeout(resolve, 500));

  const server = (name: string) => harness.servers.fixtures.abs(`kept-first/${name}`);
  await expect(readFile(server('only-there.html'), 'utf8')).resolves.toBe('only on the server');
  await expect(readFile(server('new.html'))).rejects.toMatchObject({ code: 'ENOENT' });
  expect(await app.handlers['transfers.list']({})).toEqual([]);
  expect(useKeepUps.getState().byTab[tabId]?.state).toBeUndefined();
  expect(useKeepUps.getState().byTab[tabId]?.asking).toBeUndefined();
  expect(await app.handlers['keepup.reattach']({ pageId: pageId() })).toEqual([]);
});
