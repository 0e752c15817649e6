import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { FerryError } from '../../../shared/errors';
import { KnownHosts } from './known-hosts';
import { sshFingerprint, sshKeyType } from './known-hosts-fingerprint';

const FP_A = sshFingerprint(Buffer.from('key a'));
const FP_B = sshFingerprint(Buffer.from('key b'));

describe('ssh fingerprints', () => {
  it('match OpenSSH: SHA256 + unpadded base64 of the raw key', () => {
    // `ssh-keygen -lf` on this public key prints SHA256:... for the same blob.
    const blob = Buffer.from(
      'AAAAC3NzaC1lZDI1NTE5AAAAIDXfqxV/Faz6fpg13nHA/02puBYC1pZvZQfI/0ZAwI98',
      'base64',
    );
    expect(sshFingerprint(blob)).toBe('SHA256:AYEH1LSS0g4QuTu9Ih2RWy49ZTuOpbyeF+jVTGhE92k');
    expect(sshKeyType(blob)).toBe('ssh-ed25519');
  });

  it('names garbage keys "unknown" rather than throwing', () => {
    expect(sshKeyType(Buffer.from([0, 0, 0]))).toBe('unknown');
    expect(sshKeyType(Buffer.from([0xff, 0xff, 0xff, 0xff, 1]))).toBe('unknown');
  });
});

describe('KnownHosts', () => {
  const scratch = scratchPerTest('ferry-known-hosts-');
  let file: string;
  beforeEach(() => {
    file = join(scratch.path, 'known-hosts.json');
  });

  it('knows nothing at first, then matches the trusted key after a restart', async () => {
    const first = new KnownHosts(file);
    expect(await first.lookup('example.org', 22, 'ssh-ed25519', FP_A)).toBe('unknown');
    await first.add('Example.ORG', 22, 'ssh-ed25519', FP_A);

    const again = new KnownHosts(file);
    expect(await again.lookup('example.org', 22, 'ssh-ed25519', FP_A)).toBe('match');
    expect(await again.lookup('example.org', 2222, 'ssh-ed25519', FP_A)).toBe('unknown');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reports a different key, or another key type, as changed', async () => {
    const hosts = new KnownHosts(file);
    await hosts.add('10.0.0.1', 22, 'ssh-ed25519', FP_A);
    expect(await hosts.lookup('10.0.0.1', 22, 'ssh-ed25519', FP_B)).toBe('changed');
    expect(await hosts.lookup('10.0.0.1', 22, 'ssh-rsa', FP_B)).toBe('changed');
  });

  it('forgets a host on remove, and keeps other hosts', async () => {
    const hosts = new KnownHosts(file);
    await hosts.add('a.test', 22, 'ssh-ed25519', FP_A);
    await hosts.add('::1', 22, 'ssh-ed25519', FP_B);
    await hosts.remove('a.test', 22);
    expect(await hosts.lookup('a.test', 22, 'ssh-ed25519', FP_A)).toBe('unknown');
    expect(await hosts.lookup('::1', 22, 'ssh-ed25519', FP_B)).toBe('match');
  });

  it('keeps every key when many are added at once', async () => {
    const hosts = new KnownHosts(file);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => hosts.add(`h${i}.test`, 22, 'ssh-ed25519', FP_A)),
    );
    expect(await hosts.list()).toHaveLength(20);
  });

  it('refuses to work on a damaged file instead of forgetting every key', async () => {
    await writeFile(file, '{ not json');
    const hosts = new KnownHosts(file);
    await expect(hosts.lookup('a.test', 22, 'ssh-ed25519', FP_A)).rejects.toMatchObject({
      code: 'store_corrupt',
    });
    await expect(hosts.add('a.test', 22, 'ssh-ed25519', FP_A)).rejects.toBeInstanceOf(FerryError);
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });
});
