/**
 * What a user sees when the protocol, port or password is wrong, against real servers:
 * a coded error with a hint, never a hang longer than the connect timeout.
 */
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { ConnectionParams } from '../../../shared/types';
import { connectFtp } from './ftp';
import { depsWith, neverAsked, silentServer, startRelay, unusedPort } from './ftp-test-kit';

const harness = harnessForSuite([
  'ftps-explicit',
  'ftps-explicit-tls12',
  'ftps-implicit',
  'ftp',
  'sftp',
]);

const TIMEOUT_MS = 3000;

function params(protocol: ConnectionParams['protocol'], port: number): ConnectionParams {
  return {
    protocol,
    host: '127.0.0.1',
    port,
    user: harness.servers.user.name,
    password: harness.servers.user.password,
    plainFtpAcknowledged: true,
  };
}

/** Connects expecting failure; returns the error and how long it took. */
async function failure(
  p: ConnectionParams,
  timeoutMs = TIMEOUT_MS,
): Promise<{ code: string; hint: string; ms: number }> {
  const started = Date.now();
  const deps = depsWith(neverAsked, timeoutMs);
  try {
    const remote = await connectFtp(p, deps, { extraCa: [harness.servers.ca.certPem] });
    await remote.close();
  } catch (error) {
    const { code, hint } = error as { code: string; hint?: string };
    expect(deps.log.lines.map((l) => l.text).join('\n')).not.toContain(
      harness.servers.user.password,
    );
    return { code, hint: hint ?? '', ms: Date.now() - started };
  }
  throw new Error('connected, but a failure was expected');
}

describe('connection errors', () => {
  it('wrong password → auth_failed', async () => {
    // PAM makes a failed login wait about 2-3 s on purpose: give the login that long.
    const p = {
      ...params('ftps-explicit', harness.servers.ftpsExplicit!.port),
      password: 'not-it',
    };
    expect(await failure(p, 10_000)).toMatchObject({ code: 'auth_failed' });
  });

  it('implicit FTPS on the explicit port → protocol_mismatch, pointing to explicit', async () => {
    const result = await failure(params('ftps-implicit', harness.servers.ftpsExplicit!.port));
    expect(result).toMatchObject({ code: 'protocol_mismatch' });
    expect(result.hint).toContain('choose FTPS explicit');
  });

  it.each(['ftps-explicit', 'ftp'] as const)(
    '%s on the implicit port → protocol_mismatch within the timeout',
    async (protocol) => {
      const result = await failure(params(protocol, harness.servers.ftpsImplicit!.port));
      expect(result).toMatchObject({ code: 'protocol_mismatch' });
      expect(result.hint).toContain('choose FTPS implicit');
      expect(result.ms).toBeLessThanOrEqual(TIMEOUT_MS + 300);
    },
  );

  it('plain FTP against a server that requires TLS → tls_required', async () => {
    expect(await failure(params('ftp', harness.servers.ftpsExplicit!.port))).toMatchObject({
      code: 'tls_required',
    });
  });

  it('explicit FTPS against a server without TLS → tls_unavailable', async () => {
    expect(await failure(params('ftps-explicit', harness.servers.ftp!.port))).toMatchObject({
      code: 'tls_unavailable',
    });
  });

  it.each(['ftp', 'ftps-explicit', 'ftps-implicit'] as const)(
    '%s against the SFTP port → protocol_mismatch "choose SFTP"',
    async (protocol) => {
      const result = await failure(params(protocol, harness.servers.sftp!.port));
      expect(result).toMatchObject({ code: 'protocol_mismatch' });
      expect(result.hint).toContain('choose SFTP');
      expect(result.ms).toBeLessThan(TIMEOUT_MS);
    },
  );

  it('nothing listening → connection_refused', async () => {
    const port = await unusedPort();
    expect(await failure(params('ftps-explicit', port))).toMatchObject({
      code: 'connection_refused',
    });
  });

  it.each(['ftp', 'ftps-explicit', 'ftps-implicit'] as const)(
    '%s against a port that accepts and says nothing → timeout within the timeout',
    async (protocol) => {
      const silent = await silentServer();
      try {
        const result = await failure(params(protocol, silent.port));
        expect(result).toMatchObject({ code: 'timeout' });
        expect(result.ms).toBeLessThanOrEqual(TIMEOUT_MS + 300);
      } finally {
        await silent.close();
      }
    },
  );

  it('a server below the TLS version the profile demands → tls_unavailable', async () => {
    const p = {
      ...params('ftps-explicit', harness.servers.ftpsExplicitTls12!.port),
      minTlsVersion: 'TLSv1.3' as const,
    };
    expect(await failure(p)).toMatchObject({ code: 'tls_unavailable' });
  });

  it('a line break in the user name → invalid_input, nothing sent', async () => {
    const p = { ...params('ftp', harness.servers.ftp!.port), user: 'ferrytest\r\nDELE /x' };
    expect(await failure(p)).toMatchObject({ code: 'invalid_input' });
  });

  it('plain FTP without the user saying yes → plain_ftp_not_acknowledged', async () => {
    const p = { ...params('ftp', harness.servers.ftp!.port), plainFtpAcknowledged: false };
    expect(await failure(p)).toMatchObject({ code: 'plain_ftp_not_acknowledged' });
  });
});

describe('session life', () => {
  it('reconnects once, transparently, after the server closed an idle connection', async () => {
    const relay = await startRelay(harness.servers.ftpsExplicit!.port);
    const deps = depsWith(neverAsked);
    const remote = await connectFtp(params('ftps-explicit', relay.port), deps, {
      extraCa: [harness.servers.ca.certPem],
    });
    try {
      await harness.servers.fixtures.writeFile('idle/a.txt', 'a');
      expect((await remote.list('/idle')).entries.map((e) => e.name)).toEqual(['a.txt']);
      relay.cut();
      // The client has seen the server's goodbye once it hung up its own end too (it closes on
      // the FIN): the next call then finds the connection closed, whatever the machine's load.
      await vi.waitFor(() => expect(relay.openSockets).toBe(0), { timeout: 10_000, interval: 10 });
      expect((await remote.list('/idle')).entries.map((e) => e.name)).toEqual(['a.txt']);
      expect(deps.log.lines.some((l) => l.text.startsWith('Reconnecting'))).toBe(true);
      await remote.upload(Readable.from([Buffer.from('after')]), '/idle/b.txt');
    } finally {
      await remote.close();
      await relay.close();
    }
  });

  it('sends NOOP on an idle session', async () => {
    const deps = depsWith(neverAsked);
    const remote = await connectFtp(params('ftp', harness.servers.ftp!.port), deps, {
      keepaliveMs: 150,
    });
    const noops = () => deps.log.lines.filter((l) => l.level === 'command' && l.text === 'NOOP');
    // Two in a row: the keepalive repeats while the session stays idle (every 150 ms; a busy
    // machine may stretch that, so wait for them rather than for a fixed time).
    for (let waited = 0; waited < 10_000 && noops().length < 2; waited += 25) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await remote.close();
    expect(noops().length).toBeGreaterThanOrEqual(2);
  });

  it('runs calls made at the same time one after another on one connection', async () => {
    await harness.servers.fixtures.writeFile('many/x.txt', 'x');
    const remote = await connectFtp(params('ftp', harness.servers.ftp!.port), depsWith(neverAsked));
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          i % 3 === 0 ? remote.mkdir(`/many/d${i}`) : remote.list('/many'),
        ),
      );
      expect(results.filter((r) => r !== undefined)).toHaveLength(8);
      const names = (await remote.list('/many')).entries.map((e) => e.name).sort();
      expect(names).toEqual(['d0', 'd3', 'd6', 'd9', 'x.txt']);
    } finally {
      await remote.close();
    }
  });
});
