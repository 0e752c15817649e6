/**
 * A bare FTP control connection for harness tests: send a command, read the reply, upgrade to
 * TLS. Deliberately tiny: it checks how the servers answer, it is not an FTP client.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions, type TLSSocket } from 'node:tls';

export interface FtpReply {
  code: number;
  text: string;
}

export class FtpControl {
  private buffer = '';
  private replyLines: string[] = [];
  private readonly replies: FtpReply[] = [];
  private waiter: ((reply: FtpReply) => void) | undefined;
  private failure: Error | undefined;
  private failWaiter: ((error: Error) => void) | undefined;

  private constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  /** Plain TCP; the server's greeting is the first reply. */
  static async plain(port: number): Promise<FtpControl> {
    const socket = connectTcp({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new FtpControl(socket);
  }

  /** Implicit FTPS: TLS from the first byte. */
  static async implicit(port: number, tls: ConnectionOptions): Promise<FtpControl> {
    const socket = connectTls({ host: '127.0.0.1', port, ...tls });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    return new FtpControl(socket);
  }

  get tlsSocket(): TLSSocket | undefined {
    return 'encrypted' in this.socket ? this.socket : undefined;
  }

  private attach(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('control connection closed')));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.failWaiter?.(error);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      this.replyLines.push(line);
      const first = this.replyLines[0] ?? '';
      const code = first.slice(0, 3);
      const complete = first[3] !== '-' || (line.startsWith(code) && line[3] === ' ');
      if (complete) {
        const reply = { code: Number(code), text: this.replyLines.join('\n') };
        this.replyLines = [];
        if (this.waiter) {
          const waiter = this.waiter;
          this.waiter = undefined;
          waiter(reply);
        } else this.replies.push(reply);
      }
    }
  }

  /** The next reply from the server. */
  reply(timeoutMs = 5000): Promise<FtpReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no FTP reply within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiter = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
      this.failWaiter = (error) => {
        clearTimeout(timer);
        reject(error);
      };
    });
  }

  send(command: string): Promise<FtpReply> {
    this.socket.write(`${command}\r\n`);
    return this.reply();
  }

  /** After a 234 reply to AUTH TLS: runs the handshake on the control connection. */
  async upgrade(tls: ConnectionOptions): Promise<TLSSocket> {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('close');
    this.socket.removeAllListeners('error');
    const secure = connectTls({ socket: this.socket, ...tls });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
    return secure;
  }

  close(): void {
    this.socket.destroy();
  }
}
