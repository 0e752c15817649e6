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

/** Registers the whole contract on one channel; every call goes through `dispatch`. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  isTrusted: SenderCheck,
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
      return dispatch(handlers, method, input, onInternalError);
    },
  );
}

/** Sends core events to our window, if it is still there. */
export function createIpcEmitter(ourContents: () => WebContents | undefined): EmitEvent {
  return (name, payload) => {
    const contents = ourContents();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
  };
}

/** The desktop app's entry point: the whole contract on Electron's ipcMain. */
export function serveContractOverIpc(handlers: Handlers, isTrusted: SenderCheck): void {
  registerIpc(electronIpcMain, handlers, isTrusted, (method, error) =>
    console.error(`Internal error in ${method}:`, error),
  );
}
