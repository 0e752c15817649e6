/**
 * Servers that list names which are not names (`../escape`, `/abs`, `a/b`): a recursive
 * permissions change counts them and leaves them out, never sends a path built from them, and
 * does not go through the link to its own folder. An FTP server without SITE CHMOD ends the change
 * at once with words that say what to do, not with a refusal per file.
 */
import { describe, expect, it } from 'vitest';
import { hostileTree } from '../../../e2e/hostile/tree';
import type { PermissionsFinished } from '../../../shared/contract/permissions';
import type { RemoteFs } from '../remote/remote-fs';
import { recorder } from '../transfers/testing';
import { HOSTILE_SERVERS } from '../transfers/testing-hostile';
import { PermissionsManager } from './permissions-manager';

describe.each(HOSTILE_SERVERS)('%s', (kind, start) => {
  it('leaves out names that are not names; says plainly when the server cannot chmod', async () => {
    const server = await start(hostileTree());
    const open = () => server.open();
    const browsing: RemoteFs = await open();
    const events = recorder();
    const manager = new PermissionsManager({ emit: events.emit, open, browsing: () => browsing });
    try {
      const finished = new Promise<PermissionsFinished>((resolve) =>
        events.on('permissions.finished', resolve),
      );
      manager.start({
        pageId: 'page-1',
        sessionId: 's',
        paths: ['/evil'],
        change: { mode: 0o644, mask: 0o777, addX: true },
        recursive: true,
        scope: 'all',
      });
      const end = await finished;
      const escaping = server.requests.filter((path) => /escape|abs|a\/b|up-folder/.test(path));
      expect(escaping).toEqual([]);
      if (kind === 'ftp') {
        // The first SITE CHMOD answered "unknown": the whole change ends, once, with a hint.
        expect(end.outcome).toBe('failed');
        expect(end.error).toMatchObject({ code: 'not_supported' });
        expect(end.error?.message).toMatch(/SITE CHMOD/);
        expect(end.error?.hint).toMatch(/SFTP/);
        expect(end.failed).toBe(0);
        return;
      }
      // SFTP: the server refuses each change; every refusal is named by a real path.
      expect(end.outcome).toBe('done');
      expect(end.refusedNames).toBe(12);
      expect(end.links).toBeGreaterThanOrEqual(1);
      expect(end.changed).toBe(0);
      expect(end.failed).toBeGreaterThan(0);
      for (const failure of end.failures) {
        expect(failure.path.startsWith('/evil')).toBe(true);
        expect(failure.path).not.toMatch(/escape|abs|a\/b|up-folder|\0/);
        expect(failure.error.code).toBe('permission_denied');
      }
    } finally {
      await manager.dispose();
      await browsing.close();
      await server.close();
    }
  });
});
