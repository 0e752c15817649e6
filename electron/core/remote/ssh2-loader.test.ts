import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadSsh2, pooledRandomFillSync } from './ssh2-loader';

const nodeCrypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');

describe('ssh2 with pooled padding randomness', () => {
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

  it('gives everyone else the original randomFillSync once ssh2 is loaded', async () => {
    const before = nodeCrypto.randomFillSync;
    const ssh2 = await loadSsh2();
    expect(typeof ssh2.Client).toBe('function');
    expect(typeof ssh2.parseKey).toBe('function');
    expect(nodeCrypto.randomFillSync).toBe(before);
  });
});
