import { describe, expect, it } from 'vitest';
import { newDraft, parsePortField, portExplanation, withProtocol } from './siteForm';

describe('the site form’s port', () => {
  it.each([
    ['', 'sftp', null],
    ['22', 'sftp', null],
    ['2222', 'sftp', 2222],
    [' 21 ', 'ftps-explicit', null],
    ['0', 'sftp', 'invalid'],
    ['65536', 'sftp', 'invalid'],
    ['2x', 'sftp', 'invalid'],
  ] as const)('%j for %s', (text, protocol, expected) => {
    expect(parsePortField(text, protocol)).toBe(expected);
  });

  it('follows the protocol preset unless the user typed a port of their own', () => {
    const preset = newDraft(null);
    expect(withProtocol(preset, 'ftps-implicit').port).toBeNull();
    const own = newDraft(null, { port: 2222 });
    expect(withProtocol(own, 'ftps-implicit').port).toBe(2222);
    // An own port that is the new protocol's preset is just the preset.
    expect(withProtocol(newDraft(null, { port: 21 }), 'ftps-explicit').port).toBeNull();
    expect(portExplanation(preset)).toBe('Preset port for SFTP: 22');
    expect(portExplanation(own)).toBe('Your own port (the SFTP preset is 22)');
  });

  it('drops SSH-only logins when switching to FTPS', () => {
    expect(withProtocol(newDraft(null, { auth: 'agent' }), 'ftps-explicit').auth).toBe('password');
    expect(withProtocol(newDraft(null, { auth: 'ask' }), 'ftps-explicit').auth).toBe('ask');
  });
});
