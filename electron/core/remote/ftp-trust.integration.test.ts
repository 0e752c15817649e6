/**
 * Certificate trust against real vsftpd: without the test CA the certificate is not vouched for,
 * so the user is asked (through a real TrustBroker); "trust always" pins it; "reject" declines.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { ConnectionParams } from '../../../shared/types';
import { CertPins, normaliseFingerprint256 } from '../trust/cert-pins';
import { connectFtp } from './ftp';
import { answeringTrust, depsWith, neverAsked } from './ftp-test-kit';

const harness = harnessForSuite(['ftps-explicit', 'ftps-implicit'], 'ferry-ftp-trust-');

describe.each(['ftps-explicit', 'ftps-implicit'] as const)('%s', (protocol) => {
  const params = (): ConnectionParams => ({
    protocol,
    host: '127.0.0.1',
    port:
      protocol === 'ftps-explicit'
        ? harness.servers.ftpsExplicit!.port
        : harness.servers.ftpsImplicit!.port,
    user: harness.servers.user.name,
    password: harness.servers.user.password,
  });

  it('asks about an unknown authority; "trust always" pins, and the next connect is silent', async () => {
    const pins = new CertPins(join(harness.scratch, `${protocol}-pins.json`));
    const asking = answeringTrust(pins, 'trust-always');
    const deps = depsWith(asking.trust);
    const remote = await connectFtp(params(), deps, { certPins: pins });
    try {
      expect(asking.prompts).toHaveLength(1);
      const prompt = asking.prompts[0];
      expect(prompt).toMatchObject({
        kind: 'certificate',
        host: '127.0.0.1',
        port: params().port,
        subject: expect.stringContaining('CN=localhost') as string,
        issuer: expect.stringContaining('Ferry Test CA') as string,
        subjectAltNames: expect.arrayContaining(['DNS:localhost']) as string[],
        reason: expect.stringContaining('authority this computer does not know') as string,
      });
      expect(prompt?.kind === 'certificate' && prompt.fingerprint).toBe(
        normaliseFingerprint256(harness.servers.serverCert.fingerprint256),
      );
      if (prompt?.kind === 'certificate') {
        expect(Date.parse(prompt.validTo)).toBeGreaterThan(Date.now());
      }
      // Data connections work under the trusted certificate (upload, including an empty one).
      await remote.upload(Readable.from([Buffer.from('pinned')]), `/${protocol}-pinned.txt`);
      await remote.upload(Readable.from([]), `/${protocol}-pinned-empty.txt`);
      const got: Buffer[] = [];
      await remote.download(
        `/${protocol}-pinned.txt`,
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            got.push(chunk);
            done();
          },
        }),
      );
      expect(Buffer.concat(got).toString()).toBe('pinned');
      expect((await stat(harness.servers.fixtures.abs(`${protocol}-pinned-empty.txt`))).size).toBe(
        0,
      );
      // And for small files, whose commands leave together (ftp-small-files.ts).
      const small = { mode: 0o644, modified: null, created: true };
      await remote.writeSmall(`/${protocol}-pinned-small.txt`, Buffer.from('small'), small);
      await remote.writeSmall(`/${protocol}-pinned-small-empty.txt`, Buffer.alloc(0), small);
      expect((await remote.readSmall(`/${protocol}-pinned-small.txt`, 100)).toString()).toBe(
        'small',
      );
    } finally {
      await remote.close();
    }
    expect(
      JSON.parse(await readFile(join(harness.scratch, `${protocol}-pins.json`), 'utf8')),
    ).toMatchObject({
      pins: [{ host: '127.0.0.1', port: params().port }],
    });

    const again = await connectFtp(params(), depsWith(neverAsked), { certPins: pins });
    expect((await again.list('/')).path).toBe('/');
    await again.close();
  });

  it('"trust once" connects without pinning', async () => {
    const pins = new CertPins(join(harness.scratch, `${protocol}-once.json`));
    const asking = answeringTrust(pins, 'trust-once');
    const remote = await connectFtp(params(), depsWith(asking.trust), { certPins: pins });
    await remote.close();
    expect(asking.prompts).toHaveLength(1);
    expect(await pins.list()).toEqual([]);
  });

  it('"reject" fails with trust_declined before any credential is sent', async () => {
    const pins = new CertPins(join(harness.scratch, `${protocol}-reject.json`));
    const asking = answeringTrust(pins, 'reject');
    const deps = depsWith(asking.trust);
    await expect(connectFtp(params(), deps, { certPins: pins })).rejects.toMatchObject({
      code: 'trust_declined',
    });
    expect(asking.prompts).toHaveLength(1);
    expect(deps.log.lines.some((line) => line.text.startsWith('USER'))).toBe(false);
  });

  it.each(['127.0.0.1', 'localhost'])(
    'is silent for %s with the test CA given as an extra authority',
    async (host) => {
      const remote = await connectFtp({ ...params(), host }, depsWith(neverAsked), {
        extraCa: [harness.servers.ca.certPem],
      });
      expect((await remote.list('/')).path).toBe('/');
      await remote.close();
    },
  );

  it('asks again when the pin belongs to another certificate', async () => {
    const pins = new CertPins(join(harness.scratch, `${protocol}-other.json`));
    await pins.pin('127.0.0.1', params().port, 'AB'.repeat(32));
    const asking = answeringTrust(pins, 'reject');
    await expect(
      connectFtp(params(), depsWith(asking.trust), { certPins: pins }),
    ).rejects.toMatchObject({ code: 'trust_declined' });
    expect(asking.prompts).toHaveLength(1);
  });
});
