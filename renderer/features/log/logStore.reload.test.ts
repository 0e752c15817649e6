/**
 * The log after a page reload: the lines from before come back from the core's log history
 * (electron/core/log-history.ts, the real one), each once even when it was also on its way as
 * an event, and what the user cleared stays cleared. No log line is kept in sessionStorage.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import { LogHistory } from '../../../electron/core/log-history';
import type { Bridge } from '../../transport/bridge';
import { installSessionStorage, reloadPage } from '../../testing/page-reload';

type LogModule = typeof import('./logStore');

const storage = installSessionStorage();
const history = new LogHistory();
const listeners = new Set<(payload: unknown) => void>();
const emit = history.tap((name, payload) => {
  if (name === 'log.line') for (const listener of listeners) listener(payload);
});
const log = (text: string) =>
  emit('log.line', { sessionId: 's1', level: 'info', text, at: Date.now() });
/** A line the core logs while the page's request for the recent ones is on its way. */
let duringRequest: string | undefined;

beforeAll(() => {
  const bridge: Bridge = {
    async invoke(method, input) {
      if (method === 'log.detail') return { ok: true, value: { transferCommands: false } };
      if (method !== 'log.recent') throw new Error(`unexpected ${method}`);
      if (duringRequest !== undefined) log(duringRequest);
      const { after } = input as { after?: number };
      return { ok: true, value: history.recent(after) };
    },
    on(event, listener) {
      if (event !== 'log.line') return () => undefined;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.assign(globalThis, { window: { ferry: bridge } });
});
afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'sessionStorage');
});

async function loadPage(): Promise<LogModule['useLog']> {
  listeners.clear(); // the old page's listeners went with it
  const store = await import('./logStore');
  store.watchLogEvents();
  return store.useLog;
}

const texts = (lines: readonly EventPayload<'log.line'>[]) => lines.map((l) => l.text);
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

it('a reloaded page shows the lines from before, each once, and keeps cleared lines gone', async () => {
  log('Connecting to 127.0.0.1:22');
  log('Logged in');
  let useLog = await loadPage();
  await settle();
  expect(texts(useLog.getState().lines)).toEqual(['Connecting to 127.0.0.1:22', 'Logged in']);

  log('LIST /home');
  reloadPage(storage);
  duringRequest = 'LIST /srv';
  useLog = await loadPage();
  await settle();
  expect(texts(useLog.getState().lines)).toEqual([
    'Connecting to 127.0.0.1:22',
    'Logged in',
    'LIST /home',
    'LIST /srv',
  ]);
  duringRequest = undefined;

  useLog.getState().clear();
  log('LIST /tmp');
  await settle();
  reloadPage(storage);
  useLog = await loadPage();
  await settle();
  expect(texts(useLog.getState().lines)).toEqual(['LIST /tmp']);
  // The page keeps how far it cleared, not what it showed.
  expect(storage.dump()).not.toContain('LIST');
  expect(storage.dump()).not.toContain('Logged in');
});
