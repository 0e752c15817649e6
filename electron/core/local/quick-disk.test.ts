import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOL_DOWN_MS, QuickDisk, SLOW_MS, VERDICT_MS } from './quick-disk';

const EXT4 = 0xef53;
const NFS = 0x6969;
const FUSE = 0x65735546;
const CIFS = 0xff534d42;

function disk(options: { type?: number; platform?: NodeJS.Platform } = {}) {
  const clock = { now: 1_000 };
  const asked: string[] = [];
  const quick = new QuickDisk({
    platform: options.platform ?? 'linux',
    now: () => clock.now,
    typeOf: (folder) => {
      asked.push(folder);
      return options.type === undefined
        ? Promise.reject(new Error('ENOENT'))
        : Promise.resolve(options.type);
    },
  });
  return { quick, clock, asked };
}

describe('QuickDisk: where small files may skip the thread pool', () => {
  it('allows a local disk file system on Linux, asking once per folder', async () => {
    const { quick, asked } = disk({ type: EXT4 });
    expect(await quick.allows('/home/me/Downloads')).toBe(true);
    expect(await quick.allows('/home/me/Downloads')).toBe(true);
    expect(asked).toEqual(['/home/me/Downloads']);
  });

  it.each([
    ['NFS', NFS],
    ['a FUSE mount (sshfs, …)', FUSE],
    ['an SMB share', CIFS],
  ])('never allows %s: such calls can stall for seconds', async (_name, type) => {
    expect(await disk({ type }).quick.allows('/mnt/share')).toBe(false);
  });

  it.each(['darwin', 'win32'] as const)('never allows on %s', async (platform) => {
    expect(await disk({ type: EXT4, platform }).quick.allows('/x')).toBe(false);
  });

  it('asks again after a minute: something may have been mounted on the folder', async () => {
    const { quick, clock, asked } = disk({ type: EXT4 });
    await quick.allows('/media/me');
    clock.now += VERDICT_MS - 1;
    await quick.allows('/media/me');
    expect(asked).toHaveLength(1);
    clock.now += 2;
    await quick.allows('/media/me');
    expect(asked).toHaveLength(2);
  });

  it('does not allow a folder it cannot ask about (the pool reports the real error)', async () => {
    expect(await disk().quick.allows('/gone')).toBe(false);
  });

  it('turns itself off for a minute after a slow batch, then allows again', async () => {
    const { quick, clock } = disk({ type: EXT4 });
    expect(quick.run(() => 'fast')).toBe('fast');
    expect(await quick.allows('/d')).toBe(true);
    quick.run(() => {
      clock.now += SLOW_MS + 1;
    });
    expect(await quick.allows('/d')).toBe(false);
    clock.now += COOL_DOWN_MS - 1;
    expect(await quick.allows('/d')).toBe(false);
    clock.now += 2;
    expect(await quick.allows('/d')).toBe(true);
  });

  it('runs the direct calls where allowed and the pooled ones elsewhere', async () => {
    const direct = () => 'direct';
    const pooled = () => Promise.resolve('pooled');
    expect(await disk({ type: EXT4 }).quick.either('/d', direct, pooled)).toBe('direct');
    expect(await disk({ type: NFS }).quick.either('/d', direct, pooled)).toBe('pooled');
  });

  it('notes a slow batch that threw, and passes its error on', async () => {
    const { quick, clock } = disk({ type: EXT4 });
    expect(() =>
      quick.run(() => {
        clock.now += SLOW_MS + 1;
        throw new Error('EIO');
      }),
    ).toThrow('EIO');
    expect(await quick.allows('/d')).toBe(false);
  });

  it('asks the real file system by default (/dev/shm is tmpfs on Linux)', async () => {
    const folder = await mkdtemp(join('/dev/shm', 'ferry-quick-disk-'));
    try {
      expect(await new QuickDisk({ platform: 'linux' }).allows(folder)).toBe(true);
      expect(await new QuickDisk({ platform: 'linux' }).allows(join(folder, 'missing'))).toBe(
        false,
      );
    } finally {
      await rm(folder, { recursive: true });
    }
  });
});
