import type { ProxySettings } from '../../../shared/proxy';
import type { Socket } from 'node:net';
import type { Dialer } from '../remote/route';
import type { SshHostKeyReport, SshReport } from '../../../shared/contract/probe';
import type { KnownHostStatus } from '../trust/known-hosts';
import type { Budget } from './budget';
import { fetchHostKey, hostKeyAlgorithmsToFetch } from './ssh-host-keys';
import { parseKexInitPacket, type KexInit } from './ssh-kexinit';

/** Ferry's known-hosts verdict for one key (KnownHosts.lookup fits). */
export type KnownHostLookup = (
  host: string,
  port: number,
  keyType: string,
  fingerprint: string,
) => Promise<KnownHostStatus>;

export interface SshTarget {
  /** What the user typed: known hosts are kept under this name. */
  host: string;
  address: string;
  port: number;
  /** The proxy the check goes through. */
  proxy?: ProxySettings;
  /** The SSH jump host's tunnel the check goes through. */
  tunnel?: Dialer;
}

export interface SshProbeResult {
  ssh: SshReport;
  /** Key exchange with Ferry's SSH library worked (so Ferry can connect). */
  usable: boolean;
}

const OUR_IDENTIFICATION = 'SSH-2.0-FerrySecurityCheck\r\n';

/**
 * The SSH half of the check, on a socket whose server already sent its identification: reads the
 * offered algorithms, then fetches each host key on connections of its own.
 */
export async function probeSsh(
  socket: Socket,
  greeting: { identification: string; rest: Buffer },
  target: SshTarget,
  budget: Budget,
  knownHost: KnownHostLookup | undefined,
): Promise<SshProbeResult> {
  const kexinit = await readKexInit(socket, greeting.rest, budget.upTo(2000));
  socket.destroy();
  const ssh: SshReport = {
    version: greeting.identification,
    kex: kexinit?.kex ?? [],
    hostKeyAlgorithms: kexinit?.hostKeyAlgorithms ?? [],
    ciphers: union(kexinit?.ciphersServerToClient, kexinit?.ciphersClientToServer),
    macs: union(kexinit?.macsServerToClient, kexinit?.macsClientToServer),
    compression: union(kexinit?.compressionServerToClient, kexinit?.compressionClientToServer),
    hostKeys: [],
  };
  if (!kexinit) return { ssh, usable: false };

  const algorithms = hostKeyAlgorithmsToFetch(kexinit.hostKeyAlgorithms).slice(0, 4);
  const fetched = await Promise.all(
    algorithms.map((algorithm) =>
      fetchHostKey(target.address, target.port, algorithm, budget.upTo(3000), target),
    ),
  );
  const keys = fetched.filter((key) => key !== undefined);
  ssh.hostKeys = await Promise.all(
    keys.map(async (key): Promise<SshHostKeyReport> => {
      const trust = knownHost
        ? await knownHost(target.host, target.port, key.type, key.fingerprint).catch(
            () => 'unknown' as const,
          )
        : 'unknown';
      return { ...key, trust };
    }),
  );
  return { ssh, usable: keys.length > 0 };
}

function readKexInit(
  socket: Socket,
  rest: Buffer,
  timeoutMs: number,
): Promise<KexInit | undefined> {
  return new Promise((resolve) => {
    let received = rest;
    const finish = (kexinit: KexInit | undefined): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(kexinit);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const attempt = (): void => {
      const parsed = parseKexInitPacket(received);
      if (parsed.state === 'done') finish(parsed.kexinit);
      else if (parsed.state === 'invalid') finish(undefined);
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      attempt();
    };
    const onClose = (): void => finish(undefined);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.resume();
    socket.write(OUR_IDENTIFICATION);
    attempt();
  });
}

function union(first: string[] = [], second: string[] = []): string[] {
  return [...new Set([...first, ...second])];
}
