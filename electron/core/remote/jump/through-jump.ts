/**
 * A connection through an SSH jump host, as its user sees it: when the jump connection itself
 * drops, the server's side only sees its connection end ("the server closed the connection"),
 * which would send the user looking at the wrong machine. Every failure of such a connection,
 * and the reason it closed, is said as the jump host's then (JumpTunnel.explain).
 */
import type { RemoteFs } from '../remote-fs';

/** What this needs of the session's tunnel (JumpTunnel). */
export interface LossExplainer {
  explain(error: unknown): unknown;
  readonly lost: { message: string } | undefined;
}

/** `fs` with its failures and its close reason said as the jump host's once that was lost. */
export function throughJump(fs: RemoteFs, tunnel: LossExplainer): RemoteFs {
  const explained = <T>(result: Promise<T>): Promise<T> =>
    result.catch((error: unknown) => {
      throw tunnel.explain(error);
    });
  return new Proxy(fs, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'onClose') {
        return (listener: (reason?: string) => void) =>
          // A close we asked for has no reason; one the jump host's loss caused names it.
          target.onClose((reason) => listener(reason && (tunnel.lost?.message ?? reason)));
      }
      if (property === 'openChannel') {
        // A channel of a connection through the jump host goes through it too.
        return () =>
          explained(target.openChannel!()).then((channel) => throughJump(channel, tunnel));
      }
      return (...args: unknown[]) => {
        const result = method.apply(target, args);
        return result instanceof Promise ? explained(result) : result;
      };
    },
  });
}
