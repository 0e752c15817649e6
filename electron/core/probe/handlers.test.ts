import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract';
import { methods } from '../../../shared/contract';
import { DEFAULT_PROBE_PORTS } from '../../../shared/contract/probe';
import { createProbeHandlers } from './handlers';
import { closedPort } from './testing/misbehaving-servers';

describe('probe.run', () => {
  it('reports each port as an event as soon as it is known, then the whole report', async () => {
    const events: { name: EventName; payload: unknown }[] = [];
    const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
      events.push({ name, payload });
    };
    const handlers = createProbeHandlers({ emit });
    const ports = [await closedPort(), await closedPort()];
    const input = methods['probe.run'].input.parse({ host: '127.0.0.1', ports, probeId: 'p1' });
    const report = await handlers['probe.run'](input);

    expect(report.endpoints.map((e) => [e.port, e.status])).toEqual(
      ports.map((p) => [p, 'closed']),
    );
    expect(report.recommendation).toBeUndefined();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      name: 'probe.endpoint',
      payload: { probeId: 'p1', host: '127.0.0.1' },
    });
  });

  it('checks 22, 21 and 990 when no ports are given, and each port once', () => {
    const parse = (input: unknown) => methods['probe.run'].input.parse(input);
    expect(parse({ host: 'example.com' }).ports).toEqual([...DEFAULT_PROBE_PORTS]);
    expect(parse({ host: 'example.com', ports: [2222, 2222, 21] }).ports).toEqual([2222, 21]);
  });

  it.each([
    ['a host with a path', { host: 'example.com/x' }],
    ['a host with a user', { host: 'me@example.com' }],
    ['an empty host', { host: '  ' }],
    ['port 0', { host: 'example.com', ports: [0] }],
    ['too many ports', { host: 'example.com', ports: Array.from({ length: 17 }, (_, i) => i + 1) }],
  ])('refuses %s', (_name, input) => {
    expect(methods['probe.run'].input.safeParse(input).success).toBe(false);
  });
});
