/**
 * The security check of a saved site behind an SSH jump host, through the app's handlers against
 * the real servers: the harness sshd is the jump host (it forwards only to 127.0.0.1 and
 * localhost: PermitOpen), the servers behind it its own SSH port and vsftpd, by the name
 * "localhost" that only the jump host looks up. Every port is checked through the jump host —
 * its login is the only one in sshd's log — the report says so, and the jump host's own SSH
 * port is graded too.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { DEFAULT_SITE_SETTINGS, type SiteProfile } from '../../../shared/contract/sites';
import type { FerryApp } from '../app';
import { unusedPort } from '../remote/ftp-test-kit';
import { safeStorageStandIn } from '../secrets/testing/safe-storage-stand-in';
import { appTrustingOnce } from '../transfers/testing-app';
import { reportText } from './report-text';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-probe-jump-');
let app: FerryApp;
let site: SiteProfile;

beforeAll(async () => {
  ({ app } = appTrustingOnce(harness.scratch, { safeStorage: safeStorageStandIn() }));
  const { servers } = harness;
  site = await app.handlers['sites.save']({
    site: {
      ...DEFAULT_SITE_SETTINGS,
      name: 'Behind bastion',
      folderId: null,
      host: 'localhost',
      port: servers.sftp!.port,
      user: servers.user.name,
      proxyMode: 'none',
      jumpEnabled: true,
      jumpHost: '127.0.0.1',
      jumpPort: servers.sftp!.port,
      jumpUser: servers.user.name,
    },
    secrets: { jumpPassword: servers.user.password },
  });
});
afterAll(async () => {
  await app?.dispose();
});

const logins = async (): Promise<number> =>
  ((await readFile(harness.servers.sftp!.logPath, 'utf8')).match(/Accepted password for/g) ?? [])
    .length;

it('checks every port through the site’s jump host, says so, and grades the jump host’s SSH port', async () => {
  const { servers } = harness;
  const closed = await unusedPort();
  const before = await logins();
  const report = await app.handlers['probe.run']({
    host: 'localhost',
    ports: [servers.sftp!.port, servers.ftpsExplicit!.port, closed],
    siteId: site.id,
  });
  const where = `127.0.0.1:${servers.sftp!.port}`;
  expect(report.jump).toMatchObject({
    description: `SSH jump host ${servers.user.name}@${where}`,
    host: '127.0.0.1',
    port: servers.sftp!.port,
    endpoint: { status: 'open', service: 'ssh', usable: true },
  });
  expect(report.jump?.endpoint.grade).toMatch(/^[A-F]$/);
  // The name is the jump host's to look up: nothing was resolved here.
  expect(report.address).toBe('localhost');
  expect(report.endpoints.map((e) => [e.status, e.service])).toEqual([
    ['open', 'ssh'],
    ['open', 'ftps-explicit'],
    ['closed', undefined],
  ]);
  expect(report.recommendation).toMatchObject({ protocol: 'sftp', port: servers.sftp!.port });
  // One login: the jump host's (the check itself never logs in anywhere).
  expect((await logins()) - before).toBe(1);
  const text = reportText(report);
  expect(text).toContain(`through the SSH jump host ${servers.user.name}@${where}`);
  expect(text).toContain(`Jump host ${where}`);
});

it('a server the jump host will not forward to says so on its port; without a site, the check goes directly', async () => {
  const { servers } = harness;
  const refused = await app.handlers['probe.run']({
    host: '127.0.0.2',
    ports: [servers.sftp!.port],
    siteId: site.id,
  });
  expect(refused.endpoints[0]).toMatchObject({ status: 'no-answer' });
  expect(refused.endpoints[0]?.summary).toMatch(
    new RegExp(`^The jump host 127\\.0\\.0\\.1:\\d+ refused to forward the connection`),
  );
  const direct = await app.handlers['probe.run']({
    host: '127.0.0.1',
    ports: [servers.sftp!.port],
  });
  expect(direct.jump).toBeUndefined();
  expect(direct.endpoints[0]).toMatchObject({ status: 'open', service: 'ssh' });
});
