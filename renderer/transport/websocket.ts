import type { Result } from '../../shared/errors';
import { EventListeners, type EventMessage } from '../../shared/event-messages';
import type { Bridge } from './bridge';
import { pageId } from './pageId';

type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  // One event, or several in the order raised (electron/transport/event-queue.ts).
  | EventMessage;

const lostResult: Result<unknown> = {
  ok: false,
  error: {
    code: 'connection_lost',
    message: 'The connection to Ferry was lost.',
    hint: 'Ferry may have been closed. Start it again and reload this page.',
  },
};

/**
 * The browser edition's transport: the contract over a WebSocket on the same origin.
 * The per-launch token arrives in the URL fragment (never sent to the server in a URL or log),
 * and is passed as a WebSocket subprotocol.
 */
export function connectWebSocket(token: string): Bridge {
  const url = new URL('/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  // Which page this is (kept across reloads): the core gives a reloaded page its sessions back.
  url.search = `?page=${encodeURIComponent(pageId())}`;
  const socket = new WebSocket(url, ['ferry', `token.${token}`]);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('close', () => reject(new Error('closed')), { once: true });
  });
  opened.catch(() => undefined);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new EventListeners();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as ServerMessage;
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else {
      // One task for the whole batch: the stores' updates render once.
      listeners.deliver(data.type === 'events' ? data.events : [data]);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(lostResult);
    pending.clear();
    listeners.deliver([{ event: 'transport.closed', payload: undefined }]);
  });

  return {
    async invoke(method, input) {
      try {
        await opened;
      } catch {
        return lostResult;
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    on(event, listener) {
      return listeners.add(event, listener);
    },
  };
}

/** Reads the token from `#token=…` and removes it from the address bar. */
export function takeTokenFromLocation(): string | undefined {
  const match = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (!match) return undefined;
  sessionStorage.setItem('ferry.token', match[1] ?? '');
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return match[1];
}
