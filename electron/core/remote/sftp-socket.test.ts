import { describe, expect, it } from 'vitest';
import { ConnectDeadline } from './connect-deadline';
import { readPreamble } from './sftp-socket';

describe('reading what a server says first', () => {
  const cases: [string, string | Buffer, ReturnType<typeof readPreamble>][] = [
    [
      'OpenSSH',
      'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n',
      { kind: 'ssh', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2' },
    ],
    ['LF only', 'SSH-2.0-dropbear\n', { kind: 'ssh', banner: 'SSH-2.0-dropbear' }],
    ['SSH line not finished yet', 'SSH-2.0-Open', { kind: 'wait' }],
    [
      'greeting lines before the SSH line (RFC 4253 §4.2)',
      'Welcome to example\r\nAuthorised use only\r\nSSH-2.0-X\r\n',
      { kind: 'ssh', banner: 'SSH-2.0-X' },
    ],
    ['a greeting line, SSH line still to come', 'Welcome\r\n', { kind: 'wait' }],
    ['vsftpd banner', '220 (vsFTPd 3.0.3)\r\n', { kind: 'not-ssh', ftp: true }],
    ['multi-line FTP banner', '220-Welcome\r\n220 ready\r\n', { kind: 'not-ssh', ftp: true }],
    ['FTP banner in pieces', '220 ', { kind: 'not-ssh', ftp: true }],
    [
      'TLS alert bytes',
      Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02]),
      { kind: 'not-ssh', ftp: false },
    ],
    ['endless text without SSH', 'x'.repeat(9000), { kind: 'not-ssh', ftp: false }],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(readPreamble(Buffer.isBuffer(input) ? input : Buffer.from(input, 'latin1'))).toEqual(
      expected,
    );
  });
});

describe('the connect deadline', () => {
  it('expires after its budget, and not while paused', async () => {
    const deadline = new ConnectDeadline(500);
    let expired = false;
    deadline.onExpire(() => {
      expired = true;
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(100);
    deadline.pause();
    await sleep(700);
    expect(expired).toBe(false);
    deadline.resume();
    await sleep(100);
    expect(expired).toBe(false);
    await sleep(600);
    expect(expired).toBe(true);
  });

  it('race rejects with the given error when time runs out', async () => {
    const deadline = new ConnectDeadline(20);
    await expect(
      deadline.race(new Promise(() => undefined), () => new Error('too slow')),
    ).rejects.toThrow('too slow');
  });

  it('cancel stops it for good', async () => {
    const deadline = new ConnectDeadline(10);
    let expired = false;
    deadline.onExpire(() => {
      expired = true;
    });
    deadline.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(expired).toBe(false);
  });
});
