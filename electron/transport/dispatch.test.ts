import { describe, expect, it, vi } from 'vitest';
import { FerryError } from '../../shared/errors';
import { recordingHandlers } from '../testing/recording-handlers';
import { dispatch } from './dispatch';

const validConnect = {
  protocol: 'sftp',
  host: 'files.example.com',
  port: 22,
  user: 'me',
};

describe('dispatch', () => {
  it.each([
    ['a made-up name', 'files.steal'],
    ['an empty name', ''],
    ['a number', 42],
    ['nothing', undefined],
    ['an object', { method: 'app.info' }],
    ['__proto__', '__proto__'],
    ['toString', 'toString'],
    ['constructor', 'constructor'],
    ['hasOwnProperty', 'hasOwnProperty'],
  ])('refuses %s as unknown_method without calling the core', async (_why, method) => {
    const { calls, handlers } = recordingHandlers();
    const result = await dispatch(handlers, method, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(calls).toEqual([]);
  });

  it.each<[string, string, unknown, string?]>([
    ['local.list without a path', 'local.list', {}, 'path'],
    ['local.list with an empty path', 'local.list', { path: '' }],
    ['local.list with a number for a path', 'local.list', { path: 7 }, 'path'],
    ['input that is a string', 'local.list', '/etc'],
    ['input that is an array', 'local.list', ['/etc']],
    ['remote.connect on port 70000', 'remote.connect', { ...validConnect, port: 70000 }, 'port'],
    ['remote.connect on port 0', 'remote.connect', { ...validConnect, port: 0 }, 'port'],
    ['remote.connect on port 22.5', 'remote.connect', { ...validConnect, port: 22.5 }, 'port'],
    ['remote.connect with the port as text', 'remote.connect', { ...validConnect, port: '22' }],
    ['remote.connect over http', 'remote.connect', { ...validConnect, protocol: 'http' }],
    ['remote.connect with a blank host', 'remote.connect', { ...validConnect, host: '   ' }],
    ['a folder name with /', 'local.mkdir', { parent: '/tmp', name: 'a/b' }, 'name'],
    ['a folder name with \\', 'local.mkdir', { parent: '/tmp', name: 'a\\b' }, 'name'],
    ['a folder name with NUL', 'local.mkdir', { parent: '/tmp', name: 'a\0b' }, 'name'],
    ['the folder name ..', 'local.mkdir', { parent: '/tmp', name: '..' }, 'name'],
    ['the folder name .', 'local.mkdir', { parent: '/tmp', name: '.' }, 'name'],
    ['a new name climbing out', 'local.rename', { path: '/tmp/a', newName: '../a' }, 'newName'],
    [
      'a remote new name climbing out',
      'remote.rename',
      { sessionId: 's1', path: '/a', newName: '../../etc/passwd' },
      'newName',
    ],
    ['a relative remote path', 'remote.list', { sessionId: 's1', path: 'etc' }, 'path'],
    ['a mode beyond 07777', 'remote.chmod', { sessionId: 's1', path: '/a', mode: 0o17777 }],
    ['deleting nothing', 'local.delete', { paths: [] }, 'paths'],
    ['an unknown trust decision', 'trust.respond', { promptId: 'p', decision: 'yes' }],
    ['a page id with a path in it', 'remote.reattach', { pageId: '../../etc/x' }, 'pageId'],
    ['a claim naming no session', 'remote.claim', { pageId: 'page-aaaa-1' }, 'sessionId'],
    [
      'a path smuggled through __proto__',
      'local.list',
      JSON.parse('{"__proto__": {"path": "/etc"}}'),
      'path',
    ],
  ])('refuses %s as invalid_input', async (_why, method, input, field) => {
    const { calls, handlers } = recordingHandlers();
    const result = await dispatch(handlers, method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (field && !result.ok) expect(result.error.message).toContain(`(${field})`);
    expect(calls).toEqual([]);
  });

  it('hands the core only the fields the contract names', async () => {
    const { calls, handlers } = recordingHandlers();
    const result = await dispatch(handlers, 'local.list', { path: '/tmp', command: 'rm -rf /' });
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([{ method: 'local.list', input: { path: '/tmp' } }]);
  });

  it('treats a missing input as an empty one', async () => {
    const { calls, handlers } = recordingHandlers();
    expect(await dispatch(handlers, 'app.info', undefined)).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([{ method: 'app.info', input: {} }]);
  });

  it('passes a FerryError on as its code, message and hint', async () => {
    const onInternalError = vi.fn();
    const { handlers } = recordingHandlers(() => {
      throw new FerryError('not_found', 'That folder is gone.', 'Refresh the pane.');
    });
    const result = await dispatch(handlers, 'local.list', { path: '/nope' }, onInternalError);
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That folder is gone.', hint: 'Refresh the pane.' },
    });
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it.each([
    ['an Error', new Error('EACCES /root/.ssh/id_ed25519 password=hunter2')],
    ['a string', 'password=hunter2 in /root/.ssh/id_ed25519'],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'hunter2')")],
  ])('turns %s into "internal" without leaking it', async (_why, thrown) => {
    const onInternalError = vi.fn();
    const { handlers } = recordingHandlers(() => {
      throw thrown;
    });
    const result = await dispatch(handlers, 'local.list', { path: '/x' }, onInternalError);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const serialised = JSON.stringify(result);
    expect(serialised).not.toContain('hunter2');
    expect(serialised).not.toContain('.ssh');
    // The details go to the log, not to the page.
    expect(onInternalError).toHaveBeenCalledWith('local.list', thrown);
  });

  it('returns results that survive serialisation unchanged', async () => {
    const { handlers } = recordingHandlers(() => ({ path: '/', entries: [] }));
    const result = await dispatch(handlers, 'local.list', { path: '/' });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
