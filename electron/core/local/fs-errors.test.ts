import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { fsError, type FsAction } from './fs-errors';

const cases: Array<[code: string, action: FsAction, expectedCode: string, message: string]> = [
  ['ENOENT', 'open', 'not_found', 'The folder /x does not exist.'],
  ['ENOENT', 'rename', 'not_found', '/x does not exist.'],
  ['EACCES', 'open', 'permission_denied', 'You do not have permission to open /x.'],
  ['EPERM', 'delete', 'permission_denied', 'You do not have permission to delete /x.'],
  ['EACCES', 'create', 'permission_denied', 'You do not have permission to create /x.'],
  [
    'EROFS',
    'create',
    'permission_denied',
    '/x is on a read-only drive, so Ferry cannot create it.',
  ],
  ['ENOTDIR', 'open', 'not_a_folder', '/x is not a folder.'],
  ['EISDIR', 'open', 'not_a_folder', '/x is a folder, not a file.'],
  ['EEXIST', 'create', 'already_exists', 'Something named /x already exists.'],
  ['ENOTEMPTY', 'delete', 'not_empty', '/x is not empty.'],
  ['ENOSPC', 'create', 'disk_full', 'There is no space left on the drive to create /x.'],
  ['EDQUOT', 'rename', 'disk_full', 'There is no space left on the drive to rename /x.'],
  ['ENAMETOOLONG', 'create', 'invalid_input', 'The name or path is too long: /x.'],
  ['ELOOP', 'open', 'not_found', '/x leads through a loop of shortcuts (symbolic links).'],
  ['EBUSY', 'delete', 'permission_denied', '/x is in use, so Ferry cannot delete it.'],
  ['EIO', 'open', 'internal', 'Ferry could not open /x.'],
];

describe('fsError', () => {
  it.each(cases)('%s while %s → %s', (code, action, expectedCode, message) => {
    const mapped = fsError(Object.assign(new Error('raw'), { code }), action, '/x');
    expect(mapped).toBeInstanceOf(FerryError);
    expect(mapped.code).toBe(expectedCode);
    expect(mapped.message).toBe(message);
    expect(mapped.hint?.length).toBeGreaterThan(10);
  });

  it('passes FerryErrors through untouched', () => {
    const original = new FerryError('forbidden', 'no', 'hint');
    expect(fsError(original, 'open', '/x')).toBe(original);
  });

  it('never leaks the raw Node message', () => {
    const mapped = fsError(new Error("EACCES: permission denied, scandir '/x'"), 'open', '/x');
    expect(mapped.message).not.toContain('scandir');
  });
});
