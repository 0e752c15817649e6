import { Client } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { modeFromStatReply } from './ftp-upload-mode';
import { withoutTaskStacks } from './ftp-task-stacks';

const reply = (...lines: string[]) =>
  ['213-Status follows:', ...lines, '213 End of status'].join('\n');

describe('modeFromStatReply', () => {
  it('reads the bits of the one regular file vsftpd lists', () => {
    const line = '-rw-r--r--    1 1002     0            8192 Nov 26 15:29 f1.bin';
    expect(modeFromStatReply(reply(line), 'f1.bin')).toBe(0o644);
    const script = '-rwxr-x---    1 1002     0              10 Nov 26 15:29 run.sh';
    expect(modeFromStatReply(reply(script), 'run.sh')).toBe(0o750);
  });

  it('tells nothing when in doubt: no entry, several, another name, a link, special bits, an ACL', () => {
    const file = (mode: string, name = 'f') => `${mode}    1 u g 1 Nov 26 15:29 ${name}`;
    expect(modeFromStatReply(reply(), 'f')).toBeNull();
    expect(modeFromStatReply(reply(file('-rw-r--r--'), file('-rw-r--r--', 'g')), 'f')).toBeNull();
    expect(modeFromStatReply(reply(file('-rw-r--r--', 'other')), 'f')).toBeNull();
    expect(modeFromStatReply(reply(file('lrwxrwxrwx', 'f -> g')), 'f')).toBeNull();
    expect(modeFromStatReply(reply(file('-rwsr-xr-x')), 'f')).toBeNull();
    expect(modeFromStatReply(reply(file('-rw-r--r--+')), 'f')).toBeNull();
    expect(modeFromStatReply(reply(file('drwxr-xr-x')), 'f')).toBeNull();
  });
});

describe('withoutTaskStacks', () => {
  it('leaves the stack trace limit as it was, and failures still fail', async () => {
    const limit = Error.stackTraceLimit;
    const client = new Client();
    withoutTaskStacks(client);
    client.close();
    await expect(client.send('NOOP')).rejects.toThrow(/closed/i);
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
