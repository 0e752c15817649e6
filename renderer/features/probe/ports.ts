import { DEFAULT_PROBE_PORTS, MAX_PROBE_PORTS } from '../../../shared/contract/probe';

/** The ports field's first value: 22, 21, 990, plus the port the user is about to use. */
export function initialPortsText(currentPort?: number): string {
  const ports: number[] = [...DEFAULT_PROBE_PORTS];
  if (currentPort !== undefined && !ports.includes(currentPort)) ports.push(currentPort);
  return ports.join(', ');
}

/** Reads "22, 21 990;2222" into ports, or says in plain words what is wrong. */
export function parsePorts(text: string): { ports: number[] } | { problem: string } {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length === 0) return { problem: 'Give at least one port, e.g. 22, 21, 990.' };
  const ports: number[] = [];
  for (const part of parts) {
    const port = /^\d{1,5}$/.test(part) ? Number(part) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { problem: `“${part}” is not a port: ports are numbers from 1 to 65535.` };
    }
    if (!ports.includes(port)) ports.push(port);
  }
  if (ports.length > MAX_PROBE_PORTS) {
    return { problem: `Check at most ${MAX_PROBE_PORTS} ports at a time.` };
  }
  return { ports };
}
