import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FerryError } from './errors';
import {
  PROTOCOLS,
  defaultPort,
  formatRemoteUrl,
  parseRemoteUrl,
  portAfterProtocolChange,
  protocolFromScheme,
  type Protocol,
  type RemoteUrl,
} from './protocols';

describe('port presets', () => {
  it.each([
    ['sftp', 22],
    ['ftps-explicit', 21],
    ['ftps-implicit', 990],
    ['ftp', 21],
  ] as const)('%s defaults to port %i', (protocol, port) => {
    expect(defaultPort(protocol)).toBe(port);
  });

  it.each([
    ['sftp', 'sftp'],
    ['ftpes', 'ftps-explicit'],
    ['ftps', 'ftps-implicit'],
    ['ftp', 'ftp'],
    ['SFTP:', 'sftp'],
    ['http', undefined],
    ['ssh', undefined],
  ] as const)('scheme %s is %s', (scheme, protocol) => {
    expect(protocolFromScheme(scheme)).toBe(protocol);
  });
});

describe('portAfterProtocolChange', () => {
  it.each<[string, Protocol, Protocol, number | undefined, boolean, number]>([
    ['switches an untouched preset', 'sftp', 'ftps-implicit', 22, false, 990],
    ['switches to explicit FTPS', 'ftps-implicit', 'ftps-explicit', 990, false, 21],
    ['switches back to SFTP', 'ftp', 'sftp', 21, false, 22],
    ['keeps a port the user typed', 'sftp', 'ftps-implicit', 2222, true, 2222],
    ['keeps a typed port across several changes', 'ftps-explicit', 'ftp', 2121, true, 2121],
    ['switches when the typed port is the old preset', 'sftp', 'ftps-implicit', 22, true, 990],
    ['uses the preset when the field is empty', 'sftp', 'ftps-implicit', undefined, true, 990],
    ['ignores a stale port the user did not type', 'sftp', 'ftp', 2222, false, 21],
  ])('%s', (_why, previous, next, current, typed, expected) => {
    expect(portAfterProtocolChange(previous, next, current, typed)).toBe(expected);
  });
});

describe('parseRemoteUrl', () => {
  it.each<[string, RemoteUrl]>([
    [
      'sftp://user@host:2222/path',
      { protocol: 'sftp', host: 'host', port: 2222, user: 'user', path: '/path' },
    ],
    ['sftp://host', { protocol: 'sftp', host: 'host', port: 22, path: '/' }],
    [
      'ftpes://me@files.example.com/',
      { protocol: 'ftps-explicit', host: 'files.example.com', port: 21, user: 'me', path: '/' },
    ],
    [
      'ftps://me@files.example.com/in',
      { protocol: 'ftps-implicit', host: 'files.example.com', port: 990, user: 'me', path: '/in' },
    ],
    ['ftp://10.0.0.5/pub', { protocol: 'ftp', host: '10.0.0.5', port: 21, path: '/pub' }],
    ['sftp://[::1]:2121/x', { protocol: 'sftp', host: '::1', port: 2121, path: '/x' }],
    ['ftps://[fe80::1]', { protocol: 'ftps-implicit', host: 'fe80::1', port: 990, path: '/' }],
    ['  SFTP://Host/a  ', { protocol: 'sftp', host: 'Host', port: 22, path: '/a' }],
    [
      'sftp://me%40example.com@host/My%20Files/r%C3%A9sum%C3%A9.pdf',
      {
        protocol: 'sftp',
        host: 'host',
        port: 22,
        user: 'me@example.com',
        path: '/My Files/résumé.pdf',
      },
    ],
    [
      'sftp://me@example.com@host/',
      { protocol: 'sftp', host: 'host', port: 22, user: 'me@example.com', path: '/' },
    ],
  ])('%s', (input, expected) => {
    expect(parseRemoteUrl(input)).toEqual(expected);
  });

  it.each([
    ['bad port', 'sftp://host:70000/'],
    ['port zero', 'sftp://host:0/'],
    ['port with letters', 'sftp://host:22a/'],
    ['signed port', 'sftp://host:+22/'],
    ['unknown scheme', 'http://host/'],
    ['no scheme', 'host/path'],
    ['no host', 'sftp://user@/path'],
    ['password in URL', 'sftp://user:secret@host/'],
    ['empty password in URL', 'ftp://user:@host/'],
    ['unbracketed IPv6', 'sftp://::1/'],
    ['broken percent-encoding in the path', 'sftp://host/100%'],
    ['broken percent-encoding in the user', 'sftp://a%zz@host/'],
  ])('refuses %s with invalid_input', (_why, input) => {
    let thrown: unknown;
    try {
      parseRemoteUrl(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FerryError);
    expect((thrown as FerryError).code).toBe('invalid_input');
    expect((thrown as FerryError).hint).toBeTruthy();
  });

  it('never repeats the password it refuses', () => {
    expect(() => parseRemoteUrl('sftp://user:hunter2@host/')).toThrow(/Passwords/);
    expect(() => parseRemoteUrl('sftp://user:hunter2@host/')).not.toThrow(/hunter2/);
  });
});

describe('formatRemoteUrl', () => {
  it.each<[RemoteUrl, string]>([
    [{ protocol: 'sftp', host: 'h', port: 22, path: '/' }, 'sftp://h/'],
    [{ protocol: 'sftp', host: 'h', port: 2222, user: 'u', path: '/a' }, 'sftp://u@h:2222/a'],
    [{ protocol: 'ftps-implicit', host: 'h', port: 990, path: '/' }, 'ftps://h/'],
    [{ protocol: 'ftps-explicit', host: 'h', port: 990, path: '/' }, 'ftpes://h:990/'],
    [{ protocol: 'ftp', host: '::1', port: 2121, path: '/x' }, 'ftp://[::1]:2121/x'],
    [{ protocol: 'sftp', host: 'h', port: 22, user: 'a@b', path: 'rel' }, 'sftp://a%40b@h/rel'],
  ])('%o → %s', (url, expected) => {
    expect(formatRemoteUrl(url)).toBe(expected);
  });
});

describe('format → parse round-trips', () => {
  const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6());
  const segment = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
    .filter((s) => !s.includes('/'));
  const remoteUrl = fc.record(
    {
      protocol: fc.constantFrom(...PROTOCOLS),
      host,
      port: fc.integer({ min: 1, max: 65535 }),
      user: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
      path: fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
    },
    { requiredKeys: ['protocol', 'host', 'port', 'path'] },
  );

  it('gives back what was formatted', () => {
    fc.assert(
      fc.property(remoteUrl, (url) => {
        expect(parseRemoteUrl(formatRemoteUrl(url))).toEqual(url);
      }),
      { numRuns: 500 },
    );
  });
});
