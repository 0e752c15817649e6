import { describe, expect, it } from 'vitest';
import { formatLogLine, type LogLine } from './logStore';

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
