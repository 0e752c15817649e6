import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { CertPins } from './cert-pins';
import { createTrustHandlers, type TrustHandlers } from './handlers';
import { KnownHosts } from './known-hosts';
import { sshFingerprint } from './known-hosts-fingerprint';

const KEY = sshFingerprint(Buffer.from('a host key'));
const OTHER_KEY = sshFingerprint(Buffer.from('another host key'));
const CERT = 'AB:'.repeat(31) + 'CD';

describe('trust handlers (Settings → Trusted servers)', () => {
  const scratch = scratchPerTest('ferry-trust-');
  let knownHosts: KnownHosts;
  let certPins: CertPins;
  let handlers: TrustHandlers;
  beforeEach(() => {
    knownHosts = new KnownHosts(join(scratch.path, 'known-hosts.json'));
    certPins = new CertPins(join(scratch.path, 'pinned-certificates.json'));
    handlers = createTrustHandlers({ knownHosts, certPins });
  });

  it('lists nothing before anything is trusted', async () => {
    expect(await handlers['trust.list']({})).toEqual({ hostKeys: [], certificates: [] });
  });

  it('lists saved host keys and pinned certificates, sorted by server', async () => {
    await knownHosts.add('zeta.example', 22, 'ssh-ed25519', KEY);
    await knownHosts.add('alpha.example', 2222, 'ssh-rsa', OTHER_KEY);
    await certPins.pin('ftp.example', 990, CERT);
    const listed = await handlers['trust.list']({});
    expect(listed.hostKeys.map((k) => `${k.host}:${k.port} ${k.fingerprint}`)).toEqual([
      `alpha.example:2222 ${OTHER_KEY}`,
      `zeta.example:22 ${KEY}`,
    ]);
    expect(listed.certificates).toEqual([
      expect.objectContaining({ host: 'ftp.example', port: 990, fingerprint256: CERT }),
    ]);
  });

  it('forgetting a host key makes the next connection a first contact again', async () => {
    await knownHosts.add('127.0.0.1', 2222, 'ssh-ed25519', KEY);
    await knownHosts.add('127.0.0.1', 2223, 'ssh-ed25519', KEY);
    expect(await knownHosts.lookup('127.0.0.1', 2222, 'ssh-ed25519', OTHER_KEY)).toBe('changed');

    await handlers['trust.forget']({ kind: 'host-key', host: '127.0.0.1', port: 2222 });

    expect(await knownHosts.lookup('127.0.0.1', 2222, 'ssh-ed25519', OTHER_KEY)).toBe('unknown');
    // Only that server is forgotten.
    expect(await knownHosts.lookup('127.0.0.1', 2223, 'ssh-ed25519', KEY)).toBe('match');
  });

  it('forgetting a certificate unpins only that server', async () => {
    await certPins.pin('ftp.example', 990, CERT);
    await certPins.pin('ftp.example', 21, CERT);
    await handlers['trust.forget']({ kind: 'certificate', host: 'FTP.example', port: 990 });
    expect(await certPins.isPinned('ftp.example', 990, CERT)).toBe(false);
    expect(await certPins.isPinned('ftp.example', 21, CERT)).toBe(true);
  });

  it('forgetting what is not there is harmless', async () => {
    await expect(
      handlers['trust.forget']({ kind: 'host-key', host: 'nowhere', port: 22 }),
    ).resolves.toBeUndefined();
    expect(await handlers['trust.list']({})).toEqual({ hostKeys: [], certificates: [] });
  });
});
