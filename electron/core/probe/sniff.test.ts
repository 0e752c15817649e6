import { describe, expect, it } from 'vitest';
import { classify } from './sniff';

describe('classify (what a server says first)', () => {
  const cases: { name: string; bytes: string; kind: string | undefined }[] = [
    { name: 'an SSH identification', bytes: 'SSH-2.0-OpenSSH_9.2p1\r\n', kind: 'ssh' },
    {
      name: 'SSH after banner lines (RFC 4253 §4.2)',
      bytes: 'Hello\r\nSSH-2.0-x\r\n',
      kind: 'ssh',
    },
    { name: 'an FTP greeting', bytes: '220 (vsFTPd 3.0.3)\r\n', kind: 'ftp' },
    { name: 'a multi-line FTP greeting, first line', bytes: '220-Welcome\r\n', kind: 'ftp' },
    { name: 'a refusal that is still FTP', bytes: '421 Too many users\r\n', kind: 'ftp' },
    { name: 'half a line', bytes: 'SSH-2.0-Open', kind: undefined },
    { name: 'a line that is neither (yet)', bytes: 'hello there\r\n', kind: undefined },
  ];
  it.each(cases)('$name', ({ bytes, kind }) => {
    expect(classify(Buffer.from(bytes, 'latin1'))?.kind).toBe(kind);
  });

  it('hands the bytes after the SSH line on (the KEXINIT may come in the same read)', () => {
    const greeting = classify(Buffer.from('SSH-2.0-x\r\n\x00\x00\x01', 'latin1'));
    expect(greeting).toMatchObject({ kind: 'ssh', identification: 'SSH-2.0-x' });
    if (greeting?.kind === 'ssh') expect([...greeting.rest]).toEqual([0, 0, 1]);
  });
});
