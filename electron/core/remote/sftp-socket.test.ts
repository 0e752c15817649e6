import { describe, expect, it, vi } from 'vitest';
import { ConnectDeadline } from './connect-deadline';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { coalesceWrites, readPreamble } from './sftp-socket';

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
  it('expires after its budget, and not while paused', () => {
    // Fake clocks: a busy machine must not stretch the 100 ms before the pause into the budget.
    vi.useFakeTimers();
    try {
      const deadline = new ConnectDeadline(500);
      let expired = false;
      deadline.onExpire(() => {
        expired = true;
      });
      vi.advanceTimersByTime(100);
      deadline.pause();
      vi.advanceTimersByTime(700);
      expect(expired).toBe(false);
      deadline.resume();
      vi.advanceTimersByTime(399);
      expect(expired).toBe(false);
      vi.advanceTimersByTime(1);
      expect(expired).toBe(true);
    } finally {
      vi.useRealTimers();
    }
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

describe('coalesced socket writes', () => {
  it('deliver every byte in order: small writes of one turn together, bulk ones at once', async () => {
    const received: Buffer[] = [];
    let writevs = 0;
    const server = createServer((peer) => peer.on('data', (chunk: Buffer) => received.push(chunk)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = new Socket();
    await new Promise<void>((resolve) =>
      socket.connect((server.address() as AddressInfo).port, '127.0.0.1', resolve),
    );
    const writev = socket._writev?.bind(socket);
    socket._writev = (...args: Parameters<NonNullable<Socket['_writev']>>) => {
      writevs++;
      writev?.(...args);
    };
    coalesceWrites(socket);
    const sent: Buffer[] = [];
    const send = (size: number, fill: number): void => {
      const data = Buffer.alloc(size, fill);
      sent.push(data);
      socket.write(data);
    };
    for (let i = 0; i < 50; i++) send(40 + i, i); // many small requests in one turn
    send(64 * 1024, 200); // a bulk write goes out at once, after them
    send(10, 201);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 20; i++) send(30, 100 + i); // the next turn
    await new Promise<void>((resolve) => socket.end(resolve));
    const total = sent.reduce((sum, data) => sum + data.length, 0);
    while (Buffer.concat(received).length < total) await new Promise((r) => setTimeout(r, 10));
    expect(Buffer.concat(received).equals(Buffer.concat(sent))).toBe(true);
    // The 50 small writes left as one writev, not 50 system calls.
    expect(writevs).toBeGreaterThanOrEqual(1);
    expect(writevs).toBeLessThanOrEqual(3);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
