import { describe, expect, it } from 'vitest';
import type { Grade, ProbeEndpoint, ProbeReport } from '../../../shared/contract/probe';
import { weakerChoiceHint } from './hint';

function endpoint(port: number, grade: Grade, service: ProbeEndpoint['service']): ProbeEndpoint {
  return {
    port,
    status: 'open',
    service,
    grade,
    usable: true,
    reasons: [],
    notes: [],
    summary: '',
    elapsedMs: 1,
  };
}

const REPORT: ProbeReport = {
  host: 'files.example.com',
  address: '192.0.2.1',
  startedAt: '2026-11-26T12:00:00.000Z',
  elapsedMs: 900,
  endpoints: [
    endpoint(22, 'A', 'ssh'),
    endpoint(21, 'C', 'ftps-explicit'),
    endpoint(990, 'A', 'ftps-implicit'),
  ],
  recommendation: { protocol: 'sftp', port: 22, grade: 'A', why: '' },
  secureOffered: true,
};

describe('weakerChoiceHint', () => {
  const cases: {
    name: string;
    protocol: 'sftp' | 'ftps-explicit' | 'ftps-implicit' | 'ftp';
    port: number;
    hint?: RegExp;
  }[] = [
    { name: 'the recommended choice', protocol: 'sftp', port: 22 },
    { name: 'another choice as good', protocol: 'ftps-implicit', port: 990 },
    {
      name: 'a weaker FTPS',
      protocol: 'ftps-explicit',
      port: 21,
      hint: /SFTP on port 22 \(grade A\), safer than your choice \(grade C\)/,
    },
    {
      name: 'plain FTP',
      protocol: 'ftp',
      port: 21,
      hint: /also offers SFTP on port 22, which encrypts/,
    },
    { name: 'a port the check did not see', protocol: 'sftp', port: 2222 },
  ];
  it.each(cases)('$name', ({ protocol, port, hint }) => {
    const text = weakerChoiceHint(REPORT, { protocol, port });
    if (hint) expect(text).toMatch(hint);
    else expect(text).toBeUndefined();
  });

  it('says nothing without a check or a recommendation', () => {
    expect(weakerChoiceHint(undefined, { protocol: 'ftp', port: 21 })).toBeUndefined();
    const { recommendation: _none, ...bare } = REPORT;
    expect(weakerChoiceHint(bare, { protocol: 'ftp', port: 21 })).toBeUndefined();
  });
});
