/** Table-driven: which way in the check recommends, from what answered. */
import { describe, expect, it } from 'vitest';
import type { Grade, ProbeEndpoint, ProbeService } from '../../../shared/contract/probe';
import { recommend } from './recommend';

function open(port: number, service: ProbeService, grade: Grade, usable = true): ProbeEndpoint {
  return {
    port,
    status: 'open',
    service,
    grade,
    usable,
    reasons: [],
    notes: [],
    summary: '',
    elapsedMs: 1,
  };
}
function closed(port: number): ProbeEndpoint {
  return {
    port,
    status: 'closed',
    usable: false,
    reasons: [],
    notes: [],
    summary: '',
    elapsedMs: 1,
  };
}

describe('recommend', () => {
  const cases: { name: string; endpoints: ProbeEndpoint[]; expected?: [string, number] }[] = [
    {
      name: 'SFTP when SFTP, FTPS and FTP all answer equally well',
      endpoints: [
        open(21, 'ftps-explicit', 'A'),
        open(22, 'ssh', 'A'),
        open(990, 'ftps-implicit', 'A'),
      ],
      expected: ['sftp', 22],
    },
    {
      name: 'the better grade over the preferred protocol',
      endpoints: [open(22, 'ssh', 'C'), open(21, 'ftps-explicit', 'B')],
      expected: ['ftps-explicit', 21],
    },
    {
      name: 'explicit before implicit FTPS at the same grade',
      endpoints: [open(990, 'ftps-implicit', 'B'), open(21, 'ftps-explicit', 'B')],
      expected: ['ftps-explicit', 21],
    },
    {
      name: 'a weak FTPS rather than plain FTP',
      endpoints: [open(21, 'ftp', 'F'), open(990, 'ftps-implicit', 'D')],
      expected: ['ftps-implicit', 990],
    },
    {
      name: 'a custom SSH port',
      endpoints: [closed(22), open(2222, 'ssh', 'A'), open(21, 'ftp', 'F')],
      expected: ['sftp', 2222],
    },
    { name: 'nothing when only plain FTP answers', endpoints: [closed(22), open(21, 'ftp', 'F')] },
    { name: 'nothing when nothing answers', endpoints: [closed(22), closed(21), closed(990)] },
    {
      name: 'nothing Ferry cannot connect to',
      endpoints: [open(990, 'ftps-implicit', 'D', false), open(21, 'ftp', 'F')],
    },
    {
      name: 'not an SSH server whose key changed (F), FTPS instead',
      endpoints: [open(22, 'ssh', 'F'), open(21, 'ftps-explicit', 'B')],
      expected: ['ftps-explicit', 21],
    },
  ];
  it.each(cases)('$name', ({ endpoints, expected }) => {
    const recommendation = recommend(endpoints);
    if (!expected) {
      expect(recommendation).toBeUndefined();
      return;
    }
    expect([recommendation?.protocol, recommendation?.port]).toEqual(expected);
    expect(recommendation?.why).toMatch(/^(Strong settings|The best on offer here)/);
  });

  it('explains in plain words, and warns off plain FTP when it answers too', () => {
    const weak = {
      ...open(21, 'ftps-explicit', 'C'),
      reasons: [{ caps: 'C' as const, text: 'accepts TLS 1.0' }],
    };
    expect(recommend([weak])?.why).toBe(
      'The best on offer here. Its weakest point: accepts TLS 1.0.',
    );
    expect(recommend([open(22, 'ssh', 'A'), open(2121, 'ftp', 'F')])?.why).toBe(
      'Strong settings, and nothing weak on offer. Plain FTP on port 2121 also answers: avoid it, it sends your password unencrypted.',
    );
  });

  it('never recommends plain FTP, whatever grades it is given', () => {
    for (const grade of ['A', 'B', 'C', 'D', 'F'] as const) {
      expect(recommend([open(21, 'ftp', grade)])).toBeUndefined();
    }
  });
});
