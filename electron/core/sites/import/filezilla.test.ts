import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFileZillaSites } from './filezilla';

const fixture = readFileSync(new URL('./fixtures/sitemanager.xml', import.meta.url), 'utf8');

function oneServer(inner: string): string {
  return `<?xml version="1.0"?><FileZilla3><Servers><Server>${inner}</Server></Servers></FileZilla3>`;
}

describe('FileZilla sitemanager.xml import', () => {
  it('reads every server of a real-shaped file with its folder path', () => {
    const sites = parseFileZillaSites(fixture);
    expect(sites.map((s) => [s.folderPath.join('/'), s.name])).toEqual([
      ['Work', 'Web server'],
      ['Work/Clients', 'Acme uploads'],
      ['Work/Clients', 'Implicit box'],
      ['', 'Legacy FTP'],
      ['', 'Mirror (plain)'],
      ['', 'Key login'],
      ['', 'Web (HTTPS)'],
      ['', 'Bucket'],
    ]);
    const web = sites[0];
    expect(web?.draft).toMatchObject({
      protocol: 'sftp',
      host: 'sftp.example.test',
      port: null,
      user: 'deploy',
      auth: 'password',
      remoteDir: '/home/debian',
      localDir: '/home/me/site',
      colour: 'red',
      notes: 'Production & staging <eu>',
      passive: true,
    });
    expect(web?.password).toBe('s3cr3t-Ünïcode');
    expect(sites[1]?.passwordNotImported).toBe(true);
    expect(sites[1]?.password).toBeUndefined();
    expect(sites[1]?.draft).toMatchObject({
      protocol: 'ftps-explicit',
      port: 2121,
      passive: false,
      remoteDir: '/My files/2024',
      colour: 'blue',
    });
    expect(sites[2]?.draft).toMatchObject({ protocol: 'ftps-implicit', port: null, auth: 'ask' });
    expect(sites[3]?.password).toBe('hunter2 with spaces');
    expect(sites[5]?.draft).toMatchObject({
      auth: 'key',
      keyFile: '/home/me/.ssh/id_ed25519',
      port: 2222,
    });
  });

  const protocols: [code: string, expected: string | { refused: RegExp }][] = [
    ['0', 'ftps-explicit'],
    ['1', 'sftp'],
    ['3', 'ftps-implicit'],
    ['4', 'ftps-explicit'],
    ['6', 'ftp'],
    ['2', { refused: /HTTP/ }],
    ['5', { refused: /HTTP/ }],
    ['7', { refused: /S3/ }],
    ['8', { refused: /Storj/ }],
    ['9', { refused: /cloud/ }],
    ['14', { refused: /cloud/ }],
    ['abc', { refused: /not a protocol/ }],
  ];
  it.each(protocols)('protocol %s', (code, expected) => {
    const [site] = parseFileZillaSites(
      oneServer(`<Host>h.test</Host><Protocol>${code}</Protocol>`),
    );
    if (typeof expected === 'string') {
      expect(site?.refused).toBeUndefined();
      expect(site?.draft?.protocol).toBe(expected);
    } else {
      expect(site?.draft).toBeUndefined();
      expect(site?.refused).toMatch(expected.refused);
    }
  });

  it('reads the Charset: Auto, UTF-8, a custom encoding Ferry offers or not (said)', () => {
    const sites = parseFileZillaSites(fixture);
    expect(sites[0]?.draft?.nameEncoding).toBe('auto');
    expect(sites[1]?.draft?.nameEncoding).toBe('shift_jis');
    const charset = (inner: string) =>
      parseFileZillaSites(oneServer(`<Host>h.test</Host><Protocol>0</Protocol>${inner}`))[0];
    expect(charset('<EncodingType>UTF-8</EncodingType>')?.draft?.nameEncoding).toBe('utf-8');
    const latin = '<EncodingType>Custom</EncodingType><CustomEncoding>ISO-8859-1</CustomEncoding>';
    expect(charset(latin)?.draft?.nameEncoding).toBe('iso-8859-1');
    const cp1252 = '<EncodingType>Custom</EncodingType><CustomEncoding>CP1252</CustomEncoding>';
    expect(charset(cp1252)?.draft?.nameEncoding).toBe('windows-1252');
    const odd = charset(
      '<EncodingType>Custom</EncodingType><CustomEncoding>IBM037</CustomEncoding>',
    );
    expect(odd?.draft?.nameEncoding).toBe('auto');
    expect(odd?.notes.join(' ')).toMatch(/"IBM037", which Ferry does not offer/);
  });

  it('a missing Protocol means FileZilla’s default, FTP with TLS (required by Ferry)', () => {
    const [site] = parseFileZillaSites(oneServer('<Host>h.test</Host>'));
    expect(site?.draft?.protocol).toBe('ftps-explicit');
    expect(site?.notes.join(' ')).toMatch(/requires/);
  });

  const passwords: [pass: string, password: string | undefined, notImported: boolean][] = [
    ['<Pass encoding="base64">cGFzcw==</Pass>', 'pass', false],
    ['<Pass encoding="crypt" pubkey="abc">Zm9v</Pass>', undefined, true],
    ['<Pass>legacy plain</Pass>', 'legacy plain', false],
    ['<Pass encoding="rot13">cnff</Pass>', undefined, true],
    ['<Pass encoding="base64"></Pass>', undefined, false],
    ['', undefined, false],
  ];
  it.each(passwords)('password %s', (pass, password, notImported) => {
    const [site] = parseFileZillaSites(
      oneServer(`<Host>h.test</Host><Protocol>1</Protocol><Logontype>1</Logontype>${pass}`),
    );
    expect(site?.password).toBe(password);
    expect(site?.passwordNotImported).toBe(notImported);
  });

  it('refuses ports that are not ports, and servers without a host', () => {
    const [badPort] = parseFileZillaSites(oneServer('<Host>h.test</Host><Port>70000</Port>'));
    expect(badPort?.refused).toMatch(/port/);
    const [noHost] = parseFileZillaSites(oneServer('<Name>Nothing</Name>'));
    expect(noHost?.refused).toMatch(/no host/);
  });

  it('says plainly when the file is not FileZilla’s', () => {
    expect(() => parseFileZillaSites('<html><body/></html>')).toThrow(/not a FileZilla/);
    expect(() => parseFileZillaSites('{"sites": []}')).toThrow(/not readable XML/);
  });
});

describe('FileZilla proxy bypass', () => {
  it('a site that bypasses FileZilla’s proxy connects directly; others use the app’s', () => {
    const base = '<Host>files.corp</Host><Protocol>1</Protocol><Name>S</Name>';
    const [bypass] = parseFileZillaSites(oneServer(`${base}<BypassProxy>1</BypassProxy>`));
    const [plain] = parseFileZillaSites(oneServer(`${base}<BypassProxy>0</BypassProxy>`));
    expect(bypass?.draft).toMatchObject({ proxyMode: 'none' });
    expect(plain?.draft).toMatchObject({ proxyMode: 'app' });
  });
});
