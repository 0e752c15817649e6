import { createRequire } from 'node:module';
import { FerryError } from '../../../shared/errors';

/*
 * ssh2 fills every outgoing packet's padding (4–19 bytes with AES-GCM) with a separate
 * crypto.randomFillSync call, measured at ~3–20 µs each: ~40 ms for 1,000 small downloads,
 * ~80 ms for 1,000 small uploads, ~130 ms for one 256 MiB upload (ssh2 sends 32 KiB packets).
 * The bytes stay the CSPRNG's; only the calls get fewer: they are drawn 4 KiB at a time and
 * each byte is handed out once (Node's crypto.randomUUID keeps such a cache too; OpenSSH pads
 * from arc4random, also a userspace stream). Requests over 256 bytes, and any that are not a
 * plain Buffer range, go straight to the CSPRNG.
 *
 * ssh2 takes its reference to randomFillSync when it loads, so the pooled function is in place
 * only while ssh2 loads, then the original is back for everyone else. Every ssh2 module that
 * destructures it at that moment draws from the pool, not only the padding: in ssh2 1.x,
 * protocol/crypto.js (packet padding, every cipher), protocol/kex.js (the 16-byte KEXINIT
 * cookie) and client.js (the 16-byte X11 forwarding cookie, which Ferry never requests). Key
 * exchange secrets come from OpenSSL (createECDH, generateKeyPairSync, diffieHellman), not from
 * randomFillSync. Check this list when ssh2 is upgraded: `grep -rn randomFillSync
 * node_modules/ssh2/lib`.
 */

type Ssh2 = typeof import('ssh2');

/** The two parts of ssh2 Ferry uses. */
export interface Ssh2Parts {
  Client: Ssh2['Client'];
  parseKey: Ssh2['utils']['parseKey'];
}

const POOL_BYTES = 4096;
/** Larger requests (keys, nonces of unusual size) go straight to the CSPRNG. */
const LARGEST_POOLED = 256;

const load = createRequire(import.meta.url);
/** The object ssh2's require('crypto') gets (an ES import would give a frozen namespace). */
const nodeCrypto = load('node:crypto') as typeof import('node:crypto');
const original = nodeCrypto.randomFillSync;

let pool: Buffer | undefined;
let used = POOL_BYTES;

/** crypto.randomFillSync, serving small fills of Buffers from the pool. */
export function pooledRandomFillSync<T extends NodeJS.ArrayBufferView>(
  target: T,
  offset?: number,
  size?: number,
): T {
  const start = offset ?? 0;
  const length = size ?? (Buffer.isBuffer(target) ? target.length - start : -1);
  const plain =
    Buffer.isBuffer(target) &&
    Number.isInteger(start) &&
    Number.isInteger(length) &&
    start >= 0 &&
    length >= 0 &&
    length <= LARGEST_POOLED &&
    start + length <= target.length;
  if (!plain) return original(target, offset, size);
  if (used + length > POOL_BYTES || !pool) {
    pool ??= Buffer.allocUnsafeSlow(POOL_BYTES);
    original(pool);
    used = 0;
  }
  pool.copy(target, start, used, used + length);
  // Handed out: never again (wiped, so the bytes do not linger in the pool either).
  pool.fill(0, used, used + length);
  used += length;
  return target;
}

let loaded: Ssh2Parts | undefined;

/**
 * ssh2's client and key parser, loaded once, with its randomFillSync drawing from the pool. Not
 * ssh2's index: that loads its server, key generator and HTTP agents too (node:http and
 * node:https with them), ~5-10 ms of CPU at every SFTP start for nothing Ferry uses.
 */
export function loadSsh2(): Promise<Ssh2Parts> {
  try {
    loaded ??= loadSsh2Parts(load);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  return Promise.resolve(loaded);
}

/**
 * Loads the two parts through `requireModule` (Node's require; tests pass one that fails). A
 * broken install must not read as the server hanging up during login: it is Ferry's own fault.
 */
export function loadSsh2Parts(requireModule: (id: string) => unknown): Ssh2Parts {
  nodeCrypto.randomFillSync = pooledRandomFillSync;
  try {
    const Client = requireModule('ssh2/lib/client.js') as Ssh2['Client'];
    const { parseKey } = requireModule('ssh2/lib/protocol/keyParser.js') as Pick<
      Ssh2['utils'],
      'parseKey'
    >;
    if (typeof Client !== 'function' || typeof parseKey !== 'function') {
      throw new TypeError('ssh2 did not provide its Client and parseKey');
    }
    return { Client, parseKey };
  } catch (error) {
    throw new FerryError(
      'internal',
      "Ferry's SSH component (ssh2) could not be loaded, so SFTP connections cannot be made.",
      "Ferry's installation looks damaged: reinstall Ferry. If it keeps happening, copy the log and report it.",
      { cause: error },
    );
  } finally {
    nodeCrypto.randomFillSync = original;
  }
}
