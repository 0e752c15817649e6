import { describe, expect, it } from 'vitest';
import { initialPortsText, parsePorts } from './ports';

describe('parsePorts', () => {
  const cases: { text: string; ports?: number[]; problem?: RegExp }[] = [
    { text: '22, 21, 990', ports: [22, 21, 990] },
    { text: ' 22 21;990,,2222 ', ports: [22, 21, 990, 2222] },
    { text: '22, 22, 21', ports: [22, 21] },
    { text: '', problem: /at least one port/ },
    { text: '22, ssh', problem: /“ssh” is not a port/ },
    { text: '0', problem: /from 1 to 65535/ },
    { text: '65536', problem: /not a port/ },
    { text: '22.5', problem: /not a port/ },
    { text: Array.from({ length: 17 }, (_, i) => i + 1).join(','), problem: /at most 16/ },
  ];
  it.each(cases)('"$text"', ({ text, ports, problem }) => {
    const parsed = parsePorts(text);
    if (ports) expect(parsed).toEqual({ ports });
    else expect('problem' in parsed && parsed.problem).toMatch(problem!);
  });
});

describe('initialPortsText', () => {
  it('adds the port about to be used when it is not a default one', () => {
    expect(initialPortsText()).toBe('22, 21, 990');
    expect(initialPortsText(21)).toBe('22, 21, 990');
    expect(initialPortsText(2222)).toBe('22, 21, 990, 2222');
  });
});
