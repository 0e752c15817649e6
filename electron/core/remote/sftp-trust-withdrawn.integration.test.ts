/**
 * The server hangs up while the user is still deciding whether to trust its host key (sshd gives
 * up after LoginGraceTime): the question must close in the UI and the connect must fail plainly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type Connection } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmitEvent, EventName, EventPayload } from '../../../shared/contract';
import type { TrustPrompt } from '../../../shared/contract/remote';
import { generateSshKeyPair } from '../../../e2e/harness/ssh-keys';
import { FerryError } from '../../../shared/errors';
import { TrustBroker } from '../trust/broker';
import { CertPins } from '../trust/cert-pins';
import { KnownHosts } from '../trust/known-hosts';
import type { LoginAsker, TrustDecider } from './connect-deps';
import { startRelay } from './ftp-test-kit';
import { BrokerTrust } from './sessions-trust';
import { connectSftp } from './sftp';
import { captureLog } from './sftp-testing';

const { Server } = ssh2;
const BROKER_TIMEOUT_MS = 60_000;

interface HangingUpServer {
  port: number;
  /** Ends every connection with a goodbye (an SSH DISCONNECT), as ssh2's server does. */
  hangUp(): void;
  /**
   * Closes every connection without a word, as sshd does when its login grace time runs out
   * (it exits; the client sees the TCP connection end).
   */
  drop(): void;
  close(): Promise<void>;
}

/** A real SSH server that gets as far as presenting its host key, then waits to be told to hang up. */
async function startHangingUpServer(): Promise<HangingUpServer> {
  const connections = new Set<Connection>();
  const server = new Server({ hostKeys: [generateSshKeyPair().private] }, (c) => {
    connections.add(c);
    c.on('error', () => undefined);
    // Asks for a one-time code, then waits (for the keyboard-interactive case below).
    c.on('authentication', (ctx) => {
      if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
      ctx.prompt([{ prompt: 'Verification code: ', echo: false }], () => ctx.reject());
    });
    c.on('close', () => connections.delete(c));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Clients reach the SSH server through this relay, which can cut them off silently.
  const relay = await startRelay((server.address() as AddressInfo).port);
  return {
    port: relay.port,
    hangUp: () => connections.forEach((c) => c.end()),
    drop: () => relay.cut(),
    close: async () => {
      await relay.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let dir: string;
let server: HangingUpServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-trust-withdrawn-'));
  server = await startHangingUpServer();
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a host-key question whose connection ends', () => {
  it.each([
    ['says goodbye', 'hangUp'],
    ['drops the connection without a word', 'drop'],
  ] as const)(
    'is withdrawn when the server %s, and connect says it closed the connection',
    async (_how, end) => {
      const prompts: TrustPrompt[] = [];
      const settled: string[] = [];
      // The "user" never answers; the server hangs up shortly after the question appears.
      const emit: EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => {
        if (name === 'trust.prompt') {
          prompts.push(payload as TrustPrompt);
          setTimeout(() => server[end](), 200);
        }
        if (name === 'trust.settled') settled.push((payload as { promptId: string }).promptId);
      };
      const broker = new TrustBroker(emit, BROKER_TIMEOUT_MS);
      const trust = new BrokerTrust(
        new KnownHosts(join(dir, 'known_hosts.json')),
        new CertPins(join(dir, 'cert_pins.json')),
        broker,
      );
      const started = Date.now();

      const error = await connectSftp(
        { protocol: 'sftp', host: '127.0.0.1', port: server.port, user: 'u', password: 'p' },
        { trust, log: captureLog(), timeoutMs: 10_000 },
      ).then(
        () => undefined,
        (e: unknown) => e,
      );

      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('connection_lost');
      expect((error as FerryError).message).toMatch(
        /closed the connection while Ferry was waiting/,
      );
      expect(prompts).toHaveLength(1);
      expect(settled).toEqual([prompts[0]?.promptId]);
      // Answering the withdrawn question later is refused instead of doing nothing.
      expect(() => broker.respond(prompts[0]?.promptId ?? '', 'trust-once')).toThrow(
        expect.objectContaining({ code: 'not_found' }),
      );
    },
  );
});

describe('a login question whose connection ends', () => {
  it('is withdrawn when the server drops the connection, and connect says so', async () => {
    const trust: TrustDecider = {
      checkHostKey: () => Promise.resolve('trusted'),
      checkCertificate: () => Promise.resolve('rejected'),
    };
    let asked = 0;
    // The "user" never answers: the question ends only when the connection does.
    const askLogin: LoginAsker = {
      ask: (_question, signal) =>
        new Promise((resolve) => {
          asked += 1;
          signal?.addEventListener('abort', () => resolve(undefined));
          setTimeout(() => server.drop(), 200);
        }),
    };
    const error = await connectSftp(
      { protocol: 'sftp', host: '127.0.0.1', port: server.port, user: 'u' },
      { trust, askLogin, log: captureLog(), timeoutMs: 10_000 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(asked).toBe(1);
    expect(error).toMatchObject({ code: 'connection_lost' });
    expect((error as FerryError).message).toMatch(/closed the connection while Ferry waited/);
  });
});
