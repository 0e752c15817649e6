import { describe, expect, it } from 'vitest';
import { takeReply } from './ftp-replies';

describe('takeReply', () => {
  const cases: { text: string; code?: number; reply?: string; consumed?: number }[] = [
    { text: '220 (vsFTPd 3.0.3)\r\n', code: 220, reply: '220 (vsFTPd 3.0.3)' },
    { text: '220 ready\n331 more\r\n', code: 220, reply: '220 ready', consumed: 10 },
    {
      text: '220-Welcome\r\n220-to the server\r\n220 ready\r\n',
      code: 220,
      reply: '220-Welcome\n220-to the server\n220 ready',
    },
    // Inner lines of a multi-line reply may look like anything, even other codes.
    { text: '230-Hi\r\n331 not the end\r\n230 done\r\n', code: 230 },
    { text: '220 no end of line yet' },
    { text: '220-first\r\n220-second\r\n' },
    { text: 'HTTP/1.1 400 Bad Request\r\n', code: 0, reply: 'HTTP/1.1 400 Bad Request' },
  ];
  it.each(cases)('$text', ({ text, code, reply, consumed }) => {
    const taken = takeReply(text);
    if (code === undefined) {
      expect(taken).toBeUndefined();
      return;
    }
    expect(taken?.reply.code).toBe(code);
    if (reply !== undefined) expect(taken?.reply.text).toBe(reply);
    expect(taken?.consumed).toBe(consumed ?? text.length);
  });
});
