import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/contract';
import type { IpcMain } from 'electron';
import type { ferryBridge } from './preload';

/** Runs the preload afresh against a fresh stand-in; returns what it exposed. */
async function loadPreload() {
  vi.resetModules();
  const { standIn } = await import('./testing/electron-stand-in');
  await import('./preload');
  const bridge = standIn.exposed().get('ferry') as typeof ferryBridge;
  return { standIn, bridge };
}

/** Messages as the main process sends them (electron/transport/event-queue.ts). */
const one = (event: string, payload: unknown) => JSON.stringify({ type: 'event', event, payload });
const batch = (events: Array<[string, unknown]>) =>
  JSON.stringify({
    type: 'events',
    events: events.map(([event, payload]) => ({ event, payload })),
  });
const id = (payload: unknown) => {
  const { sessionId, promptId } = payload as { sessionId?: string; promptId?: string };
  return sessionId ?? promptId;
};

describe('preload', () => {
  it('exposes exactly window.ferry with invoke, on and pathForFile', async () => {
    const { standIn, bridge } = await loadPreload();
    // A new key here is a new power for the page: make it a visible decision.
    expect([...standIn.exposed().keys()]).toEqual(['ferry']);
    expect(Object.keys(bridge).sort()).toMatchInlineSnapshot(`
      [
        "invoke",
        "on",
        "pathForFile",
      ]
    `);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('passes a contract method to the main process on the invoke channel', async () => {
    const { standIn, bridge } = await loadPreload();
    standIn.replyToRendererInvokes(async () => ({ ok: true, value: 'pong' }));
    await expect(bridge.invoke('local.list', { path: '/home' })).resolves.toEqual({
      ok: true,
      value: 'pong',
    });
    expect(standIn.rendererInvokes()).toEqual([
      { channel: IPC_INVOKE_CHANNEL, args: ['local.list', { path: '/home' }] },
    ]);
  });

  it.each(['shell.openExternal', '__proto__', 'constructor', '', 42, undefined])(
    'refuses %j without reaching ipcRenderer',
    async (name) => {
      const { standIn, bridge } = await loadPreload();
      const result = await bridge.invoke(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(standIn.rendererInvokes()).toEqual([]);
    },
  );

  it.each(['ipc.raw', 'toString', '__proto__', '', 7])(
    'throws for the unknown event %j and listens to nothing',
    async (name) => {
      const { standIn, bridge } = await loadPreload();
      expect(() => bridge.on(name, () => undefined)).toThrow(/not an event/);
      expect(standIn.rendererListenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    },
  );

  it('throws when the listener is not a function', async () => {
    const { standIn, bridge } = await loadPreload();
    const notAFunction = 'alert(1)' as unknown as () => void;
    expect(() => bridge.on('session.closed', notAFunction)).toThrow();
    expect(standIn.rendererListenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('delivers only the event subscribed to, until unsubscribed', async () => {
    const { standIn, bridge } = await loadPreload();
    const heard: unknown[] = [];
    const unsubscribe = bridge.on('session.closed', (payload) => heard.push(payload));
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, one('trust.settled', { promptId: 'p1' }));
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, one('session.closed', { sessionId: 's1' }));
    expect(heard).toEqual([{ sessionId: 's1' }]);

    unsubscribe();
    expect(standIn.rendererListenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, one('session.closed', { sessionId: 's2' }));
    expect(heard).toEqual([{ sessionId: 's1' }]);
  });

  it('hands a batch of events to their listeners in the order they were raised', async () => {
    const { standIn, bridge } = await loadPreload();
    const heard: string[] = [];
    bridge.on('session.closed', (payload) => heard.push(`closed ${id(payload)}`));
    bridge.on('trust.settled', (payload) => heard.push(`settled ${id(payload)}`));
    bridge.on('session.closed', (payload) => heard.push(`closed again ${id(payload)}`));
    // However many subscribe, the page reads each message once.
    expect(standIn.rendererListenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    standIn.deliverToRenderer(
      IPC_EVENT_CHANNEL,
      batch([
        ['session.closed', { sessionId: 'a' }],
        ['trust.settled', { promptId: 'b' }],
        ['log.line', { text: 'nobody listens' }],
        ['session.closed', { sessionId: 'c' }],
      ]),
    );
    expect(heard).toEqual([
      'closed a',
      'closed again a',
      'settled b',
      'closed c',
      'closed again c',
    ]);
  });

  it('keeps delivering a batch when one listener throws, then reports the error', async () => {
    const { standIn, bridge } = await loadPreload();
    const heard: unknown[] = [];
    bridge.on('session.closed', () => {
      throw new Error('a broken listener');
    });
    bridge.on('session.closed', (payload) => heard.push(payload));
    const deliver = () =>
      standIn.deliverToRenderer(
        IPC_EVENT_CHANNEL,
        batch([
          ['session.closed', { sessionId: 'a' }],
          ['session.closed', { sessionId: 'b' }],
        ]),
      );
    expect(deliver).toThrow('a broken listener');
    expect(heard).toEqual([{ sessionId: 'a' }, { sessionId: 'b' }]);
  });

  it.each([
    ['not text', { type: 'event', event: 'session.closed', payload: {} }],
    ['not JSON', '{"type":"event",'],
    ['JSON null', 'null'],
    ['no event name', JSON.stringify({ type: 'event', payload: {} })],
    ['events not a list', JSON.stringify({ type: 'events', events: 'session.closed' })],
  ])('ignores a message that is %s', async (_what, message) => {
    const { standIn, bridge } = await loadPreload();
    const heard: unknown[] = [];
    bridge.on('session.closed', (payload) => heard.push(payload));
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, message);
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, one('session.closed', { sessionId: 'ok' }));
    expect(heard).toEqual([{ sessionId: 'ok' }]);
  });

  it('hears the events a call raised before the call’s result, in one message', async () => {
    const { standIn, bridge } = await loadPreload();
    const { createIpcEvents, registerIpc } = await import('./transport/ipc');
    const { StandInWebContents } = await import('./testing/electron-stand-in');
    const { recordingHandlers } = await import('./testing/recording-handlers');
    // The main process's side as main.ts wires it, its window's messages going to this preload.
    const window = new StandInWebContents();
    window.send = (channel, ...args) => standIn.deliverToRenderer(channel, ...args);
    const events = createIpcEvents(() => standIn.asWebContents(window));
    const { handlers } = recordingHandlers(() => {
      for (const text of ['one', 'two', 'three'])
        events.emit('log.line', { level: 'info', text, at: 0 });
      return 'answer';
    });
    let answer: Parameters<IpcMain['handle']>[1] | undefined;
    registerIpc(
      { handle: (_channel, listener) => (answer = listener) },
      handlers,
      () => true,
      events,
    );
    standIn.replyToRendererInvokes(async (_channel, ...args) =>
      answer?.(standIn.invokeEvent(window, window.mainFrame), ...args),
    );
    const deliveries = vi.fn();
    const original = window.send;
    window.send = (channel, ...args) => {
      deliveries();
      original(channel, ...args);
    };

    const heard: string[] = [];
    bridge.on('log.line', (payload) => heard.push((payload as { text: string }).text));
    await bridge.invoke('app.info', {}).then((result) => heard.push(JSON.stringify(result)));
    expect(heard).toEqual(['one', 'two', 'three', '{"ok":true,"value":"answer"}']);
    expect(deliveries).toHaveBeenCalledTimes(1);
    events.dispose();
  });

  it('gives the path of a file dropped from the OS, and nothing for anything else', async () => {
    const { standIn, bridge } = await loadPreload();
    expect(bridge.pathForFile(new File(['x'], 'report.pdf'))).toBe('/stand-in/dropped/report.pdf');
    expect(bridge.pathForFile({ name: 'report.pdf', path: '/etc/passwd' })).toBe('');
    expect(bridge.pathForFile('/etc/passwd')).toBe('');
    expect(standIn.pathForFileCalls()).toHaveLength(1);
  });
});
