/**
 * A saved site's connect whose reply a page reload lost, through the real core against the real
 * sshd (the transport skipped, as in tabsStore.integration.test.ts): the page had kept the
 * connect as waiting; the server refuses the password after the reload; the reloaded page shows
 * the failure in a tab named after the site, with the words and hint of any failed connect,
 * once. A connect Ferry never heard of is forgotten; the page's own connect is not taken for a
 * lost one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../../electron/core/app';
import { sftpParams } from '../../../electron/core/remote/sftp-testing';
import { sampleDraftFor } from '../../../electron/core/sites/testing/sample-site';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { coreBehindBridge } from '../../testing/core-bridge';
import { installSessionStorage } from '../../testing/page-reload';
import { pageId } from '../../transport/pageId';
import { saveForPage } from '../../transport/pageStorage';
import { interruptedConnects } from './connectsInFlight';
import { showMissedConnects } from './missedConnects';
import { watchSessionEvents } from './tabsReload';
import { tabActions, useTabs } from './tabsStore';

const storage = installSessionStorage();
const harness = harnessForSuite(['sftp'], 'ferry-missed-connects-');
let app: FerryApp;
beforeAll(() => {
  app = coreBehindBridge(harness.scratch);
});
afterAll(async () => {
  await app?.dispose();
  Reflect.deleteProperty(globalThis, 'sessionStorage');
});

const shown = () => useTabs.getState().tabs.find((t) => t.id === useTabs.getState().activeId);

it("a site's connect refused while the page reloaded is shown in the site's tab, once", async () => {
  const params = sftpParams(harness.servers);
  const site = await app.handlers['sites.save']({
    site: sampleDraftFor(params, { name: 'Harness SFTP' }),
  });
  // Before the reload the page kept the connect as waiting; the reload lost its reply.
  const connectId = 'connect-site-refused-1';
  const endpoint = {
    protocol: 'sftp' as const,
    host: params.host,
    port: params.port,
    user: params.user,
  };
  saveForPage('ferry.connects', [
    { connectId, endpoint, site: { id: site.id, name: 'Harness SFTP' } },
  ]);
  watchSessionEvents(); // the reloaded page starts
  await expect(
    app.handlers['sites.connect']({
      siteId: site.id,
      password: 'not-the-password',
      pageId: pageId(),
      connectId,
    }),
  ).rejects.toMatchObject({ code: 'auth_failed' });

  for (let waited = 0; waited < 5000 && !shown()?.error; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(useTabs.getState().tabs).toHaveLength(1);
  expect(shown()).toMatchObject({
    site: { id: site.id, name: 'Harness SFTP' },
    endpoint,
    connecting: false,
    lost: false,
    error: { code: 'auth_failed' },
  });
  expect(shown()?.session).toBeUndefined();
  expect(shown()?.error?.hint).toBeTruthy();
  expect(interruptedConnects()).toEqual([]);
  expect(storage.dump()).not.toContain('not-the-password');

  // Told once: asking again changes nothing.
  useTabs.setState((s) => ({ tabs: s.tabs.map((t) => ({ ...t, error: undefined })) }));
  await showMissedConnects();
  expect(shown()?.error).toBeUndefined();
});

it("a connect Ferry never heard of is forgotten; this page's own failed connect shows once", async () => {
  const endpoint = { protocol: 'sftp' as const, host: '127.0.0.1', port: 22, user: 'ann' };
  saveForPage('ferry.connects', [{ connectId: 'connect-never-made-2', endpoint }]);
  await showMissedConnects();
  expect(interruptedConnects()).toEqual([]);
  expect(shown()?.error).toBeUndefined();

  // Its reply arrives as ever (session.failed comes too, and is not taken for a lost one).
  await tabActions.connect({ ...sftpParams(harness.servers), password: 'not-the-password' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(useTabs.getState().tabs).toHaveLength(1);
  expect(shown()?.error?.code).toBe('auth_failed');
  expect(interruptedConnects()).toEqual([]);
});
