import type { Handlers } from '../../../shared/contract';
import type { PermissionsManager } from './permissions-manager';

export type PermissionsHandlers = Pick<Handlers, 'permissions.start' | 'permissions.stop'>;

/** The `permissions.*` methods of the contract, over one PermissionsManager. */
export function createPermissionsHandlers(changes: PermissionsManager): PermissionsHandlers {
  return {
    'permissions.start': async ({ pageId, sessionId, paths, mode, mask, addX, recursive, scope }) =>
      changes.start({ pageId, sessionId, paths, change: { mode, mask, addX }, recursive, scope }),
    'permissions.stop': async ({ jobId }) => changes.stop(jobId),
  };
}
