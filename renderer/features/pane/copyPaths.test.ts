import { describe, expect, it } from 'vitest';
import { parseRemoteUrl } from '../../../shared/protocols';
import { remoteUrl } from './copyPaths';

const session = { protocol: 'sftp', host: 'example.com', port: 2222, user: 'me' } as const;

describe('remoteUrl', () => {
  it.each([
    [session, '/home/me/report.pdf', 'sftp://me@example.com:2222/home/me/report.pdf'],
    [
      { ...session, protocol: 'ftps-explicit' },
      '/a b/c#1.txt',
      'ftpes://me@example.com:2222/a%20b/c%231.txt',
    ],
    [{ ...session, protocol: 'ftps-implicit', port: 990 }, '/', 'ftps://me@example.com:990/'],
    [{ ...session, protocol: 'ftp', user: 'a@b' }, '/x', 'ftp://a%40b@example.com:2222/x'],
    [{ ...session, host: '::1' }, '/x', 'sftp://me@[::1]:2222/x'],
    [{ ...session, user: '' }, '/x', 'sftp://example.com:2222/x'],
  ] as const)('%o %s → %s', (from, path, url) => {
    expect(remoteUrl(from, path)).toBe(url);
  });

  it('reads back as the same server and path', () => {
    const url = remoteUrl({ ...session, user: 'we:ird' }, '/ü/100% sure.txt');
    expect(parseRemoteUrl(url)).toMatchObject({
      protocol: 'sftp',
      host: 'example.com',
      port: 2222,
      user: 'we:ird',
      path: '/ü/100% sure.txt',
    });
  });
});
