/**
 * The security check against the real harness servers (sshd; vsftpd explicit, TLS-1.2-capped,
 * implicit, plain and weak) and small in-test servers for silence and an old SSH server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVER_KINDS } from '../../../e2e/harness/servers';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { ProbeEndpoint, ProbeReport } from '../../../shared/contract/probe';
import { KnownHosts } from '../trust/known-hosts';
import { probeHost, type ProbeOptions } from './probe-host';
import {
  closedPort,
  selfSignedCertificate,
  startFakeSshServer,
  startSilentServer,
  startTlsServer,
  type LocalServer,
} from './testing/misbehaving-servers';

const harness = harnessForSuite(SERVER_KINDS, 'ferry-probe-test-');
let knownHosts: KnownHosts;
/** Every harness port, checked once with the test CA trusted and once without. */
let withCa: ProbeReport;
let withoutCa: ProbeReport;

const port = {
  sftp: () => harness.servers.sftp!.port,
  explicit: () => harness.servers.ftpsExplicit!.port,
  tls12: () => harness.servers.ftpsExplicitTls12!.port,
  implicit: () => harness.servers.ftpsImplicit!.port,
  ftp: () => harness.servers.ftp!.port,
  weak: () => harness.servers.ftpsWeak!.port,
};
const allPorts = (): number[] => Object.values(port).map((p) => p());

/** Generous on a loaded 2-core machine; the five-second promise has its own test. */
function check(ports: number[], extra: Partial<ProbeOptions> = {}): Promise<ProbeReport> {
  return probeHost({
    host: '127.0.0.1',
    ports,
    timeoutMs: 10_000,
    knownHost: (h, p, t, f) => knownHosts.lookup(h, p, t, f),
    ...extra,
  });
}

function at(report: ProbeReport, wanted: number): ProbeEndpoint {
  const endpoint = report.endpoints.find((e) => e.port === wanted);
  if (!endpoint) throw new Error(`port ${wanted} missing from the report`);
  return endpoint;
}

const texts = (endpoint: ProbeEndpoint): string[] => endpoint.reasons.map((r) => r.text);

beforeAll(async () => {
  knownHosts = new KnownHosts(join(harness.scratch, 'known-hosts.json'));
  withCa = await check(allPorts(), { extraCa: [harness.servers.ca.certPem] });
  withoutCa = await check(allPorts());
});

describe('SSH', () => {
  it('is found, with its algorithms and the host key the harness generated', () => {
    const ssh = at(withCa, port.sftp());
    expect(ssh).toMatchObject({ status: 'open', service: 'ssh', grade: 'A', usable: true });
    expect(ssh.ssh?.version).toMatch(/^SSH-2\.0-OpenSSH_/);
    expect(ssh.ssh?.kex).toContain('curve25519-sha256');
    expect(ssh.ssh?.ciphers).toContain('aes256-gcm@openssh.com');
    expect(ssh.ssh?.macs.length).toBeGreaterThan(0);
    const harnessKey = harness.servers.sftp!.hostKeys[0]!;
    expect(ssh.ssh?.hostKeys).toEqual([
      { type: harnessKey.type, fingerprint: harnessKey.fingerprint, bits: 256, trust: 'unknown' },
    ]);
  });

  it('says when Ferry already trusts the key, and sounds the alarm when another key is trusted', async () => {
    const key = harness.servers.sftp!.hostKeys[0]!;
    await knownHosts.add('127.0.0.1', port.sftp(), key.type, key.fingerprint);
    const trusted = at(await check([port.sftp()]), port.sftp());
    expect(trusted.ssh?.hostKeys[0]?.trust).toBe('match');
    expect(trusted.notes.join('\n')).toContain('already trusted by Ferry');

    await knownHosts.remove('127.0.0.1', port.sftp());
    await knownHosts.add('127.0.0.1', port.sftp(), key.type, `SHA256:${'A'.repeat(43)}`);
    const changed = at(await check([port.sftp()]), port.sftp());
    expect(changed.ssh?.hostKeys[0]?.trust).toBe('changed');
    expect(changed.grade).toBe('F');
    expect(texts(changed)[0]).toMatch(/host key differs from the one you trusted/);
    await knownHosts.remove('127.0.0.1', port.sftp());
  });

  it('names the weaknesses of an old SSH server', async () => {
    const old: LocalServer = await startFakeSshServer('SSH-2.0-OldBox_1.0', {
      kex: ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1'],
      hostKeyAlgorithms: ['ssh-rsa', 'ssh-dss'],
      ciphersClientToServer: ['aes128-cbc', '3des-cbc'],
      ciphersServerToClient: ['aes128-cbc', '3des-cbc'],
      macsClientToServer: ['hmac-md5', 'hmac-sha1'],
      macsServerToClient: ['hmac-md5', 'hmac-sha1'],
      compressionClientToServer: ['none'],
      compressionServerToClient: ['none'],
    });
    try {
      const endpoint = at(await check([old.port]), old.port);
      expect(endpoint).toMatchObject({ service: 'ssh', grade: 'D', usable: false });
      expect(texts(endpoint)).toEqual(
        expect.arrayContaining([
          'offers ssh-rsa with SHA-1 signatures',
          'CBC ciphers offered',
          'offers 1024-bit key exchange (diffie-hellman-group1-sha1)',
          'offers DSA host keys (ssh-dss), which are broken',
          'offers MD5 message authentication',
        ]),
      );
    } finally {
      await old.close();
    }
  });
});

describe('FTPS', () => {
  it('explicit: AUTH TLS works, logins before TLS are refused, versions and certificate listed', () => {
    const explicit = at(withCa, port.explicit());
    expect(explicit).toMatchObject({ status: 'open', service: 'ftps-explicit', usable: true });
    expect(explicit.ftp).toMatchObject({ authTls: true, loginWithoutTls: 'refused' });
    expect(explicit.ftp?.banner).toMatch(/^220 /);
    expect(explicit.tls?.versions).toEqual({
      TLSv1: 'refused',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'accepted',
      'TLSv1.3': 'accepted',
    });
    expect(explicit.tls?.protocol).toBe('TLSv1.3');
    const cert = explicit.tls?.certificate;
    expect(cert).toMatchObject({
      fingerprint256: harness.servers.serverCert.fingerprint256,
      keyType: 'rsa',
      signatureAlgorithm: 'sha256WithRSAEncryption',
      selfSigned: false,
      hostnameMatches: true,
      trusted: true,
    });
    expect(cert?.subjectAltNames).toContain('IP Address:127.0.0.1');
    expect(Date.parse(cert!.validTo)).toBeGreaterThan(Date.now());
    expect(explicit.grade).toBe('A');
  });

  it('without the test CA the certificate is flagged as untrusted', () => {
    const explicit = at(withoutCa, port.explicit());
    expect(explicit.tls?.certificate).toMatchObject({ trusted: false, selfSigned: false });
    expect(explicit.tls?.certificate?.trustProblem).toMatch(
      /authority this computer does not know/,
    );
    expect(texts(explicit)).toContain(
      'certificate is signed by an authority this computer does not trust',
    );
    expect(explicit.grade).toBe('B');
  });

  it('a server capped at TLS 1.2 does not list 1.3', () => {
    const capped = at(withCa, port.tls12());
    expect(capped.tls?.versions['TLSv1.3']).toBe('refused');
    expect(capped.tls?.versions['TLSv1.2']).toBe('accepted');
    expect(capped.notes).toContain('Does not offer TLS 1.3 (1.2 is still fine).');
  });

  it('implicit: TLS from the first byte, with an FTP greeting inside', () => {
    const implicit = at(withCa, port.implicit());
    expect(implicit).toMatchObject({ status: 'open', service: 'ftps-implicit', grade: 'A' });
    expect(implicit.ftp?.banner).toMatch(/^220 /);
    expect(implicit.tls?.versions['TLSv1.3']).toBe('accepted');
    expect(implicit.tls?.versions.TLSv1).toBe('refused');
    expect(at(withoutCa, port.implicit()).tls?.certificate?.trusted).toBe(false);
  });

  it('the weak server is graded lower than the default one, with the specific reasons', () => {
    const weak = at(withCa, port.weak());
    const strong = at(withCa, port.explicit());
    const order = ['A', 'B', 'C', 'D', 'F'];
    expect(order.indexOf(weak.grade!)).toBeGreaterThan(order.indexOf(strong.grade!));
    expect(weak.tls?.versions).toMatchObject({ TLSv1: 'accepted', 'TLSv1.1': 'accepted' });
    expect(texts(weak)).toEqual(
      expect.arrayContaining(['accepts TLS 1.0', 'accepts TLS 1.1', 'CBC ciphers offered']),
    );
    // Also without the CA: the untrusted certificate must not blur the difference.
    expect(order.indexOf(at(withoutCa, port.weak()).grade!)).toBeGreaterThan(
      order.indexOf(at(withoutCa, port.explicit()).grade!),
    );
  });
});

describe('certificates', () => {
  it('a self-signed certificate for another name is flagged for both', async () => {
    const identity = await selfSignedCertificate(harness.scratch, 'elsewhere.example');
    const server = await startTlsServer(identity, '220 look-alike');
    try {
      const endpoint = at(await check([server.port]), server.port);
      expect(endpoint).toMatchObject({ service: 'ftps-implicit', usable: true, grade: 'C' });
      expect(endpoint.tls?.certificate).toMatchObject({
        subject: 'CN=elsewhere.example',
        selfSigned: true,
        hostnameMatches: false,
        trusted: false,
        keyBits: 2048,
      });
      expect(texts(endpoint)).toEqual([
        'certificate is made out to another name (CN=elsewhere.example)',
        'self-signed certificate: compare its fingerprint with the administrator’s',
      ]);
    } finally {
      await server.close();
    }
  });

  it('TLS without an FTP greeting inside is not mistaken for FTPS', async () => {
    const identity = await selfSignedCertificate(harness.scratch, 'web.example');
    const server = await startTlsServer(identity, undefined);
    try {
      const endpoint = at(await check([server.port], { timeoutMs: 4000 }), server.port);
      expect(endpoint).toMatchObject({ status: 'unrecognised', usable: false });
      expect(endpoint.service).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('plain FTP', () => {
  it('is flagged: no AUTH TLS, so any login happens without encryption', () => {
    const ftp = at(withCa, port.ftp());
    expect(ftp).toMatchObject({ status: 'open', service: 'ftp', grade: 'F' });
    expect(ftp.ftp).toMatchObject({ authTls: false, loginWithoutTls: 'allowed' });
    expect(texts(ftp)[0]).toMatch(/^plain FTP allows login without encryption/);
  });
});

describe('ports with nothing useful', () => {
  it('a closed port is reported closed, fast', async () => {
    const closed = await closedPort();
    const report = await check([closed]);
    expect(at(report, closed)).toMatchObject({ status: 'closed', usable: false });
    expect(report.elapsedMs).toBeLessThan(2000);
  });

  it('a port that accepts and says nothing is reported within the time given', async () => {
    const silent = await startSilentServer();
    try {
      const report = await probeHost({ host: '127.0.0.1', ports: [silent.port], timeoutMs: 3000 });
      expect(at(report, silent.port)).toMatchObject({ status: 'silent', usable: false });
      // The budget plus scheduling slack on a loaded 2-core machine, never a hang.
      expect(report.elapsedMs).toBeLessThan(5000);
    } finally {
      await silent.close();
    }
  });
});

describe('the recommendation', () => {
  it('picks SFTP when everything answers', () => {
    expect(withCa.recommendation).toMatchObject({
      protocol: 'sftp',
      port: port.sftp(),
      grade: 'A',
    });
    expect(withCa.secureOffered).toBe(true);
  });

  it('picks FTPS, never plain FTP, when there is no SSH', async () => {
    const report = await check([port.ftp(), port.weak(), port.implicit()], {
      extraCa: [harness.servers.ca.certPem],
    });
    expect(report.recommendation).toMatchObject({
      protocol: 'ftps-implicit',
      port: port.implicit(),
    });
    const weakOnly = await check([port.ftp(), port.weak()], {
      extraCa: [harness.servers.ca.certPem],
    });
    expect(weakOnly.recommendation).toMatchObject({ protocol: 'ftps-explicit', port: port.weak() });
  });

  it('recommends nothing when only plain FTP answers', async () => {
    const report = await check([port.ftp(), await closedPort()]);
    expect(report.recommendation).toBeUndefined();
    expect(report.secureOffered).toBe(false);
  });
});

describe('the promises the check makes', () => {
  it('checks a whole host in under five seconds', async () => {
    const started = Date.now();
    const report = await probeHost({ host: '127.0.0.1', ports: allPorts() });
    expect(Date.now() - started).toBeLessThan(5000);
    const services = report.endpoints.map((e) => e.service);
    expect(services).toEqual([
      'ssh',
      'ftps-explicit',
      'ftps-explicit',
      'ftps-implicit',
      'ftp',
      'ftps-explicit',
    ]);
  });

  it('sends no password and attempts no login anywhere', async () => {
    // The made-up user name goes only to servers that offer TLS (to see whether they insist on it).
    for (const server of [harness.servers.ftpsExplicit!, harness.servers.ftpsWeak!]) {
      expect(await readFile(server.logPath, 'utf8')).toContain('"USER ferry-security-check"');
    }
    for (const server of [
      harness.servers.ftpsExplicit!,
      harness.servers.ftp!,
      harness.servers.ftpsWeak!,
      harness.servers.ftpsImplicit!,
    ]) {
      expect(await readFile(server.logPath, 'utf8')).not.toMatch(
        /"(PASS|USER (?!ferry-security-check))/,
      );
    }
    const sshLog = await readFile(harness.servers.sftp!.logPath, 'utf8');
    expect(sshLog).not.toMatch(/Failed|Accepted|Invalid user|userauth/i);
  });
});
