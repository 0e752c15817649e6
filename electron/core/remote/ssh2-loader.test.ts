import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { sshConnectError } from './sftp-errors';
import { loadSsh2, loadSsh2Parts, pooledRandomFillSync } from './ssh2-loader';

const nodeCrypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');

describe('ssh2 with pooled randomness', () => {
  it('fills exactly the asked range with fresh bytes each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      // Crosses several pool refills.
      const packet = Buffer.alloc(64, 0xaa);
      expect(pooledRandomFillSync(packet, 20, 16)).toBe(packet);
      expect(packet.subarray(0, 20).every((byte) => byte === 0xaa)).toBe(true);
      expect(packet.subarray(36).every((byte) => byte === 0xaa)).toBe(true);
      seen.add(packet.subarray(20, 36).toString('hex'));
    }
    // 16 random bytes never repeat; a pool handing out a byte twice would show here.
    expect(seen.size).toBe(2000);
  });

  it('leaves large or unusual requests to the CSPRNG itself', () => {
    const big = pooledRandomFillSync(Buffer.alloc(4096));
    expect(big.some((byte) => byte !== 0)).toBe(true);
    const words = pooledRandomFillSync(new Uint32Array(8));
    expect(words.some((word) => word !== 0)).toBe(true);
    expect(() => pooledRandomFillSync(Buffer.alloc(8), 4, 8)).toThrow();
  });

  it("draws from the pool only where the loader's comment says (padding and two cookies)", () => {
    const lib = dirname(createRequire(import.meta.url).resolve('ssh2/lib/client.js'));
    const drawing = readdirSync(lib, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /\brandomFillSync\b/.test(readFileSync(join(lib, file), 'utf8')))
      .map((file) => relative(lib, join(lib, file)).replaceAll('\\', '/'))
      .sort();
    expect(drawing).toEqual(['client.js', 'protocol/crypto.js', 'protocol/kex.js']);
  });

  it('gives everyone else the original randomFillSync once ssh2 is loaded', async () => {
    const before = nodeCrypto.randomFillSync;
    const ssh2 = await loadSsh2();
    expect(typeof ssh2.Client).toBe('function');
    expect(typeof ssh2.parseKey).toBe('function');
    expect(nodeCrypto.randomFillSync).toBe(before);
  });
});

describe('an install where ssh2 cannot be loaded', () => {
  const brokenRequire = (id: string): never => {
    throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
  };

  it("says Ferry's SSH component is missing and what to do, not that the server hung up", () => {
    const before = nodeCrypto.randomFillSync;
    let thrown: unknown;
    try {
      loadSsh2Parts(brokenRequire);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FerryError);
    const error = thrown as FerryError;
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/SSH component .* could not be loaded/);
    expect(error.hint).toMatch(/reinstall Ferry.*report it/);
    expect(nodeCrypto.randomFillSync).toBe(before);
    // The login's error mapping passes it on as it is (connectSftp awaits the loader in its try).
    const mapped = sshConnectError(error, { host: '127.0.0.1', port: 22 }, false, true);
    expect(mapped).toBe(error);
    expect(mapped.message).not.toMatch(/closed the connection/);
  });

  it('also when the module loads but is not ssh2 as Ferry knows it', () => {
    expect(() => loadSsh2Parts(() => ({}))).toThrow(/SSH component/);
  });
});
