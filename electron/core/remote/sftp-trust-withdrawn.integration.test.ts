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
import { BrokerTrust } from './sessions-trust';
import { connectSftp } from './sftp';
import { captureLog } from './sftp-testing';

const { Server } = ssh2;
const BROKER_TIMEOUT_MS = 60_000;

interface HangingUpServer {
  port: number;
  /** Ends every connection, as sshd does when its login grace time runs out. */
  hangUp(): void;
  close(): Promise<void>;
}

/** A real SSH server that gets as far as presenting its host key, then waits to be told to hang up. */
async function startHangingUpServer(): Promise<HangingUpServer> {
  const connections = new Set<Connection>();
  const server = new Server({ hostKeys: [generateSshKeyPair().private] }, (c) => {
    connections.add(c);
    c.on('error', () => undefined);
    c.on('close', () => connections.delete(c));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hangUp: () => connections.forEach((c) => c.end()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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
  it('is withdrawn, and connect says the server closed the connection', async () => {
    const prompts: TrustPrompt[] = [];
    const settled: string[] = [];
    // The "user" never answers; the server hangs up shortly after the question appears.
    const emit: EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => {
      if (name === 'trust.prompt') {
        prompts.push(payload as TrustPrompt);
        setTimeout(() => server.hangUp(), 200);
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
    expect((error as FerryError).message).toMatch(/closed the connection while Ferry was waiting/);
    expect(prompts).toHaveLength(1);
    expect(settled).toEqual([prompts[0]?.promptId]);
    // Answering the withdrawn question later is refused instead of doing nothing.
    expect(() => broker.respond(prompts[0]?.promptId ?? '', 'trust-once')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});
