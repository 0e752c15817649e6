import { describe, expect, it } from 'vitest';
import { createEventQueue, type EventMessage } from './event-queue';

function collect(delayMs = 5) {
  const sent: EventMessage[] = [];
  const queue = createEventQueue(
    (message) => sent.push(JSON.parse(message) as EventMessage),
    delayMs,
  );
  return { sent, queue };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createEventQueue', () => {
  it('sends a burst of events as one message, in the order they were raised', async () => {
    const { sent, queue } = collect();
    for (let i = 0; i < 100; i++) queue.push('log.line', { text: `line ${i}` });
    expect(sent).toEqual([]);
    await wait(20);
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message?.type).toBe('events');
    if (message?.type !== 'events') return;
    expect(message.events.map((e) => (e.payload as { text: string }).text)).toEqual(
      Array.from({ length: 100 }, (_, i) => `line ${i}`),
    );
  });

  it('sends a lone event in the single-event shape', async () => {
    const { sent, queue } = collect();
    queue.push('session.closed', { sessionId: 's1' });
    await wait(20);
    expect(sent).toEqual([
      { type: 'event', event: 'session.closed', payload: { sessionId: 's1' } },
    ]);
  });

  it('flush sends what waits at once (before a method result)', () => {
    const { sent, queue } = collect(10_000);
    queue.push('a', 1);
    queue.push('b', { x: [1, 2] });
    queue.flush();
    expect(sent).toEqual([
      {
        type: 'events',
        events: [
          { event: 'a', payload: 1 },
          { event: 'b', payload: { x: [1, 2] } },
        ],
      },
    ]);
    queue.flush();
    expect(sent).toHaveLength(1);
  });

  it('sends what an event said when raised, even if its payload changes afterwards', () => {
    const { sent, queue } = collect(10_000);
    const row = { state: 'active' };
    queue.push('transfer.updated', { jobs: [row] });
    row.state = 'done';
    queue.flush();
    expect(sent[0]).toEqual({
      type: 'event',
      event: 'transfer.updated',
      payload: { jobs: [{ state: 'active' }] },
    });
  });

  it('keeps an event without payload', () => {
    const { sent, queue } = collect(10_000);
    queue.push('transport.ping', undefined);
    queue.flush();
    expect(sent).toEqual([{ type: 'event', event: 'transport.ping', payload: null }]);
  });

  it('sends nothing once disposed', async () => {
    const { sent, queue } = collect();
    queue.push('a', 1);
    queue.dispose();
    queue.push('b', 2);
    await wait(20);
    expect(sent).toEqual([]);
  });
});
