import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { FerryError } from '../../../shared/errors';
import type { CertificateFacts } from '../remote/connect-deps';
import { CertPins, normaliseFingerprint256 } from './cert-pins';
import { certificateDecider } from './cert-pins-trust';
import { answeringBroker } from './testing/answering-broker';

const FP_A = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0'))
  .join(':')
  .toUpperCase();
const FP_B = Array.from({ length: 32 }, (_, i) => (255 - i).toString(16).padStart(2, '0'))
  .join(':')
  .toUpperCase();

describe('normaliseFingerprint256', () => {
  it.each([
    [FP_A, FP_A],
    [FP_A.toLowerCase(), FP_A],
    [FP_A.replace(/:/g, ''), FP_A],
    [`  ${FP_A}  `, FP_A],
    ['AB:CD', undefined],
    ['zz'.repeat(32), undefined],
    ['', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseFingerprint256(input)).toBe(expected);
  });
});

describe('CertPins', () => {
  const scratch = scratchPerTest('ferry-cert-pins-');
  let file: string;
  beforeEach(() => {
    file = join(scratch.path, 'cert-pins.json');
  });

  it('knows nothing before a pin, and the pinned fingerprint after', async () => {
    const pins = new CertPins(file);
    expect(await pins.isPinned('ftp.example.org', 990, FP_A)).toBe(false);
    await pins.pin('ftp.example.org', 990, FP_A);
    expect(await pins.isPinned('ftp.example.org', 990, FP_A)).toBe(true);
    expect(await pins.isPinned('FTP.Example.org', 990, FP_A.toLowerCase())).toBe(true);
    // Another port is another server; another certificate is not trusted.
    expect(await pins.isPinned('ftp.example.org', 21, FP_A)).toBe(false);
    expect(await pins.isPinned('ftp.example.org', 990, FP_B)).toBe(false);
  });

  it('survives a restart: a new instance reads the same file (mode 0600)', async () => {
    await new CertPins(file).pin('::1', 2121, FP_B);
    expect(await new CertPins(file).isPinned('::1', 2121, FP_B)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('replaces the old pin of a server when a new certificate is trusted', async () => {
    const pins = new CertPins(file);
    await pins.pin('h', 21, FP_A);
    await pins.pin('h', 21, FP_B);
    expect(await pins.isPinned('h', 21, FP_A)).toBe(false);
    expect(await pins.isPinned('h', 21, FP_B)).toBe(true);
    expect(await pins.list()).toHaveLength(1);
  });

  it('keeps every pin when many are written at once', async () => {
    const pins = new CertPins(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => pins.pin(`host${i}`, 21, FP_A)));
    expect(await pins.list()).toHaveLength(20);
  });

  it('forgets a pin on request', async () => {
    const pins = new CertPins(file);
    await pins.pin('h', 21, FP_A);
    await pins.unpin('h', 21);
    expect(await pins.isPinned('h', 21, FP_A)).toBe(false);
  });

  it('refuses a malformed fingerprint', async () => {
    await expect(new CertPins(file).pin('h', 21, 'nope')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('reports a damaged file and never overwrites it', async () => {
    await writeFile(file, '{ not json');
    const pins = new CertPins(file);
    await expect(pins.isPinned('h', 21, FP_A)).rejects.toBeInstanceOf(FerryError);
    await expect(pins.pin('h', 21, FP_A)).rejects.toMatchObject({ code: 'store_corrupt' });
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });
});

describe('certificateDecider', () => {
  const cert: CertificateFacts = {
    subject: 'CN=localhost',
    issuer: 'CN=Test CA',
    subjectAltNames: ['DNS:localhost'],
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    fingerprint256: FP_A,
  };
  const scratch = scratchPerTest('ferry-cert-decider-');

  it('asks with the facts and the reason; "trust always" pins so the next check is silent', async () => {
    const pins = new CertPins(join(scratch.path, 'pins.json'));
    const { broker, prompts } = answeringBroker('trust-always');
    const decide = certificateDecider(pins, broker);
    expect(await decide('localhost', 990, cert, 'self-signed')).toBe('trusted');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatchObject({
      kind: 'certificate',
      fingerprint: FP_A,
      reason: 'self-signed',
    });
    expect(await decide('localhost', 990, cert, 'self-signed')).toBe('trusted');
    expect(prompts).toHaveLength(1);
  });

  it('"trust once" trusts without pinning; "reject" rejects', async () => {
    const pins = new CertPins(join(scratch.path, 'pins.json'));
    const once = answeringBroker('trust-once');
    expect(await certificateDecider(pins, once.broker)('h', 21, cert, 'x')).toBe('trusted');
    expect(await pins.isPinned('h', 21, FP_A)).toBe(false);
    const no = answeringBroker('reject');
    expect(await certificateDecider(pins, no.broker)('h', 21, cert, 'x')).toBe('rejected');
  });
});
