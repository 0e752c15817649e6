import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsPatch } from '../../../shared/contract/settings';
import { createSettingsHandlers } from './handlers';
import { SettingsStore } from './settings-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('starts from the defaults when no file exists', async () => {
    expect(await new SettingsStore(dir).get()).toEqual({
      parallelTransfers: 2,
      defaultConflictAction: 'ask',
      retries: 3,
      confirmBeforeDelete: true,
      showHidden: false,
      theme: 'system',
      downloadLimit: null,
      uploadLimit: null,
      excludedNames: [],
    });
  });

  it('keeps an exclusion list, and refuses a pattern that holds a path', async () => {
    const store = new SettingsStore(dir);
    await store.update({ excludedNames: ['.git', 'node_modules/'] });
    expect((await new SettingsStore(dir).get()).excludedNames).toEqual(['.git', 'node_modules/']);
    await expect(store.update({ excludedNames: ['src/.git'] })).rejects.toThrow(/one name/);
    expect((await new SettingsStore(dir).get()).excludedNames).toEqual(['.git', 'node_modules/']);
  });

  it('keeps a change across restarts, in a file only the user can read', async () => {
    await new SettingsStore(dir).update({ parallelTransfers: 5, theme: 'dark' });
    const again = await new SettingsStore(dir).get();
    expect(again.parallelTransfers).toBe(5);
    expect(again.theme).toBe('dark');
    expect(again.retries).toBe(3);
    expect((await stat(join(dir, 'settings.json'))).mode & 0o777).toBe(0o600);
  });

  it('changes only the fields given', async () => {
    const store = new SettingsStore(dir);
    await store.update({ showHidden: true });
    await store.update({ retries: 0 });
    const saved = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as unknown;
    expect(saved).toMatchObject({ showHidden: true, retries: 0, parallelTransfers: 2 });
  });

  it('keeps valid fields of a damaged or hand-edited file and defaults the rest', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ parallelTransfers: 99, theme: 'light', retries: 'many', unknown: 1 }),
    );
    const settings = await new SettingsStore(dir).get();
    expect(settings).toMatchObject({ parallelTransfers: 2, theme: 'light', retries: 3 });
  });

  it('survives a file that is not JSON at all', async () => {
    await writeFile(join(dir, 'settings.json'), '{ broken');
    expect((await new SettingsStore(dir).get()).parallelTransfers).toBe(2);
  });

  it('refuses values out of range at the contract', () => {
    expect(settingsPatch.safeParse({ parallelTransfers: 11 }).success).toBe(false);
    expect(settingsPatch.safeParse({ parallelTransfers: 0 }).success).toBe(false);
    expect(settingsPatch.safeParse({ theme: 'neon' }).success).toBe(false);
    expect(settingsPatch.safeParse({ sneaky: true }).success).toBe(false);
    expect(settingsPatch.safeParse({ defaultConflictAction: 'rename' }).success).toBe(true);
  });

  it('keeps a limit turned off with its value, for when it is turned on again', async () => {
    const store = new SettingsStore(dir);
    await store.update({ downloadLimit: { value: 300, unit: 'KiB/s' } });
    await store.update({ downloadLimit: null, downloadLimitKept: { value: 300, unit: 'KiB/s' } });
    const again = await new SettingsStore(dir).get();
    expect(again.downloadLimit).toBeNull();
    expect(again.downloadLimitKept).toEqual({ value: 300, unit: 'KiB/s' });
    expect(again.uploadLimitKept).toBeUndefined();
    expect(settingsPatch.safeParse({ uploadLimitKept: { value: 0, unit: 'KiB/s' } }).success).toBe(
      false,
    );
  });

  it('keeps speed limits as typed, and refuses nonsense ones at the contract', async () => {
    const store = new SettingsStore(dir);
    await store.update({ downloadLimit: { value: 1.5, unit: 'MiB/s' } });
    const again = await new SettingsStore(dir).get();
    expect(again.downloadLimit).toEqual({ value: 1.5, unit: 'MiB/s' });
    expect(again.uploadLimit).toBeNull();
    for (const nonsense of [
      { value: 0, unit: 'KiB/s' },
      { value: -5, unit: 'KiB/s' },
      { value: 0.5, unit: 'KiB/s' },
      { value: 20_000, unit: 'MiB/s' },
      { value: Number.NaN, unit: 'KiB/s' },
      { value: 100, unit: 'kb' },
      { value: '100', unit: 'KiB/s' },
      { value: 100, unit: 'KiB/s', extra: true },
    ]) {
      expect(settingsPatch.safeParse({ uploadLimit: nonsense }).success).toBe(false);
    }
    expect(settingsPatch.safeParse({ uploadLimit: null }).success).toBe(true);
    expect(settingsPatch.safeParse({ uploadLimit: { value: 1, unit: 'KiB/s' } }).success).toBe(
      true,
    );
  });

  it('turns a nonsense speed limit in a hand-edited file into no limit, keeping the rest', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        downloadLimit: { value: -1, unit: 'KiB/s' },
        uploadLimit: 'fast',
        retries: 5,
      }),
    );
    const settings = await new SettingsStore(dir).get();
    expect(settings).toMatchObject({ downloadLimit: null, uploadLimit: null, retries: 5 });
  });

  it('announces every change to the UI', async () => {
    const seen: unknown[] = [];
    const handlers = createSettingsHandlers({
      store: new SettingsStore(dir),
      emit: (name, payload) => void seen.push([name, payload]),
    });
    const result = await handlers['settings.set']({ confirmBeforeDelete: false });
    expect(result.confirmBeforeDelete).toBe(false);
    expect(seen).toEqual([['settings.changed', result]]);
    expect((await handlers['settings.get']({})).confirmBeforeDelete).toBe(false);
  });
});
