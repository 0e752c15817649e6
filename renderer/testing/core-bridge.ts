/**
 * For renderer store tests against the real core in Node: a browser-edition app (createApp)
 * whose handlers the page's bridge calls directly (the e2e specs cover the WebSocket), with the
 * user answering every trust question "Connect once".
 */
import { createApp, type FerryApp } from '../../electron/core/app';
import { dispatch } from '../../electron/transport/dispatch';
import type { Bridge } from '../transport/bridge';

export function coreBehindBridge(dataDir: string): FerryApp {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const app = createApp({
    edition: 'browser',
    dataDir,
    version: 'test',
    emit: (name, payload) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  });
  listeners.set(
    'trust.prompt',
    new Set([
      (prompt) =>
        void app.handlers['trust.respond']({
          promptId: (prompt as { promptId: string }).promptId,
          decision: 'trust-once',
        }),
    ]),
  );
  const bridge: Bridge = {
    invoke: (method, input) => dispatch(app.handlers, method, input),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  };
  Object.assign(globalThis, { window: { ferry: bridge } });
  return app;
}
