import { dialThroughProxy } from '../remote/proxy/dial';
import type { ProbeRoute } from './context';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { loadSsh2 } from '../remote/ssh2-loader';
import { sshFingerprint, sshKeyType } from '../trust/known-hosts-fingerprint';

export interface FetchedHostKey {
  type: string;
  fingerprint: string;
  bits?: number;
}

/**
 * One host key per key family the server offers (an RSA key signs as rsa-sha2-512, rsa-sha2-256
 * and ssh-rsa alike): the first algorithm the server lists for each family.
 */
export function hostKeyAlgorithmsToFetch(offered: readonly string[]): ServerHostKeyAlgorithm[] {
  const byFamily = new Map<string, ServerHostKeyAlgorithm>();
  for (const algorithm of offered) {
    if (!isKnownAlgorithm(algorithm)) continue;
    const family = KEY_FAMILY[algorithm];
    if (!byFamily.has(family)) byFamily.set(family, algorithm);
  }
  return [...byFamily.values()];
}

const KEY_FAMILY: Record<ServerHostKeyAlgorithm, string> = {
  'ssh-ed25519': 'ssh-ed25519',
  'ecdsa-sha2-nistp256': 'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384': 'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521': 'ecdsa-sha2-nistp521',
  'rsa-sha2-512': 'ssh-rsa',
  'rsa-sha2-256': 'ssh-rsa',
  'ssh-rsa': 'ssh-rsa',
  'ssh-dss': 'ssh-dss',
};

function isKnownAlgorithm(name: string): name is ServerHostKeyAlgorithm {
  return Object.hasOwn(KEY_FAMILY, name);
}

/**
 * Runs key exchange with ssh2 just far enough to see the host key (which proves the server holds
 * it), then refuses the key: the connection ends before any user name or password is sent.
 */
export async function fetchHostKey(
  address: string,
  port: number,
  algorithm: ServerHostKeyAlgorithm,
  timeoutMs: number,
  route: ProbeRoute = {},
): Promise<FetchedHostKey | undefined> {
  // Loaded on first use (and the way SFTP loads it, see ssh2-loader.ts), not when the app starts.
  const { Client } = await loadSsh2();
  const target = { host: address, port };
  const { proxy, tunnel } = route;
  const dialled = tunnel
    ? tunnel.dial(target, { timeoutMs })
    : proxy
      ? dialThroughProxy(proxy, target, { timeoutMs })
      : undefined;
  const sock = dialled ? await dialled.catch(() => undefined) : undefined;
  if (dialled && !sock) return undefined;
  return new Promise((resolve) => {
    const client = new Client();
    let result: FetchedHostKey | undefined;
    const timer = setTimeout(() => client.destroy(), timeoutMs);
    client.on('error', () => undefined);
    client.once('close', () => {
      clearTimeout(timer);
      resolve(result);
    });
    client.connect({
      ...(sock ? { sock } : { host: address, port }),
      username: 'ferry-security-check',
      authHandler: [],
      readyTimeout: timeoutMs,
      algorithms: { serverHostKey: [algorithm] },
      hostVerifier: (key: Buffer): boolean => {
        const bits = keyBits(key);
        result = { type: sshKeyType(key), fingerprint: sshFingerprint(key) };
        if (bits !== undefined) result.bits = bits;
        return false;
      },
    });
  });
}

/** The key size in bits, read from the SSH wire-format public key. */
export function keyBits(rawKey: Buffer): number | undefined {
  const fields = readStrings(rawKey, 3);
  const type = fields[0]?.toString('latin1');
  if (type === 'ssh-ed25519') return 256;
  if (type?.startsWith('ecdsa-sha2-nistp')) return Number(type.slice('ecdsa-sha2-nistp'.length));
  // ssh-rsa: e, n — ssh-dss: p, q, g, y. The modulus (n or p) sets the size.
  const modulus = type === 'ssh-rsa' ? fields[2] : type === 'ssh-dss' ? fields[1] : undefined;
  if (!modulus) return undefined;
  let start = 0;
  while (start < modulus.length && modulus[start] === 0) start += 1;
  if (start === modulus.length) return 0;
  const top = modulus[start] ?? 0;
  return (modulus.length - start - 1) * 8 + (32 - Math.clz32(top));
}

function readStrings(buffer: Buffer, count: number): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  while (out.length < count && offset + 4 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    if (offset + 4 + length > buffer.length) break;
    out.push(buffer.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return out;
}
