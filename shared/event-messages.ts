/**
 * Core events on their way to the page travel as one JSON text per message, built by
 * electron/transport/event-queue.ts: one event, or several in the order they were raised. Both
 * transports (the desktop app's IPC, the browser edition's WebSocket) carry the same text; this
 * is the page's side of it: reading a message and handing its events to the listeners.
 */

/** One event, or several in the order they were raised. */
export type EventMessage =
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'events'; events: Array<{ event: string; payload: unknown }> };

export type EventListener = (payload: unknown) => void;

/** The events of a message as text, in order; nothing for text that is not an event message. */
export function readEventMessage(text: unknown): Array<{ event: string; payload: unknown }> {
  if (typeof text !== 'string') return [];
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof message !== 'object' || message === null) return [];
  const { type } = message as { type?: unknown };
  if (type === 'event') {
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    return typeof event === 'string' ? [{ event, payload }] : [];
  }
  if (type === 'events') {
    const { events } = message as { events?: unknown };
    if (!Array.isArray(events)) return [];
    return events.filter(
      (item): item is { event: string; payload: unknown } =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { event?: unknown }).event === 'string',
    );
  }
  return [];
}

/** Listeners by event name; a message's events reach them in the order they were raised. */
export class EventListeners {
  // One entry per subscription: the same function subscribed twice hears an event twice.
  private readonly byEvent = new Map<string, Set<{ listener: EventListener }>>();
  private count = 0;

  /** How many subscriptions there are (a transport listens to its channel only while some are). */
  get size(): number {
    return this.count;
  }

  /** Subscribes; the returned function unsubscribes (once). */
  add(event: string, listener: EventListener): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    const entry = { listener };
    set.add(entry);
    this.count++;
    return () => {
      if (set.delete(entry)) this.count--;
    };
  }

  /**
   * Hands each event to its listeners, in order. A listener that throws does not keep the
   * batch's other events from theirs: the first error is thrown once all are delivered.
   */
  deliver(events: ReadonlyArray<{ event: string; payload: unknown }>): void {
    let failure: { error: unknown } | undefined;
    for (const { event, payload } of events) {
      const set = this.byEvent.get(event);
      if (!set) continue;
      for (const { listener } of [...set]) {
        try {
          listener(payload);
        } catch (error) {
          failure ??= { error };
        }
      }
    }
    if (failure) throw failure.error;
  }
}
