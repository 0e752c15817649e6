/** What the proxy fields amount to: problems in words, the usual port per kind, passwords. */
import { describe, expect, it } from 'vitest';
import {
  draftOf,
  endpointOf,
  NO_PROXY,
  passwordOf,
  portAfterKindChange,
  proxyProblem,
} from './proxyDraft';

const socks = { ...NO_PROXY, kind: 'socks5' as const, host: 'proxy.corp', port: '1080' };

describe('proxy fields', () => {
  it('need a host and a real port for a proxy, nothing for none or the app’s', () => {
    expect(proxyProblem(NO_PROXY)).toBeUndefined();
    expect(proxyProblem({ ...NO_PROXY, kind: 'app' })).toBeUndefined();
    expect(proxyProblem({ ...socks, host: ' ' })).toBe('Enter the proxy host.');
    expect(proxyProblem({ ...socks, host: 'a b' })).toBe('A proxy host has no spaces.');
    expect(proxyProblem({ ...socks, port: '70000' })).toMatch(/1 to 65535/);
    expect(proxyProblem({ ...socks, kind: 'http', user: 'a:b' })).toMatch(/colon/);
    expect(proxyProblem(socks)).toBeUndefined();
  });

  it('follow the kind’s usual port unless the user typed another', () => {
    expect(portAfterKindChange(socks, 'http')).toBe('8080');
    expect(portAfterKindChange({ ...socks, port: '' }, 'socks5')).toBe('1080');
    expect(portAfterKindChange({ ...socks, port: '3128' }, 'http')).toBe('3128');
  });

  it('send a password only when one was typed for a user; a saved one is never shown', () => {
    const saved = draftOf({ kind: 'http', host: 'p', port: 3128, user: 'me', hasPassword: true });
    expect(saved.password).toBe('');
    expect(passwordOf(saved)).toBeUndefined();
    expect(passwordOf({ ...saved, password: 'new' })).toBe('new');
    expect(passwordOf({ ...saved, user: '', password: 'new' })).toBeUndefined();
    expect(endpointOf({ ...saved, host: ' p ' })).toEqual({
      kind: 'http',
      host: 'p',
      port: 3128,
      user: 'me',
    });
    expect(endpointOf(NO_PROXY)).toBeNull();
  });
});
