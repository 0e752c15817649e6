/**
 * A quick connection saved as a site (to keep its bookmarks) belongs to that site: through the
 * app's handlers against the real sshd, a reloaded page gets the session back as the site's.
 * A site for another server or user is refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { FerryApp } from '../app';
import { sftpParams } from '../remote/sftp-testing';
import { appTrustingOnce } from '../transfers/testing-app';
import { sampleDraftFor } from './testing/sample-site';

const harness = harnessForSuite(['sftp'], 'ferry-adopt-session-');
let app: FerryApp;

beforeAll(() => {
  ({ app } = appTrustingOnce(harness.scratch));
});
afterAll(async () => {
  await app?.dispose();
});

it('a quick session given to its new site comes back as the site’s after a reload; another server’s site is refused', async () => {
  const { handlers } = app;
  const params = sftpParams(harness.servers);
  const quick = await handlers['remote.connect'](params);
  app.pages.opened('page-adopt-1');
  await handlers['remote.claim']({ pageId: 'page-adopt-1', sessionId: quick.sessionId });

  const elsewhere = await handlers['sites.save']({
    site: sampleDraftFor({ ...params, user: 'someone-else' }, { name: 'Other user' }),
  });
  await expect(
    handlers['sites.session.adopt']({ sessionId: quick.sessionId, siteId: elsewhere.id }),
  ).rejects.toMatchObject({ code: 'invalid_input' });

  const site = await handlers['sites.save']({
    site: sampleDraftFor(params, { name: 'Saved from quick', host: params.host.toUpperCase() }),
  });
  await handlers['sites.session.adopt']({ sessionId: quick.sessionId, siteId: site.id });

  app.pages.closed('page-adopt-1');
  app.pages.opened('page-adopt-1');
  const [back] = await handlers['remote.reattach']({ pageId: 'page-adopt-1' });
  expect(back).toMatchObject({
    sessionId: quick.sessionId,
    site: { id: site.id, name: 'Saved from quick' },
  });
});
