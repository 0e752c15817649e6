import { describe, expect, it } from 'vitest';
import { serverText } from './sftp-keyboard';

describe('serverText (a server’s login questions, shown to the user)', () => {
  it('keeps line breaks of multi-line instructions and drops what a terminal would obey', () => {
    expect(serverText('Choose:\r\n1. Push\r\n2. Call\x1b[2J\x07', 500)).toBe(
      'Choose:\n1. Push\n2. Call[2J',
    );
  });

  it('drops bidirectional overrides that would make text read backwards', () => {
    expect(serverText('Code \u202Eedoc\u202C:', 100)).toBe('Code edoc:');
  });

  it('cuts a very long text to the limit, marked as cut', () => {
    const cut = serverText('x'.repeat(5000), 200);
    expect(cut).toHaveLength(200);
    expect(cut.endsWith('…')).toBe(true);
  });
});
