/**
 * Every data connection goes through here: passive mode (EPSV, then PASV pinned to the control
 * connection's address), a check that a TLS data connection reaches the same server as the
 * control connection, and — for uploads — holding the data back until that check has passed.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { type Client, type FTPContext, type FTPResponse, enterPassiveModeIPv6 } from 'basic-ftp';
import {
  connectForPassiveTransfer,
  enterPassiveModeIPv4_forceControlHostIP,
  parseEpsvResponse,
  parsePasvResponse,
} from 'basic-ftp/dist/transfer';
import { isLoopback } from 'basic-ftp/dist/netUtils';
import { FerryError } from '../../../shared/errors';
import { connectDataThroughProxy, passivePort, passiveThroughProxy } from './ftp-proxy';
import { presentsExpectedCertificate } from './ftp-tls';
import { SlimSessions } from './ftp-tls-session';
import type { Route } from './route';

/** A way into passive mode, and the command it starts with. */
interface PassiveMode {
  command: 'EPSV' | 'PASV';
  enter: (ftp: FTPContext) => Promise<FTPResponse>;
}

const PASSIVE_MODES: PassiveMode[] = [
  { command: 'EPSV', enter: enterPassiveModeIPv6 },
  { command: 'PASV', enter: enterPassiveModeIPv4_forceControlHostIP },
];

/** Told once a data connection is verified (open) or found to reach another server (fail). */
export interface Verification {
  open(): void;
  fail(error: Error): void;
}

/**
 * A pass-through that releases nothing, not even its end, until the data connection it feeds
 * is secure and verified. This also makes empty uploads over TLS work: an empty source would
 * otherwise end the data socket before its handshake completes, and the server drops it.
 */
export class HeldUntilVerified extends Transform implements Verification {
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
  private readonly sessions = new SlimSessions();

  /**
   * @param fingerprint256 the control connection's certificate (undefined for plain FTP).
   * @param route the proxy or jump host the control connection goes through: data connections go there too.
   */
  constructor(
    private readonly fingerprint256: string | undefined,
    private readonly route?: Route,
  ) {
    if (route) {
      this.modes = (['EPSV', 'PASV'] as const).map((command) => ({
        command,
        enter: passiveThroughProxy(command, route.via, route.target),
      }));
    }
  }

  install(client: Client): void {
    client.prepareTransfer = (ftp) => this.prepare(ftp);
  }

  /** The next data connection releases `hold` once it is verified. */
  holdNextUpload(hold: HeldUntilVerified): void {
    this.pendingHold = hold;
  }

  /**
   * The passive-mode command known to work on this connection, once one has: a transfer command
   * may then follow it at once, before its reply (see connectFromReply).
   */
  get settledCommand(): 'EPSV' | 'PASV' | undefined {
    return this.modes.length === 1 ? this.modes[0]?.command : undefined;
  }

  private async prepare(ftp: FTPContext): Promise<FTPResponse> {
    // A hold that never opens (the transfer failed first) is destroyed by the upload itself.
    const hold = this.pendingHold;
    this.pendingHold = undefined;
    return this.openDataConnection(ftp, hold);
  }

  /** Enters passive mode, connects, and has the connection verified before `verification` opens. */
  async openDataConnection(ftp: FTPContext, verification?: Verification): Promise<FTPResponse> {
    this.slimSession(ftp);
    const reply = await this.enterPassiveMode(ftp);
    this.verify(ftp, verification);
    return reply;
  }

  /**
   * Connects to where the settled command's reply (sent earlier, without waiting) points, as
   * basic-ftp's own passive modes do: EPSV's port on the control connection's host; PASV's
   * address only if it is that host (or both are loopback addresses).
   */
  async connectFromReply(
    ftp: FTPContext,
    reply: FTPResponse,
    verification: Verification,
  ): Promise<void> {
    const route = this.route;
    const settled = this.settledCommand;
    if (route && settled) {
      this.slimSession(ftp);
      await connectDataThroughProxy(ftp, route.via, route.target, passivePort(settled, reply));
      this.verify(ftp, verification);
      return;
    }
    const controlHost = ftp.socket.remoteAddress?.replace(/^::ffff:/i, '');
    if (controlHost === undefined) throw new Error('The control connection is closed.');
    let port: number;
    if (this.settledCommand === 'EPSV') {
      port = parseEpsvResponse(reply.message);
    } else {
      const target = parsePasvResponse(reply.message);
      const sameHost =
        target.host === controlHost || (isLoopback(target.host) && isLoopback(controlHost));
      if (!sameHost) {
        throw new Error(`PASV pointed to another host (${target.host}) than ${controlHost}.`);
      }
      port = target.port;
    }
    this.slimSession(ftp);
    await connectForPassiveTransfer(controlHost, port, ftp);
    this.verify(ftp, verification);
  }

  /**
   * Readies the next TLS data connection: basic-ftp resumes `tlsSessionStore` (else the control
   * session), so that becomes the slim copy of it; and Node's certificate check is handed to this
   * guard (verify), which is why it is turned off here and nowhere else: a resumed TLS 1.2 session
   * carries no certificate, which Node's check refuses. Without a login certificate to compare
   * with, Node's check stays on (and verify refuses the connection anyway).
   */
  slimSession(ftp: FTPContext): void {
    const control = ftp.socket;
    if (!(control instanceof TLSSocket) || this.fingerprint256 === undefined) return;
    if (ftp.tlsOptions.rejectUnauthorized !== false) {
      ftp.tlsOptions = { ...ftp.tlsOptions, rejectUnauthorized: false };
    }
    const session = ftp.tlsSessionStore ?? control.getSession();
    if (session) ftp.tlsSessionStore = this.sessions.forDataConnection(session);
  }

  /** Tries EPSV, then PASV; keeps using the first that works, as basic-ftp itself does. */
  private async enterPassiveMode(ftp: FTPContext): Promise<FTPResponse> {
    let lastError: unknown;
    for (const mode of this.modes) {
      try {
        const reply = await mode.enter(ftp);
        this.modes = [mode];
        return reply;
      } catch (error) {
        lastError = error;
        if (ftp.closed) break;
      }
    }
    throw lastError;
  }

  private verify(ftp: FTPContext, verification: Verification | undefined): void {
    const socket = ftp.dataSocket;
    const expected = this.fingerprint256;
    if (!(socket instanceof TLSSocket)) {
      verification?.open();
      return;
    }
    if (expected === undefined) {
      // Nothing to compare with: no login certificate, so no TLS data connection can be vouched for.
      const error = new FerryError(
        'certificate_untrusted',
        'A file-transfer connection could not be checked: there is no certificate from the login to compare it with.',
        'Disconnect and connect again. If this keeps happening, report it.',
      );
      verification?.fail(error);
      ftp.closeWithError(error);
      return;
    }
    socket.once('secureConnect', () => {
      if (presentsExpectedCertificate(socket, expected)) {
        // Not from inside this event: Node emits it before our handshake's last flight is
        // flushed, and an empty upload ending right here breaks the handshake (vsftpd with
        // TLS 1.2 answered "decode error" to 19 of 30 such uploads; 0 of 30 after one turn).
        if (verification) setImmediate(() => verification.open());
        return;
      }
      const error = new FerryError(
        'certificate_untrusted',
        'A file-transfer connection reached a server with another certificate than the login did.',
        'Someone may be interfering with the connection. Try again on another network.',
      );
      verification?.fail(error);
      ftp.closeWithError(error);
    });
  }
}
