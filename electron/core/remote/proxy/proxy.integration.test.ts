/**
 * Connecting through real proxies on loopback (e2e/harness/proxies.ts): OpenSSH's `ssh -D`
 * (SOCKS5), Dante (SOCKS5 with a login), tinyproxy (HTTP CONNECT, with and without Basic
 * auth). Files go both ways over SFTP and FTPS with checksums; the FTP data connections are
 * seen at the proxy; what the proxy refuses is said in words.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENIED_HOST, startProxies, type TestProxies } from '../../../../e2e/harness/proxies';
import { harnessForSuite } from '../../../../e2e/harness/vitest-suite';
import type { ProxySettings } from '../../../../shared/proxy';
import type { ConnectionParams } from '../../../../shared/types';
import { connectFtp } from '../ftp';
import { answeringTrust, depsWith, neverAsked } from '../ftp-test-kit';
import { CertPins } from '../../trust/cert-pins';
import type { RemoteFs } from '../remote-fs';
import { roundTrip as roundTripOver } from '../round-trip-test-kit';
import { connectSftp } from '../sftp';
import { sftpParams, trustTestHostKeys } from '../sftp-testing';

const harness = harnessForSuite(['sftp', 'ftps-explicit', 'ftps-implicit', 'ftp'], 'ferry-proxy-');
let proxies: TestProxies;
beforeAll(async () => {
  proxies = await startProxies(harness.servers);
});
afterAll(async () => {
  await proxies.stop();
});

type ProxyName = 'socks' | 'socksAuth' | 'http' | 'httpAuth';
function proxy(name: ProxyName, extra: Partial<ProxySettings> = {}): ProxySettings {
  const { port } = proxies[name];
  const kind = name.startsWith('socks') ? 'socks5' : 'http';
  const login = name.endsWith('Auth')
    ? { user: proxies.user.name, password: proxies.user.password }
    : {};
  return { kind, host: '127.0.0.1', port, ...login, ...extra };
}

function ftpsParams(via: ProxySettings, extra: Partial<ConnectionParams> = {}): ConnectionParams {
  const { servers } = harness;
  return {
    protocol: 'ftps-explicit',
    // The certificate names localhost: the proxy resolves the name (remote DNS).
    host: 'localhost',
    port: servers.ftpsExplicit!.port,
    user: servers.user.name,
    password: servers.user.password,
    proxy: via,
    ...extra,
  };
}

const ftpOptions = (): { extraCa: string[] } => ({ extraCa: [harness.servers.ca.certPem] });

/** A file of 3 * 1024 * 1024 + 17 bytes up and back (round-trip-test-kit.ts). */
function roundTrip(fs: RemoteFs, folder: string): Promise<void> {
  return roundTripOver(fs, folder, harness.servers.root, 3 * 1024 * 1024 + 17);
}

describe.each(['socks', 'socksAuth', 'http', 'httpAuth'] as const)('through %s', (name) => {
  it('SFTP: logs in by a name only the proxy resolves, moves a file both ways intact', async () => {
    const deps = { ...depsWith(trustTestHostKeys(harness.servers)), timeoutMs: 10_000 };
    const via = proxy(name);
    const fs = await connectSftp(
      sftpParams(harness.servers, { host: 'localhost', proxy: via }),
      deps,
    );
    try {
      await roundTrip(fs, harness.servers.root);
    } finally {
      await fs.close();
    }
    const kind = via.kind === 'socks5' ? 'SOCKS5' : 'HTTP CONNECT';
    expect(deps.log.lines.map((l) => l.text)).toContain(
      `Connecting through ${kind} proxy 127.0.0.1:${via.port}`,
    );
    if (via.password) expect(JSON.stringify(deps.log.lines)).not.toContain(via.password);
  });

  it('FTPS: control and every data connection go through the proxy, certificate checked', async () => {
    const deps = depsWith(neverAsked, 10_000);
    const fs = await connectFtp(ftpsParams(proxy(name)), deps, ftpOptions());
    try {
      await harness.servers.fixtures.writeFile('ftps-dir/small.txt', 'through the proxy');
      const listing = await fs.list('/ftps-dir');
      expect(listing.entries.map((e) => e.name)).toContain('small.txt');
      await roundTrip(fs, '');
      expect(await fs.readSmall?.('/ftps-dir/small.txt', 1000)).toEqual(
        Buffer.from('through the proxy'),
      );
    } finally {
      await fs.close();
    }
    const log = deps.log.lines.map((l) => l.text).join('\n');
    expect(log).toMatch(/Connecting through (SOCKS5|HTTP CONNECT) proxy/);
    if (name === 'http' || name === 'httpAuth') {
      // tinyproxy names every tunnel it opened: the control port and each passive port.
      const tunnels =
        (await readFile(proxies[name].logPath, 'utf8')).match(/CONNECT localhost:\d+/g) ?? [];
      const dataTunnels = tunnels.filter(
        (t) => !t.endsWith(`:${harness.servers.ftpsExplicit!.port}`),
      );
      expect(dataTunnels.length).toBeGreaterThanOrEqual(4); // list, upload, download, readSmall
    }
  });
});

describe('other FTP kinds', () => {
  it('implicit FTPS through SOCKS5 with a login', async () => {
    const params = ftpsParams(proxy('socksAuth'), {
      protocol: 'ftps-implicit',
      port: harness.servers.ftpsImplicit!.port,
    });
    const fs = await connectFtp(params, depsWith(neverAsked, 10_000), ftpOptions());
    try {
      await roundTrip(fs, '');
    } finally {
      await fs.close();
    }
  });

  it('plain FTP through HTTP CONNECT says active mode cannot work through a proxy', async () => {
    const deps = depsWith(neverAsked, 10_000);
    const params = ftpsParams(proxy('http'), {
      protocol: 'ftp',
      port: harness.servers.ftp!.port,
      plainFtpAcknowledged: true,
      passive: false,
    });
    const fs = await connectFtp(params, deps, ftpOptions());
    try {
      await roundTrip(fs, '');
    } finally {
      await fs.close();
    }
    expect(deps.log.lines.map((l) => l.text).join('\n')).toContain(
      'Active mode cannot work through a proxy',
    );
  });

  it('a certificate nobody vouches for is asked about, shown as fetched through the proxy', async () => {
    // No test CA given: as directly, the user is asked; declining stops it.
    const pins = new CertPins(join(harness.scratch, 'pins.json'));
    const asking = answeringTrust(pins, 'reject');
    const failure = await connectFtp(
      ftpsParams(proxy('socks')),
      depsWith(asking.trust, 10_000),
    ).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'trust_declined' });
    expect(asking.prompts).toHaveLength(1);
    expect(asking.prompts[0]).toMatchObject({
      fingerprint: harness.servers.serverCert.fingerprint256,
    });
  });
});

describe('what goes wrong at a proxy', () => {
  const sftpVia = (via: ProxySettings, host = '127.0.0.1') =>
    connectSftp(sftpParams(harness.servers, { host, proxy: via }), {
      ...depsWith(trustTestHostKeys(harness.servers)),
      timeoutMs: 10_000,
    }).catch((e: unknown) => e);

  it('nothing listening on the proxy port', async () => {
    const failure = await sftpVia(proxy('socks', { port: proxies.socks.port + 400 }));
    expect(failure).toMatchObject({
      code: 'connection_refused',
      message: expect.stringContaining('at the SOCKS5 proxy'),
    });
  });

  it('the proxy forbids the server (SOCKS5 ruleset, HTTP 403)', async () => {
    for (const via of [proxy('socksAuth'), proxy('http')]) {
      const failure = await sftpVia(via, DENIED_HOST);
      expect(failure).toMatchObject({
        code: 'connection_refused',
        message: expect.stringContaining(`does not allow connections to ${DENIED_HOST}`),
      });
    }
  });

  it('nothing listening behind the proxy', async () => {
    const closedPort = { ...sftpParams(harness.servers), port: proxies.http.port + 401 };
    const failure = await connectSftp(
      { ...closedPort, proxy: proxy('socksAuth') },
      { ...depsWith(trustTestHostKeys(harness.servers)), timeoutMs: 10_000 },
    ).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'connection_refused',
      message: expect.stringContaining('nothing is accepting connections on port'),
    });
  });

  it('credentials missing or wrong (SOCKS5 and HTTP)', async () => {
    for (const name of ['socksAuth', 'httpAuth'] as const) {
      const missing = await sftpVia(proxy(name, { user: undefined, password: undefined }));
      expect(missing).toMatchObject({
        code: 'auth_failed',
        message: expect.stringContaining('asks for a user name and password'),
      });
      const wrong = await sftpVia(proxy(name, { password: 'not-the-password' }));
      expect(wrong).toMatchObject({
        code: 'auth_failed',
        message: expect.stringContaining('refused the proxy user name or password'),
      });
    }
  });

  it('an HTTP proxy set up as SOCKS5, and a SOCKS5 proxy set up as HTTP', async () => {
    const httpAsSocks = await sftpVia({
      kind: 'socks5',
      host: '127.0.0.1',
      port: proxies.http.port,
    });
    expect(httpAsSocks).toMatchObject({
      code: 'protocol_mismatch',
      message: expect.stringContaining('does not answer as a SOCKS5 proxy'),
    });
    const socksAsHttp = await sftpVia({
      kind: 'http',
      host: '127.0.0.1',
      port: proxies.socks.port,
    });
    expect(socksAsHttp).toMatchObject({
      code: 'protocol_mismatch',
      message: expect.stringContaining('does not answer as an HTTP CONNECT proxy'),
    });
  });
});
