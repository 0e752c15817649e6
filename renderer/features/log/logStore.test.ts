import { describe, expect, it } from 'vitest';
import { appendCapped, formatLogLine, type LogLine } from './logStore';

const line: LogLine = {
  sessionId: 's1',
  level: 'command',
  text: 'LIST /',
  at: Date.UTC(2026, 0, 2),
};

describe('log lines', () => {
  it('name their server when several are connected', () => {
    expect(formatLogLine(line, 'ann@files.example.com')).toMatch(
      /^\S.* command \[ann@files\.example\.com\] LIST \/$/,
    );
  });

  it('stay short with one server', () => {
    expect(formatLogLine(line)).toMatch(/^\S.* command LIST \/$/);
    expect(formatLogLine(line)).not.toContain('[');
  });
});

const numbered = (n: number): LogLine => ({ level: 'info', text: `line ${n}`, at: n });
const lines = (from: number, to: number): LogLine[] =>
  Array.from({ length: to - from }, (_, i) => numbered(from + i));

describe('appendCapped', () => {
  it('keeps every line while under the cap', () => {
    expect(appendCapped(lines(0, 3), lines(3, 5), 10)).toEqual(lines(0, 5));
  });

  it('drops the oldest lines first when a batch passes the cap', () => {
    expect(appendCapped(lines(0, 8), lines(8, 12), 10)).toEqual(lines(2, 12));
  });

  it('keeps only the newest lines of a batch larger than the cap', () => {
    expect(appendCapped(lines(0, 5), lines(5, 30), 10)).toEqual(lines(20, 30));
  });
});
