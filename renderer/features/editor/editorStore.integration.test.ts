/**
 * The editor's store through the real core (createApp) against the real sshd, the transport
 * skipped (as in tabsStore.integration.test.ts): a connection lost while editing keeps the
 * text, says so, and after Reconnect the same Save reaches the server byte for byte.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../../electron/core/app';
import { sftpParams } from '../../../electron/core/remote/sftp-testing';
import { sha256 } from '../../../e2e/harness/checksums';
import { startHangUpRelay, type HangUpRelay } from '../../../e2e/helpers/hang-up-relay';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { EDITOR_MAX_BYTES } from '../../../shared/text-file';
import { coreBehindBridge } from '../../testing/core-bridge';
import { watchSessionEvents } from '../tabs/tabsReload';
import { tabActions, useTabs } from '../tabs/tabsStore';
import { editorActions, isModified, useEditor, type EditorState } from './editorStore';

let app: FerryApp;
let relay: HangUpRelay;
const harness = harnessForSuite(['sftp'], 'ferry-editor-store-');

beforeAll(async () => {
  await harness.servers.fixtures.writeFile('etc/hosts.txt', '127.0.0.1 localhost\r\n');
  app = coreBehindBridge(harness.scratch);
  watchSessionEvents();
  relay = await startHangUpRelay(harness.servers.sftp!.port);
});
afterAll(async () => {
  editorActions.close();
  await app?.dispose();
  await relay?.close();
});

async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  for (let waited = 0; waited < ms && !ok(); waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(ok()).toBe(true);
}

const editor = (): EditorState => useEditor.getState();

it('keeps the text when the connection is lost, and saves it after Reconnect', async () => {
  await tabActions.connect(sftpParams(harness.servers, { port: relay.port }));
  const tab = useTabs.getState().tabs[0]!;
  const path = `${harness.servers.root}/etc/hosts.txt`;
  editorActions.openRemote(tab.id, path);
  await until(() => editor().status === 'ready');
  expect(editor().text).toBe('127.0.0.1 localhost\n');
  editorActions.edit('127.0.0.1 localhost\n10.0.0.2 db\n');

  relay.hangUp();
  await until(() => useTabs.getState().tabs[0]?.lost === true);
  expect(await editorActions.save()).toBe(false);
  expect(editor().error).toMatchObject({
    code: 'connection_lost',
    hint: expect.stringContaining('Your text stays here'),
  });
  expect(editor().text).toBe('127.0.0.1 localhost\n10.0.0.2 db\n');
  expect(isModified(editor())).toBe(true);
  // Closing would ask first.
  editorActions.requestClose();
  expect(editor().confirmingClose).toBe(true);
  editorActions.cancelClose();

  expect(tabActions.reconnectQuick(tab.id)).toBe(true);
  await until(() => useTabs.getState().tabs[0]?.session !== undefined);
  expect(await editorActions.save()).toBe(true);
  expect(isModified(editor())).toBe(false);
  const onServer = await readFile(harness.servers.fixtures.abs('etc/hosts.txt'));
  expect(sha256(onServer)).toBe(sha256('127.0.0.1 localhost\r\n10.0.0.2 db\r\n'));
});

it('refuses, in words and before sending, a text grown past what a save may carry', async () => {
  const tab = useTabs.getState().tabs[0]!;
  editorActions.openRemote(tab.id, `${harness.servers.root}/etc/hosts.txt`);
  await until(() => editor().status === 'ready');
  const huge = 'x'.repeat(EDITOR_MAX_BYTES * 2 + 1);
  editorActions.edit(huge);
  expect(await editorActions.save()).toBe(false);
  expect(editor().error?.message).toContain('too large to save from the editor');
  expect(editor().text).toBe(huge);
  expect(await readFile(harness.servers.fixtures.abs('etc/hosts.txt'), 'utf8')).toBe(
    '127.0.0.1 localhost\r\n10.0.0.2 db\r\n',
  );
});
