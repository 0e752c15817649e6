/**
 * Helpers for the FTP integration tests (not a test file itself): a recording session log, real
 * trust deciders built on TrustBroker + CertPins, and a TCP relay that can cut a
 * connection the way a server closing an idle session does.
 */
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import type { TrustDecision, TrustPrompt } from '../../../shared/contract/remote';
import type { LogLevel, SessionLog } from '../log';
import { redact } from '../log';
import type { CertPins } from '../trust/cert-pins';
import { certificateDecider } from '../trust/cert-pins-trust';
import { answeringBroker } from '../trust/testing/answering-broker';
import type { ConnectDeps, TrustDecider } from './connect-deps';

/** A SessionLog that keeps every (redacted) line, as the UI would receive it. */
export function recordingLog(): SessionLog & { lines: { level: LogLevel; text: string }[] } {
  const secrets = new Set<string>();
  const lines: { level: LogLevel; text: string }[] = [];
  return {
    lines,
    write(level, text) {
      lines.push({ level, text: redact(text, secrets) });
    },
    addSecret(secret) {
      if (secret) secrets.add(secret);
    },
  };
}

/** A TrustBroker whose "user" answers every prompt with `answer`, and the prompts it saw. */
export function answeringTrust(
  pins: CertPins,
  answer: TrustDecision,
): { trust: TrustDecider; prompts: TrustPrompt[] } {
  const { broker, prompts } = answeringBroker(answer);
  return {
    prompts,
    trust: {
      checkHostKey: () => Promise.resolve('rejected'),
      checkCertificate: certificateDecider(pins, broker),
    },
  };
}

/** A decider for tests that must never be asked anything. */
export const neverAsked: TrustDecider = {
  checkHostKey: () => Promise.reject(new Error('unexpected host-key question')),
  checkCertificate: () => Promise.reject(new Error('unexpected certificate question')),
};

export function depsWith(
  trust: TrustDecider,
  timeoutMs = 5000,
): ConnectDeps & { log: ReturnType<typeof recordingLog> } {
  return { trust, log: recordingLog(), timeoutMs };
}

/** Forwards 127.0.0.1:<port> to `targetPort`; `cut()` drops every connection like a server would. */
export async function startRelay(
  targetPort: number,
): Promise<{ port: number; openSockets: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** Sockets of the relay not closed yet (both ends of every connection it carries). */
    get openSockets() {
      return sockets.size;
    },
    cut() {
      for (const socket of sockets) {
        // Unpiped and drained, so each end hears its peer's goodbye (and closes) too.
        socket.unpipe();
        socket.end();
        socket.resume();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and never says a word (neither FTP nor TLS): a black hole. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port with nothing listening on it (bound once, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
