/**
 * Core events on their way to the page, sent together: a folder transfer can raise thousands
 * of events a second (log lines above all), and the page pays per message (a task, a parse,
 * a render) far more than per byte. Events keep their order; nothing waits longer than
 * `delayMs`, and `flush()` sends at once (before a method's result, so a result never
 * overtakes the events raised before it).
 */
export interface EventQueue {
  push(event: string, payload: unknown): void;
  flush(): void;
  dispose(): void;
}

/** One event, or several in the order they were raised: the two messages the page reads. */
export type { EventMessage } from '../../shared/event-messages';

/** Fits one animation frame: no one sees the delay, and bursts become one message. */
const DEFAULT_DELAY_MS = 16;

export function createEventQueue(
  send: (message: string) => void,
  delayMs = DEFAULT_DELAY_MS,
): EventQueue {
  // Serialised when raised: a payload changed later by its owner cannot change what was sent.
  let queued: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (queued.length === 0) return;
    const parts = queued;
    queued = [];
    send(
      parts.length === 1
        ? `{"type":"event",${parts[0]}}`
        : `{"type":"events","events":[${parts.map((part) => `{${part}}`).join(',')}]}`,
    );
  }

  return {
    push(event, payload) {
      if (disposed) return;
      queued.push(
        `"event":${JSON.stringify(event)},"payload":${JSON.stringify(payload) ?? 'null'}`,
      );
      timer ??= setTimeout(flush, delayMs);
    },
    flush,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      timer = undefined;
      queued = [];
    },
  };
}
