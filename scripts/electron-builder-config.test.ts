import { DebugLogger } from 'builder-util';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

describe('electron-builder.yml', () => {
  const config = load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<
    string,
    { target?: string[]; icon?: string }
  >;

  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses that would let the packaged app run as plain Node', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('targets AppImage and deb, nsis and dmg, with icons that exist', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    for (const platform of ['linux', 'win', 'mac']) {
      const icon = config[platform]?.icon;
      expect(icon && existsSync(`${root}${icon}`)).toBe(true);
    }
  });
});
