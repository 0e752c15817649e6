import { describe, expect, it } from 'vitest';
import type { EmitEvent } from '../../../shared/contract';
import { createSessionLog } from '../log';
import { sshDebugLogger } from './sftp-log';

function logged(messages: string[]): string[] {
  const lines: string[] = [];
  const emit = ((_event: string, payload: { text: string }) =>
    lines.push(payload.text)) as EmitEvent;
  const log = createSessionLog(emit, 's1');
  const debug = sshDebugLogger(log);
  for (const message of messages) debug(message);
  return lines;
}

describe('the SSH session log', () => {
  it('leaves out the per-file requests of a transfer but keeps what a person reads', () => {
    const lines = logged([
      'Outbound: Sending CHANNEL_DATA (r:0, 61)',
      'SFTP: Outbound: Buffered OPEN',
      'SFTP: Inbound: Received HANDLE (id:3)',
      'SFTP: Outbound: Buffered READ',
      'SFTP: Outbound: Buffered FSETSTAT',
      'SFTP: Outbound: Buffered CLOSE',
      'SFTP: Inbound: Received STATUS (id:4, 0, "Success")',
      'SFTP: Inbound: Received STATUS (id:5, 3, "Permission denied")',
      'SFTP: Outbound: Buffered OPENDIR',
      'Handshake completed',
    ]);
    expect(lines).toEqual([
      expect.stringContaining('Permission denied'),
      expect.stringContaining('OPENDIR'),
      expect.stringContaining('Handshake completed'),
    ]);
  });
});
