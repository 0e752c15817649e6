import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import type { EmitEvent, EventName, EventPayload } from '../../../shared/contract';
import type { TrustPrompt } from '../../../shared/contract/remote';
import { TrustBroker } from '../trust/broker';
import { CertPins } from '../trust/cert-pins';
import { KnownHosts } from '../trust/known-hosts';
import { BrokerTrust } from './sessions-trust';

const KEY = ['127.0.0.1', 2222, 'ssh-ed25519', 'SHA256:abc'] as const;

const scratch = scratchPerTest('ferry-sessions-trust-');

function setUp(): {
  trust: BrokerTrust;
  broker: TrustBroker;
  prompts: string[];
  settled: string[];
} {
  const prompts: string[] = [];
  const settled: string[] = [];
  const emit: EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (name === 'trust.prompt') prompts.push((payload as TrustPrompt).promptId);
    if (name === 'trust.settled') settled.push((payload as { promptId: string }).promptId);
  };
  const broker = new TrustBroker(emit);
  const trust = new BrokerTrust(
    new KnownHosts(join(scratch.path, 'known_hosts.json')),
    new CertPins(join(scratch.path, 'cert_pins.json')),
    broker,
  );
  return { trust, broker, prompts, settled };
}

/** The question reaches the user after a look at known_hosts on disk: wait for it to appear. */
const untilAsked = (prompts: string[], count: number): Promise<void> =>
  vi.waitFor(() => expect(prompts).toHaveLength(count), { timeout: 10_000, interval: 10 });

describe('a host-key question shared by parallel connections', () => {
  it('stays open while one connection still waits, and closes when the last one ends', async () => {
    const { trust, broker, prompts, settled } = setUp();
    const first = new AbortController();
    const second = new AbortController();
    const firstAnswer = trust.checkHostKey(...KEY, first.signal);
    const secondAnswer = trust.checkHostKey(...KEY, second.signal);
    await untilAsked(prompts, 1);

    first.abort();
    await expect(firstAnswer).resolves.toBe('rejected');
    expect(settled).toEqual([]);

    second.abort();
    await expect(secondAnswer).resolves.toBe('rejected');
    expect(settled).toEqual(prompts);
    expect(() => broker.respond(prompts[0] ?? '', 'trust-once')).toThrow();
  });

  it('a connection that survives still gets the answer the user gives', async () => {
    const { trust, broker, prompts } = setUp();
    const gone = new AbortController();
    const lost = trust.checkHostKey(...KEY, gone.signal);
    const kept = trust.checkHostKey(...KEY, new AbortController().signal);
    await untilAsked(prompts, 1);
    gone.abort();
    broker.respond(prompts[0] ?? '', 'trust-once');
    await expect(lost).resolves.toBe('rejected');
    await expect(kept).resolves.toBe('trusted');
  });

  it('a new question is asked after a withdrawn one', async () => {
    const { trust, prompts } = setUp();
    const gone = new AbortController();
    const lost = trust.checkHostKey(...KEY, gone.signal);
    await untilAsked(prompts, 1);
    gone.abort();
    await lost;
    void trust.checkHostKey(...KEY, new AbortController().signal);
    await untilAsked(prompts, 2);
  });
});
