import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EVENT_NAMES,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  METHOD_NAMES,
  events,
  isEventName,
  isMethodName,
  methods,
} from './contract';
import { entryName } from './contract/local';
import { connectionParams } from './contract/remote';

/** Every `<feature>Methods` / `<feature>Events` export of every file in shared/contract/. */
async function featureParts(suffix: 'Methods' | 'Events'): Promise<Record<string, unknown>[]> {
  const folder = new URL('./contract/', import.meta.url);
  const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const modules = await Promise.all(
    files.map((f) => import(/* @vite-ignore */ new URL(f, folder).href) as Promise<object>),
  );
  return modules.flatMap((module) =>
    Object.entries(module)
      .filter(([name]) => name.endsWith(suffix))
      .map(([, part]) => part as Record<string, unknown>),
  );
}

describe('the contract', () => {
  it('joins every feature file, losing no name (no name used twice)', async () => {
    const featureMethods = (await featureParts('Methods')).flatMap((part) => Object.keys(part));
    const featureEvents = (await featureParts('Events')).flatMap((part) => Object.keys(part));
    expect(featureMethods).toHaveLength(new Set(featureMethods).size);
    expect(featureEvents).toHaveLength(new Set(featureEvents).size);
    expect([...METHOD_NAMES].sort()).toEqual([...featureMethods].sort());
    expect([...EVENT_NAMES].sort()).toEqual([...featureEvents].sort());
  });

  it('names every method and event "feature.action" (dotted), none both a method and an event', () => {
    for (const name of [...METHOD_NAMES, ...EVENT_NAMES])
      expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
    expect(METHOD_NAMES.filter((name) => isEventName(name))).toEqual([]);
  });

  it('gives every method an input schema', () => {
    for (const name of METHOD_NAMES) expect(typeof methods[name].input.safeParse).toBe('function');
    expect(Object.keys(events)).toEqual(EVENT_NAMES);
  });

  it('uses two distinct IPC channels', () => {
    expect(IPC_INVOKE_CHANNEL).not.toBe(IPC_EVENT_CHANNEL);
  });

  it.each(['__proto__', 'toString', 'constructor', 'valueOf', 'hasOwnProperty', '', 'APP.INFO'])(
    'does not take %j for a method or an event',
    (name) => {
      expect(isMethodName(name)).toBe(false);
      expect(isEventName(name)).toBe(false);
    },
  );

  it.each([undefined, null, 1, {}, ['app.info']])('does not take %j for a name', (value) => {
    expect(isMethodName(value)).toBe(false);
    expect(isEventName(value)).toBe(false);
  });
});

describe('entry names (a single path segment)', () => {
  it.each(['report.pdf', '.hidden', '...', '..a', 'a..', 'a b', 'Grüße ☃.txt', 'x'.repeat(255)])(
    'accepts %j',
    (name) => {
      expect(entryName.safeParse(name).success).toBe(true);
    },
  );

  it.each(['', '.', '..', 'a/b', '/etc', '../up', 'a\\b', '..\\up', 'nul\0byte', 'x'.repeat(256)])(
    'refuses %j',
    (name) => {
      expect(entryName.safeParse(name).success).toBe(false);
    },
  );
});

describe('connection parameters', () => {
  const base = { protocol: 'ftps-explicit', host: 'ftp.example.com', port: 21, user: 'me' };

  it('accepts a plain connection and trims the host', () => {
    const parsed = connectionParams.parse({ ...base, host: '  ftp.example.com ' });
    expect(parsed.host).toBe('ftp.example.com');
  });

  it.each([1, 22, 990, 65535])('accepts port %i', (port) => {
    expect(connectionParams.safeParse({ ...base, port }).success).toBe(true);
  });

  it.each([0, -1, 65536, 70000, 21.5, Number.NaN, '21'])('refuses port %j', (port) => {
    expect(connectionParams.safeParse({ ...base, port }).success).toBe(false);
  });

  it.each(['sftp', 'ftps-explicit', 'ftps-implicit', 'ftp'])('accepts protocol %s', (protocol) => {
    expect(connectionParams.safeParse({ ...base, protocol }).success).toBe(true);
  });

  it.each(['http', 'ftps', 'ftpes', 'scp', ''])('refuses protocol %j', (protocol) => {
    expect(connectionParams.safeParse({ ...base, protocol }).success).toBe(false);
  });

  it('refuses TLS below 1.2 as a minimum', () => {
    expect(connectionParams.safeParse({ ...base, minTlsVersion: 'TLSv1' }).success).toBe(false);
  });
});
