import { describe, expect, it } from 'vitest';
import { parseImport } from './parse-import';

/** Each client's file names a key file and a local start folder on another computer. */
const fileZilla = `<?xml version="1.0"?><FileZilla3><Servers><Server>
  <Host>files.example</Host><Protocol>1</Protocol><Name>Share</Name><Logontype>5</Logontype>
  <Keyfile>\\\\attacker.test\\share\\id_rsa</Keyfile><LocalDir>//attacker.test/drop</LocalDir>
</Server></Servers></FileZilla3>`;

const winScp = `[Sessions\\Share]
HostName=files.example
PublicKeyFile=\\\\attacker.test\\share\\id_rsa
LocalDirectory=\\\\?\\UNC\\attacker.test\\drop
`;

const ferry = JSON.stringify({
  format: 'ferry-sites',
  version: 3,
  folders: [],
  sites: [
    {
      name: 'Share',
      protocol: 'sftp',
      host: 'files.example',
      auth: 'key',
      keyFile: '\\\\attacker.test\\share\\id_rsa',
      localDir: '//attacker.test/drop',
    },
  ],
});

describe('importing a key file or start folder on another computer', () => {
  it.each([
    ['filezilla', fileZilla],
    ['winscp', winScp],
    ['ferry', ferry],
  ] as const)('leaves both out of a %s site and says so in the preview', (format, text) => {
    const [site] = parseImport(format, text);
    expect(site?.refused).toBeUndefined();
    expect(site?.draft).toMatchObject({ auth: 'key', keyFile: '', localDir: '' });
    const notes = site?.notes.join('\n') ?? '';
    expect(notes).toMatch(/key file “\\\\attacker\.test\\share\\id_rsa” is on another computer/);
    expect(notes).toMatch(/local folder “.*attacker\.test.*drop” is on another computer/);
    expect(notes.match(/is on another computer/g)).toHaveLength(2);
  });

  it('keeps a key file and start folder on this computer', () => {
    const local = fileZilla
      .replace('\\\\attacker.test\\share\\id_rsa', 'C:\\Users\\me\\.ssh\\id_rsa')
      .replace('//attacker.test/drop', 'D:\\sites');
    const [site] = parseImport('filezilla', local);
    expect(site?.draft).toMatchObject({
      keyFile: 'C:\\Users\\me\\.ssh\\id_rsa',
      localDir: 'D:\\sites',
    });
    expect(site?.notes.join('\n')).not.toMatch(/another computer/);
  });
});

describe('importing a site with its own proxy', () => {
  it('names the proxy in the preview, whichever client the file came from', () => {
    const winScpProxy = `${winScp}ProxyMethod=3\nProxyHost=proxy.stranger.test\nProxyPort=3128\n`;
    const ferryProxy = JSON.stringify({
      ...(JSON.parse(ferry) as object),
      sites: [
        {
          name: 'S',
          protocol: 'sftp',
          host: 'h.example',
          proxyMode: 'socks5',
          proxyHost: 'proxy.stranger.test',
        },
      ],
    });
    const [fromWinScp] = parseImport('winscp', winScpProxy);
    const [fromFerry] = parseImport('ferry', ferryProxy);
    expect(fromWinScp?.notes).toContain(
      'Connects through its own HTTP CONNECT proxy proxy.stranger.test:3128: import it only if you know that proxy.',
    );
    expect(fromFerry?.notes).toContain(
      'Connects through its own SOCKS5 proxy proxy.stranger.test:1080: import it only if you know that proxy.',
    );
    const [direct] = parseImport('filezilla', fileZilla);
    expect(direct?.notes.join('\n')).not.toMatch(/proxy/);
  });
});

describe('importing a site behind an SSH jump host', () => {
  it('names the jump host in the preview, and leaves out its key file on another computer', () => {
    const tunnel = `${winScp}Tunnel=1\nTunnelHostName=bastion.stranger.test\nTunnelUserName=gate\nTunnelPublicKeyFile=%5C%5Cattacker.test%5Cshare%5Cgate.ppk\n`;
    const [site] = parseImport('winscp', tunnel);
    expect(site?.notes).toContain(
      'Connects through the SSH jump host gate@bastion.stranger.test:22: import it only if you know that host.',
    );
    expect(site?.notes.join('\n')).toMatch(/SSH tunnel key file .* is on another computer/);
    expect(site?.draft).toMatchObject({ jumpEnabled: true, jumpKeyFile: '' });
  });
});
