/**
 * The security check through a proxy (the app's, as connections use it): every port is checked
 * through it by the name the proxy looks up, the report says so, and a proxy that cannot be used
 * fails the check in its own words rather than every port looking closed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProxies, type TestProxies } from '../../../e2e/harness/proxies';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { ProxySettings } from '../../../shared/proxy';
import { probeHost } from './probe-host';
import { reportText } from './report-text';

const harness = harnessForSuite(['sftp', 'ftps-explicit', 'ftps-implicit']);
let proxies: TestProxies;
beforeAll(async () => {
  proxies = await startProxies(harness.servers);
});
afterAll(async () => {
  await proxies.stop();
});

const socks = (): ProxySettings => ({
  kind: 'socks5',
  host: '127.0.0.1',
  port: proxies.socks.port,
});

it('checks SSH and both FTPS kinds through SOCKS5, grading as directly', async () => {
  const { servers } = harness;
  const ports = [servers.sftp!.port, servers.ftpsExplicit!.port, servers.ftpsImplicit!.port];
  const options = { host: 'localhost', ports, timeoutMs: 15_000, extraCa: [servers.ca.certPem] };
  const [direct, proxied] = [
    await probeHost(options),
    await probeHost({ ...options, proxy: socks() }),
  ];
  expect(proxied.proxy).toBe(`SOCKS5 proxy 127.0.0.1:${proxies.socks.port}`);
  expect(proxied.address).toBe('localhost');
  const summary = (report: typeof direct) =>
    report.endpoints.map((e) => [e.port, e.status, e.status === 'open' ? e.service : undefined]);
  expect(summary(proxied)).toEqual(summary(direct));
  expect(summary(proxied).map(([, status]) => status)).toEqual(['open', 'open', 'open']);
  expect(proxied.recommendation).toEqual(direct.recommendation);
  expect(reportText(proxied)).toContain(`through the SOCKS5 proxy 127.0.0.1:${proxies.socks.port}`);
});

it('a port the proxy finds closed is closed; a proxy that is not there fails the check in words', async () => {
  const closed = await probeHost({
    host: '127.0.0.1',
    ports: [proxies.http.port + 402],
    timeoutMs: 10_000,
    proxy: {
      kind: 'socks5',
      host: '127.0.0.1',
      port: proxies.socksAuth.port,
      user: proxies.user.name,
      password: proxies.user.password,
    },
  });
  expect(closed.endpoints[0]).toMatchObject({ status: 'closed' });
  await expect(
    probeHost({
      host: '127.0.0.1',
      ports: [22],
      proxy: { ...socks(), port: proxies.socks.port + 400 },
    }),
  ).rejects.toMatchObject({
    code: 'connection_refused',
    message: expect.stringContaining('at the SOCKS5 proxy'),
  });
});
