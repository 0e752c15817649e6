import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWinScpSessions } from './winscp';

const fixture = readFileSync(new URL('./fixtures/WinSCP.ini', import.meta.url), 'utf8');

describe('WinSCP.ini import', () => {
  const sites = parseWinScpSessions(fixture);
  const byName = (name: string) => sites.find((s) => s.name === name);

  it('reads every session but the defaults, with folders from the section name', () => {
    expect(sites.map((s) => [s.folderPath.join('/'), s.name])).toEqual([
      ['Servers', 'Build box'],
      ['Servers/Customers', 'FTPS explicit'],
      ['', 'Implicit'],
      ['', 'Old SCP'],
      ['', 'Plain FTP'],
      ['', 'Default SFTP'],
      ['Cloud', 'Bucket'],
      ['', 'Dav'],
    ]);
  });

  const table: [name: string, expected: Record<string, unknown> | { refused: RegExp }][] = [
    [
      'Build box',
      {
        protocol: 'sftp',
        port: 2200,
        user: 'ci',
        remoteDir: '/srv/builds',
        auth: 'key',
        keyFile: 'C:\\Users\\me\\.ssh\\ci.ppk',
      },
    ],
    ['FTPS explicit', { protocol: 'ftps-explicit', port: null, passive: false, auth: 'password' }],
    ['Implicit', { protocol: 'ftps-implicit', port: null }],
    ['Old SCP', { protocol: 'sftp' }],
    ['Plain FTP', { protocol: 'ftp', port: null, nameEncoding: 'auto' }],
    ['Default SFTP', { protocol: 'sftp', port: null, passive: true }],
    ['Bucket', { refused: /S3/ }],
    ['Dav', { refused: /WebDAV/ }],
  ];
  it.each(table)('%s', (name, expected) => {
    const site = byName(name);
    if ('refused' in expected && expected.refused instanceof RegExp) {
      expect(site?.refused).toMatch(expected.refused);
      expect(site?.draft).toBeUndefined();
    } else {
      expect(site?.refused).toBeUndefined();
      expect(site?.draft).toMatchObject(expected);
    }
  });

  it('says when WinSCP used the Windows code page for names (the file does not name it)', () => {
    expect(byName('Plain FTP')?.notes.join(' ')).toMatch(/did not use UTF-8 for file names/);
    expect(byName('Implicit')?.notes.join(' ')).not.toMatch(/file names/);
  });

  it('never carries WinSCP’s scrambled password, and says so', () => {
    expect(sites.every((s) => s.password === undefined)).toBe(true);
    const withPassword = byName('FTPS explicit');
    expect(withPassword?.passwordNotImported).toBe(true);
    expect(withPassword?.notes.join(' ')).toMatch(/password was left out/);
  });

  it('refuses a file that is not WinSCP’s', () => {
    expect(() => parseWinScpSessions('[core]\nbare = false\n')).toThrow(/not a WinSCP.ini/);
  });
});

describe('WinSCP proxies', () => {
  const ini = [
    '[Sessions\\Via%20socks]',
    'HostName=files.corp',
    'FSProtocol=2',
    'ProxyMethod=2',
    'ProxyHost=proxy.corp',
    'ProxyPort=1081',
    'ProxyUsername=me',
    'ProxyPassword=A35C4',
    '[Sessions\\Via%20http]',
    'HostName=files.corp',
    'FSProtocol=5',
    'ProxyMethod=3',
    'ProxyHost=web.corp',
    'ProxyPort=3128',
    '[Sessions\\Via%20socks4]',
    'HostName=files.corp',
    'FSProtocol=2',
    'ProxyMethod=1',
    'ProxyHost=old.corp',
    '',
  ].join('\n');
  const sites = parseWinScpSessions(ini);
  const byName = (name: string) => sites.find((s) => s.name === name);

  it('take SOCKS5 and HTTP as the site’s own proxy, without WinSCP’s proxy password', () => {
    expect(byName('Via socks')?.draft).toMatchObject({
      proxyMode: 'socks5',
      proxyHost: 'proxy.corp',
      proxyPort: 1081,
      proxyUser: 'me',
    });
    expect(byName('Via socks')?.notes.join(' ')).toMatch(
      /proxy password was left out: Ferry asks for it when you connect/,
    );
    expect(byName('Via http')?.draft).toMatchObject({
      proxyMode: 'http',
      proxyHost: 'web.corp',
      proxyPort: 3128,
      proxyUser: '',
    });
  });

  it('leave a kind Ferry cannot speak on the app’s proxy, and say so', () => {
    expect(byName('Via socks4')?.draft).toMatchObject({ proxyMode: 'app' });
    expect(byName('Via socks4')?.notes.join(' ')).toMatch(/SOCKS4\) is not one Ferry can use/);
  });
});

describe('WinSCP SSH tunnels', () => {
  const ini = [
    '[Sessions\\Behind%20bastion]',
    'HostName=10.1.2.3',
    'FSProtocol=2',
    'Tunnel=1',
    'TunnelHostName=bastion.corp',
    'TunnelPortNumber=2222',
    'TunnelUserName=gate',
    'TunnelPassword=A35C4',
    '[Sessions\\Keyed]',
    'HostName=10.1.2.4',
    'FSProtocol=5',
    'Tunnel=1',
    'TunnelHostName=bastion.corp',
    'TunnelUserName=gate',
    'TunnelPublicKeyFile=C:%5CUsers%5Cme%5Cgate.ppk',
    '[Sessions\\Tunnel%20off]',
    'HostName=10.1.2.5',
    'FSProtocol=2',
    'Tunnel=0',
    'TunnelHostName=bastion.corp',
    '',
  ].join('\n');
  const sites = parseWinScpSessions(ini);
  const byName = (name: string) => sites.find((s) => s.name === name);

  it('become the site’s jump host, without WinSCP’s tunnel password', () => {
    expect(byName('Behind bastion')?.draft).toMatchObject({
      jumpEnabled: true,
      jumpHost: 'bastion.corp',
      jumpPort: 2222,
      jumpUser: 'gate',
      jumpAuth: 'password',
    });
    expect(byName('Behind bastion')?.notes.join(' ')).toMatch(/SSH tunnel password was left out/);
    expect(byName('Keyed')?.draft).toMatchObject({
      jumpEnabled: true,
      jumpPort: null,
      jumpAuth: 'key',
      jumpKeyFile: 'C:\\Users\\me\\gate.ppk',
    });
    expect(byName('Tunnel off')?.draft).toMatchObject({ jumpEnabled: false });
  });
});
