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
import { appEvents, appMethods } from './contract/app';
import { entryName, localMethods } from './contract/local';
import { probeEvents, probeMethods } from './contract/probe';
import { connectionParams, remoteEvents, remoteMethods } from './contract/remote';
import { sitesEvents, sitesMethods } from './contract/sites';
import { transfersEvents, transfersMethods } from './contract/transfers';

describe('the contract', () => {
  it('loses no method or event when the features are joined (no name used twice)', () => {
    const featureMethods = [
      appMethods,
      localMethods,
      remoteMethods,
      transfersMethods,
      sitesMethods,
      probeMethods,
    ].flatMap((part) => Object.keys(part));
    const featureEvents = [appEvents, remoteEvents, transfersEvents, sitesEvents, probeEvents];
    expect(featureMethods).toHaveLength(new Set(featureMethods).size);
    expect(METHOD_NAMES).toHaveLength(featureMethods.length);
    expect(EVENT_NAMES).toHaveLength(featureEvents.flatMap((part) => Object.keys(part)).length);
  });

  it('names every method and event "feature.action", none both a method and an event', () => {
    for (const name of [...METHOD_NAMES, ...EVENT_NAMES])
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
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
