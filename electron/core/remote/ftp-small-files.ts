/**
 * Small files over FTP without streams and with fewer waits. Once a connection's passive mode
 * is known to work, the passive command and the transfer command leave together (`EPSV`,
 * `RETR path`): the server answers EPSV, then takes RETR and waits for the data connection,
 * which opens as soon as EPSV's reply is here, one round trip sooner than command by command.
 * An upload's new date (MDTM/MFMT) follows its last byte without waiting for the 226.
 * Every data connection is still verified by DataChannelGuard before a byte is used or sent.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { type FTPContext, FTPError, type FTPResponse } from 'basic-ftp';
import type { TaskResolver } from 'basic-ftp/dist/FtpContext';
import { describeAddress, describeTLS } from 'basic-ftp/dist/netUtils';
import type { SmallFileAttributes } from './remote-fs';
import type { Verification } from './ftp-data-guard';
import { commandBytes } from './ftp-names-wire';
import type { CallContext } from './ftp-session';
import { whyDownloadFailed, whyUploadFailed } from './ftp-transfer';

/** Up to `maxBytes` from the start of the file at `path` (fewer: the file is shorter). */
export async function readSmallFile(
  context: CallContext,
  path: string,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  const side: DataSide = {
    direction: 'download',
    start(socket, finished) {
      socket.on('data', (chunk: Buffer) => {
        const room = maxBytes - received;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        received += Math.min(chunk.length, room);
        // One byte past what is wanted says enough: the rest is not read (the server
        // answers the cut-off transfer with 426, which is then no failure).
        if (chunk.length > room) {
          socket.destroy();
          finished(true);
        }
      });
      // An empty file's end may have come before this side started listening.
      if (socket.readableEnded) finished(false);
      else socket.once('end', () => finished(false));
    },
  };
  try {
    await transfer(context, `RETR ${path}`, side);
  } catch (error) {
    throw await whyDownloadFailed(context, error, path);
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, received);
}

/**
 * Writes `data` as the file at `path`, then gives it `attributes.modified` (a date the server
 * refuses is no failure, as for every upload) and the mode (ftp-upload-mode.ts).
 */
export async function writeSmallFile(
  context: CallContext,
  path: string,
  data: Buffer,
  attributes: SmallFileAttributes,
): Promise<void> {
  const side: DataSide = {
    direction: 'upload',
    start(socket, finished) {
      socket.end(data, () => finished(false));
    },
    followUp:
      attributes.modified === null ? undefined : dateCommand(context, path, attributes.modified),
  };
  try {
    await transfer(context, `STOR ${path}`, side);
  } catch (error) {
    throw await whyUploadFailed(context, error, path);
  }
  await context.createdModes.apply(context, path, attributes.mode, attributes.created === true);
}

/** The command that sets the date, as setModified in ftp-ops-write.ts would send it. */
function dateCommand(context: CallContext, path: string, modified: Date): string | undefined {
  const stamp = modified.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  if (context.features.has('MFMT')) return `MFMT ${stamp} ${path}`;
  return context.features.has('MDTM') ? `MDTM ${stamp} ${path}` : undefined;
}

interface DataSide {
  direction: 'download' | 'upload';
  /**
   * The data connection is open, verified, and the server said 150: move the bytes, then call
   * `finished` (`cutShort`: this side stopped early on purpose).
   */
  start(socket: Socket, finished: (cutShort: boolean) => void): void;
  /** A command sent once this side finished, whose reply is awaited but not judged. */
  followUp?: string | undefined;
}

/**
 * One transfer command with its data connection, settled when the server's final reply and the
 * data side's end are both in, and every reply to what was sent has been read (so the next
 * call's replies stay its own).
 */
async function transfer(
  context: CallContext,
  command: string,
  side: DataSide,
): Promise<FTPResponse> {
  const { client, guard } = context;
  const ftp = client.ftp;
  const passive = guard.settledCommand;
  const run = new TransferRun(context, side, passive !== undefined);
  if (passive === undefined) {
    await guard.openDataConnection(ftp, run);
    run.connected();
  }
  const done = ftp.handle(undefined, (reply, task) => run.onReply(reply, task));
  // A closed connection has already failed the task: nothing to send.
  if (ftp.closed) return done;
  const commands = passive === undefined ? [command] : [passive, command];
  for (const line of commands) ftp.log(`> ${line}`);
  // One write: two would be two TLS records, and the second could wait for the first's ACK.
  ftp.socket.write(commandBytes(client, `${commands.join('\r\n')}\r\n`));
  return done;
}

class TransferRun implements Verification {
  private readonly ftp: FTPContext;
  private task: TaskResolver | undefined;
  private passiveError: FTPError | undefined;
  private isConnected = false;
  private isVerified = false;
  private preliminary = false;
  private started = false;
  private dataDone = false;
  private cutShort = false;
  private finalReply: FTPResponse | FTPError | undefined;
  /** Replies still owed for the command sent after the data (`side.followUp`). */
  private owed = 0;
  private settled = false;
  private connecting = false;
  /** How this run ends once the data connection being opened is open (or failed). */
  private afterConnecting: (() => void) | undefined;

  constructor(
    private readonly context: CallContext,
    private readonly side: DataSide,
    /** The passive command went out with the transfer command: its reply comes first. */
    private awaitingPassive: boolean,
  ) {
    this.ftp = context.client.ftp;
  }

  /** The data connection was opened before the transfer command (and is being verified). */
  connected(): void {
    this.isConnected = true;
  }

  open(): void {
    this.isVerified = true;
    this.maybeStart();
  }

  /** The guard closes the control connection as well, which ends this run with the error. */
  fail(): void {}

  onReply(reply: Error | FTPResponse, task: TaskResolver): void {
    this.task = task;
    if (this.settled) return;
    if (reply instanceof Error && !(reply instanceof FTPError)) return this.finish(reply);
    if (this.awaitingPassive) {
      this.awaitingPassive = false;
      if (reply instanceof FTPError) this.passiveError = reply;
      else this.connect(reply);
      return;
    }
    if (this.finalReply !== undefined) {
      // The reply to the command sent after the data; its verdict does not matter.
      this.owed -= 1;
      return this.maybeSettle();
    }
    const failed = reply instanceof FTPError;
    if (this.passiveError) {
      if (failed || reply.code >= 200) return this.finish(this.passiveError);
      // A transfer starting without a data connection: the session is out of step.
      return this.closeWith(this.passiveError);
    }
    if (!failed && reply.code < 200) {
      this.preliminary ||= reply.code === 150 || reply.code === 125;
      return this.maybeStart();
    }
    this.finalReply = failed || reply.code < 300 ? reply : new FTPError(reply);
    this.maybeSettle();
  }

  private connect(reply: FTPResponse): void {
    this.connecting = true;
    this.context.guard.connectFromReply(this.ftp, reply, this).then(
      () => {
        this.connecting = false;
        // The run ended meanwhile (the control connection was lost): the data connection that
        // just opened has no transfer left and would stay open on the closed context.
        if (this.settled) {
          this.ftp.dataSocket = undefined;
          return;
        }
        this.isConnected = true;
        if (this.afterConnecting) return this.afterConnecting();
        this.maybeStart();
      },
      (error: unknown) => {
        this.connecting = false;
        // The server refused the transfer command meanwhile: its listener may be gone.
        if (this.afterConnecting) return this.afterConnecting();
        // The server has the transfer command and waits for this connection: the control
        // connection is out of step. (The session reconnects for its next call.)
        this.closeWith(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  private maybeStart(): void {
    if (this.settled || this.started || !this.preliminary || !this.isConnected) return;
    if (!this.isVerified) return;
    const socket = this.ftp.dataSocket;
    if (!socket) return this.closeWith(new Error('The data connection closed early.'));
    this.started = true;
    const way = this.side.direction === 'download' ? 'Downloading from' : 'Uploading to';
    // Whether the data connection resumed the login's TLS session (what servers with
    // require_ssl_reuse insist on, and a full handshake fewer) is worth seeing in the log.
    const resumed = socket instanceof TLSSocket && socket.isSessionReused() ? ', resumed' : '';
    this.ftp.log(`${way} ${describeAddress(socket)} (${describeTLS(socket)}${resumed})`);
    // A slow link may take long for one file: the data connection's silence is what counts.
    this.ftp.socket.setTimeout(0);
    socket.setTimeout(this.ftp.timeout);
    this.side.start(socket, (cutShort) => {
      if (this.settled || this.dataDone) return;
      this.dataDone = true;
      this.cutShort = cutShort;
      socket.setTimeout(0);
      this.ftp.socket.setTimeout(this.ftp.timeout);
      const followUp = this.side.followUp;
      if (followUp !== undefined && !cutShort) {
        this.owed += 1;
        this.ftp.log(`> ${followUp}`);
        this.ftp.socket.write(commandBytes(this.context.client, `${followUp}\r\n`));
      }
      this.maybeSettle();
    });
  }

  private maybeSettle(): void {
    const reply = this.finalReply;
    if (reply === undefined || this.owed > 0) return;
    if (reply instanceof FTPError) {
      // A transfer this side cut short on purpose ends with 426 or 451: no failure.
      return this.cutShort ? this.finish(undefined, reply) : this.finish(reply);
    }
    if (this.dataDone) this.finish(undefined, reply);
  }

  private finish(error: Error | undefined, reply?: FTPResponse): void {
    if (this.settled) return;
    if (this.connecting && error instanceof FTPError) {
      // The transfer was refused while the data connection was being opened: that connection
      // is this call's to close, not the next call's to find in its place.
      this.afterConnecting = () => this.finish(error, reply);
      return;
    }
    this.settled = true;
    this.ftp.dataSocket = undefined;
    if (error === undefined && reply !== undefined) this.task?.resolve(reply);
    else this.task?.reject(error ?? new Error('The transfer ended without a reply.'));
  }

  private closeWith(error: Error): void {
    // Ends the run through onReply (the control connection passes the error to the task).
    this.ftp.closeWithError(error);
  }
}
