/**
 * Which open session takes over a closed one's failed transfers (Retry after Reconnect): the same
 * server as the same user, reached the same way — the same address behind another SSH jump host,
 * or none, may be another machine. A session that ended with its jump host says so later.
 */
import { expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import type { SessionInfo } from '../../../shared/types';
import { SessionSuccessors } from './session-successors';

const session = (sessionId: string, extra: Partial<SessionInfo> = {}): SessionInfo => ({
  sessionId,
  protocol: 'sftp',
  host: 'files.example.test',
  port: 22,
  user: 'me',
  home: '/home/me',
  ...extra,
});

it('takes over only through the same jump host', () => {
  const successors = new SessionSuccessors();
  const viaBastion = { jump: 'SSH jump host me@bastion.example.test:22' };
  successors.ended(session('closed', viaBastion));
  const direct = session('direct');
  const otherJump = session('other', { jump: 'SSH jump host me@other.example.test:22' });
  expect(successors.successorOf('closed', [direct, otherJump])).toBeUndefined();
  const same = session('same', { ...viaBastion, host: 'FILES.example.test' });
  expect(successors.successorOf('closed', [direct, same, otherJump])).toBe('same');
});

it('keeps why a session ended, when that was said (its jump host lost), within its limit', () => {
  const successors = new SessionSuccessors(2);
  const lost = new FerryError('session_not_found', 'The connection to the jump host was lost.');
  successors.ended(session('a'), lost);
  successors.ended(session('b'));
  expect(successors.whyEnded('a')).toBe(lost);
  expect(successors.whyEnded('b')).toBeUndefined();
  successors.ended(session('c'));
  expect(successors.whyEnded('a')).toBeUndefined();
});
