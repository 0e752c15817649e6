import { describe, expect, it } from 'vitest';
import { describeJumpHost, parseJumpAddress } from './jump-host';

describe('parseJumpAddress (ferry --jump)', () => {
  it('reads user@host, with the SSH port by default', () => {
    expect(parseJumpAddress('me@bastion.example.com')).toEqual({
      user: 'me',
      host: 'bastion.example.com',
      port: 22,
    });
    expect(parseJumpAddress('ssh://me@10.0.0.1:2222')).toEqual({
      user: 'me',
      host: '10.0.0.1',
      port: 2222,
    });
    expect(parseJumpAddress('me@[::1]:2200')).toEqual({ user: 'me', host: '::1', port: 2200 });
  });

  it('refuses a password in the address, a missing user and a port that is not one', () => {
    expect(parseJumpAddress('me:secret@bastion')).toEqual({
      problem: expect.stringContaining('no password'),
    });
    expect(parseJumpAddress('bastion:22')).toHaveProperty('problem');
    expect(parseJumpAddress('me@bastion:70000')).toHaveProperty('problem');
  });

  it('describes the jump host for the log and the page', () => {
    expect(describeJumpHost({ user: 'me', host: '::1', port: 22 })).toBe(
      'SSH jump host me@[::1]:22',
    );
  });
});
