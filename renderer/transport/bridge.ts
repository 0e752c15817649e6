import type { Result } from '../../shared/errors';

/** What the renderer needs from a transport: the same shape for IPC and WebSocket. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser edition. */
    ferry?: Bridge;
  }
}
