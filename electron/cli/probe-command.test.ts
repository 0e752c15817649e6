/** `ferry probe` against the real harness: what a terminal user reads, and the exit codes. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import type { ProbeReport } from '../../shared/contract/probe';
import { closedPort } from '../core/probe/testing/misbehaving-servers';
import { KnownHosts } from '../core/trust/known-hosts';
import {
  PROBE_EXIT,
  parsePortsOption,
  runProbeCommand,
  type ProbeCommandArgs,
} from './probe-command';

const harness = harnessForSuite(['sftp', 'ftps-explicit', 'ftp'], 'ferry-probe-cli-');

async function run(args: ProbeCommandArgs): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runProbeCommand(args, {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
  });
  return { code, out, err };
}

describe('ferry probe', () => {
  it('prints the recommendation first, then each port, and exits 0 when SFTP answers', async () => {
    const sftp = harness.servers.sftp!;
    const { code, out } = await run({
      host: '127.0.0.1',
      ports: [sftp.port, harness.servers.ftp!.port],
      json: false,
    });
    expect(code).toBe(PROBE_EXIT.secure);
    const lines = out.split('\n');
    expect(lines[2]).toBe(`Use: SFTP on port ${sftp.port} (grade A)`);
    expect(out).toContain(`Port ${sftp.port}`);
    expect(out).toContain(sftp.hostKeys[0]!.fingerprint);
    expect(out).toMatch(/✗ plain FTP allows login without encryption/);
  });

  it('with --json prints the whole report', async () => {
    const { code, out } = await run({
      host: '127.0.0.1',
      ports: [harness.servers.ftpsExplicit!.port],
      json: true,
      caPaths: [harness.servers.ca.certPath],
    });
    expect(code).toBe(PROBE_EXIT.secure);
    const report = JSON.parse(out) as ProbeReport;
    expect(report.recommendation).toMatchObject({ protocol: 'ftps-explicit', grade: 'A' });
    expect(report.endpoints[0]?.tls?.certificate?.trusted).toBe(true);
  });

  it('exits 6 when only plain FTP (or nothing) answers, and says why', async () => {
    const { code, out } = await run({
      host: '127.0.0.1',
      ports: [harness.servers.ftp!.port, await closedPort()],
      json: false,
    });
    expect(code).toBe(PROBE_EXIT.insecure);
    expect(out).toContain('No secure way in: only plain FTP answers');
    expect(out).toContain('Nothing is listening on this port.');
  });

  it("reads Ferry's known hosts to tell whether the SSH key is trusted", async () => {
    const knownHostsPath = join(harness.scratch, 'known-hosts.json');
    const key = harness.servers.sftp!.hostKeys[0]!;
    await new KnownHosts(knownHostsPath).add(
      '127.0.0.1',
      harness.servers.sftp!.port,
      key.type,
      key.fingerprint,
    );
    const { out } = await run({
      host: '127.0.0.1',
      ports: [harness.servers.sftp!.port],
      json: false,
      knownHostsPath,
    });
    expect(out).toContain(`${key.fingerprint} — already trusted by Ferry.`);
  });

  it('says plainly when a CA file is missing', async () => {
    const { code, err } = await run({
      host: '127.0.0.1',
      ports: [harness.servers.sftp!.port],
      json: false,
      caPaths: [join(harness.scratch, 'missing.pem')],
    });
    expect(code).toBe(PROBE_EXIT.failed);
    expect(err).toContain('could not be read');
  });

  it('reads --ports, and refuses what is not a port list', () => {
    expect(parsePortsOption('22,21,990,2222')).toEqual([22, 21, 990, 2222]);
    expect(() => parsePortsOption('22,ssh')).toThrow(/“ssh” is not a port/);
    expect(() => parsePortsOption('')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
