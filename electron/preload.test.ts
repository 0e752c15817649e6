import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/contract';
import type { ferryBridge } from './preload';

/** Runs the preload afresh against a fresh stand-in; returns what it exposed. */
async function loadPreload() {
  vi.resetModules();
  const { standIn } = await import('./testing/electron-stand-in');
  await import('./preload');
  const bridge = standIn.exposed().get('ferry') as typeof ferryBridge;
  return { standIn, bridge };
}

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
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, 'trust.settled', { promptId: 'p1' });
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, 'session.closed', { sessionId: 's1' });
    expect(heard).toEqual([{ sessionId: 's1' }]);

    unsubscribe();
    expect(standIn.rendererListenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    standIn.deliverToRenderer(IPC_EVENT_CHANNEL, 'session.closed', { sessionId: 's2' });
    expect(heard).toEqual([{ sessionId: 's1' }]);
  });

  it('gives the path of a file dropped from the OS, and nothing for anything else', async () => {
    const { standIn, bridge } = await loadPreload();
    expect(bridge.pathForFile(new File(['x'], 'report.pdf'))).toBe('/stand-in/dropped/report.pdf');
    expect(bridge.pathForFile({ name: 'report.pdf', path: '/etc/passwd' })).toBe('');
    expect(bridge.pathForFile('/etc/passwd')).toBe('');
    expect(standIn.pathForFileCalls()).toHaveLength(1);
  });
});
