import { ipcMain as electronIpcMain } from 'electron';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type EmitEvent,
  type Handlers,
} from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { dispatch } from './dispatch';
import { createEventQueue } from './event-queue';

/** Decides whether an IPC message comes from our own window's main frame. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  ourContents: () => WebContents | undefined,
  appOrigin: (url: string) => boolean,
): boolean {
  const contents = ourContents();
  const frame = event.senderFrame;
  if (!contents || !frame) return false;
  // Electron security checklist #17: validate the sender of all IPC messages.
  return event.sender === contents && frame === contents.mainFrame && appOrigin(frame.url);
}

/** Core events on their way to our window, batched: see createIpcEvents. */
export interface IpcEvents {
  emit: EmitEvent;
  /** Sends what waits at once: before a method's result, so the result never overtakes it. */
  flush(): void;
  dispose(): void;
}

/**
 * Registers the whole contract on one channel; every call goes through `dispatch`. The events
 * raised while answering are sent before the answer (Electron delivers a window's messages and
 * invoke replies over one pipe, in the order sent).
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  isTrusted: SenderCheck,
  events?: Pick<IpcEvents, 'flush'>,
  onInternalError?: (method: string, error: unknown) => void,
): void {
  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This request did not come from Ferry’s window.' },
        };
      }
      const result = await dispatch(handlers, method, input, onInternalError);
      events?.flush();
      return result;
    },
  );
}

/**
 * Sends core events to our window, if it is still there, as the browser edition does: a burst
 * (a folder transfer's rows and log lines) goes as one message per 16 ms in the order raised,
 * since the page pays per message (a task, a render) far more than per byte. The message is
 * the event queue's JSON text, which the preload reads (shared/event-messages.ts).
 */
export function createIpcEvents(ourContents: () => WebContents | undefined): IpcEvents {
  const queue = createEventQueue((message) => {
    const contents = ourContents();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, message);
  });
  return {
    emit: (name, payload) => queue.push(name, payload),
    flush: () => queue.flush(),
    dispose: () => queue.dispose(),
  };
}

/** The desktop app's entry point: the whole contract on Electron's ipcMain. */
export function serveContractOverIpc(
  handlers: Handlers,
  isTrusted: SenderCheck,
  events: IpcEvents,
): void {
  registerIpc(electronIpcMain, handlers, isTrusted, events, (method, error) =>
    console.error(`Internal error in ${method}:`, error),
  );
}
