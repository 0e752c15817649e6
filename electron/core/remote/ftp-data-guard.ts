/**
 * Every data connection goes through here: passive mode (EPSV, then PASV pinned to the control
 * connection's address), a check that a TLS data connection reaches the same server as the
 * control connection, and — for uploads — holding the data back until that check has passed.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { type Client, type FTPContext, type FTPResponse, enterPassiveModeIPv6 } from 'basic-ftp';
import { enterPassiveModeIPv4_forceControlHostIP } from 'basic-ftp/dist/transfer';
import { FerryError } from '../../../shared/errors';
import { presentsExpectedCertificate } from './ftp-tls';

type PassiveMode = (ftp: FTPContext) => Promise<FTPResponse>;

const PASSIVE_MODES: PassiveMode[] = [
  enterPassiveModeIPv6,
  enterPassiveModeIPv4_forceControlHostIP,
];

/**
 * A pass-through that releases nothing, not even its end, until the data connection it feeds
 * is secure and verified. This also makes empty uploads over TLS work: an empty source would
 * otherwise end the data socket before its handshake completes, and the server drops it.
 */
export class HeldUntilVerified extends Transform {
  private readonly verified: Promise<void>;
  private settle: { open: () => void; fail: (error: Error) => void } | undefined;

  constructor() {
    super();
    this.verified = new Promise<void>((open, fail) => {
      this.settle = { open, fail };
    });
    this.verified.catch(() => undefined);
  }

  open(): void {
    this.settle?.open();
  }

  fail(error: Error): void {
    this.settle?.fail(error);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.verified.then(() => done(null, chunk), done);
  }

  override _flush(done: TransformCallback): void {
    this.verified.then(() => done(), done);
  }
}

export class DataChannelGuard {
  private modes: PassiveMode[] = PASSIVE_MODES;
  private pendingHold: HeldUntilVerified | undefined;

  /** @param fingerprint256 the control connection's certificate (undefined for plain FTP). */
  constructor(private readonly fingerprint256: string | undefined) {}

  install(client: Client): void {
    client.prepareTransfer = (ftp) => this.prepare(ftp);
  }

  /** The next data connection releases `hold` once it is verified. */
  holdNextUpload(hold: HeldUntilVerified): void {
    this.pendingHold = hold;
  }

  private async prepare(ftp: FTPContext): Promise<FTPResponse> {
    // A hold that never opens (the transfer failed first) is destroyed by the upload itself.
    const hold = this.pendingHold;
    this.pendingHold = undefined;
    const reply = await this.enterPassiveMode(ftp);
    this.watch(ftp, hold);
    return reply;
  }

  /** Tries EPSV, then PASV; keeps using the first that works, as basic-ftp itself does. */
  private async enterPassiveMode(ftp: FTPContext): Promise<FTPResponse> {
    let lastError: unknown;
    for (const mode of this.modes) {
      try {
        const reply = await mode(ftp);
        this.modes = [mode];
        return reply;
      } catch (error) {
        lastError = error;
        if (ftp.closed) break;
      }
    }
    throw lastError;
  }

  private watch(ftp: FTPContext, hold: HeldUntilVerified | undefined): void {
    const socket = ftp.dataSocket;
    const expected = this.fingerprint256;
    if (!(socket instanceof TLSSocket) || expected === undefined) {
      hold?.open();
      return;
    }
    socket.once('secureConnect', () => {
      if (presentsExpectedCertificate(socket, expected)) {
        // Not from inside this event: Node emits it before our handshake's last flight is
        // flushed, and an empty upload ending right here breaks the handshake (vsftpd with
        // TLS 1.2 answered "decode error" to 19 of 30 such uploads; 0 of 30 after one turn).
        if (hold) setImmediate(() => hold.open());
        return;
      }
      const error = new FerryError(
        'certificate_untrusted',
        'A file-transfer connection reached a server with another certificate than the login did.',
        'Someone may be interfering with the connection. Try again on another network.',
      );
      hold?.fail(error);
      ftp.closeWithError(error);
    });
  }
}
