import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract';
import { createApp, NOT_BUILT, type FerryApp } from './app';

describe('createApp', () => {
  let app: FerryApp | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await app?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('implements every method of the contract: none is left "not available yet"', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ferry-app-'));
    app = createApp({ edition: 'browser', dataDir, version: '1.0.0', emit: () => undefined });
    const missing = METHOD_NAMES.filter(
      (name) => NOT_BUILT in (app!.handlers[name] as unknown as Record<symbol, unknown>),
    );
    expect(missing).toEqual([]);
  });

  it('says where local deletes go for its edition', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ferry-app-'));
    app = createApp({ edition: 'browser', dataDir, version: '1.0.0', emit: () => undefined });
    expect(await app.handlers['app.info']({})).toMatchObject({
      edition: 'browser',
      deleteMode: 'permanent',
    });
    await app.dispose();
    app = createApp({
      edition: 'desktop',
      dataDir,
      version: '1.0.0',
      emit: () => undefined,
      trash: async () => undefined,
    });
    expect(await app.handlers['app.info']({})).toMatchObject({ deleteMode: 'trash' });
  });
});
