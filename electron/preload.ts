/**
 * Exposes the contract to the renderer as `window.ferry`, and nothing else.
 * Bundled into one CommonJS file: a sandboxed preload cannot load modules of its own.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isEventName,
  isMethodName,
} from '../shared/contract';
import { EventListeners, readEventMessage } from '../shared/event-messages';

const refused = (name: unknown) => ({
  ok: false as const,
  error: {
    code: 'unknown_method' as const,
    message: `"${String(name)}" is not part of Ferry’s contract.`,
  },
});

// Events come from the main process batched (one IPC message per burst, see
// electron/transport/ipc.ts): one channel listener reads each message once for every subscriber.
const listeners = new EventListeners();
const onMessage = (_event: unknown, message: unknown): void =>
  listeners.deliver(readEventMessage(message));

export const ferryBridge = {
  invoke(method: unknown, input: unknown) {
    if (!isMethodName(method)) return Promise.resolve(refused(method));
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input);
  },
  on(event: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event) || typeof listener !== 'function') {
      throw new Error(`"${String(event)}" is not an event Ferry sends.`);
    }
    if (listeners.size === 0) ipcRenderer.on(IPC_EVENT_CHANNEL, onMessage);
    const remove = listeners.add(event, listener);
    return () => {
      remove();
      if (listeners.size === 0) ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onMessage);
    };
  },
  /** The real path of a file dropped from the OS (File.path is gone in current Electron). */
  pathForFile(file: unknown): string {
    return file instanceof File ? webUtils.getPathForFile(file) : '';
  },
};

contextBridge.exposeInMainWorld('ferry', ferryBridge);
